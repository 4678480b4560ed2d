"""`edition bench --steps N`: where the CPU goes, per letter, step by step.

The throughput figures of `edition bench` say how fast; these say why, and what a faster
machine or a cheaper stylesheet would buy. Every figure is CPU time of this one process
(`time.process_time`, so nothing else running on the machine counts), in milliseconds per
letter, over a synthetic corpus of N letters (the real letters replicated, as the benchmark
makes them), after a warm-up that has compiled the schemas and stylesheets:

- validation of one file (`edition.validate.validate_file`), and within it each layer timed
  on its own: the XSD, the Schematron, the coverage and the witness layers, and parsing with
  the cross-file facts and the letter's summary (so the parts add up to the whole only
  roughly: each is its own measurement, none is a difference);
- Saxon parsing the letter and its corpus context, and each per-letter stylesheet (page, plain
  text, mention index), run exactly as the build runs them;
- everything else a letter costs end to end (its share of the registers' back-links, the
  index, the CMIF file, the zip, the cross-file checks, and the build's fixed costs spread over
  the N letters): measured directly in one whole one-process `edition build` (validation
  included), as the CPU of the build outside the validation of each file and outside the
  rendering of each letter (both timed where they run, in the same build). A part of one
  measurement, never the difference of two noisy builds, so it is never negative.

For scale, two stylesheets that do almost nothing are timed on the same letters: one copies the
letter unchanged, one wraps each element in an HTML `<span>`. They are no step of the build
(they count in no total), only the least any rendering of a letter costs in saxonche.

The marginal total divided into the machine's CPU seconds gives the most letters per second the
pipeline can reach end to end on this machine, however well the work is spread over its cores.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from edition import paths

# (key, label) of each figure, in the order printed; indented labels are parts of the line above.
FIGURES = (
    ("validate", "validation of the file (edition validate)"),
    ("validate_xsd", "  XSD (schema/edition.xsd)"),
    ("validate_schematron", "  Schematron (schema/edition.sch)"),
    ("validate_coverage", "  coverage by the registers (edition.coverage)"),
    ("validate_witness", "  fidelity to the witness (edition.witness)"),
    ("validate_rest", "  parsing, cross-file facts, letter summary"),
    ("saxon_parse", "Saxon parses the letter and its context"),
    ("letter_html", "letter page (xslt/letter-html.xsl)"),
    ("letter_text", "plain text (xslt/letter-text.xsl)"),
    ("mentions", "mention index (xslt/mentions.xsl)"),
    ("rest", "the rest: back-links, index, CMIF, zip, fixed"),
)
# Figures for scale only (see above), printed after the total.
REFERENCES = (
    ("reference_copy", "copying the letter unchanged (XML)"),
    ("reference_spans", "each element wrapped in a <span> (HTML)"),
)
_REFERENCE_STYLESHEETS = {
    "reference_copy": """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>""",
    "reference_spans": """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" html-version="5"/>
  <xsl:template match="*"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:template>
