"""Unit tests of the stylesheets' functions (xslt/partials), called through saxonche.

Each case is an XPath expression evaluated by a small stylesheet that includes the partials
(the build's own ones, unchanged), with small inputs built in the expression itself
(parse-xml of a few TEI elements) and tiny registers and model written here. The expected
values were worked out by hand from the rules the functions state (dates in English words,
wrapping at 72 columns, one model of the kinds …). All cases go into one stylesheet (one
named template per case), compiled once per module, so the suite stays fast.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition import paths
from edition.transform import Saxon

TEI = "http://www.tei-c.org/ns/1.0"

MODEL = """<model xmlns="urn:un-letters:model">
  <kind name="persons" prefix="pers" id-prefix="pers-" entry="person" names="persName"
        rs-type="person" singular="person" title="Persons"/>
  <kind name="places" prefix="pl" id-prefix="pl-" entry="place" names="placeName"
        rs-type="place" singular="place" title="Places"/>
  <kind name="documents" prefix="doc" id-prefix="doc-" entry="bibl" names=""
        rs-type="document" singular="document" title="Cited documents"/>
  <!-- a throwaway kind: only this row and its register below make it exist -->
  <kind name="events" prefix="ev" id-prefix="ev-" entry="event" names="name"
        rs-type="event" singular="event" title="Events"/>
  <letters prefix="letter" id-prefix="letter-" folder="letters" singular="letter" title="Letters"/>
</model>"""


def _register(kind: str, list_element: str, entries: str) -> str:
    return (f'<TEI xmlns="{TEI}" xml:id="{kind}"><teiHeader/><standOff>'
            f'<{list_element}>{entries}</{list_element}></standOff></TEI>')


REGISTERS = {
    "persons": _register("persons", "listPerson",
                         '<person xml:id="pers-aliyev-yashar"><persName type="variant">Y. Aliyev</persName>'
                         '<persName type="main">Yashar  <forename>Aliyev</forename></persName></person>'
                         '<person xml:id="pers-nameless"/>'),
    "places": _register("places", "listPlace", '<place xml:id="pl-shusha"><placeName>Shusha</placeName></place>'),
    "documents": _register("documents", "listBibl",
                           '<bibl xml:id="doc-res-822"><title>Resolution 822 (1993)</title></bibl>'),
    "events": _register("events", "listEvent",
                        '<event xml:id="ev-ceasefire-2020"><name type="main">Ceasefire of 10 November 2020</name></event>'),
}

CONFIG = """<edition xmlns="urn:un-letters-edition:config">
  <title>Test edition</title><editors>the test editors</editors><base-url>https://example.org/ed</base-url>
</edition>"""


def _element(xml: str) -> str:
    """An XPath expression for the TEI element written as `xml` (put in the TEI namespace)."""
    tag_end = next(i for i, c in enumerate(xml) if c in " />" and i > 0)
    element = xml[:tag_end] + f' xmlns="{TEI}"' + xml[tag_end:]
    return "parse-xml('" + element.replace("'", "''") + "')/*"


def _xpath(expr: str) -> str:
    """The case's expression with each ⟨xml⟩ replaced by the element it writes."""
    return re.sub("⟨(.*?)⟩", lambda match: _element(match.group(1)), expr)


