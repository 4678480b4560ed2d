"""Unit tests of the citation functions (xslt/partials/cite.xsl), called through saxonche.

Same harness as tests/test_xslt_functions.py (its model, config and expression helpers), with
a persons register whose main names have forename and surname, and one small letter written
here: its sender, date (inferred), revision history and paragraphs (in the body, in a note, in
the front) are what the expected values were worked out from by hand.
"""
from __future__ import annotations

import json

import pytest

from edition import paths
from edition.transform import Saxon
from test_xslt_functions import MODEL, REGISTERS, TEI, _register, case_runner, case_stylesheet

PERSONS = _register("persons", "listPerson",
                    '<person xml:id="pers-aliyev-yashar"><persName type="main"><forename>Yashar</forename> '
                    '<surname>Aliyev</surname></persName></person>'
                    '<person xml:id="pers-nameless"><persName type="main">The Minister</persName></person>')

CONFIG = """<edition xmlns="urn:un-letters-edition:config">
  <title>Test edition</title><subtitle>A test</subtitle><editors>the test editors</editors>
  <publisher>Test publisher</publisher><base-url>https://example.org/ed</base-url>
</edition>"""

LETTER = f"""<TEI xmlns="{TEI}" xml:id="letter-2020-10-13-azerbaijan"><teiHeader><fileDesc>
<titleStmt><title type="main">Letter dated 13 October 2020</title>
<respStmt><resp>Encoding</resp><name>the test editors of record</name></respStmt></titleStmt>
<publicationStmt><idno type="edition">letter-2020-10-13-azerbaijan</idno></publicationStmt>
<sourceDesc><bibl type="UNDocument"/></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName ref="pers:aliyev-yashar">Yashar Aliyev</persName>
<orgName>Permanent Mission</orgName><date when="2020-10-13" cert="medium" evidence="internal">13 October</date>
</correspAction><correspAction type="received"><persName cert="high" evidence="external">the Secretary-General</persName>
</correspAction></correspDesc></profileDesc>
<revisionDesc><change when="2026-11-02">a</change><change when="2026-11-22">b</change><change when="2026-11-10">c</change></revisionDesc>
</teiHeader><text><front><p>front</p></front><body><div><p>one</p><p>two<note place="foot"><p>note</p></note></p>
<quote><p>three</p></quote></div></body></text></TEI>"""

LETTER_X = "parse-xml('" + LETTER.replace("'", "''") + "')"
HEADER = LETTER_X + "/tei:TEI/tei:teiHeader"

