"""Fidelity: every letter's text is its witness's text, word for word, after the §5 rules.

The letters are found in `tei/letters/`; each names its witness in its header
(`sourceDesc/bibl[@type='transcription']/idno[@type='sourceFile']`), read from
`tei/witnesses/`. A new letter is therefore tested as soon as it exists. The rules
themselves (`scripts/edition/fidelity.py`) are tested on small examples, and the comparator is shown
to catch real differences (a dropped word, a changed word, a changed footnote, a lost
page link) so that a passing fidelity test means something.
"""
from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree

from edition import fidelity
from edition.paths import LETTERS, TEI
from edition.validate import validate

SOURCES = TEI / "witnesses"
WITNESS_RULES = {"witness-missing", "witness-checksum", "witness-text", "witness-footnotes", "witness-links",
                 "witness-unique"}
LETTER_FILES = sorted(LETTERS.glob("*.xml"))


def _letter_and_source(letter: Path) -> tuple[etree._ElementTree, fidelity.Reading, str]:
    try:
        tree = fidelity.parse_xml(letter)
    except etree.XMLSyntaxError as error:
        pytest.fail(f"{letter.name}: not well-formed XML: {error}")
    name = fidelity.source_file_name(tree)
    assert name, (f"{letter.name}: no sourceDesc/bibl[@type='transcription']/idno[@type='sourceFile']; "
                  "the fidelity test cannot find the witness")
    path = SOURCES / name
    assert path.is_file(), f"{letter.name}: the witness {name} named in the header is not in tei/witnesses/"
    return tree, fidelity.read_source(path), name


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_letter_is_faithful_to_its_witness(letter):
    """The witness layer of `edition validate` (main text, footnotes, links, checksum) finds nothing."""
    problems = [p for p in validate([letter], jobs=1) if p.rule in WITNESS_RULES]
    assert not problems, "\n".join(p.format_text() for p in problems)


def test_every_witness_is_encoded_by_exactly_one_letter():
    problems = [p for p in validate([TEI / "letters"], jobs=1) if p.rule == "witness-unique"]
    assert not problems, "\n".join(p.format_text() for p in problems)
    named = set()
    for letter in LETTER_FILES:
        named.add(fidelity.source_file_name(fidelity.parse_xml(letter)))
    unencoded = sorted(p.name for p in SOURCES.glob("*.txt") if p.name not in named)
    assert not unencoded, f"witnesses encoded by no letter: {unencoded}"


def test_every_witness_has_its_checksum_recorded():
    """tei/witnesses/SHA256SUMS lists exactly the witnesses, with their actual checksums."""
    recorded = dict((name, digest) for digest, name in
                    re.findall(r"^([0-9a-f]{64})  (\S+)$", (SOURCES / "SHA256SUMS").read_text(encoding="utf-8"), re.M))
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SOURCES.glob("*.txt")}
    assert recorded == actual


# ---------------------------------------------------------------------------
# Each rule does what it says
# ---------------------------------------------------------------------------

def test_rule_line_wraps_reads_lines_in_order_and_skips_blank_ones():
    assert fidelity.rule_line_wraps(["outbreak of ", "", "hostilities", None, "  "]) == [
        (1, "outbreak of "), (3, "hostilities"), (5, "  ")]
    source = fidelity.read_source_text("fundamental norms and\n\n\n\nprinciples of law")
    assert [w.text for w in source.words] == ["fundamental", "norms", "and", "principles", "of", "law"]
    assert [w.line for w in source.words] == [1, 1, 1, 5, 5, 5]


def test_rule_whitespace_collapses_runs_and_trailing_spaces():
    assert fidelity.rule_whitespace("either destroyed  or damaged.  ") == ["either", "destroyed", "or", "damaged."]
    assert fidelity.rule_whitespace("  In that regard") == ["In", "that", "regard"]


@pytest.mark.parametrize("line, expected", [
    ("# General Assembly Security Council", "General Assembly Security Council"),
    ("## **Letter dated 1 October 2020**", "Letter dated 1 October 2020"),
    ("---", ""),
    ("*(Signed)* Yashar **Aliyev**  ", "(Signed) Yashar Aliyev  "),
    ("Sustainable development**Prevention of armed conflict**", "Sustainable development Prevention of armed conflict"),
    ("*Landmine & Cluster Munition Monitor*, 12 November", "Landmine & Cluster Munition Monitor, 12 November"),
    ("¹ [A/77/686-S/2023/22](#).", "¹ A/77/686-S/2023/22."),
    ("[A/77/337-S/2022/690](https://www.mfa.gov.az/en/press-releases/2022/09/13), annex", "A/77/337-S/2022/690, annex"),
    ("[S/RES/822 (1993)](https://undocs.org/en/S/RES/822(1993)) text", "S/RES/822 (1993) text"),
    ("2021, <https://tass.com/world/1302267>.", "2021, https://tass.com/world/1302267."),
    ("a <sup>st</sup> b", "a st b"),
])
def test_rule_markup_debris(line, expected):
    assert fidelity.rule_markup_debris(line) == expected