# (case name, XPath expression (⟨xml⟩: a TEI element), expected string: the items joined by "|")
CASES = [
    # dates
    ("iso-label full date", "e:iso-label('2020-10-01')", "1 October 2020"),
    ("iso-label year-month", "e:iso-label('2021-02')", "February 2021"),
    ("iso-label year stays", "e:iso-label('2023')", "2023"),
    ("iso-label other text stays", "e:iso-label('autumn')", "autumn"),
    ("iso-label: every month's English name",
     "(1 to 12) ! e:iso-label('2021-' || format-integer(., '00'))",
     "January 2021|February 2021|March 2021|April 2021|May 2021|June 2021|July 2021|August 2021|"
     "September 2021|October 2021|November 2021|December 2021"),
    ("iso-label: the day without a zero, the year in four digits", "e:iso-label('0999-12-05')", "5 December 0999"),
    ("date-label when", "e:date-label(⟨<date when='2020-10-13'>13.10.2020</date>⟩)", "13 October 2020"),
    ("date-label range", "e:date-label(⟨<date from='2020-09-27' to='2020-11-10'/>⟩)",
     "27 September 2020–10 November 2020"),
    ("date-label between", "e:date-label(⟨<date notBefore='2020-10' notAfter='2020-12'/>⟩)",
     "between October 2020 and December 2020"),
    ("date-label not before", "e:date-label(⟨<date notBefore='2021'/>⟩)", "not before 2021"),
    ("date-label text only", "e:date-label(⟨<date>  mid  October </date>⟩)", "mid October"),
    ("date-label nothing", "count(e:date-label(()))", "0"),
    ("date-iso prefers when", "e:date-iso(⟨<date when='2020-10-01' notBefore='2020'/>⟩)", "2020-10-01"),
    ("date-iso range start", "e:date-iso(⟨<date notBefore='2020-05' notAfter='2020-06'/>⟩)", "2020-05"),
    # certainty
    ("cert-phrase cert and evidence", "e:cert-phrase(⟨<persName cert='high' evidence='external'/>⟩)",
     "editorial inference: high certainty, external evidence"),
    ("cert-phrase unknown", "e:cert-phrase(⟨<date cert='unknown'/>⟩)", "editorial note: not established"),
    ("cert-phrase evidence only", "e:cert-phrase(⟨<rs evidence='conjecture'/>⟩)",
     "editorial inference: conjecture"),
    ("cert-phrase nothing inferred", "count(e:cert-phrase(⟨<persName/>⟩))", "0"),
    # pointers and the model
    ("pointer of a kind", "let $p := e:pointer('pl:shusha') return $p?kind || ' ' || $p?id", "places pl-shusha"),
    ("pointer reads the first of a list", "let $p := e:pointer('  pers:a pers:b') return $p?kind || ' ' || $p?id",
     "persons pers-a"),
    ("pointer to a letter", "let $p := e:pointer('letter:2020-10-01-azerbaijan') return $p?kind || ' ' || $p?id",
     "letters letter-2020-10-01-azerbaijan"),
    ("pointer unknown prefix", "count(e:pointer('xx:shusha'))", "0"),
    ("pointer without local part", "count(e:pointer('pl:'))", "0"),
    ("pointer not a pointer", "count(e:pointer('shusha'))", "0"),
    ("pointer of the throwaway kind", "let $p := e:pointer('ev:ceasefire-2020') return $p?kind || ' ' || $p?id",
     "events ev-ceasefire-2020"),
    ("kind labels by the model", "('persons', 'documents', 'letters', 'events') ! e:kind-label(.)",
     "person|document|letter|event"),
    ("register titles by the model", "('places', 'documents', 'events') ! e:register-title(.)",
     "Places|Cited documents|Events"),
    ("pointer index: every entry by its pointer", "sort(map:keys(e:pointer-index()))",
     "doc:res-822|ev:ceasefire-2020|pers:aliyev-yashar|pers:nameless|pl:shusha"),
    ("pointer info of an entry", "let $i := e:pointer-info('ev:ceasefire-2020') return ($i?href, $i?tip)",
     "../registers/events/ev-ceasefire-2020.html|Ceasefire of 10 November 2020 (event)"),
    ("pointer info of a missing entry", "count(e:pointer-info('pl:nowhere'))", "0"),
    # entries
    ("headword: the main name, spaces normalised", "e:headword(e:entry('pers-aliyev-yashar'))", "Yashar Aliyev"),
    ("headword: a document's title", "e:headword(e:entry('doc-res-822'))", "Resolution 822 (1993)"),
    ("headword: no name, the id", "e:headword(e:entry('pers-nameless'))", "pers-nameless"),
    ("entry not found", "count(e:entry('pl-nowhere'))", "0"),
    # quotations, readings, gaps, pages, notes
    ("quote marks alternate with nesting",
     "let $q := ⟨<p><quote>a <q>b <soCalled>c</soCalled></q></quote></p>⟩ "
     "return ($q//tei:quote, $q//tei:q, $q//tei:soCalled) ! string-join(e:quote-marks(.), '')",
     "“”|‘’|“”"),
    ("marks at depth", "(0, 1, 2, 3) ! string-join(e:marks-at-depth(.), '')", "“”|‘’|“”|‘’"),
    ("witness note", "e:witness-note(⟨<choice><sic>human  itarian</sic><corr>humanitarian</corr></choice>⟩)",
     "[witness: human itarian]"),
    ("witness title of a regularisation",
     "e:witness-title(⟨<choice><orig>organisation</orig><reg>organization</reg></choice>⟩)",
     "Spelling regularised by the editors; the witness reads"),
    ("gap label with extent", "e:gap-label(⟨<gap reason='lost' extent='the masthead'/>⟩)",
     "[gap: lost in the witness, the masthead]"),
    ("gap label with quantity", "e:gap-label(⟨<gap reason='illegible' quantity='2' unit='words'/>⟩)",
     "[gap: illegible in the witness, 2 words]"),
    ("gap label, unknown reason kept", "e:gap-label(⟨<gap reason='cut'/>⟩)", "[gap: cut]"),
    ("page label", "e:page-label(⟨<pb n='2'/>⟩), e:page-label(⟨<pb/>⟩)", "[page 2]|[page break]"),
    ("note numbers: @n, else the count of footnotes in the text",
     "let $t := ⟨<TEI><text><p><note place='foot'>a</note><note place='foot' n='x'>b</note><note place='foot'>c</note></p></text></TEI>⟩ return $t//tei:note ! e:note-number(.)",
     "1|x|3"),
    # links from data
    ("safe href keeps http(s) and relative", "('https://undocs.org/S/2020/1', 'page.html', '../a/b.html#x') ! e:safe-href(.)",
     "https://undocs.org/S/2020/1|page.html|../a/b.html#x"),
    ("safe href refuses other schemes", "count(('javascript:alert(1)', 'data:text/html,x', '//evil.org/', 'a b') ! e:safe-href(.))",
     "0"),
    # the one walk, as strings
    ("plain: words, quotes, supplied, gap; no note, no witness, no marks",
     "e:plain(⟨<p>The <q>so-called</q> <choice><sic>humn</sic><corr>human</corr></choice> [x]<note place='foot'>n</note> <supplied>text</supplied><lb/>on <gap reason='lost' extent='a line'/> <unclear>here</unclear> <persName cert='low'>him</persName></p>⟩/node())",
     "The “so-called” human [x] [text] on [gap: lost in the witness, a line] here him"),
    ("plain: element and attribute names as in the other outputs",
     "e:plain(⟨<p><gi>persName</gi> with <att>ref</att></p>⟩/node())", "<persName> with @ref"),
    ("inline: footnote marker, witness, inference and unclear marks, line break kept",
     "translate(e:inline(⟨<p>A<note place='foot'>n</note> <choice><sic>humn</sic><corr>human</corr></choice><lb/><unclear>here</unclear> <persName cert='high' evidence='external'>him</persName><pb n='2'/></p>⟩/node()), '&#xE000;', '/')",
     "A[1] human [witness: humn]/here [unclear] him [ed.: high certainty, external evidence] [page 2] "),
    # wrapping
    ("wrap: greedy at 72 columns",
     "e:wrap(string-join((1 to 20) ! 'word', ' '), '', '')",
     " ".join(["word"] * 14) + "\n" + " ".join(["word"] * 6)),
    ("wrap: first-line label, indented continuation",
     "e:wrap(string-join((1 to 15) ! 'word', ' '), '[1] ', '    ')",
     "[1] " + " ".join(["word"] * 13) + "\n    " + " ".join(["word"] * 2)),
    ("wrap: a word longer than the line stands alone, the label on its own line",
     "e:wrap('https://' || string-join((1 to 70) ! 'x', '') || ' end', 'URL: ', '  ')",
     "URL:\n  https://" + "x" * 70 + "\n  end"),
    ("wrap-block: one wrapped line per encoded line break",
     "e:wrap-block('first  line' || $e:lb || $e:lb || ' second', '- ', '  ')", "- first line\n  second"),
    ("field lines: several values on indented lines",
     "e:field-lines('Agenda items', ('Item 1: a', 'Item 2: b'))", "Agenda items:\n  Item 1: a\n  Item 2: b"),
    ("rule", "string-length(e:rule('='))", "72"),
    # metadata
    ("symbol joined, or not known",
     "e:symbol(⟨<teiHeader><fileDesc><sourceDesc><bibl type='UNDocument'><idno type='UNSymbol'>A/75/574</idno><idno type='UNSymbol'> S/2020/1083 </idno></bibl></sourceDesc></fileDesc></teiHeader>⟩), "
     "e:symbol(⟨<teiHeader><fileDesc><sourceDesc/></fileDesc></teiHeader>⟩)",
     "A/75/574-S/2020/1083|not known"),
    ("letter url from the configured base", "e:letter-url('letter-2020-10-01-azerbaijan')",
     "https://example.org/ed/letters/letter-2020-10-01-azerbaijan.html"),
]


