"""`edition bench`: how fast validation and the build are, and whether memory stays flat.

The edition is small today, but the tools must keep up when it grows. The benchmark makes a
synthetic corpus of N letters (the real letters replicated under fresh ids, with the real
registers), then times validation and the build on it, each in a fresh Python process so that
the peak memory of one size does not hide in the next. Speed goals live here, never in tests:
timing depends on the machine, a test must not.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edition import load, paths

LETTER_ID = re.compile(r"^letter-\d{4}-\d{2}-\d{2}-[a-z]+$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--letters", type=int, nargs="+", default=[100, 1000, 10000], metavar="N",
        help="corpus sizes to measure (default: 100 1000 10000)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--tei", type=Path, default=paths.TEI, help="the corpus to replicate (default: tei/)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON lines")
    parser.add_argument("--compare", metavar="COMMIT",
                        help="also measure the build of COMMIT (e.g. the previous release) on the same corpora, "
                             "side by side, from a temporary git worktree")
    parser.add_argument("--steps", type=int, metavar="N",
                        help="instead: the CPU per letter of each step, in one process, on N letters "
                             "(see edition.bench_steps)")
    parser.add_argument("--tei-stylesheets", type=Path, metavar="DIR",
                        help="a checkout of the TEI Stylesheets to compare the letter's text and page with "
                             "(or EDITION_TEI_STYLESHEETS; see edition.bench_reference)")
    # Internal: measure one size in this process (the parent runs one child per size).
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)


class CorpusTooSmall(ValueError):
    """A synthetic corpus smaller than the edition itself was asked for."""


def make_corpus(source_tei: Path, target_tei: Path, n_letters: int) -> list[Path]:
    """Write a corpus of `n_letters` letters into `target_tei`, replicating the real ones.

    The corpus holds every real letter once (the registers have entries that only some letters
    use, and every entry must be used) and then copies of them in turn, whatever letters exist.
    Each copy gets a fresh id (the real id with a numeric suffix, as the guidelines allow for a
    second letter of the same day and sender); every id inside the file is prefixed by the
    letter id, so one textual replacement renews them all. Each copy names its own copy of the
    witness (a hard link where possible), with the checksum recorded, since a witness is encoded
    by one letter only.

    Raises CorpusTooSmall when `n_letters` is less than the number of real letters.
    """
    from edition import witness

    originals = sorted((source_tei / "letters").glob("letter-*.xml"))
    originals = [p for p in originals if LETTER_ID.match(p.stem)]
    if not originals:
        raise CorpusTooSmall(f"no letters found in {source_tei / 'letters'}")
    if n_letters < len(originals):
        raise CorpusTooSmall(f"{n_letters} letters is fewer than the {len(originals)} letters of the edition, which "
                             f"every synthetic corpus contains: give --letters {len(originals)} or more")
    (target_tei / "letters").mkdir(parents=True, exist_ok=True)
    shutil.copytree(source_tei / "registers", target_tei / "registers", dirs_exist_ok=True)
    witnesses_in, witnesses_out = source_tei / witness.WITNESSES, target_tei / witness.WITNESSES
    witnesses_out.mkdir(parents=True, exist_ok=True)
    recorded = witness.recorded_checksums(source_tei)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in originals}
    names = {p.stem: witness.source_name(load.parse(p)) for p in originals}
    sums = []
    written = []
    for i in range(n_letters):
        stem = originals[i % len(originals)].stem
        copy_number = i // len(originals)
        new_id = stem if copy_number == 0 else f"{stem}-{copy_number + 1}"
        text = texts[stem] if copy_number == 0 else texts[stem].replace(stem, new_id)
        name = names[stem]
        if name and (witnesses_in / name).is_file():
            new_name = name if copy_number == 0 else f"{Path(name).stem}-{copy_number + 1}{Path(name).suffix}"
            text = text.replace(f">{name}<", f">{new_name}<")
            _link_or_copy(witnesses_in / name, witnesses_out / new_name)
            sums.append(f"{recorded.get(name) or witness.sha256(witnesses_in / name)}  {new_name}\n")
        target = target_tei / "letters" / f"{new_id}.xml"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (witnesses_out / witness.CHECKSUMS).write_text("".join(sorted(sums, key=lambda line: line[66:])), encoding="utf-8")
    return written


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link (a corpus of 10,000 letters needs no 10,000 copies of five witnesses), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def peak_memory_mib() -> float:
    """Peak resident memory of this process and its finished workers, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure_one(n_letters: int, source_tei: Path, workdir: Path, jobs: int | None) -> dict:
    """Validate and build a synthetic corpus of `n_letters`; return the figures.

    Three runs: validation alone, the build alone (no validation), and the two together as
    `edition build` runs them (end to end), where the build reuses what validation parsed.
    """
    from edition.build import build
    from edition.validate import validate

    tei_dir = workdir / "tei"
    make_corpus(source_tei, tei_dir, n_letters)
    files = sorted(tei_dir.rglob("*.xml"))

    start = time.perf_counter()
    problems = validate(files, jobs=jobs)
    validate_seconds = time.perf_counter() - start
    if problems:
        first = problems[0]
        raise SystemExit(f"edition bench: the synthetic corpus is not valid: {first}")

    start = time.perf_counter()
    status = build(tei_dir, workdir / "output", jobs=jobs, quiet=True, validate_first=False)
    build_seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit("edition bench: the build failed on the synthetic corpus")
    shutil.rmtree(workdir / "output")

    start = time.perf_counter()
    status = build(tei_dir, workdir / "output", jobs=jobs, quiet=True, validate_first=True)
    total = time.perf_counter() - start
    if status != 0:
        raise SystemExit("edition bench: validating and building the synthetic corpus failed")

    rebuild_nothing, rebuild_edit = _rebuild_seconds(tei_dir, workdir / "output", jobs)
    peak = round(peak_memory_mib(), 1)  # before `edition serve` runs: its process is not the build's
    return {
        "letters": n_letters,
        "rebuild_nothing_changed_s": rebuild_nothing,
        "rebuild_one_word_s": rebuild_edit,
        "validate_s": round(validate_seconds, 3),
        "validate_letters_per_s": round(n_letters / validate_seconds, 1),
        "build_s": round(build_seconds, 3),
        "build_letters_per_s": round(n_letters / build_seconds, 1),
        "end_to_end_s": round(total, 3),
        "end_to_end_letters_per_s": round(n_letters / total, 1),
        "peak_memory_mib": peak,
        **_serve_figures(tei_dir, workdir / "output", jobs),
    }


