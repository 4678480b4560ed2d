"""Render letters: one letter in, its HTML page, plain text, TEI copy, citation downloads and
mention index out.

This is the part of the build that scales with the corpus, so it runs in a small process pool:
each worker builds one `LetterRenderer` in its initializer (one Saxon processor, stylesheets
compiled once, registers parsed once) and then renders the letters it is fed in chunks. The
parent gets back only each letter's small mention index, never the letter itself, so memory
stays flat however many letters there are. For a small corpus the parent renders the letters
itself with the same code and no pool.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edition import citation, paths
from edition.cmif_id import source_id
from edition.model import model
from edition.transform import Saxon, TransformError
from edition.write import copy_tei

# The entity registers, in the model's order (schema/model.xml).
REGISTER_KINDS = model().names


@dataclass(frozen=True)
class Setup:
    """Where a renderer reads and writes (picklable: it is sent to each worker)."""

    tei_dir: Path
    stage_dir: Path
    xslt_dir: Path
    config: Path


def new_saxon(setup: Setup) -> Saxon:
    """A Saxon processor with the parameters every stylesheet shares: config and registers."""
    saxon = Saxon(setup.xslt_dir)
    shared = {"config": saxon.parse_file(setup.config),
              "cmif-source-id": saxon.processor.make_string_value(source_id(setup.config)),
              "model": saxon.parse_file(paths.SCHEMA / "model.xml")}
    for kind in REGISTER_KINDS:
        shared[kind] = saxon.parse_file(setup.tei_dir / "registers" / f"{kind}.xml")
    shared["registers"] = saxon.processor.make_array([shared[kind] for kind in REGISTER_KINDS])
    saxon.share(**shared)
    # Every pointer to a register entry, as a map computed once here instead of once per letter.
    saxon.share(**{"pointer-index": saxon.call_template_value("mentions", "{urn:un-letters-edition}pointer-index")})
    return saxon


class LetterRenderer:
    """Renders letters with one Saxon processor (stylesheets compiled on first use, then reused)."""

    def __init__(self, setup: Setup, saxon: Saxon | None = None):
        self.setup = setup
        self.saxon = saxon or new_saxon(setup)
        self.letters_out = setup.stage_dir / "letters"
        self.letters_out.mkdir(parents=True, exist_ok=True)
        self.pages = None  # this process's edition.pages.PageWriter, made when first needed

    def render(self, task: tuple[str, str]) -> str:
        """Render one letter; `task` is (TEI path, context XML). Returns its mention index."""
        path, context = Path(task[0]), task[1]
        letter = self.saxon.parse_file(path)
        context_node = self.saxon.parse_text(context, f"{path}: corpus context")
        stem = path.stem
        # Three passes over the one parsed letter, each serialized to a string that is written
        # here: saxonche is slower writing files itself (xsl:result-document or transform_to_file)
        # than Python is, and a pass of its own costs no more than a secondary result.
        page = self.saxon.run("letter-html", letter, str(path), context=context_node)
        text = self.saxon.run("letter-text", letter, str(path))
        mentions = self.saxon.run("mentions", letter, str(path))
        cite = self.saxon.run("letter-cite", letter, str(path))
        _write_text(self.letters_out / f"{stem}.html", page)
        _write_text(self.letters_out / f"{stem}.txt", text)
        try:  # the citation downloads, .csl.json, .bib and .ris (edition.citation)
            citation.write(self.letters_out, stem, cite, str(path))
        except ValueError as exc:
            raise TransformError(str(exc)) from None
        copy_tei(path, self.letters_out / f"{stem}.xml")  # without foreign processing instructions
        return mentions


def _write_text(path: Path, text: str) -> None:
    """UTF-8, with the newlines the stylesheet wrote (LF), whatever the platform."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(text)


_WORKER: LetterRenderer | None = None
_INIT_ERROR: str | None = None


def init_worker(setup: Setup) -> None:
    """Pool initializer: build this worker's renderer once.

    An initializer must not raise (multiprocessing would restart the worker forever), so a
    failure (a register that does not parse, a stylesheet that does not compile) is kept and
    reported by the worker's first task instead.
    """
    global _WORKER, _INIT_ERROR
    try:
        _WORKER = LetterRenderer(setup)
    except Exception as exc:  # noqa: BLE001 - reported by _worker() as a build error
        _INIT_ERROR = str(exc) or type(exc).__name__


def _worker() -> LetterRenderer:
    if _WORKER is None:
        raise TransformError(_INIT_ERROR or "the worker was not initialised")
    return _WORKER


def render_in_worker(task: tuple[str, str]) -> str:
    """Pool task: render one letter with this worker's renderer."""
    try:
        return _worker().render(task)
    except OSError as exc:
        raise TransformError(f"{task[0]}: cannot write its output: {exc}") from None


def page_in_worker(job: tuple[str, str]) -> None:
    """Pool task: one corpus-level page (see edition.pages), with this worker's processor."""
    from edition.pages import PageWriter

    worker = _worker()
    if worker.pages is None:
        worker.pages = PageWriter(worker.saxon, worker.setup.tei_dir, worker.setup.stage_dir)
    try:
        worker.pages.run(job)
    except OSError as exc:
        raise TransformError(f"{job[0]} {job[1]}: cannot write its output: {exc}") from None


def summarise_in_worker(path: str):
    """Pool task: the letter's summary (see edition.corpus)."""
    from edition.corpus import summarise
    from edition.load import LoadError

    _worker()  # report a failed initialisation before doing anything
    try:
        return summarise(Path(path))
    except LoadError as exc:  # its fields do not survive pickling: send the message
        raise TransformError(str(exc)) from None
