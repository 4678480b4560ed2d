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

    return {
        "letters": n_letters,
        "validate_s": round(validate_seconds, 3),
        "validate_letters_per_s": round(n_letters / validate_seconds, 1),
        "build_s": round(build_seconds, 3),
        "build_letters_per_s": round(n_letters / build_seconds, 1),
        "end_to_end_s": round(total, 3),
        "end_to_end_letters_per_s": round(n_letters / total, 1),
        "peak_memory_mib": round(peak_memory_mib(), 1),
    }


def cold_build_seconds(source_tei: Path) -> float:
    """Wall time of `edition build` on the real corpus in a new process (a cold start)."""
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "edition.cli", "build", "--quiet", "--out", str(Path(tmp) / "out")],
            cwd=source_tei.parent, capture_output=True, text=True,
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
    cold = cold_build_seconds(args.tei.resolve())
    from edition.bench_validate import save_seconds

    valid, broken = save_seconds(args.tei.resolve())
    print(f"real edition, cold build (new process, validation included): {cold:.2f} s; "
          f"validate one letter on save (edition validate FILE): {valid:.2f} s, {broken:.2f} s with an XSD error")
    from edition.bench_reference import report  # stdout keeps one JSON line per size with --json
    print("\n".join(report(args.tei.resolve(), args.tei_stylesheets)), file=sys.stderr if args.json else sys.stdout)
    rows = []
    for n in args.letters:
        with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
            command = [sys.executable, "-m", "edition.cli", "bench", "--one", str(n),
                       "--workdir", tmp, "--tei", str(args.tei.resolve()), "--jobs", str(jobs)]
            result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr.strip() or result.stdout.strip(), file=sys.stderr)
            return 1
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    header = f"{'letters':>8} {'validate/s':>11} {'build/s':>9} {'end-to-end/s':>13} {'peak MiB':>9}"
    print(header)
    for row in rows:
        print(f"{row['letters']:>8} {row['validate_letters_per_s']:>11} {row['build_letters_per_s']:>9} "
              f"{row['end_to_end_letters_per_s']:>13} {row['peak_memory_mib']:>9}")
    return 0
