"""The quantitative claims (guidelines §4.3): their extraction from a letter, the rows of the
claims view and its data files, and the encoding of the real corpus's figures.

The view's page is a golden file (tests/test_golden.py); a reader landing on a claim from the
view is tested in the browser (tests/test_browser_claims.py)."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from lxml import etree

from edition import claims
from edition.load import parse
from edition.paths import TEI, XSD

TEI_NS = "http://www.tei-c.org/ns/1.0"
LETTER = f"""<TEI xmlns="{TEI_NS}" xml:id="letter-2099-01-02-x">
 <teiHeader><profileDesc>
  <correspDesc><correspAction type="sent"><persName ref="pers:a">Ann A</persName><orgName ref="org:pm-x">Mission of X</orgName><date when="2099-01-02">2 January 2099</date></correspAction></correspDesc>
  <correspDesc corresp="#letter-2099-01-02-x-annex1"><correspAction type="sent"><persName ref="pers:b">Bo B</persName></correspAction></correspDesc>
 </profileDesc></teiHeader>
 <text><body>
  <div type="letter"><p>As at <date xml:id="letter-2099-01-02-x-date-1" when="2099-01-01">1 January 2099</date>,
   <measure xml:id="letter-2099-01-02-x-claim-1" type="killed" commodity="civilians" quantity="2300" corresp="#letter-2099-01-02-x-date-1 pl:y"><num value="2300">about 2,300</num> <choice><sic>civil ians</sic><corr cert="high">civilians</corr></choice></measure><note place="foot" n="1">A note.</note>
   and <measure xml:id="letter-2099-01-02-x-claim-2" type="damaged" commodity="houses" source="org:z"><num atLeast="200">more than 200</num> houses</measure>.</p></div>
  <div type="annex" xml:id="letter-2099-01-02-x-annex1"><div type="letter"><p>In <date xml:id="letter-2099-01-02-x-date-2" from="1991" to="1992">1991 to 1992</date>,
   <measure xml:id="letter-2099-01-02-x-claim-3" type="displaced" commodity="people" corresp="#letter-2099-01-02-x-date-2 #letter-2099-01-02-x-date-1">tens of thousands of people</measure>.</p></div></div>
 </body></text>
</TEI>"""


def _claims() -> list[dict]:
    return claims.claims_of(etree.fromstring(LETTER))


def test_a_claim_is_read_as_written_with_its_figure_date_places_and_claimant():
    first = _claims()[0]
    assert first["claim"] == "letter-2099-01-02-x-claim-1"
    assert (first["category"], first["commodity"]) == ("killed", "civilians")
    # the reader's words: the correction, not the witness's reading; no footnote
    assert first["words"] == "about 2,300 civilians"
    assert (first["figure"], first["value"], first["at_least"], first["at_most"]) == ("about 2,300", "2300", "", "")
    assert (first["date_from"], first["date_to"], first["date_text"]) == ("2099-01-01", "2099-01-01", "1 January 2099")
    assert first["place_ids"] == ["pl:y"]
    assert first["claimant_ids"] == ["pers:a", "org:pm-x"] and first["claimant_names"] == ["Ann A", "Mission of X"]
    assert first["attributed_ids"] == []


def test_a_bound_is_kept_as_a_bound_and_an_attributed_figure_names_its_source():
    second = _claims()[1]
    assert (second["figure"], second["value"], second["at_least"]) == ("more than 200", "", "200")
    assert second["attributed_ids"] == ["org:z"]
    assert (second["date_from"], second["place_ids"]) == ("", [])


def test_a_claim_in_an_annexed_letter_is_its_senders_and_a_vague_magnitude_has_no_figure():
    third = _claims()[2]
    assert third["claimant_ids"] == ["pers:b"]
    assert (third["figure"], third["value"], third["at_least"], third["at_most"]) == ("", "", "", "")
    # two dates given: the span runs from the earliest start to the latest end
    assert (third["date_from"], third["date_to"]) == ("1991", "2099-01-01")


def test_rows_are_grouped_by_category_then_date_undated_last():
    made = [
        {**_claims()[0], "claim": "c-late", "date_from": "2021", "date_to": "2021"},
        {**_claims()[0], "claim": "c-undated", "date_from": "", "date_to": ""},
        {**_claims()[0], "claim": "c-early", "date_from": "1990", "date_to": "1990"},
        {**_claims()[2], "claim": "c-displaced"},
        {**_claims()[1], "claim": "c-damaged"},
    ]
    rows = claims.rows([("letter-2099-01-02-x", "2099-01-02", made)], {"pl:y": "Y town", "org:z": "Z agency"})
    assert [r["claim"] for r in rows] == ["c-early", "c-late", "c-undated", "c-displaced", "c-damaged"]
    assert rows[0]["places"] == "Y town" and rows[-1]["attributed_to"] == "Z agency"
    assert rows[0]["passage"] == "letters/letter-2099-01-02-x.html#c-early"


def test_csv_and_json_hold_the_same_rows_in_the_same_order():
    rows = claims.rows([("letter-2099-01-02-x", "2099-01-02", _claims())], {})
    table = list(csv.reader(io.StringIO(claims.csv_text(rows))))
    data = json.loads(claims.json_text(rows))
    assert table[0] == list(claims.COLUMNS) == data["columns"]
    assert [line[0] for line in table[1:]] == [c["claim"] for c in data["claims"]] == [r["claim"] for r in rows]
    by_id = {c["claim"]: c for c in data["claims"]}
    assert by_id["letter-2099-01-02-x-claim-1"]["value"] == 2300
    assert by_id["letter-2099-01-02-x-claim-2"]["at_least"] == 200 and by_id["letter-2099-01-02-x-claim-2"]["value"] is None
    assert claims.csv_text(rows).endswith("\n") and "\r" not in claims.csv_text(rows)


def test_the_categories_are_the_schemas():
    xsd = etree.parse(str(XSD))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    values = xsd.xpath("//xs:element[@name='measure']/xs:complexType/xs:attribute[@name='type']//xs:enumeration/@value", namespaces=ns)
    assert list(claims.CATEGORIES) == values


_WORDS = {"one": 1, "two": 2}


def _number(figure: str) -> int | None:
    """The number a figure writes in digits or a small number word ("about 2,300" -> 2300,
    "2 million" -> 2000000, "Two" -> 2), None for anything else."""
    match = re.search(r"(\d[\d,]*)( million)?", figure)
    if match:
        return int(match.group(1).replace(",", "")) * (1_000_000 if match.group(2) else 1)
    return next((n for word, n in _WORDS.items() if re.search(rf"\b{word}\b", figure, re.I)), None)


def test_every_figure_of_the_corpus_is_the_number_its_words_write():
    """A typo in @value, @atLeast or @atMost (or a @quantity, checked by claim-quantity) would put a
    figure in the view that the letter does not give."""
    found = 0
    for path in sorted((TEI / "letters").glob("*.xml")):
        for claim in claims.claims_of(parse(path).getroot()):
            given = claim["value"] or claim["at_least"] or claim["at_most"]
            if claim["figure"]:
                assert _number(claim["figure"]) == int(given), (path.name, claim["claim"], claim["figure"], given)
                found += 1
            else:
                assert not given, (path.name, claim["claim"])
    assert found > 0
