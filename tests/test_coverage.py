"""Coverage: the letters and the registers agree (the coverage layer of `edition validate`).

The rules live in `scripts/edition/coverage.py` (ids `variant-registered`, `name-marked`,
`symbol-marked`, `date-value`, `date-marked`, `entry-used`, `variant-used`,
`register-symbol-links`; see docs/encoding-guidelines.md §8). The corpus tests run
`edition validate`'s own layer on every letter and register, so that the test suite and the
validator cannot disagree; the checks themselves are shown below, on a small synthetic corpus,
to catch what they should, so that a passing coverage test means something.

Which letters use which form is not kept in the registers: the build derives it.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from edition import fidelity
from edition.coverage import (date_problems, document_problems, index_for, mention_problems,
                              occurrence_problems, register_problems, uses)
from edition.fidelity import NS
from edition.paths import LETTERS, REGISTERS, TEI
from edition.render import REGISTER_KINDS
from edition.registers_index import RegisterIndex, normalise_space
from edition.report import Problem
from edition.validate import validate

LETTER_FILES = sorted(LETTERS.glob("*.xml"))
# The entity registers (the list of editorial sources, sources.xml, is cited by notes, not by mentions).
REGISTER_FILES = sorted(p for p in REGISTERS.glob("*.xml") if p.stem in REGISTER_KINDS)
COVERAGE_RULES = {"variant-registered", "name-marked", "symbol-marked", "date-value", "date-marked",
                  "entry-used", "variant-used", "register-symbol-links"}


def _report(problems: list[Problem]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(p.format_text() for p in problems)


def locator(path: Path):
    """The `located` helper the validator passes to the layers, without the column."""
    return lambda element, attribute, message, rule: Problem(path, element.sourceline or 1, 1, message, rule)


def messages(problems: list[Problem]) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message} [{p.rule}]" for p in problems]


# ---------------------------------------------------------------------------
# The corpus: exactly what `edition validate` reports
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_letter_is_covered_by_the_registers(letter):
    problems = [p for p in validate([letter], jobs=1) if p.rule in COVERAGE_RULES]
    assert not problems, _report(problems)


@pytest.mark.parametrize("register", REGISTER_FILES, ids=lambda p: p.name)
def test_every_register_entry_and_form_is_used(register):
    problems = [p for p in validate([register], jobs=1) if p.rule in COVERAGE_RULES]
    assert not problems, _report(problems)


# ---------------------------------------------------------------------------
# The checks catch what they should (synthetic corpus)
# ---------------------------------------------------------------------------

PREFIXES = """<listPrefixDef>
 <prefixDef ident="pl" matchPattern="([a-z0-9\\-]+)" replacementPattern="{reg}places.xml#pl-$1"><p/></prefixDef>
 <prefixDef ident="doc" matchPattern="([a-z0-9\\-]+)" replacementPattern="{reg}documents.xml#doc-$1"><p/></prefixDef>
 <prefixDef ident="letter" matchPattern="([a-z0-9\\-]+)" replacementPattern="{let}letter-$1.xml"><p/></prefixDef>
</listPrefixDef>"""

PLACES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><encodingDesc>{prefixes}</encodingDesc></teiHeader>
<standOff><listPlace>
 <place xml:id="pl-shusha"><placeName type="main">Shusha / Shushi</placeName>
  <placeName type="variant">Shusha</placeName>
  <placeName type="variant">Shushi</placeName></place>
 <place xml:id="pl-baku"><placeName type="main">Baku</placeName>
  <placeName type="variant">Baku</placeName></place>
 <place xml:id="pl-unused"><placeName type="main">Nowhere</placeName></place>
</listPlace></standOff></TEI>"""

DOCUMENTS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><encodingDesc>{prefixes}</encodingDesc></teiHeader>
<standOff><listBibl>
 <bibl xml:id="doc-s-23904"><title type="main">Note</title><title type="variant">S/23904</title>
  <idno type="UNSymbol">S/23904</idno><ptr target="https://undocs.org/en/S/23904"/></bibl>
</listBibl></standOff></TEI>"""

LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="letter-2020-01-01-x"><teiHeader><encodingDesc>{prefixes}</encodingDesc>
<profileDesc><correspDesc><correspAction type="sent"><placeName ref="pl:baku">Baku, capital</placeName></correspAction></correspDesc></profileDesc>
</teiHeader><text><body><div>
<p>The town of <placeName ref="pl:shusha">Shusha</placeName> and <placeName ref="pl:shusha">Shushi</placeName>,
the note (<ref type="UNSymbol" corresp="doc:s-23904" target="https://undocs.org/en/S/23904">S/23904</ref>)
of <date when="1992-05-12">12 May 1992</date>.</p>
<p>Another <placeName ref="pl:baku">Baku</placeName>; <seg type="nonReference">Baku Street</seg>.</p>
</div></body></text></TEI>"""


def line_of(path: Path, needle: str) -> int:
    """The line of a file on which `needle` first occurs (for expected messages)."""
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


def _corpus(tmp_path: Path, letter_text: str = LETTER, places: str = PLACES):
    registers, letters = tmp_path / "registers", tmp_path / "letters"
    registers.mkdir(parents=True)
    letters.mkdir(parents=True)
    register_prefixes = PREFIXES.format(reg="", let="../letters/")
    (registers / "places.xml").write_text(places.format(prefixes=register_prefixes), encoding="utf-8")
    (registers / "documents.xml").write_text(DOCUMENTS.format(prefixes=register_prefixes), encoding="utf-8")
    letter = letters / "letter-2020-01-01-x.xml"
    letter.write_text(letter_text.format(prefixes=PREFIXES.format(reg="../registers/", let="")), encoding="utf-8")
    index = RegisterIndex.load(sorted(registers.glob("*.xml")))
    return letter, fidelity.parse_xml(letter), index, registers


