"""Readings, gaps, page starts and pointer lists of a synthetic letter, in every output.

The minimal valid corpus (tests/data/valid) gets one more paragraph that uses every kind of
editorial mark-up a sixth letter may need: a corrected word (sic/corr), a regularised spelling
(orig/reg), an unclear reading, a gap, a page start, a table and one phrase that designates two
persons (rs with a pointer list). The corpus is validated and built; the page, the plain text
and the CMIF file must show each of them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from edition.build import build
from test_site_support import NS, parse_html, parse_tei

VALID = Path(__file__).parent / "data" / "valid"
LETTER = "letter-2020-10-01-azerbaijan"
PARAGRAPH = (
    '<p>The <rs type="person" ref="pers:aliyev-yashar pers:guterres-antonio" cert="high">two officials</rs> '
    'noted the <choice><sic>human itarian</sic><corr cert="high">humanitarian</corr></choice> situation in '
    '<choice><orig>Terter</orig><reg cert="high">Tartar</reg></choice>, where <unclear reason="garbled" '
    'cert="medium">twelve</unclear> houses and <gap reason="illegible" quantity="2" unit="words"/> burned.'
    '<pb n="2"/> The count goes on.</p>\n'
    '    <table>\n     <row role="label"><cell>District</cell><cell>Houses</cell></row>\n'
    '     <row><cell><placeName ref="pl:tartar">Tartar</placeName></cell><cell>12</cell></row>\n    </table>\n')
ANCHOR = "    <p>I should be grateful"
# a second annex that is not a letter: a statement with a list, after the annexed letter
STATEMENT = (
    '   <div type="annex" xml:id="letter-2020-10-01-azerbaijan-annex2">\n'
    '    <head type="annex">Annex II to the letter dated <date when="2020-10-01">1 October 2020</date></head>\n'
    '    <p xml:lang="fr">Déclaration.</p>\n'
    '    <list>\n     <item>First incident.</item>\n     <item>Second incident.</item>\n    </list>\n'
    '   </div>\n')
BODY_END = "  </body>"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readings")
    tei = root / "tei"
    shutil.copytree(VALID, tei, ignore=shutil.ignore_patterns("README.md"))
    letter = tei / "letters" / f"{LETTER}.xml"
    text = letter.read_text(encoding="utf-8")
    assert ANCHOR in text
    text = text.replace(ANCHOR, "    " + PARAGRAPH + ANCHOR, 1).replace(BODY_END, STATEMENT + BODY_END, 1)
    text = text.replace('<textLang mainLang="en">Original: English</textLang>',
                        '<textLang mainLang="fr">Original: French</textLang>', 1)
    letter.write_text(text, encoding="utf-8")
    # What an editor adds with such a letter: the registered form of the pointer list (a form of
    # each entry it designates) and the witness the text is (validate checks both).
    persons = tei / "registers" / "persons.xml"
    registers = persons.read_text(encoding="utf-8")
    for entry in ("pers-aliyev-yashar", "pers-guterres-antonio"):
        registers = re.sub(rf'(<person xml:id="{entry}"[^>]*>\s*<persName type="main">.*?</persName>)',
                           r'\1<persName type="variant">two officials</persName>', registers, count=1, flags=re.S)
    persons.write_text(registers, encoding="utf-8")
    _write_witness(tei, letter)
    out = root / "site"
    assert build(tei, out, quiet=True) == 0, "the synthetic letter does not validate or build"
    return out


def _write_witness(tei: Path, letter: Path) -> None:
    """The synthetic letter's witness: its words (the witness's readings: sic, orig) and footnotes."""
    from edition import fidelity, witness

    tree = fidelity.parse_xml(letter)
    reading = fidelity.read_tei_tree(tree)
    text = " ".join(w.text for w in reading.words) + "\n"
    for note in reading.footnotes:
        text += f"\n<sup>{note.n}</sup> " + " ".join(w.text for w in note.words) + "\n"
    name = witness.source_name(tree)
    (tei / "witnesses" / name).write_text(text, encoding="utf-8")
    witness.record_checksum(tei, name)


def _plain(site: Path) -> str:
    return " ".join((site / "letters" / f"{LETTER}.txt").read_text(encoding="utf-8").split())


def test_plain_text_shows_every_reading_and_mark(site):
    text = _plain(site)
    assert "the humanitarian [ed.: high certainty] [witness: human itarian] situation" in text
    assert "in Tartar [ed.: high certainty] [witness: Terter], where" in text
    assert "where twelve [unclear] [ed.: medium certainty] houses" in text
    assert "The two officials [ed.: high certainty] noted" in text
    assert "and [gap: illegible in the witness, 2 words] burned." in text
    assert "burned. [page 2] The count goes on." in text
    assert "District | Houses Tartar | 12" in text


def test_page_shows_every_reading_and_mark_visibly(site):
    doc = parse_html(site / "letters" / f"{LETTER}.html")
    shown = " ".join(doc.xpath("string(//main)").split())
    for visible in ("[witness: human itarian]", "[witness: Terter]", "twelve",
                    "[unclear]", "[gap: illegible in the witness, 2 words]", "[page 2]"):
        assert visible in shown, visible
    assert doc.xpath("//*[@id='page-2'][normalize-space()='[page 2]']")
    assert [c.text for c in doc.xpath("//table[@class='text-table']//th")] == ["District", "Houses"]
    assert [" ".join(e.text_content().split()) for e in doc.xpath("//span[@class='corr' or @class='reg']")] == ["humanitarian", "Tartar"]
    (unclear,) = doc.xpath("//span[@class='unclear']")
    assert unclear.getnext().get("class") == "unclear-mark"
    assert "medium certainty" in unclear.getnext().getnext().get("title", ""), "the unclear reading's certainty is visible"


def test_pointer_list_mentions_both_persons(site):
    doc = parse_html(site / "letters" / f"{LETTER}.html")
    (mention,) = [m for m in doc.xpath("//span[contains(@class, 'ent-outer')]") if "two officials" in m.text_content()]
    hrefs = mention.xpath("a[@class='ent-jump']/@href")
    assert hrefs == ["../registers/persons/pers-aliyev-yashar.html", "../registers/persons/pers-guterres-antonio.html"]
    for entry in ("pers-aliyev-yashar", "pers-guterres-antonio"):
        persons = parse_html(site / "registers" / "persons" / f"{entry}.html")
        assert persons.xpath(f"//article[@id='{entry}']//a[@href='../../letters/{LETTER}.html#{mention.get('id')}']"), entry


def test_cmif_is_unchanged_by_text_markup(site):
    """The CMIF speaks of the correspDesc only: the paragraph adds nothing to it."""
    cmif = parse_tei(site / "downloads" / "cmif.xml").getroot()
    assert len(cmif.findall(".//tei:profileDesc/tei:correspDesc", NS)) == 1
    assert re.fullmatch(r"uuid-[0-9a-f-]{36}", cmif.find(".//tei:sourceDesc/tei:bibl", NS).get("{http://www.w3.org/XML/1998/namespace}id"))


def test_a_second_annex_that_is_not_a_letter_and_a_french_original(site):
    doc = parse_html(site / "letters" / f"{LETTER}.html")
    (annex,) = doc.xpath("//section[@id='letter-2020-10-01-azerbaijan-annex2']")
    (french,) = annex.xpath(".//p[@lang='fr']")  # a numbered paragraph: its "§ n" link, then its words
    assert re.sub(r"^Paragraph § \d+ ", "", " ".join(french.text_content().split())) == "Déclaration."
    assert [" ".join(li.text_content().split()) for li in annex.xpath(".//li")] == ["First incident.", "Second incident."]
    assert "Original: French" in _plain(site)
