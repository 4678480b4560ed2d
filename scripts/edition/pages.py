"""Corpus-level pages: the registers, the index, the guidelines, the editorial sources, the CMIF
file, the corpus-text header.

Each page is a small job, `(name, argument)`, that any process with a Saxon processor can run:
the build hands them to its worker pool (they are independent of each other) while it zips the
corpus itself. The inputs they share are work files in the staging directory, written by the
build before the jobs start: the letter summaries in chunks of LETTER_CHUNK letters
(`.letters/*.xml`), the summaries of the letters each register names
(`.letters-{kind}.xml`, see `cited_letters`) and the mentions of each register entry
(`.mentions/{kind}/{entry-id}.xml`, one `<m …/>` line per letter that mentions the entry, in
date order; see mentions.xsl).

A register page grows with the corpus (every entry lists every letter that mentions it), so it
is written in pieces and never held in memory: register.xsl renders the page without the
back-links, leaving a marker in each mentioned entry's list, and the page is then copied to its
file with each marker replaced by the entry's back-links, rendered by register-mentions.xsl
from at most MENTION_CHUNK letters at a time. The bytes are those of one page rendered at once.
The index page is written the same way: index.xsl leaves a marker in the table body, replaced by
the rows index-rows.xsl renders from each chunk of letter summaries; so is the CMIF file (its
correspDesc elements by cmif-rows.xsl) and the list of letters in the corpus-text header
(corpus-text-rows.xsl). No page job reads the whole corpus summary.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from edition import paths
from edition.transform import Saxon, TransformError

CORPUS_HEADER_FILE = ".corpus-header.txt"
# The facts of the index page's statement of the selection (edition.corpus.selection_xml).
SELECTION_FILE = ".selection.xml"
# The list of editorial sources: a register of the corpus, but not an entity register (no
# mentions, no back-links), rendered to its own page, sources.html.
SOURCES = "sources"
# The letter summaries again, in chunks of LETTER_CHUNK letters (the rows of the index page).
LETTER_CHUNKS_DIR = ".letters"
LETTER_CHUNK = 500
_ROWS_MARKER = re.compile(rb"<\?edition-rows ?>")
# In cmif.xml: the marker (on its own, indented line), the chunks' latest change, and the
# elements inside a chunk's profileDesc (cmif-rows.xsl), with the indentation of the whole file.
_CORRESPONDENCE_MARKER = re.compile(rb"<profileDesc><\?edition-correspondence\?></profileDesc>")
_LATEST = re.compile(rb'<profileDesc latest="([0-9-]*)"')
_PROFILE = re.compile(rb'<profileDesc latest="[0-9-]*"(?:/>|>(.*)(\n *)</profileDesc>)', re.DOTALL)
# register-mentions.xsl wraps the list items in <html> (see there); the build keeps what is inside.
_WRAP_START = '<!DOCTYPE HTML><html xmlns="http://www.w3.org/1999/xhtml">'
_WRAP_END = "</html>"


def _profile_inner(data: bytes, what: Path) -> tuple[bytes, bytes]:
    """The correspDesc elements of a cmif-rows.xsl output (b"" when it has none) and the
    indentation before its </profileDesc>."""
    found = _PROFILE.search(data)
    if found is None:
        raise TransformError(f"{what}: unexpected output of cmif-rows.xsl")
    return found.group(1) or b"", found.group(2) or b""


def write_letter_chunks(stage: Path, summaries_xml) -> None:
    """The letter summaries (an iterable of `<letter>` strings, in date order) in chunk files of
    LETTER_CHUNK letters, `.letters/{first:07d}-{last:07d}.xml` (1-based positions), in order."""
    folder = stage / LETTER_CHUNKS_DIR
    folder.mkdir(exist_ok=True)
    chunk: list[str] = []
    done = 0
    for xml in summaries_xml:
        chunk.append(xml)
        if len(chunk) == LETTER_CHUNK:
            _write_chunk(folder, done, chunk)
            done += len(chunk)
            chunk = []
    if chunk:
        _write_chunk(folder, done, chunk)


def _write_chunk(folder: Path, done: int, chunk: list[str]) -> None:
    name = f"{done + 1:07d}-{done + len(chunk):07d}.xml"
    with open(folder / name, "w", encoding="utf-8") as handle:
        handle.write("<letters>")
        handle.writelines(chunk)
        handle.write("</letters>")


def jobs(register_kinds: tuple[str, ...], first_letter: str | None) -> list[tuple[str, str]]:
    """Every page job of a build; the biggest (the registers) first, so the pool finishes together."""
    return ([("register", kind) for kind in register_kinds]
            + [("index", first_letter or ""), ("guidelines", ""), (SOURCES, ""), ("cmif", ""), ("corpus-header", "")])


class PageWriter:
    """Runs page jobs with one process's Saxon processor."""

    def __init__(self, saxon: Saxon, tei_dir: Path, stage: Path):
        self.saxon, self.tei_dir, self.stage = saxon, tei_dir, stage

    def run(self, job: tuple[str, str]) -> None:
        name, argument = job
        saxon, stage = self.saxon, self.stage
        if name == "register":
            self.register(argument)
        elif name == "index":
            self.index(argument)
        elif name == "guidelines":
            for required in (paths.XSD, paths.SCHEMATRON):
                if not required.is_file():
                    raise TransformError(f"{required}: not found; the guidelines page is generated from it")
            saxon.run_to_file("guidelines", saxon.parse_file(paths.XSD), str(paths.XSD), stage / "guidelines.html",
                              schematron=saxon.parse_file(paths.SCHEMATRON))
        elif name == SOURCES:
            source = self.tei_dir / "registers" / f"{SOURCES}.xml"
            saxon.run_to_file("sources", saxon.parse_file(source), str(source), stage / "sources.html")
        elif name == "cmif":
            self.cmif()
        elif name == "corpus-header":
            self.corpus_header()
        else:
            raise ValueError(f"unknown page job {name!r}")

    def chunks(self) -> tuple[list[Path], int]:
        """The chunk files of the letter summaries, in order, and the number of letters."""
        chunks = sorted((self.stage / LETTER_CHUNKS_DIR).glob("*.xml"))
        return chunks, int(chunks[-1].stem.split("-")[1]) if chunks else 0

    def cmif(self) -> None:
        """downloads/cmif.xml: each chunk's correspDesc elements (and latest change) first, into
        work files; then the file's header with the latest change of all, and the elements
        spliced into its profileDesc."""
        saxon, stage = self.saxon, self.stage
        chunks, count = self.chunks()
        parts_dir = stage / ".cmif"
        parts_dir.mkdir(exist_ok=True)
        parts, dates = [], []
        for chunk in chunks:
            part = parts_dir / chunk.name
            saxon.run_to_file("cmif-rows", saxon.parse_file(chunk), str(chunk), part)
            parts.append(part)
            with open(part, "rb") as handle:
                latest = _LATEST.search(handle.read(4096))
            if latest is None:
                raise TransformError(f"{chunk}: cmif-rows.xsl: no profileDesc/@latest in its output")
            dates.append(latest.group(1).decode("ascii"))
        skeleton = stage / ".cmif.skeleton.xml"
        saxon.run_to_file("cmif", saxon.parse_text("<letters/>"), "letter summaries", skeleton,
                          **{"letter-count": saxon.processor.make_integer_value(count),
                             "change-dates": saxon.processor.make_string_value(" ".join(dates))})
        page = skeleton.read_bytes()
        skeleton.unlink()
        output = stage / "downloads" / "cmif.xml"
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "wb") as out:
            self._splice(page, _CORRESPONDENCE_MARKER, out, lambda _marker: self._write_correspondence(out, parts))
        shutil.rmtree(parts_dir)

    @staticmethod
    def _write_correspondence(out, parts: list[Path]) -> None:
        """The profileDesc of cmif.xml from the chunks' outputs, one chunk in memory at a time."""
        closing = b""
        for part in parts:
            inner, indent = _profile_inner(part.read_bytes(), part)
            if inner:
                out.write(b"<profileDesc>" if not closing else b"")
                out.write(inner)
                closing = indent
        # as one transform writes it: an empty element when no letter has a correspDesc
        out.write(closing + b"</profileDesc>" if closing else b"<profileDesc/>")

    def corpus_header(self) -> None:
        """The corpus-text header: with two letters or more, its list of letters appended by chunks."""
        saxon, stage = self.saxon, self.stage
        chunks, count = self.chunks()
        output = stage / CORPUS_HEADER_FILE
        source = saxon.parse_file(chunks[0]) if count == 1 else saxon.parse_text("<letters/>")
        saxon.run_to_file("corpus-text", source, "letter summaries", output,
                          **{"letter-count": saxon.processor.make_integer_value(count)})
        if count > 1:
            with open(output, "ab") as out:
                for chunk in chunks:
                    out.write(saxon.run("corpus-text-rows", saxon.parse_file(chunk), str(chunk)).encode("utf-8"))

    def index(self, first_letter: str) -> None:
        """index.html: the page without the table's rows, then the rows spliced in by chunks of letters."""
        saxon, stage = self.saxon, self.stage
        # The introduction comes from the first letter by date (every letter carries it).
        source = self.tei_dir / "letters" / first_letter if first_letter else None
        node = saxon.parse_file(source) if source else saxon.parse_text("<letters/>")
        chunks, count = self.chunks()
        skeleton = stage / ".index.skeleton.html"
        saxon.run_to_file("index", node, str(source or "letter summaries"), skeleton,
                          **{"letter-count": saxon.processor.make_integer_value(count),
                             "selection": saxon.parse_file(stage / SELECTION_FILE)})
        page = skeleton.read_bytes()
        skeleton.unlink()
        with open(stage / "index.html", "wb") as out:
            self._splice(page, _ROWS_MARKER, out, lambda _marker: self._write_rows(out, chunks))

    def _write_rows(self, out, chunks: list[Path]) -> None:
        for chunk in chunks:
            out.write(self._inner(self.saxon.run("index-rows", self.saxon.parse_file(chunk), str(chunk)), chunk))

    @staticmethod
    def _splice(page: bytes, marker: re.Pattern, out, fill) -> None:
        """Copy `page` to `out`, calling fill(match) to write what replaces each marker."""
        done = 0
        for found in marker.finditer(page):
            out.write(page[done:found.start()])
            fill(found)
            done = found.end()
        out.write(page[done:])

    @staticmethod
    def _inner(html: str, what: Path) -> bytes:
        """What a chunk stylesheet wrote inside its <html> wrapper."""
        if not (html.startswith(_WRAP_START) and html.endswith(_WRAP_END)):
            raise TransformError(f"{what}: unexpected output of a chunk stylesheet: {html[:80]!r}")
        return html[len(_WRAP_START):len(html) - len(_WRAP_END)].encode("utf-8")

    def register(self, kind: str) -> None:
        """registers/{kind}.html: the whole page, from the register and its facts (edition.enrich)."""
        from edition.enrich import facts_file

        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "registers" / f"{kind}.xml"
        facts = facts_file(stage, kind)
        saxon.run_to_file("register", saxon.parse_file(source), str(source), stage / "registers" / f"{kind}.html",
                          mentions=saxon.parse_file(facts), kind=saxon.processor.make_string_value(kind))
