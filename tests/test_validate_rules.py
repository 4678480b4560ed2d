"""One deliberately bad document per rule: the validator reports exactly that rule, on that line.

Each case in tests/data/invalid/<case>/ holds the files that differ from the minimal valid
corpus (tests/data/valid). The lines where an error is expected end with
`<!-- expect: RULE … -->`; the test overlays the case on a copy of the valid corpus,
validates the whole copy and compares the reported (file, line, rule) with the markers,
in both directions: every expected error is reported, and nothing else is.
"""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import INVALID, expected_problems, overlay
from edition.validate import validate

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())

# Every rule id the Schematron, the XSD layer, the pointer and the cross-file checks can report, each of
# which must have at least one bad document here (checked by test_every_rule_has_a_case).
SCHEMATRON_RULES = {
    "id-prefix", "register-id", "register-main",
    "register-headword-unique",
    "edition-idno", "date-valid", "date-range", "date-consistent", "date-distribution",
    "note-order", "symbol-syntax", "symbol-known-or-unknown",
    "session-consistent", "title-consistent", "no-empty", "todo-left", "letter-date", "local-pointer", "sc-year-consistent",
    "sc-year-distribution", "masthead-agenda", "masthead-agenda-item", "masthead-date", "head-title", "corr-has-sic",
    "addressee-cert", "claim-figure", "claim-quantity", "claim-date",
}
# Where pointers lead, checked in Python against the model and the registers (edition.pointers).
POINTER_RULES = {"ptr-declared", "ptr-resolves", "ptr-kind", "undocs-target", "prefix-def", "ptr-element"}
XSD_RULES = {"xsd-element", "xsd-attribute", "xsd-value", "xsd-content"}
CROSS_FILE_RULES = {"file-id", "xml-id-unique", "agenda-consistent", "witness-unique", "entry-used", "variant-used",
                    "register-symbol-links", "source-listed"}
# The coverage and witness layers (edition.coverage, edition.witness).
CORPUS_RULES = {"variant-registered", "name-marked", "symbol-marked", "date-value", "date-marked",
                "witness-missing", "witness-checksum", "witness-text", "witness-footnotes", "witness-links"}


def test_the_valid_corpus_passes(corpus):
    assert validate([corpus]) == []


@pytest.mark.parametrize("case", CASES)
def test_bad_document_reports_rule_and_line(corpus, case):
    files = overlay(corpus, case)
    expected = expected_problems(files)
    assert expected, f"case {case} has no <!-- expect: … --> marker"
    problems = validate([corpus])
    reported = Counter((p.path.name, p.line, p.rule) for p in problems)
    assert reported == expected, "\n".join(p.format_text() for p in problems)
    for problem in problems:
        assert problem.col >= 1 and problem.message and not problem.message.startswith("Traceback")


def test_every_rule_has_a_case():
    covered = set()
    for case in CASES:
        for _, _, rule in expected_problems(sorted((INVALID / case).rglob("*.xml"))):
            covered.add(rule)
    assert (SCHEMATRON_RULES | POINTER_RULES | XSD_RULES | CROSS_FILE_RULES | CORPUS_RULES) - covered == set()


def test_every_schematron_assert_is_known_here():
    """A new assert in edition.sch must get a bad document (and a place in SCHEMATRON_RULES)."""
    from lxml import etree

    from edition.paths import SCHEMATRON

    ids = set(etree.parse(str(SCHEMATRON)).xpath("//sch:assert/@id | //sch:report/@id", namespaces={"sch": "http://purl.oclc.org/dsdl/schematron"}))
    assert ids == SCHEMATRON_RULES


@pytest.mark.parametrize("case, message", [
    ("claim-figure", 'The claim "the town of Tartar" needs one figure: one num with exactly one of value (the number as given, '
                     'also after "about"), atLeast ("more than", "over", "at least") or atMost ("nearly", "up to"); a claim '
                     'without a number ("hundreds of thousands") has no num.'),
    ("claim-quantity", 'The quantity of the claim "the town of Tartar" must repeat the value of its num (found quantity="2", '
                       'value="1"); leave quantity out when the num has atLeast or atMost, or no num.'),
    ("claim-date", 'Each #ID in the corresp of the claim "the town of Tartar" must be the xml:id of a date of this letter '
                   '(the date the letter gives for the figure, e.g. "As at 1 October 2020"); found '
                   'corresp="#letter-2020-10-01-azerbaijan-annex1 pl:tartar".'),
])
def test_claim_messages(corpus, case, message):
    """The claims rules (guidelines §4.3) say exactly what is wrong and what to write instead."""
    overlay(corpus, case)
    (problem,) = validate([corpus])
    assert (problem.rule, problem.line, problem.message) == (case, 100, message)


