"""Corpus-level pages: the registers, the index, the guidelines, the editorial sources, the about
page, the CMIF file, the corpus-text header.

Each page is a small job, `(name, argument)`, that any process with a Saxon processor can run:
the build hands them to its worker pool (they are independent of each other) while it zips the
corpus itself. Each job renders its whole page with one stylesheet, from the TEI and the corpus
facts the build wrote into the staging directory before the jobs start (edition.enrich): the
letter summaries (LETTERS_FILE), the facts of each register (`.facts/{kind}.xml`) and the
statement of the selection (SELECTION_FILE). No HTML is assembled outside a stylesheet.
"""
from __future__ import annotations

from pathlib import Path

from edition import paths
from edition.transform import Saxon, TransformError

# The corpus-text header (corpus-text.xsl), kept in the output's hidden cache like any output:
# a rebuild that makes corpus.txt again for one letter's text reuses it, and so needs neither
# the corpus-text job nor the letter summaries written out (LETTERS_FILE).
CORPUS_HEADER_FILE = ".edition-cache/corpus-header.txt"
# The facts of the index page's statement of the selection (edition.corpus.selection_xml).
SELECTION_FILE = ".selection.xml"
# The letter summaries, in date order (edition.enrich.write_letters).
LETTERS_FILE = ".letters.xml"
# The list of editorial sources: a register of the corpus, but not an entity register (no
# mentions, no back-links), rendered to its own page, sources.html.
SOURCES = "sources"
# The search page (search.xsl; its index is made by edition.search).
SEARCH = "search"
# Over this many letters the table of letters is split by year (index-{year}.html).
INDEX_SPLIT = 500
# The claims view (views/claims.html), rendered from the claims the build wrote (edition.claims).
CLAIMS = "claims"


def jobs(register_kinds: tuple[str, ...], first_letter: str | None, years: list[str] = ()) -> list[tuple[str, str]]:
    """Every page job of a build; the biggest (the registers) first, so the pool finishes together."""
    return ([("entries", kind) for kind in register_kinds] + [("register", kind) for kind in register_kinds]
            + [("index", first_letter or "")] + [("index-year", year) for year in years] + [("guidelines", ""), (SOURCES, ""), (SEARCH, ""), ("cmif", ""), ("corpus-header", "")]
            + [(CLAIMS, ""), ("about", first_letter or "")])


