"""The edition's per-letter stylesheets against the TEI Consortium's reference stylesheets.

A figure of `edition bench`: how the plain text of a letter (xslt/letter-text.xsl) compares in
speed with the TEI Stylesheets' txt/tei-to-text.xsl, and the letter page (xslt/letter-html.xsl)
with their html/html.xsl, each run in the same saxonche processor on the same parsed letters
(the edition's letters, several rounds), after a warm-up that compiled them. Figures are CPU
milliseconds per letter of this process (`time.process_time`), so other work on the machine
does not count; the ratio is theirs over ours ("4.0x" means ours takes a quarter of the time).

The TEI Stylesheets are not part of the edition and are never committed: the benchmark finds a
checkout of them (its folders txt/, html/, common/ and its i18n.xml) through the option
`--tei-stylesheets DIR` or the environment variable EDITION_TEI_STYLESHEETS, and skips this
figure with a message when neither names one.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from edition import paths

ENV = "EDITION_TEI_STYLESHEETS"
# (figure, our stylesheet in edition.transform.STYLESHEETS, the TEI Stylesheets' file)
PAIRS = (
    ("plain text", "letter-text", "txt/tei-to-text.xsl"),
    ("HTML page", "letter-html", "html/html.xsl"),
)


def locate(option: Path | None) -> tuple[Path | None, str]:
    """The checkout of the TEI Stylesheets to measure against, or None and why not."""
    folder = option or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if folder is None:
        return None, (f"skipped: no TEI Stylesheets given (--tei-stylesheets DIR or {ENV}=DIR, "
                      "a checkout of github.com/TEIC/Stylesheets)")
    missing = [name for _, _, name in PAIRS if not (folder / name).is_file()]
    if missing:
        return None, f"skipped: {folder} has no {', '.join(missing)} (is it a checkout of the TEI Stylesheets?)"
    return folder, ""


def _cpu_ms(action, items, rounds: int) -> float:
    """Mean CPU milliseconds of `action(item)` over `rounds` passes over `items`."""
    start = time.process_time()
    for _ in range(rounds):
        for item in items:
            action(item)
    return (time.process_time() - start) * 1000 / (rounds * len(items))


def _letters_with_contexts(tei_dir: Path):
    """The letters of the corpus with the context XML the build gives each page."""
    from edition.corpus import context_xml, document_symbols, relate, summarise

    letters = sorted((tei_dir / "letters").glob("letter-*.xml"))
    summaries = [summarise(path) for path in letters]
    by_id = {summary.id: summary for summary in summaries}
    relations = relate(summaries, document_symbols(tei_dir / "registers" / "documents.xml"))
    return [(path, context_xml(summary.id, relations, by_id)) for path, summary in zip(letters, summaries)]


def measure(tei_dir: Path, stylesheets: Path, rounds: int = 20, xslt_dir: Path = paths.XSLT) -> list[dict]:
    """One row per pair: {figure, ours_ms, theirs_ms, ratio} on the letters of `tei_dir` (ours:
    the stylesheets of `xslt_dir`, by default the edition's; another release's can be given)."""
    import tempfile

    from edition.build import CONFIG
    from edition.render import Setup, new_saxon

    with tempfile.TemporaryDirectory(prefix="edition-bench-reference-") as tmp:
        setup = Setup(tei_dir=tei_dir.resolve(), stage_dir=Path(tmp), xslt_dir=xslt_dir, config=CONFIG)
        saxon = new_saxon(setup)
        parsed = [(saxon.parse_file(path), saxon.parse_text(context, str(path)))
                  for path, context in _letters_with_contexts(tei_dir)]
        rows = []
        for figure, ours, theirs in PAIRS:
            reference = saxon.compiler.compile_stylesheet(stylesheet_file=str((stylesheets / theirs).resolve()))

            def run_ours(item, name=ours):
                return saxon.run(name, item[0], "bench", **({"context": item[1]} if name == "letter-html" else {}))

            def run_theirs(item, executable=reference):
                return executable.transform_to_string(xdm_node=item[0])

            for item in parsed:  # warm-up: compiles ours, loads theirs' i18n tables
                run_ours(item)
                run_theirs(item)
            ours_ms = _cpu_ms(run_ours, parsed, rounds)
            theirs_ms = _cpu_ms(run_theirs, parsed, rounds)
            rows.append({"figure": figure, "ours_ms": round(ours_ms, 2), "theirs_ms": round(theirs_ms, 2),
                         "ratio": round(theirs_ms / ours_ms, 1) if ours_ms > 0 else None})
    return rows


def report(tei_dir: Path, option: Path | None, rounds: int = 20) -> list[str]:
    """The lines `edition bench` prints for this figure (one line saying why when skipped)."""
    stylesheets, why = locate(option)
    if stylesheets is None:
        return [f"TEI Stylesheets comparison {why}"]
    lines = [f"per letter against the TEI Stylesheets ({stylesheets}), CPU ms, same saxonche:"]
    for row in measure(tei_dir, stylesheets, rounds):
        lines.append(f"  {row['figure']:<12} ours {row['ours_ms']:>7.2f}   TEI Stylesheets {row['theirs_ms']:>7.2f}"
                     f"   ours {row['ratio']}x faster")
    return lines


def main(argv: list[str] | None = None) -> int:
    """`python -m edition.bench_reference [--tei-stylesheets DIR] [--rounds N]`: this figure alone."""
    import argparse

    parser = argparse.ArgumentParser(prog="edition-bench-reference", description=__doc__.splitlines()[0])
    parser.add_argument("--tei-stylesheets", type=Path, help=f"a checkout of the TEI Stylesheets (or {ENV})")
    parser.add_argument("--tei", type=Path, default=paths.TEI, help="the corpus (default: tei/)")
    parser.add_argument("--rounds", type=int, default=20, help="passes over the letters (default: 20)")
    args = parser.parse_args(argv)
    for line in report(args.tei, args.tei_stylesheets, args.rounds):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