def test_declared_prefixes_are_the_models(corpus):
    """The XSD checks only the form of a prefixDef (so that a new kind needs no schema change);
    what it declares is checked against the model, with the address the model gives."""
    overlay(corpus, "prefix-def")
    assert [(p.rule, p.line, p.message) for p in validate([corpus])] == [
        ("prefix-def", 61, 'The prefix "pl" leads to "../registers/persons.xml#pers-$1", but the model '
                           '(schema/model.xml) says ../registers/places.xml#pl-$1 from a file in letters/: copy the '
                           'prefixDef from the model letter.'),
        ("prefix-def", 65, 'The prefix "ev" is not one of the model (schema/model.xml), which has pers, pl, org, doc, '
                           'letter: declare only these (copy the block from the model letter), or add the kind\'s row '
                           'to the model first.'),
    ]


def test_only_the_models_name_elements_and_rs_types_point_to_registers(corpus):
    """The XSD allows ref on an event's name and any lower-case rs type; the model decides which
    name elements and rs types point (kind/@names, kind/@rs-type)."""
    overlay(corpus, "ptr-element")
    assert [(p.rule, p.line, p.message) for p in validate([corpus])] == [
        ("ptr-element", 101,
         "name may not point to a register entry: no kind of the model (schema/model.xml) has name among the "
         "elements that name its entries (persName: persons, placeName: places, orgName: organisations). Mark the "
         "words with the element of the entry's kind, or remove ref."),
        ("ptr-element", 102,
         'rs type="event" designates no kind of the model (schema/model.xml), whose rs types are person: persons, '
         "place: places, org: organisations, document: documents: use one of these, or add the kind's row to the "
         "model first."),
    ]


def test_messages_say_what_to_fix(corpus):
    overlay(corpus, "ptr-resolves")
    (problem,) = [p for p in validate([corpus]) if p.rule == "ptr-resolves"]
    assert '"pl:atlantis"' in problem.message and "add the entry to the register" in problem.message


def test_an_unlisted_source_is_named_with_where_to_list_it(corpus):
    (register,) = overlay(corpus, "source-listed")
    (problem,) = validate([corpus])
    assert problem.format_text() == (
        f"{register}:58:1: error: the note cites https://www.un.org/en/about-us/history-of-the-un, which is not "
        "in the list of editorial sources: add a bibl with this address to tei/registers/sources.xml "
        "(guidelines §9), or cite a source listed there [source-listed]")


def test_a_corpus_without_its_list_of_sources_has_every_cited_source_unlisted(corpus):
    """Each corpus is compared with its own list (here the valid corpus, whose one note cites
    a source): without the list, that citation is reported, not silently accepted."""
    (corpus / "registers" / "sources.xml").unlink()
    problems = validate([corpus])
    assert [p.rule for p in problems] == ["source-listed"]
    assert problems[0].path.name == "documents.xml"


def test_column_points_at_the_attribute(corpus):
    """ptr-kind is reported at the @ref of the persName, not just at the start of the line."""
    (letter,) = overlay(corpus, "ptr-kind")
    problem = next(p for p in validate([corpus]) if p.rule == "ptr-kind")
    line = letter.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.col - 1:].startswith('ref="pl:tartar"')


def test_a_fresh_template_letter_lists_what_is_still_missing(corpus):
    """The letter template (what `edition new` starts from) fails with todo-left messages."""
    from edition.paths import ROOT

    template = (ROOT / "scripts/edition/templates/letter.xml").read_text(encoding="utf-8")
    letter = corpus / "letters" / "letter-2020-11-01-azerbaijan.xml"
    letter.write_text(template.replace("{LETTER_ID}", "letter-2020-11-01-azerbaijan"), encoding="utf-8")
    problems = validate([letter])
    todo = [p for p in problems if p.rule == "todo-left"]
    assert not [p for p in problems if p.rule == "xsd-value" and "{" in p.message], "placeholders are reported once, as todo-left"
    placeholders = " ".join(p.message for p in todo)
    for placeholder in ("{TITLE}", "{TEXT}", "{DISTRIBUTION_DATE}", "{SENDER_PERSON}", "{EDITORIAL_NOTE}"):
        assert placeholder in placeholders
    assert all(p.path == letter for p in todo)


def test_registers_are_taken_from_the_files_own_corpus(corpus, tmp_path):
    """A copy of the corpus validates against its own registers, not the repository's."""
    (corpus / "registers" / "places.xml").write_text(
        (corpus / "registers" / "places.xml").read_text(encoding="utf-8").replace('xml:id="pl-tartar"', 'xml:id="pl-terter"'),
        encoding="utf-8",
    )
    problems = validate([corpus / "letters"])
    # the pointer no longer resolves, and the form "Tartar" now belongs to an entry it does not point to
    assert {(p.rule, p.path.name) for p in problems} == {("ptr-resolves", "letter-2020-10-01-azerbaijan.xml"),
                                                         ("name-marked", "letter-2020-10-01-azerbaijan.xml")}


def test_same_result_with_a_process_pool(corpus):
    for case in ("ptr-kind", "agenda-consistent", "register-corresp"):
        overlay(corpus, case)
    assert validate([corpus], jobs=2) == validate([corpus], jobs=1) != []