class PageWriter:
    """Runs page jobs with one process's Saxon processor."""

    def __init__(self, saxon: Saxon, tei_dir: Path, stage: Path):
        self.saxon, self.tei_dir, self.stage = saxon, tei_dir, stage
        self._letters = None  # the letter summaries, parsed once for the jobs of this process

    def run(self, job: tuple[str, str]) -> None:
        name, argument = job
        saxon, stage = self.saxon, self.stage
        if name == "register":
            self.register(argument)
        elif name == "entries":
            self.entries(argument)
        elif name == "index-year":
            self.index_year(argument)
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
        elif name == SEARCH:
            saxon.run_to_file("search", saxon.parse_text("<search/>"), "search page", stage / "search.html")
        elif name == "views":
            self.views_index()
        elif name == "view":
            self.view(argument)
        elif name == "cmif":
            self.cmif()
        elif name == "about":
            self.about(argument)
        elif name == "corpus-header":
            self.corpus_header()
        elif name == CLAIMS:
            from edition.claims import WORK_FILE

            (stage / "views").mkdir(exist_ok=True)
            saxon.run_to_file("claims", saxon.parse_file(stage / WORK_FILE), "the claims of the letters",
                              stage / "views" / "claims.html")
        else:
            raise ValueError(f"unknown page job {name!r}")

    def views_index(self) -> None:
        """views.html: the index of the views (edition.views), with the views this build makes."""
        from edition.views import index_names

        saxon = self.saxon
        saxon.run_to_file("views", saxon.parse_text("<views/>"), "views index", self.stage / "views.html",
                          views=saxon.processor.make_string_value(" ".join(index_names())))

    def view(self, name: str) -> None:
        """views/{name}.html, from the view's facts (edition.views.write)."""
        from edition.views import view_file

        saxon, facts = self.saxon, view_file(self.stage, name)
        (self.stage / "views").mkdir(exist_ok=True)
        saxon.run_to_file(f"view-{name}", saxon.parse_file(facts), str(facts), self.stage / "views" / f"{name}.html")

    def letters(self):
        """The letter summaries, parsed by Saxon (a parameter of the index, CMIF, about and
        corpus-text pages): once per build and process, not once per page (the build writes the
        file before the page jobs start and does not change it)."""
        if self._letters is None:
            self._letters = self.saxon.parse_file(self.stage / LETTERS_FILE)
        return self._letters

    def cmif(self) -> None:
        """downloads/cmif.xml, from the letter summaries."""
        saxon, stage = self.saxon, self.stage
        output = stage / "downloads" / "cmif.xml"
        output.parent.mkdir(parents=True, exist_ok=True)
        saxon.run_to_file("cmif", saxon.parse_text("<letters/>"), "letter summaries", output, letters=self.letters())

    def corpus_header(self) -> None:
        """The corpus-text header with its list of letters (the build appends each letter's text)."""
        saxon, stage = self.saxon, self.stage
        (stage / CORPUS_HEADER_FILE).parent.mkdir(parents=True, exist_ok=True)
        saxon.run_to_file("corpus-text", self.letters(), str(stage / LETTERS_FILE), stage / CORPUS_HEADER_FILE)

    def index(self, first_letter: str) -> None:
        """index.html, from the first letter by date (the introduction every letter carries), the
        letter summaries and the statement of the selection."""
        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "letters" / first_letter if first_letter else None
        node = saxon.parse_file(source) if source else saxon.parse_text("<letters/>")
        saxon.run_to_file("index", node, str(source or "letter summaries"), stage / "index.html",
                          letters=self.letters(), selection=saxon.parse_file(stage / SELECTION_FILE),
                          **{"split-over": saxon.processor.make_integer_value(INDEX_SPLIT)})

    def about(self, first_letter: str) -> None:
        """about.html: the edition's imprint, from config.xml, the first letter by date (the
        project description every letter carries) and the letter summaries (editors, version)."""
        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "letters" / first_letter if first_letter else None
        node = saxon.parse_file(source) if source else saxon.parse_text("<letters/>")
        saxon.run_to_file("about", node, str(source or "letter summaries"), stage / "about.html", letters=self.letters())

    def index_year(self, year: str) -> None:
        """index-{year}.html: the table of one year's letters (when the index is split)."""
        saxon, stage = self.saxon, self.stage
        saxon.run_to_file("index", saxon.parse_text("<letters/>"), "letter summaries", stage / f"index-{year}.html",
                          letters=self.letters(), selection=saxon.parse_text("<selection/>"),
                          year=saxon.processor.make_string_value(year),
                          **{"split-over": saxon.processor.make_integer_value(INDEX_SPLIT)})

    def register(self, kind: str) -> None:
        """registers/{kind}.html: the whole page, from the register and its facts (edition.enrich)."""
        from edition.enrich import facts_file

        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "registers" / f"{kind}.xml"
        facts = facts_file(stage, kind)
        saxon.run_to_file("register", saxon.parse_file(source), str(source), stage / "registers" / f"{kind}.html",
                          mentions=saxon.parse_file(facts), kind=saxon.processor.make_string_value(kind))

    def entries(self, kind: str) -> None:
        """registers/{kind}/{entry-id}.html (and further pages): the entry pages of the register
        the build listed as changed (edition.enrich.wanted_file), all in one transform
        (register-entry.xsl writes each page with xsl:result-document)."""
        from edition.enrich import PER_PAGE, entry_facts_file, wanted_file

        saxon, stage = self.saxon, self.stage
        source = self.tei_dir / "registers" / f"{kind}.xml"
        lines = wanted_file(stage, kind).read_text(encoding="utf-8").splitlines()
        wanted = sorted({(entry_id, int(page)) for entry_id, page in (line.split(" ") for line in lines if line)})
        entries = saxon.processor.make_array([saxon.parse_file(entry_facts_file(stage, kind, entry_id, page))
                                              for entry_id, page in wanted])
        saxon.run_to_folder("register-entry", saxon.parse_file(source), str(source), stage / "registers" / kind,
                            entries=entries, kind=saxon.processor.make_string_value(kind),
                            **{"per-page": saxon.processor.make_integer_value(PER_PAGE)})