def _serve_figures(tei_dir: Path, out: Path, jobs: int | None) -> dict:
    """Edit to preview under `edition serve` (edition.bench_serve), on the built corpus."""
    from edition.bench_serve import ServeFailed, measure

    try:
        figures = measure(tei_dir, out, jobs)
    except ServeFailed as exc:
        raise SystemExit(f"edition bench: {exc}") from None
    return {"serve_preview_s": figures.preview_s, "serve_preview_cpu_s": figures.preview_cpu_s,
            "serve_follow_up_s": figures.follow_up_s, "serve_follow_up_cpu_s": figures.follow_up_cpu_s}


# The word the one-word rebuild writes (edition serve's figure writes another, edition.bench_serve.WORD).
REBUILD_WORD = "Tanganyikan"


def _rebuild_seconds(tei_dir: Path, out: Path, jobs: int | None) -> tuple[float | None, float | None]:
    """`edition build` again with nothing changed, then after a one-word edit of one letter (a
    word of its text corrected, encoded as sic/corr so the corpus stays valid: the text, the
    search index, the corpus text and the context of a nearby mention change, as after an
    editor's edit), validation included. (None, None) for a version without incremental builds
    (no manifest in its output)."""
    from edition.bench_serve import edit_one_word
    from edition.build import build

    if not (out / ".edition-manifest.json").is_file():
        return None, None
    start = time.perf_counter()
    if build(tei_dir, out, jobs=jobs, quiet=True, validate_first=True) != 0:
        raise SystemExit("edition bench: the rebuild with nothing changed failed")
    nothing = time.perf_counter() - start
    letters = sorted((tei_dir / "letters").glob("*.xml"))
    edit_one_word(letters[len(letters) // 2], REBUILD_WORD)
    start = time.perf_counter()
    if build(tei_dir, out, jobs=jobs, quiet=True, validate_first=True) != 0:
        raise SystemExit("edition bench: the rebuild after a one-word edit failed")
    return round(nothing, 3), round(time.perf_counter() - start, 3)


def cold_build_seconds(source_tei: Path, root: Path | None = None) -> float:
    """Wall time of `edition build` on the real corpus in a new process (a cold start), by the
    `edition` of `root` (default: this one)."""
    root = root or source_tei.parent
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "edition.cli", "build", "--quiet", "--tei", str(source_tei),
             "--out", str(Path(tmp) / "out")],
            cwd=root, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root / "scripts")},
        )
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"edition bench: building the real edition failed:\n{result.stdout}{result.stderr}")
    return elapsed


def _too_small(source_tei: Path, sizes: list[int], option: str = "--letters") -> str | None:
    """The one-line reason why a corpus size cannot be made, or None."""
    letters = [p for p in (source_tei / "letters").glob("letter-*.xml") if LETTER_ID.match(p.stem)]
    if not letters:
        return f"no letters found in {source_tei / 'letters'}"
    small = [n for n in sizes if n < len(letters)]
    if small:
        return (f"{option} {small[0]} is fewer than the {len(letters)} letters of the edition, which every synthetic "
                f"corpus contains: give {len(letters)} or more")
    return None