def case_stylesheet(partials: tuple[str, ...], expressions: list[str], text_output: bool = True) -> str:
    """A stylesheet that includes the named partials and has one named template per expression,
    `t:case-{i}`, writing the expression's value (items joined by "|")."""
    folder = paths.XSLT / "partials"
    includes = "".join(f'<xsl:include href="{(folder / name).as_uri()}"/>' for name in partials)
    templates = "".join(
        f'<xsl:template name="t:case-{i}"><xsl:value-of select="{_attr(expr)}" separator="|"/></xsl:template>'
        for i, expr in enumerate(expressions))
    output = '<xsl:output method="text"/>' if text_output else ""
    return ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
            ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:map="http://www.w3.org/2005/xpath-functions/map"'
            f' xmlns:tei="{TEI}" xmlns:e="urn:un-letters-edition" xmlns:t="urn:test"'
            f' exclude-result-prefixes="#all">{output}{includes}{templates}</xsl:stylesheet>')


def _attr(expr: str) -> str:
    return (expr.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("&amp;#xE000;", "&#xE000;"))


def case_runner(folder: Path, stylesheet: str, config: str = CONFIG, registers: dict | None = None):
    """Compile `stylesheet` once with the tiny config, model and registers; return a function
    that calls its template `t:case-{index}` and returns the string it writes. (Shared by the
    unit tests of the stylesheets' functions: tests/test_xslt_*.py.)"""
    sheet = folder / "cases.xsl"
    sheet.write_text(stylesheet, encoding="utf-8")
    saxon = Saxon(paths.XSLT)
    executable = saxon.compiler.compile_stylesheet(stylesheet_file=str(sheet))
    assert executable is not None, "the test stylesheet does not compile"
    executable.set_parameter("config", saxon.parse_text(config))
    executable.set_parameter("model", saxon.parse_text(MODEL))
    executable.set_parameter("registers", saxon.processor.make_array(
        [saxon.parse_text(text) for text in (registers or REGISTERS).values()]))
    return lambda index: executable.call_template_returning_string(f"{{urn:test}}case-{index}") or ""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    sheet = case_stylesheet(("common.xsl", "metadata.xsl", "entities.xsl", "text-plain.xsl"),
                            [_xpath(expr) for _, expr, _ in CASES])
    return case_runner(tmp_path_factory.mktemp("xslt-functions"), sheet)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_function(run, index):
    _, expr, expected = CASES[index]
    assert run(index) == expected, expr


