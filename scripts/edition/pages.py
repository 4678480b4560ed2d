"""Corpus-level pages: the registers, the index, the guidelines, the CMIF file, the corpus-text header.

Each page is a small job, `(name, argument)`, that any process with a Saxon processor can run:
the build hands them to its worker pool (they are independent of each other) while it zips the
corpus itself. The inputs they share are work files in the staging directory, written by the
build before the jobs start: the letter summaries (`.letters.xml`) and the mention index of
each register (`.mentions-{kind}.xml`); each process parses them at most once.
"""
from __future__ import annotations

from pathlib import Path

from edition import paths
from edition.transform import Saxon, TransformError

LETTERS_FILE = ".letters.xml"
CORPUS_HEADER_FILE = ".corpus-header.txt"


def mentions_file(stage: Path, kind: str) -> Path:
    """Work file with the mentions of one register's entries, grouped by letter (see mentions.xsl)."""
    return stage / f".mentions-{kind}.xml"


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
            source = self.tei_dir / "registers" / f"{argument}.xml"
            saxon.run_to_file("register", saxon.parse_file(source), str(source), stage / "registers" / f"{argument}.html",
                              letters=self.letters(), mentions=saxon.parse_file(mentions_file(stage, argument)),
                              kind=saxon.processor.make_string_value(argument))
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