def test_rule_markup_debris_keeps_what_is_text():
    line = "www.hrw.org/news/1997/03/23/response-armenian-government-letter-town-khojaly-nagorno-karabakh#; A – B"
    assert fidelity.rule_markup_debris(line) == line


def test_rule_note_markers_moves_footnotes_out_of_the_text():
    lines = [
        "either destroyed or damaged.<sup>1</sup>",
        "",
        "<sup>1</sup> Photo evidence on file.",
        "",
        "clear in that regard.<sup>2</sup> Next,³ and⁴",
        "<sup>&</sup>lt;sup>2</sup> See, for example,",
        "the identical letters.",
        "",
        "¹⁰ Ibid., Rule 80.",
        "³ “Yerevan transfers”",
    ]
    kept, notes = fidelity.rule_note_markers(lines)
    assert kept == ["either destroyed or damaged.", "", None, "", "clear in that regard. Next, and",
                    None, None, "", None, None]
    assert notes == [("1", 3, "Photo evidence on file."),
                     ("2", 6, "See, for example,\nthe identical letters."),
                     ("10", 9, "Ibid., Rule 80."),
                     ("3", 10, "“Yerevan transfers”")]


def test_rule_note_markers_does_not_take_ordinary_lines_for_footnotes():
    kept, notes = fidelity.rule_note_markers(["1 million people", "2,300 servicemen"])
    assert notes == [] and kept == ["1 million people", "2,300 servicemen"]


def test_rule_page_links_removes_url_only_lines_and_keeps_urls():
    kept, urls = fidelity.rule_page_links([
        "properties in those areas.  ",
        "https://undocs.org/en/S/RES/822(1993)",
        "  In that regard, see https://undocs.org/en/A/74/676 above",
    ])
    assert kept == ["properties in those areas.  ", None, "  In that regard, see https://undocs.org/en/A/74/676 above"]
    assert urls == ["https://undocs.org/en/S/RES/822(1993)"]


def test_markdown_link_targets_are_collected_except_empty_ones():
    line = "[A/77/597](https://www.un.org/x.html), [S/PV.9228](#) and [r](https://undocs.org/en/S/RES/822(1993))"
    assert fidelity.markdown_link_targets(line) == ["https://www.un.org/x.html", "https://undocs.org/en/S/RES/822(1993)"]


@pytest.mark.parametrize("word, expected", [
    ("“to", "to"), ("end”,", "end,"), ('"Frogfoot"', "Frogfoot"), ("Armenia's", "Armenia’s"),
    ("Armenia’s", "Armenia’s"), ("d’affaires", "d’affaires"), ("–", "–"),
])
def test_rule_quotes(word, expected):
    assert fidelity.rule_quotes(word) == expected


def test_comparable_words_drops_lone_quotation_marks():
    assert fidelity.comparable_words('he said “ no ” and "yes" – Armenia\'s') == [
        "he", "said", "no", "and", "yes", "–", "Armenia’s"]


def test_rules_table_names_every_rule_of_the_guidelines():
    guidelines = (LETTERS.parent.parent / "docs" / "encoding-guidelines.md").read_text(encoding="utf-8")
    section = guidelines.split("## 5.", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"^\d+\. \*\*([a-z-]+)\*\*", section, re.M)
    assert named and sorted(named) == sorted(fidelity.RULES)


# ---------------------------------------------------------------------------
# The TEI reading
# ---------------------------------------------------------------------------

TEI_TEMPLATE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Header
words never count</title></titleStmt></fileDesc></teiHeader>
<text><front><div type="masthead"><ab type="organ">General Assembly</ab><ab>Security Council</ab></div></front>
<body><div type="letter">
<p>The war in <placeName ref="pl:x">Armenia</placeName>’s <choice><sic>human itarian</sic><corr>humanitarian</corr></choice>
law.<note place="foot" n="1">See <ref target="https://undocs.org/en/A/74/676">A/74/676</ref>, <q>fake</q>.</note>
<supplied reason="lost">Lost words</supplied> <quote>Quoted</quote> text.</p>
<closer><signed>(Signed) <persName>Yashar Aliyev</persName><lb/><roleName>Ambassador</roleName></signed></closer>
</div></body></text></TEI>"""

SOURCE_TEXT = """# General Assembly Security Council

The war in Armenia's human itarian
law.¹ “Quoted” text.

