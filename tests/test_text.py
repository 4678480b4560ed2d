"""The plain-text editions: UTF-8, a metadata header, 72 columns, [n] markers with the notes at the
end, no markup, and the words of the letter, no more and no fewer.

Fidelity is checked in two steps that together reach the source transcription:
tests/test_fidelity.py shows that each TEI letter is its witness word for word (the witness's
readings inside `choice`, without `supplied`); here the plain text is compared with the TEI as
the reading edition presents it (the editors' readings, supplied text in brackets). For a letter
without such interventions the plain text is compared with the witness itself as well.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition import fidelity
from edition import paths
from test_site_support import built_site, letter_ids

SOURCES = paths.TEI / "witnesses"
RULE = "-" * 72


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def _text(site: Path, letter_id: str) -> str:
    return (site / "letters" / f"{letter_id}.txt").read_bytes().decode("utf-8")  # fails if not UTF-8


def _sections(text: str) -> tuple[str, str, str]:
    """(header, reading text, notes) of a plain-text edition."""
    parts = text.split("\n" + RULE + "\n")
    header, body = parts[0], parts[1]
    notes = parts[2] if len(parts) > 2 else ""
    return header, body, notes


def _tei_edition_words(letter: Path) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The words of the TEI letter as the reading edition shows them: editors' readings, supplied text."""
    tree = fidelity.parse_xml(letter)
    text = tree.getroot().find("tei:text", fidelity.NS)

    def skip(element):
        return fidelity.local_name(element) in ("note", "sic", "orig", "abbr")

    words = [w.text for w in fidelity.words_of_pieces(fidelity.text_pieces(text, skip))]
    notes = [(note.get("n"), [w.text for w in fidelity.words_of_pieces(fidelity.text_pieces(note, skip))])
             for note in text.iterfind(".//tei:note[@place='foot']", fidelity.NS)]
    return fidelity.comparable_words(" ".join(words)), [(n, fidelity.comparable_words(" ".join(w))) for n, w in notes]


WITNESS = re.compile(r"\[witness: ([^\]]*)\]")
# the editors' marks of what the witness lacks or shows unclearly, and of page starts
EDITORIAL_MARKS = re.compile(r"\[(?:gap: [^\]]*|unclear|page \d+|page break|ed\.: [^\]]*)\]")


def _plain_words(section: str) -> list[str]:
    """Words of a rendered section, without footnote markers, witness readings and supplied-text brackets."""
    section = " ".join(section.split())  # marks may be wrapped across lines
    # a mark follows its words: dropped with the space before it, so "day [ed.: …]," is "day,"
    section = re.sub(r" ?(?:" + EDITORIAL_MARKS.pattern + "|" + WITNESS.pattern + ")", "", section)
    section = re.sub(r"\[\d+\]", " ", section).replace("[", "").replace("]", "")
    return fidelity.comparable_words(section)


@pytest.mark.parametrize("letter_id", letter_ids())
def test_layout(site, letter_id):
    text = _text(site, letter_id)
    assert text.endswith("\n") and "\r" not in text and "\t" not in text
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > 72:
            assert " " not in line.strip(), f"{letter_id}.txt:{number}: {len(line)} columns: {line!r}"
    assert not re.search(r"</?[A-Za-z][\w:-]*[ />]|&[a-z]+;|&#\d+;", text), "markup left in the plain text"
    header, body, notes = _sections(text)
    assert "UN document symbol:" in header and "Date of the letter:" in header and "Stable URL:" in header