def _code_of(path: Path) -> str:
    """A stylesheet without its comments (which may name kinds as examples)."""
    return re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("path", sorted((paths.XSLT / "partials").glob("*.xsl")) + sorted(paths.XSLT.glob("*.xsl")),
                         ids=lambda p: p.name)
def test_no_list_of_kinds_in_the_stylesheets(path):
    """The kinds, their prefixes, titles and elements come from the model only.

    (persName | orgName | placeName as the content of a correspAction, in the metadata and the
    CMIF, is TEI's and CMIF's structure of a letter's parties, not the list of kinds: not checked.)
    """
    from edition.model import model

    code = _code_of(path)
    kinds = model().kinds
    for kind in kinds:
        for literal in (kind.name, kind.prefix, kind.title, kind.singular):
            assert f"'{literal}'" not in code, f"{path.name} names '{literal}': read it from $model"
    # a list of the registers' entry elements (tei:person | tei:place) or of the names that are
    # mentions (self::tei:persName or self::tei:placeName)
    entries = [kind.entry for kind in kinds]
    names = [name for kind in kinds for name in kind.names]
    for group, joins in ((entries, (" | tei:", " or self::tei:")), (names, (" or self::tei:",))):
        for first in group:
            for second in group:
                for join in joins:
                    pattern = rf"\btei:{first}\b{re.escape(join)}{second}\b"
                    assert first == second or not re.search(pattern, code), \
                        f"{path.name} lists tei:{first}{join}{second}: read the elements from $model"
