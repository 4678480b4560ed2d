"""Corpus-level pages: the registers, the index, the guidelines, the CMIF file, the corpus-text header.

Each page is a small job, `(name, argument)`, that any process with a Saxon processor can run:
the build hands them to its worker pool (they are independent of each other) while it zips the
corpus itself. The inputs they share are work files in the staging directory, written by the
build before the jobs start: the letter summaries (`.letters.xml`, parsed at most once per
process, for the pages that list every letter), the summaries of the letters each register
names (`.letters-{kind}.xml`, see `cited_letters`) and the mentions of each register entry (`.mentions/{kind}/{entry-id}.xml`, one
`<m …/>` line per letter that mentions the entry, in date order; see mentions.xsl).

A register page grows with the corpus (every entry lists every letter that mentions it), so it
is written in pieces and never held in memory: register.xsl renders the page without the
back-links, leaving a marker in each mentioned entry's list, and the page is then copied to its
file with each marker replaced by the entry's back-links, rendered by register-mentions.xsl
from at most MENTION_CHUNK letters at a time. The bytes are those of one page rendered at once.
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
# Letters whose back-links to one entry are rendered at once (bounds the memory of a page job).
MENTION_CHUNK = 500
# What register.xsl leaves where an entry's back-links go (an HTML-serialized processing
# instruction; entry ids are NCNames, and page text cannot contain "<?", which is escaped).
_MARKER = re.compile(rb"<\?edition-mentions ([^>]*)>")
# register-mentions.xsl wraps the list items in <html> (see there); the build keeps what is inside.
_WRAP_START = '<!DOCTYPE HTML><html xmlns="http://www.w3.org/1999/xhtml">'
_WRAP_END = "</html>"


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
            # The introduction comes from the first letter by date (every letter carries it).
            source = self.tei_dir / "letters" / argument if argument else None
            node = saxon.parse_file(source) if source else self.letters()
            saxon.run_to_file("index", node, str(source or "letter summaries"), stage / "index.html",
                              letters=self.letters())
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
            done = 0
            for marker in _MARKER.finditer(page):
                out.write(page[done:marker.start()])
                self._write_backlinks(out, mentions_file(stage, kind, marker.group(1).decode("ascii")))
                done = marker.end()
            out.write(page[done:])

    def _write_backlinks(self, out, work_file: Path) -> None:
        """The list items of one entry's back-links, MENTION_CHUNK letters at a time."""
        with open(work_file, encoding="utf-8") as lines:
            while True:
                chunk = list(islice(lines, MENTION_CHUNK))
                if not chunk:
                    break
                node = self.saxon.parse_text("<mentions>" + "".join(chunk) + "</mentions>", str(work_file))
                html = self.saxon.run("register-mentions", node, str(work_file))
                if not (html.startswith(_WRAP_START) and html.endswith(_WRAP_END)):
                    raise TransformError(f"{work_file}: register-mentions.xsl: unexpected output {html[:80]!r}")
                out.write(html[len(_WRAP_START):len(html) - len(_WRAP_END)].encode("utf-8"))