def run(args: argparse.Namespace) -> int:
    sizes = [args.steps] if args.steps is not None else ([args.one] if args.one else args.letters)
    too_small = _too_small(args.tei.resolve(), [n for n in sizes if n >= 1 or args.steps is None],
                           "--steps" if args.steps is not None else "--letters")
    if too_small:
        print(f"edition bench: {too_small}", file=sys.stderr)
        return 2
    if args.one:
        figures = measure_one(args.one, args.tei.resolve(), args.workdir, args.jobs)
        print(json.dumps(figures))
        return 0
    if args.steps is not None:
        if args.steps < 1:
            print("edition bench: --steps must be 1 or more", file=sys.stderr)
            return 2
        from edition.bench_steps import run_steps

        return run_steps(args.tei.resolve(), args.steps, args.json)
    jobs = args.jobs or os.cpu_count() or 1
    print(f"edition bench: {os.cpu_count()} cores, {jobs} worker processes", file=sys.stderr)
    from edition.bench_validate import save_seconds
    from edition.bench_reference import report  # stdout keeps one JSON line per size with --json

    valid, broken = save_seconds(args.tei.resolve())
    prose = sys.stderr if args.json else sys.stdout  # with --json, stdout holds only the JSON lines
    print(f"validate one letter on save (edition validate FILE): {valid:.2f} s, {broken:.2f} s with an XSD error",
          file=prose)
    print("\n".join(report(args.tei.resolve(), args.tei_stylesheets)), file=prose)
    with _Versions(args.compare) as versions:
        rows = {}
        for label, root in versions.roots():
            cold = cold_build_seconds(args.tei.resolve(), root)
            print(f"{label}: real edition, cold build (new process, validation included): {cold:.2f} s")
            for n in args.letters:
                row = _measure_in_child(n, args.tei.resolve(), jobs, root)
                if row is None:
                    return 1
                rows.setdefault(n, []).append((label, row))
    if args.json:
        for n in args.letters:
            for label, row in rows[n]:
                print(json.dumps({"version": label, **row}))
        return 0
    _print_table(args.letters, rows)
    _print_serve(args.letters, rows)
    return 0


def _print_serve(sizes: list[int], rows: dict) -> None:
    """Edit to preview (edition.bench_serve): wall time, and the CPU of the serve process."""
    for n in sizes:
        for label, row in rows[n]:
            if "serve_preview_s" in row:
                cpu = [row[key] if row[key] is not None else "?" for key in ("serve_preview_cpu_s", "serve_follow_up_cpu_s")]
                print(f"{label}: {n} letters, edition serve, save to page: {row['serve_preview_s']:.2f} s ({cpu[0]} s CPU); "
                      f"then the rest of the site: {row['serve_follow_up_s']:.2f} s ({cpu[1]} s CPU)")


def _measure_in_child(n: int, source_tei: Path, jobs: int, root: Path) -> dict | None:
    """One corpus size measured by the `edition` of `root` (this one or the compared commit), in
    a fresh process."""
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        command = [sys.executable, "-m", "edition.cli", "bench", "--one", str(n),
                   "--workdir", tmp, "--tei", str(source_tei), "--jobs", str(jobs)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=root,
                                env={**os.environ, "PYTHONPATH": str(root / "scripts")})
    if result.returncode != 0:
        print(result.stderr.strip() or result.stdout.strip(), file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def _print_table(sizes: list[int], rows: dict) -> None:
    def seconds(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    print(f"{'version':<10} {'letters':>8} {'validate/s':>11} {'build/s':>9} {'end-to-end/s':>13} "
          f"{'rebuild, none s':>16} {'rebuild, 1 word s':>18} {'peak MiB':>9}")
    for n in sizes:
        for label, row in rows[n]:
            print(f"{label:<10} {row['letters']:>8} {row['validate_letters_per_s']:>11} {row['build_letters_per_s']:>9} "
                  f"{row['end_to_end_letters_per_s']:>13} {seconds(row.get('rebuild_nothing_changed_s')):>16} "
                  f"{seconds(row.get('rebuild_one_word_s')):>18} {row['peak_memory_mib']:>9}")


class _Versions:
    """This version, and with --compare the given commit checked out in a temporary git worktree
    (removed afterwards), so both are measured in one run on the same corpora."""

    def __init__(self, commit: str | None):
        self.commit, self.tmp, self.worktree = commit, None, None

    def __enter__(self) -> "_Versions":
        if self.commit:
            self.tmp = tempfile.mkdtemp(prefix="edition-bench-previous-")
            self.worktree = Path(self.tmp) / "previous"
            subprocess.run(["git", "-C", str(paths.ROOT), "worktree", "add", "--detach", str(self.worktree), self.commit],
                           check=True, capture_output=True)
        return self

    def roots(self) -> list[tuple[str, Path]]:
        found = [("this", paths.ROOT)]
        if self.worktree is not None:
            found.append((self.commit[:10], self.worktree))
        return found

    def __exit__(self, *_exc) -> bool:
        if self.worktree is not None:
            subprocess.run(["git", "-C", str(paths.ROOT), "worktree", "remove", "--force", str(self.worktree)],
                           capture_output=True)
            shutil.rmtree(self.tmp, ignore_errors=True)
        return False