@pytest.mark.parametrize("letter_id", letter_ids())
def test_words_are_the_reading_edition(site, letter_id):
    _header, body, notes = _sections(_text(site, letter_id))
    expected_words, expected_notes = _tei_edition_words(paths.LETTERS / f"{letter_id}.xml")
    assert _plain_words(body) == expected_words
    markers = re.findall(r"\[(\d+)\]", body)
    assert markers == [n for n, _ in expected_notes], "footnote markers out of order or missing"
    rendered_notes = re.findall(r"^\[(\d+)\] (.*?)(?=^\[\d+\] |\Z)", notes.split("Notes", 1)[-1], re.S | re.M)
    assert [n for n, _ in rendered_notes] == [n for n, _ in expected_notes]
    for (n, words), (_m, rendered) in zip(expected_notes, rendered_notes):
        assert _plain_words(rendered) == words, f"note {n}"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_words_are_the_witness_where_nothing_is_encoded(site, letter_id):
    tree = fidelity.parse_xml(paths.LETTERS / f"{letter_id}.xml")
    if tree.xpath("//tei:text//tei:choice | //tei:text//tei:supplied", namespaces=fidelity.NS):
        pytest.skip("the letter encodes editorial interventions: compared with the TEI only")
    source = fidelity.read_source(SOURCES / fidelity.source_file_name(tree))
    _header, body, notes = _sections(_text(site, letter_id))
    assert _plain_words(body) == [w.text for w in source.words]


def test_corpus_text_has_every_letter_in_date_order(site):
    corpus = (site / "downloads" / "corpus.txt").read_text(encoding="utf-8")
    positions = []
    for letter_id in letter_ids():
        single = _text(site, letter_id)
        assert single in corpus, f"{letter_id}: its plain text is not in the corpus text"
        positions.append((corpus.index(single), letter_id))
    index = (site / "index.html").read_text(encoding="utf-8")
    # the order of the index's table of letters (the introduction links some letters too)
    table = index[index.index('<table class="letters"'):]
    index_order = re.findall(r'href="letters/(letter-[^"]+)\.html"', table[:table.index("</table>")])
    assert [letter_id for _, letter_id in sorted(positions)] == list(dict.fromkeys(index_order))



@pytest.mark.parametrize("letter_id", letter_ids())
def test_witness_readings_follow_the_editors_readings(site, letter_id):
    """Each sic (or orig) of the TEI is printed after its corr (or reg): "humanitarian [witness: human itarian]"."""
    tree = fidelity.parse_xml(paths.LETTERS / f"{letter_id}.xml")
    choices = tree.xpath("//tei:text//tei:choice", namespaces=fidelity.NS)
    _header, body, notes = _sections(_text(site, letter_id))
    flat = " ".join((body + notes).split())
    for choice in choices:
        witness = " ".join(choice.xpath("string(tei:sic | tei:orig)", namespaces=fidelity.NS).split())
        edited = " ".join(choice.xpath("string(tei:corr | tei:reg)", namespaces=fidelity.NS).split())
        shown = re.escape(edited) + r"(?: \[ed\.: [^\]]*\])? \[witness: " + re.escape(witness) + r"\]"
        assert re.search(shown, flat), f"{letter_id}: the reading {witness!r} is not shown"
    assert len(WITNESS.findall(flat)) == len(choices)


def test_the_split_words_of_13_october_2020_are_shown():
    text = " ".join(_text(built_site(), "letter-2020-10-13-azerbaijan").split())
    assert "humanitarian [ed.: high certainty] [witness: human itarian] law" in text
    assert "3,890 citizens [ed.: high certainty] [witness: citizen s] of Azerbaijan" in text


@pytest.mark.parametrize("letter_id", letter_ids())
def test_every_inference_of_the_text_is_marked(site, letter_id):
    """Each element of the text with @cert or @evidence is followed by its "[ed.: …]" marker."""
    tree = fidelity.parse_xml(paths.LETTERS / f"{letter_id}.xml")
    inferred = tree.xpath("//tei:text//*[@cert or @evidence]", namespaces=fidelity.NS)
    text = _text(site, letter_id)
    marks = re.findall(r"\[ed\.: ([^\]]*)\]", " ".join(text.split()))
    assert len(marks) == len(inferred)
    # (an outer element's mark follows those of the elements inside it: compared as counts)
    certainties = sorted(e.get("cert") for e in inferred if e.get("cert") not in (None, "unknown"))
    assert sorted(m.split(" certainty")[0] for m in marks if " certainty" in m) == certainties
