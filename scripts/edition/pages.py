"""Corpus-level pages: the registers, the index, the guidelines, the CMIF file, the corpus-text header.

Each page is a small job, `(name, argument)`, that any process with a Saxon processor can run:
the build hands them to its worker pool (they are independent of each other) while it zips the
corpus itself. The inputs they share are work files in the staging directory, written by the
build before the jobs start: the letter summaries (`.letters.xml`, parsed at most once per
process, for the CMIF file and the corpus-text header; and in chunks, `.letters/*.xml`, for
the rows of the index page), the summaries of the letters each register names
(`.letters-{kind}.xml`, see `cited_letters`) and the mentions of each register entry
(`.mentions/{kind}/{entry-id}.xml`, one `<m …/>` line per letter that mentions the entry, in
date order; see mentions.xsl).

A register page grows with the corpus (every entry lists every letter that mentions it), so it
is written in pieces and never held in memory: register.xsl renders the page without the
back-links, leaving a marker in each mentioned entry's list, and the page is then copied to its
file with each marker replaced by the entry's back-links, rendered by register-mentions.xsl
from at most MENTION_CHUNK letters at a time. The bytes are those of one page rendered at once.
The index page is written the same way: index.xsl leaves a marker in the table body, replaced by
the rows index-rows.xsl renders from each chunk of letter summaries (`.letters/*.xml`).
"""
from __future__ import annotations

import re
from itertools import islice
from pathlib import Path

from edition import paths
from edition.transform import Saxon, TransformError

LETTERS_FILE = ".letters.xml"
CORPUS_HEADER_FILE = ".corpus-header.txt"
MENTIONS_DIR = ".mentions"
# The letter summaries again, in chunks of LETTER_CHUNK letters (the rows of the index page).
LETTER_CHUNKS_DIR = ".letters"
LETTER_CHUNK = 500
# Letters whose back-links to one entry are rendered at once (bounds the memory of a page job).
MENTION_CHUNK = 500
# What register.xsl leaves where an entry's back-links go (an HTML-serialized processing
# instruction; entry ids are NCNames, and page text cannot contain "<?", which is escaped).
_MARKER = re.compile(rb"<\?edition-mentions ([^>]*)>")
_ROWS_MARKER = re.compile(rb"<\?edition-rows ?>")
# register-mentions.xsl wraps the list items in <html> (see there); the build keeps what is inside.
_WRAP_START = '<!DOCTYPE HTML><html xmlns="http://www.w3.org/1999/xhtml">'
_WRAP_END = "</html>"


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


def register_letters_file(stage: Path, kind: str) -> Path:
    """Work file with the summaries of the letters a register's entries name (see `cited_letters`)."""
    return stage / f".letters-{kind}.xml"


def cited_letters(register: Path, registers: list[Path]) -> set[str]:
    """Ids of the letters a register's name variants say they are used in (`corresp="letter:…"`).

    The register page links these letters with their labels, so it needs their summaries, and
    only theirs: a register page never reads the whole corpus summary, whose size grows with the
    corpus. The pointers are expanded with the listPrefixDef of every register (the register
    stylesheets resolve them with the registers' shared prefix table) and the letter id is the
    expanded file name without .xml; taking every register's expansion may name a letter too
    many, never one too few.
    """
    from edition.crossfile import _prefix_expander
    from edition.load import parse

    expanders = [_prefix_expander(parse(path).getroot()) for path in registers]
    root = parse(register).getroot()
    wanted = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for token in (element.get("corresp") or "").split():
            for expand in expanders:
                url = expand(token)
                if url:
                    name = url.partition("#")[0].rpartition("/")[2]
                    wanted.add(name[:-4] if name.endswith(".xml") else name)
    return wanted


def mentions_dir(stage: Path, kind: str) -> Path:
    """Folder of one register's mention work files, one file per entry mentioned (see mentions.xsl)."""
    return stage / MENTIONS_DIR / kind


def mentions_file(stage: Path, kind: str, entry_id: str) -> Path:
    """Work file with the mentions of one register entry: one `<m …/>` line per letter, in date order."""
    return mentions_dir(stage, kind) / f"{entry_id}.xml"


def jobs(register_kinds: tuple[str, ...], first_letter: str | None) -> list[tuple[str, str]]:
    """Every page job of a build; the biggest (the registers) first, so the pool finishes together."""
    return ([("register", kind) for kind in register_kinds]
            + [("index", first_letter or ""), ("guidelines", ""), ("cmif", ""), ("corpus-header", "")])


class PageWriter:
    """Runs page jobs with one process's Saxon processor."""

    def __init__(self, saxon: Saxon, tei_dir: Path, stage: Path):
        self.saxon, self.tei_dir, self.stage = saxon, tei_dir, stage
        self._letters = None

    def letters(self):
        """The letter summaries (<letters><letter id=…><teiHeader/></letter>…), parsed once."""
        if self._letters is None:
            self._letters = self.saxon.parse_file(self.stage / LETTERS_FILE)
        return self._letters

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
        elif name == "cmif":
            saxon.run_to_file("cmif", self.letters(), "letter summaries", stage / "downloads" / "cmif.xml")
        elif name == "corpus-header":
            saxon.run_to_file("corpus-text", self.letters(), "letter summaries", stage / CORPUS_HEADER_FILE)
        else:
            raise ValueError(f"unknown page job {name!r}")

    def index(self, first_letter: str) -> None:
        """index.html: the page without the table's rows, then the rows spliced in by chunks of letters."""
        saxon, stage = self.saxon, self.stage
        # The introduction comes from the first letter by date (every letter carries it).
        source = self.tei_dir / "letters" / first_letter if first_letter else None
        node = saxon.parse_file(source) if source else saxon.parse_text("<letters/>")
        chunks = sorted((stage / LETTER_CHUNKS_DIR).glob("*.xml"))
        count = int(chunks[-1].stem.split("-")[1]) if chunks else 0
        skeleton = stage / ".index.skeleton.html"
        saxon.run_to_file("index", node, str(source or "letter summaries"), skeleton,
                          **{"letter-count": saxon.processor.make_integer_value(count)})
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
        """registers/{kind}.html: the page without back-links, then the back-links spliced in by chunks."""
        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "registers" / f"{kind}.xml"
        folder = mentions_dir(stage, kind)
        mentioned = sorted(p.stem for p in folder.glob("*.xml")) if folder.is_dir() else []
        output = stage / "registers" / f"{kind}.html"
        skeleton = output.with_name(f".{kind}.skeleton.html")
        saxon.run_to_file("register", saxon.parse_file(source), str(source), skeleton,
                          letters=saxon.parse_file(register_letters_file(stage, kind)),
                          kind=saxon.processor.make_string_value(kind),
                          mentioned=saxon.processor.make_string_value(" ".join(mentioned)))
        page = skeleton.read_bytes()  # small: the back-links are not in it
        skeleton.unlink()
        with open(output, "wb") as out:
            self._splice(page, _MARKER, out, lambda marker: self._write_backlinks(
                out, mentions_file(stage, kind, marker.group(1).decode("ascii"))))

    def _write_backlinks(self, out, work_file: Path) -> None:
        """The list items of one entry's back-links, MENTION_CHUNK letters at a time."""
        with open(work_file, encoding="utf-8") as lines:
            while True:
                chunk = list(islice(lines, MENTION_CHUNK))
                if not chunk:
                    break
                node = self.saxon.parse_text("<mentions>" + "".join(chunk) + "</mentions>", str(work_file))
                out.write(self._inner(self.saxon.run("register-mentions", node, str(work_file)), work_file))