¹ See [A/74/676](#), "fake".

*(Signed)* Yashar **Aliyev**
Ambassador
https://undocs.org/en/A/74/676
"""


def _tei(text: str = TEI_TEMPLATE) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(text.encode("utf-8")))


def test_tei_reading_takes_sic_skips_corr_supplied_notes_and_header():
    reading = fidelity.read_tei_tree(_tei())
    assert [w.text for w in reading.words] == (
        "General Assembly Security Council The war in Armenia’s human itarian law. Quoted text. "
        "(Signed) Yashar Aliyev Ambassador").split()
    assert [(n.n, [w.text for w in n.words]) for n in reading.footnotes] == [("1", ["See", "A/74/676,", "fake."])]
    assert reading.links == ["https://undocs.org/en/A/74/676"]


def test_tei_reading_locates_words_by_line():
    reading = fidelity.read_tei_tree(_tei())
    lines = {w.text: w.line for w in reading.words}
    assert lines["General"] == 3 and lines["war"] == 5 and lines["law."] == 6 and lines["Ambassador"] == 8


def test_synthetic_letter_is_faithful_to_its_witness():
    assert fidelity.compare(fidelity.read_source_text(SOURCE_TEXT), fidelity.read_tei_tree(_tei())) == []


# ---------------------------------------------------------------------------
# The comparator catches real differences
# ---------------------------------------------------------------------------

def _problems_after(old: str, new: str) -> str:
    mutated = TEI_TEMPLATE.replace(old, new, 1)
    assert mutated != TEI_TEMPLATE
    return "\n".join(fidelity.compare(fidelity.read_source_text(SOURCE_TEXT), fidelity.read_tei_tree(_tei(mutated)),
                                      "witness.txt", "letter.xml"))


def test_a_dropped_word_is_detected_and_located():
    problems = _problems_after("The war in", "The in")
    assert "- war" in problems and "witness.txt:3" in problems and "letter.xml:5" in problems
    assert "missing from the TEI" in problems


def test_a_changed_word_is_detected():
    problems = _problems_after("Security Council", "Security Counsel")
    assert "- Council" in problems and "+ Counsel" in problems


def test_an_added_word_is_detected():
    assert "+ very" in _problems_after("The war", "The very war")


def test_a_silent_correction_is_detected_and_choice_is_suggested():
    problems = _problems_after("<sic>human itarian</sic><corr>humanitarian</corr>", "<corr>humanitarian</corr>")
    assert problems
    mutated = TEI_TEMPLATE.replace("<choice><sic>human itarian</sic><corr>humanitarian</corr></choice>", "humanitarian")
    problems = "\n".join(fidelity.compare(fidelity.read_source_text(SOURCE_TEXT), fidelity.read_tei_tree(_tei(mutated))))
    assert "<choice><sic>human itarian</sic>" in problems


def test_a_kept_quotation_mark_names_the_quotes_rule():
    assert "quotes:" in _problems_after("<quote>Quoted</quote>", "“Quoted”")


def test_a_space_at_an_element_boundary_names_the_whitespace_rule():
    assert "whitespace:" in _problems_after("</placeName>’s", "</placeName> ’s")


def test_a_changed_footnote_is_detected():
    problems = _problems_after("<q>fake</q>", "<q>false</q>")
    assert "footnote 1" in problems and "+ false." in problems


def test_a_footnote_left_in_the_text_is_detected():
    problems = _problems_after('<note place="foot" n="1">', '<note place="inline" n="1">')
    assert "footnote numbers differ" in problems


def test_a_reproduced_converter_target_is_detected():
    source = SOURCE_TEXT.replace("[A/74/676](#)", "[A/74/676](https://www.un.org/invented.html)")
    tei = TEI_TEMPLATE.replace('<ref target="https://undocs.org/en/A/74/676">',
                               '<ref target="https://undocs.org/en/A/74/676 https://www.un.org/invented.html">')
    problems = fidelity.compare(fidelity.read_source_text(source), fidelity.read_tei_tree(_tei(tei)))
    assert len(problems) == 1 and "https://www.un.org/invented.html" in problems[0]


def test_a_lost_page_link_is_detected():
    problems = _problems_after('target="https://undocs.org/en/A/74/676"', 'target="https://undocs.org/en/A/74/677"')
    assert "page-links:" in problems and "https://undocs.org/en/A/74/676" in problems


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_comparator_detects_a_word_dropped_from_the_real_letter(letter):
    """Guards against a reading that silently ignores part of a real letter's body."""
    tree, source, name = _letter_and_source(letter)
    mutated = copy.deepcopy(tree)
    paragraph = next(p for p in mutated.iter(f"{{{fidelity.TEI_NS}}}p")
                     if p.text and p.text.split() and p.xpath("ancestor::tei:body", namespaces=fidelity.NS))
    dropped = paragraph.text.split()[0]
    paragraph.text = paragraph.text.replace(dropped, "", 1)
    problems = fidelity.compare_main_text(source, fidelity.read_tei_tree(mutated), name, letter.name)
    assert any(f"- {dropped}" in problem for problem in problems)