def _register_problems(register: Path, index: RegisterIndex, letters: list[Path]) -> list[Problem]:
    letter_uses = [uses(letter, fidelity.parse_xml(letter)) for letter in letters]
    return register_problems(register, index, letter_uses, lambda line, message, rule: Problem(register, line, 1, message, rule))


def test_synthetic_corpus_passes_the_checks(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path)
    located = locator(letter)
    assert mention_problems(letter, tree, index, located) == []
    assert occurrence_problems(letter, tree, index) == []
    assert document_problems(letter, tree, index, located) == []
    assert date_problems(letter, tree, located) == []
    assert _register_problems(registers / "documents.xml", index, [letter]) == []


def test_a_form_missing_from_the_register_is_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace(">Shushi</placeName>", ">Shoushi</placeName>"))
    problems = mention_problems(letter, tree, index, locator(letter))
    line = line_of(letter, ">Shoushi<")
    assert messages(problems) == [
        f'letter-2020-01-01-x.xml:{line}: "Shoushi" is not a form of the entry pl-shusha (places.xml): add '
        '<placeName type="variant">Shoushi</placeName> to that entry, or point to the entry this form names '
        "[variant-registered]"]


def test_a_variant_no_letter_uses_is_reported(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:shusha">Shushi</placeName>', "Shushi"))
    problems = _register_problems(registers / "places.xml", index, [letter])
    line = line_of(registers / "places.xml", ">Shushi<")
    assert messages(problems)[0] == (f'places.xml:{line}: the form "Shushi" of pl-shusha is used by no letter: remove it, '
                                     "or correct it to the form the letter writes [variant-used]")


def test_header_mentions_are_exempt_from_the_variant_rule_but_count_as_use(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:baku">Baku</placeName>;', "Another;")
                                             .replace("Another Another", "Another"))
    assert mention_problems(letter, tree, index, locator(letter)) == []
    problems = _register_problems(registers / "places.xml", index, [letter])
    # pl-baku is used (in the header) but its form "Baku" by no text mention; pl-unused by nothing
    assert [(p.line, p.rule) for p in problems] == [
        (line_of(registers / "places.xml", ">Baku</placeName></place>"), "variant-used"),
        (line_of(registers / "places.xml", "pl-unused"), "entry-used")]


def test_an_unmarked_occurrence_is_reported_with_its_line(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another <placeName", "Shusha and <placeName"))
    problems = occurrence_problems(letter, tree, index)
    line = line_of(letter, "Shusha and <placeName")
    assert messages(problems) == [f'letter-2020-01-01-x.xml:{line}: "Shusha" (a form of pl-shusha) is not marked: wrap it '
                                  'in the name element pointing to that entry, or in <seg type="nonReference"> if it names '
                                  "nothing here [name-marked]"]


def test_an_occurrence_marked_as_another_entry_is_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:baku">Baku</placeName>',
                                                              '<placeName ref="pl:shusha">Baku</placeName>'))
    assert any('"Baku" (a form of pl-baku)' in p.message for p in occurrence_problems(letter, tree, index))


def test_occurrences_are_whole_words(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another", "Bakuvian Shushaite"))
    assert occurrence_problems(letter, tree, index) == []


def test_unreferenced_symbols_are_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another", "See S/PV.9132."))
    problems = document_problems(letter, tree, index, locator(letter))
    line = line_of(letter, "S/PV.9132")
    assert [(p.line, p.rule) for p in problems] == [(line, "symbol-marked")] and '"S/PV.9132"' in problems[0].message


def test_register_symbols_need_one_undocs_link_each(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path)
    documents = registers / "documents.xml"
    documents.write_text(documents.read_text(encoding="utf-8").replace('<ptr target="https://undocs.org/en/S/23904"/>', ""),
                         encoding="utf-8")
    index = RegisterIndex.load(sorted(registers.glob("*.xml")))
    problems = _register_problems(documents, index, [letter])
    assert [p.rule for p in problems] == ["register-symbol-links"]


def test_dates_without_values_and_unmarked_dates_are_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace(' when="1992-05-12"', "")
                                     .replace("Another", "On 18 May 1992 and in June 2020, Black January, "
                                              "in 1994, the 1980s, 1,318 mines, the 9228th meeting, "
                                              '<ref type="UNSymbol" corresp="doc:s-23904">822 (1993)</ref>'))
    problems = date_problems(letter, tree, locator(letter))
    texts = [p.message for p in problems]
    assert any('the date "12 May 1992" has no value' in t for t in texts)
    assert any('"18 May 1992" is not marked' in t for t in texts)
    assert any('"June 2020" is not marked' in t for t in texts)
    assert any('"1994" is not marked' in t for t in texts)
    assert len(problems) == 4, texts


def test_the_registers_are_parsed_once_per_process():
    """`edition validate FILE` on save must stay cheap: the register index is cached."""
    assert index_for(TEI) is index_for(TEI) is not None


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_an_unmarked_name_in_the_real_letter_is_detected(letter):
    """Guards against an occurrence check that silently ignores a real letter's text."""
    tree = copy.deepcopy(fidelity.parse_xml(letter))
    name = tree.find(".//tei:body//tei:p/tei:placeName", NS)
    if name is None:
        pytest.skip("no placeName directly in a body paragraph")
    form = normalise_space("".join(name.itertext()))
    previous, parent = name.getprevious(), name.getparent()
    unwrapped = form + (name.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + unwrapped
    else:
        parent.text = (parent.text or "") + unwrapped
    parent.remove(name)
    problems = occurrence_problems(letter, tree, index_for(TEI))
    assert any(f'"{form}"' in problem.message for problem in problems)