CASES = [
    ("paragraphs of the body numbered in document order; none in the front or a note",
     f"{LETTER_X}//tei:p ! (e:para-number(.), 0)[1]", "0|1|2|0|3"),
    ("no paragraph number outside a letter (a register's or the index's prose)",
     f"count(parse-xml('<TEI xmlns=\"{TEI}\"><text><body><p>x</p></body></text></TEI>')//tei:p ! e:para-number(.))", "0"),
    ("version date: the latest change, whatever the order", f"e:version-date({HEADER})", "2026-11-22"),
    ("version date: none without a dated change",
     f"count(e:version-date(parse-xml('<teiHeader xmlns=\"{TEI}\"/>')/*))", "0"),
    ("CSL name: family and given from the register's main name",
     "let $n := e:csl-name(parse-xml('<persName xmlns=\"" + TEI + "\" ref=\"pers:aliyev-yashar\">Y. A.</persName>')/*) "
     "return ($n?family, $n?given, e:name-inverted($n), e:name-direct($n))",
     "Aliyev|Yashar|Aliyev, Yashar|Yashar Aliyev"),
    ("CSL name: literal when the register has no forename and surname, or no entry",
     "(parse-xml('<persName xmlns=\"" + TEI + "\" ref=\"pers:nameless\">the Minister</persName>')/*, "
     "parse-xml('<orgName xmlns=\"" + TEI + "\">Permanent  Mission</orgName>')/*) ! e:csl-name(.)?literal",
     "the Minister|Permanent Mission"),
    ("citation data: the sender as author, the header's editors, the date, the version, no symbol",
     f"let $d := e:citation-data({HEADER}) return ($d?type, $d?id, $d?author?1?family, $d?editor?1?literal, "
     "string-join($d?issued?date-parts?1, '-'), $d?version, $d?URL, $d?container-title, count($d?number))",
     "letter|letter-2020-10-13-azerbaijan|Aliyev|the test editors of record|2020-10-13|2026-11-22|"
     "https://example.org/ed/letters/letter-2020-10-13-azerbaijan.html|Test edition|0"),
    ("citation data: the inferred addressee and date and the unknown symbol stay in the note",
     f"e:citation-data({HEADER})?note",
     "Addressee the Secretary-General identified by the editors (editorial inference: high certainty, external evidence). "
     "Date of the letter inferred by the editors (editorial inference: medium certainty, internal evidence). "
     "UN document symbol not known."),
    ("citation sentence of the letter and of a paragraph",
     f"e:citation-sentence({HEADER}, ()), e:citation-sentence({HEADER}, 3)",
     "Yashar Aliyev, Permanent Mission. Letter dated 13 October 2020 (UN document symbol not known), "
     "13 October 2020 (date inferred by the editors). Edited by the test editors of record. "
     "Test edition, version of 22 November 2026. https://example.org/ed/letters/letter-2020-10-13-azerbaijan.html|"
     "Yashar Aliyev, Permanent Mission. Letter dated 13 October 2020 (UN document symbol not known), "
     "13 October 2020 (date inferred by the editors). Edited by the test editors of record. "
     "Test edition, version of 22 November 2026. Paragraph 3. "
     "https://example.org/ed/letters/letter-2020-10-13-azerbaijan.html#p3"),
    ("edition version: the latest change of any letter",
     f"e:edition-version(({HEADER}, parse-xml('<teiHeader xmlns=\"{TEI}\"><revisionDesc><change when=\"2026-12-01\"/>"
     "</revisionDesc></teiHeader>')/*))", "2026-12-01"),
    ("edition citation: editors, title, subtitle, publisher, version, address (config.xml)",
     "e:edition-citation('2026-12-01'), e:edition-citation(())",
     "The test editors, eds. Test edition: A test. Test publisher, version of 1 December 2026. https://example.org/ed/|"
     "The test editors, eds. Test edition: A test. Test publisher. https://example.org/ed/"),
    ("citation sentence: an inferred sender is marked",
     "e:citation-prefix(parse-xml('<teiHeader xmlns=\"" + TEI + "\"><fileDesc><titleStmt><title>A letter</title></titleStmt></fileDesc><profileDesc><correspDesc><correspAction type=\"sent\">"
     "<persName cert=\"medium\">the Minister</persName><orgName>Ministry</orgName></correspAction></correspDesc></profileDesc>"
     "</teiHeader>')/*)",
     "the Minister (identified by the editors), Ministry. A letter (UN document symbol not known). Edited by the test editors. Test edition"),
    ("JSON-LD: a schema.org Message with author, dates and the TEI encoding; the solidus escaped",
     f"let $j := e:json-ld({HEADER}, e:citation-data({HEADER})), $m := parse-json($j) "
     "return ($m?('@type'), $m?author?1?name, $m?dateSent, $m?dateModified, $m?encoding?1?encodingFormat, "
     "contains($j, '</'))",
     "Message|Yashar Aliyev|2020-10-13|2026-11-22|application/tei+xml|false"),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    sheet = case_stylesheet(("common.xsl", "metadata.xsl"), [expr for _, expr, _ in CASES])
    return case_runner(tmp_path_factory.mktemp("xslt-cite"), sheet, config=CONFIG,
                       registers=dict(REGISTERS, persons=PERSONS))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_cite_function(run, index):
    _, expr, expected = CASES[index]
    assert run(index) == expected, expr


def test_letter_cite_stylesheet_writes_one_csl_item(tmp_path):
    """xslt/letter-cite.xsl: the whole letter in, one CSL-JSON object out (what edition.citation reads)."""
    saxon = Saxon(paths.XSLT)
    saxon.share(config=saxon.parse_text(CONFIG), model=saxon.parse_text(MODEL),
                registers=saxon.processor.make_array([saxon.parse_text(t) for t in dict(REGISTERS, persons=PERSONS).values()]))
    item = json.loads(saxon.run("letter-cite", saxon.parse_text(LETTER), "test letter"))
    assert item["author"] == [{"family": "Aliyev", "given": "Yashar"}]
    assert item["issued"] == {"date-parts": [[2020, 10, 13]]}