</xsl:stylesheet>""",
}
# The figures that add up to the total (the indented ones are parts of "validate").
SUMMED = ("validate", "saxon_parse", "letter_html", "letter_text", "mentions", "rest")


def _cpu_ms_per_letter(action, items) -> float:
    """Mean CPU milliseconds of `action(item)` over `items`."""
    items = list(items)
    start = time.process_time()
    for item in items:
        action(item)
    return (time.process_time() - start) * 1000 / len(items)


def _build_rest_cpu_seconds(tei_dir: Path, out_dir: Path) -> float:
    """CPU seconds of one `edition build` in this process (one job: no worker to miss) spent
    outside validating each file and rendering each letter, the steps timed on their own."""
    from edition import render, validate
    from edition.build import build

    inside = [0.0]

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                inside[0] += time.process_time() - start
        return wrapper

    original_validate, original_render = validate.validate_file, render.LetterRenderer.render
    validate.validate_file = timed(original_validate)
    render.LetterRenderer.render = timed(original_render)
    try:
        start = time.process_time()
        status = build(tei_dir, out_dir, jobs=1, quiet=True, validate_first=True)
        seconds = time.process_time() - start
    finally:
        validate.validate_file, render.LetterRenderer.render = original_validate, original_render
    if status != 0:
        raise SystemExit("edition bench: building the synthetic corpus failed")
    return max(0.0, seconds - inside[0])


def measure_steps(source_tei: Path, n_letters: int, workdir: Path) -> dict:
    """The CPU figures (see FIGURES), in ms per letter, plus the total and the cores."""
    from edition import load, schematron, xsd
    from edition.bench import make_corpus
    from edition.build import CONFIG
    from edition.corpus import context_xml, document_symbols, relate, summarise
    from edition.render import Setup, new_saxon
    from edition.validate import validate_file

    small = workdir / "small" / "tei"
    letters = make_corpus(source_tei, small, n_letters)

    figures: dict[str, float] = {}
    # Validation, after a warm-up that compiles the XSD and the Schematron.
    for path in letters[:5]:
        validate_file(path, summarise=True)
    figures["validate"] = _cpu_ms_per_letter(lambda p: validate_file(p, summarise=True), letters)
    trees = [load.parse_bytes(p, p.read_bytes()) for p in letters]
    figures["validate_xsd"] = _cpu_ms_per_letter(lambda t: xsd.errors(t, paths.XSD), trees)
    figures["validate_schematron"] = _cpu_ms_per_letter(lambda t: schematron.failures(t, paths.SCHEMATRON), trees)
    from edition import corpus, coverage, crossfile, witness
    from edition.crossfile import corpus_of

    def located(element, attribute, message, rule):
        return None

    index = coverage.index_for(corpus_of(letters[0]))
    figures["validate_coverage"] = _cpu_ms_per_letter(
        lambda pt: coverage.letter_problems(pt[0], pt[1], index, located), list(zip(letters, trees)))
    figures["validate_witness"] = _cpu_ms_per_letter(
        lambda pt: witness.problems(pt[0], pt[1], corpus_of(pt[0]), located), list(zip(letters, trees)))

    def parse_and_summarise(path):
        tree = load.parse_bytes(path, path.read_bytes())
        crossfile.facts(tree, path)
        corpus.summary_of(tree.getroot(), path)

    figures["validate_rest"] = _cpu_ms_per_letter(parse_and_summarise, letters)

    # The per-letter stylesheets, on the trees and contexts the build gives them.
    summaries = [summarise(p) for p in letters]
    by_id = {s.id: s for s in summaries}
    relations = relate(summaries, document_symbols(small / "registers" / "documents.xml"))
    contexts = {s.id: context_xml(s.id, relations, by_id) for s in summaries}
    setup = Setup(tei_dir=small.resolve(), stage_dir=workdir / "stage", xslt_dir=paths.XSLT, config=CONFIG)
    saxon = new_saxon(setup)
    jobs = [(str(p), contexts[s.id]) for p, s in zip(letters, summaries)]

    def parse(job):
        return saxon.parse_file(Path(job[0])), saxon.parse_text(job[1], job[0])

    parsed = [parse(job) for job in jobs]
    for letter, context in parsed[:5]:  # warm-up: compiles the three stylesheets
        saxon.run("letter-html", letter, "warm-up", context=context)
        saxon.run("letter-text", letter, "warm-up")
        saxon.run("mentions", letter, "warm-up")
    figures["saxon_parse"] = _cpu_ms_per_letter(parse, jobs)
    figures["letter_html"] = _cpu_ms_per_letter(
        lambda lc: saxon.run("letter-html", lc[0], "bench", context=lc[1]), parsed)
    figures["letter_text"] = _cpu_ms_per_letter(lambda lc: saxon.run("letter-text", lc[0], "bench"), parsed)
    figures["mentions"] = _cpu_ms_per_letter(lambda lc: saxon.run("mentions", lc[0], "bench"), parsed)
    for key, text in _REFERENCE_STYLESHEETS.items():
        executable = saxon.compiler.compile_stylesheet(stylesheet_text=text)
        executable.transform_to_string(xdm_node=parsed[0][0])  # warm-up
        figures[key] = _cpu_ms_per_letter(lambda lc: executable.transform_to_string(xdm_node=lc[0]), parsed)

    # Everything else, timed in a whole build of the same letters.
    figures["rest"] = _build_rest_cpu_seconds(small, workdir / "small" / "out") * 1000 / n_letters
    figures = {key: round(value, 2) for key, value in figures.items()}
    total = round(sum(figures[key] for key in SUMMED), 2)
    cores = os.cpu_count() or 1
    return {"letters": n_letters, "cores": cores, "ms_per_letter": figures, "total_ms": total,
            "ceiling_letters_per_s": round(cores * 1000 / total, 1) if total > 0 else None}


def run_steps(source_tei: Path, n_letters: int, as_json: bool) -> int:
    """Print the figures of `measure_steps` as a table (or one JSON line)."""
    import json

    with tempfile.TemporaryDirectory(prefix="edition-bench-steps-") as tmp:
        result = measure_steps(source_tei, n_letters, Path(tmp))
    if as_json:
        print(json.dumps(result))
        return 0
    figures = result["ms_per_letter"]
    print(f"CPU per letter in one process, ms ({n_letters} letters):")
    for key, label in FIGURES:
        print(f"  {label:<48} {figures[key]:>7.2f}")
    print(f"  {'total':<48} {result['total_ms']:>7.2f}")
    if result["ceiling_letters_per_s"] is not None:
        print(f"at most {result['ceiling_letters_per_s']} letters/s end to end on {result['cores']} cores")
    print("for scale, stylesheets that do almost nothing, on the same letters:")
    for key, label in REFERENCES:
        print(f"  {label:<48} {figures[key]:>7.2f}")
    return 0
