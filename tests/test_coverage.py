"""Coverage: the letters and the registers agree, in both directions (issue 3, "Tests").

- every mention's surface form is a `type="variant"` name of the entry it points to, and
  that variant's `@corresp` lists the letter; every letter a variant lists uses that form
  for that entry (mentions in the header's correspDesc are metadata: exempt from the
  variant rule, but they count as uses of the entry);
- every occurrence of a register form in a letter's text is inside an element pointing to
  an entry with that form, or inside `seg[@type='nonReference']`;
- every register entry is used by some letter;
- every UN document reference has a register entry whose symbols and undocs.org links
  agree, and every symbol-like string of the text is inside such a reference;
- every date of the text has a machine-readable value, and every written date
  (day + month, month + year) is inside a `date`.

Messages name the file and line and the form, so that an editor can go straight there.
The checks are plain functions, tested below on a small synthetic corpus so that a passing
coverage test means something.
"""
from __future__ import annotations

import bisect
import copy
import re
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

import fidelity
from edition.paths import LETTERS, REGISTERS
from edition.render import REGISTER_KINDS
from fidelity import NS, local_name
from registers_index import (ENTRY_KINDS, MENTION_ATTRIBUTES, PrefixResolver, RegisterIndex, letter_key, mentions,
                             normalise_space)

LETTER_FILES = sorted(LETTERS.glob("*.xml"))
# The entity registers (the list of editorial sources, sources.xml, is cited by notes, not by mentions).
REGISTER_FILES = sorted(p for p in REGISTERS.glob("*.xml") if p.stem in REGISTER_KINDS)
UNDOCS = "https://undocs.org/en/"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A written date: "12 May 1992", "12 May", "May 1992", or a year standing alone ("in 1994").
# A bare month name ("Black January") is a name, not a date; "1980s", "9228th", "1,318"
# and the parts of symbols and URLs are not years.
WRITTEN_DATE = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|(?:{MONTHS})\s+\d{{4}})(?!\w)"
    r"|(?<![\w/.,-])(?:1[89]|20)\d\d(?![\w/]|[.,]\d)"
)
# A UN document symbol: organ letters, then slash-separated parts with at least one digit,
# optionally joined to a second symbol ("A/74/676-S/2020/90"). Not preceded by "/" or a
# word character, so that URLs and words are not taken for symbols.
UN_SYMBOL = re.compile(r"(?<![\w/.])(?:A|S|E|SG|ST)(?:/[A-Z0-9.]+(?:\(\d{4}\))?)+(?:-(?:A|S)(?:/[A-Z0-9.]+(?:\(\d{4}\))?)+)?")
ISO_DATE = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# ---------------------------------------------------------------------------
# Loading (cached: every test reads the same corpus)
# ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def load_index(register_files: tuple[Path, ...]) -> RegisterIndex:
    return RegisterIndex.load(list(register_files))


@lru_cache(maxsize=None)
def _parse(path: Path) -> etree._ElementTree:
    return fidelity.parse_xml(path)


def load_letter(path: Path) -> etree._ElementTree:
    """A parsed letter (cached); a letter that is not well-formed fails the test that reads it."""
    try:
        return _parse(path)
    except etree.XMLSyntaxError as error:
        pytest.fail(f"{path.name}: not well-formed XML: {error}")


def corpus_index() -> RegisterIndex:
    return load_index(tuple(REGISTER_FILES))


def where(path: Path, line: int) -> str:
    return f"{path.name}:{line}"


# ---------------------------------------------------------------------------
# Text positions: which element owns which character of the text
# ---------------------------------------------------------------------------

class LocatedText:
    """The text of a letter's `text` element as one string, with owners and lines.

    `sic` is read over `corr` (the witness's words); notes and supplied text are included,
    since both are displayed and may name entities.
    """

    def __init__(self, text_element: etree._Element):
        self.pieces = fidelity.text_pieces(text_element, lambda el: local_name(el) in fidelity.EDITORIAL_ALTERNATIVES)
        self.string = "".join(piece.text for piece in self.pieces)
        self.starts = []
        offset = 0
        for piece in self.pieces:
            self.starts.append(offset)
            offset += len(piece.text)

    def _piece(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def owner(self, offset: int) -> etree._Element:
        return self.pieces[self._piece(offset)].owner

    def line(self, offset: int) -> int:
        index = self._piece(offset)
        piece = self.pieces[index]
        return piece.line + piece.text.count("\n", 0, offset - self.starts[index])

    def enclosing(self, start: int, end: int) -> list[etree._Element]:
        """Elements that contain the whole span [start, end), innermost first."""
        first, last = self.owner(start), self.owner(end - 1)
        last_chain = {id(el) for el in (last, *last.iterancestors())}
        return [el for el in (first, *first.iterancestors()) if id(el) in last_chain]


def text_element(tree: etree._ElementTree) -> etree._Element | None:
    return tree.getroot().find("tei:text", NS)


def _points_to(element: etree._Element, resolver: PrefixResolver, index: RegisterIndex):
    attribute = MENTION_ATTRIBUTES.get(local_name(element))
    value = element.get(attribute) if attribute else None
    return [index.entry(resolver.resolve(pointer)) for pointer in (value or "").split()]


# ---------------------------------------------------------------------------
# The checks (each returns a list of messages; [] = fine)
# ---------------------------------------------------------------------------

def mention_problems(letter: Path, tree: etree._ElementTree, index: RegisterIndex) -> list[str]:
    """Each mention resolves; in the text, its form is a variant of its entry listing the letter."""
    resolver = PrefixResolver.of(tree, letter)
    problems = []
    for mention in mentions(tree):
        name = local_name(mention.element)
        for pointer in mention.pointers:
            entry = index.entry(resolver.resolve(pointer))
            if entry is None:
                problems.append(f"{where(letter, mention.line)}: {name} '{mention.form}' points to {pointer}, "
                                "which is no register entry")
                continue
            if mention.in_header:
                continue
            variants = [v for v in entry.variants if v.form in mention.forms]
            if not variants:
                problems.append(f"{where(letter, mention.line)}: {name} '{mention.form}' -> {pointer}: "
                                f"'{mention.form}' is not a type='variant' name of {entry.label} "
                                f"(add <{_name_element(entry)} type=\"variant\" corresp=\"{letter_key(letter)}\">"
                                f"{mention.forms[-1]}</{_name_element(entry)}> to the register)")
                continue
            register_resolver = index.resolvers[entry.file]
            listed = {register_resolver.resolve(token) for v in variants for token in v.letters}
            if (letter.resolve(), "") not in listed:
                problems.append(f"{where(letter, mention.line)}: {name} '{mention.form}' -> {pointer}: "
                                f"the variant '{variants[0].form}' of {entry.label} ({entry.file.name}:{variants[0].line}) "
                                f"does not list {letter_key(letter)} in @corresp")
    return problems


def _name_element(entry) -> str:
    return ENTRY_KINDS[entry.kind]


def text_uses(letter: Path, tree: etree._ElementTree, index: RegisterIndex) -> set[tuple[tuple[Path, str], str]]:
    """(entry key, form) for every mention in the letter's text (not the header)."""
    resolver = PrefixResolver.of(tree, letter)
    uses = set()
    for mention in mentions(tree):
        if not mention.in_header:
            for pointer in mention.pointers:
                resolved = resolver.resolve(pointer)
                if resolved:
                    uses.update((resolved, form) for form in mention.forms)
    return uses


def variant_usage_problems(register: Path, index: RegisterIndex, letters: list[Path]) -> list[str]:
    """Every letter a variant's @corresp lists exists and uses that form for that entry."""
    uses = {letter.resolve(): text_uses(letter, load_letter(letter), index) for letter in letters}
    register = register.resolve()
    resolver = index.resolvers[register]
    problems = []
    for (path, entry_id), entry in index.entries.items():
        if path != register:
            continue
        for variant in entry.variants:
            if not variant.letters:
                problems.append(f"{where(register, variant.line)}: variant '{variant.form}' of {entry.id} "
                                "lists no letter in @corresp")
            for token in variant.letters:
                resolved = resolver.resolve(token)
                letter_path = resolved[0] if resolved else None
                if letter_path not in uses:
                    problems.append(f"{where(register, variant.line)}: variant '{variant.form}' of {entry.id} "
                                    f"lists {token}, which is no letter of the edition")
                elif ((path, entry_id), variant.form) not in uses[letter_path]:
                    problems.append(f"{where(register, variant.line)}: variant '{variant.form}' of {entry.id} "
                                    f"lists {token}, but that letter never uses '{variant.form}' for {entry.id}")
    return problems


def used_entries(letters: list[Path]) -> set[tuple[Path, str]]:
    """Entries any attribute of any letter points to (text and header, correspDesc included)."""
    used = set()
    for letter in letters:
        tree = load_letter(letter)
        resolver = PrefixResolver.of(tree, letter)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for value in element.attrib.values():
                for token in value.split():
                    resolved = resolver.resolve(token)
                    if resolved:
                        used.add(resolved)
    return used


def unused_entry_problems(register: Path, index: RegisterIndex, letters: list[Path]) -> list[str]:
    """Entries of a register that no letter points to."""
    used = used_entries(letters)
    register = register.resolve()
    return [f"{where(register, entry.line)}: {entry.kind} {entry.id} is used by no letter"
            for key, entry in index.entries.items() if key[0] == register and key not in used]


def occurrence_problems(letter: Path, tree: etree._ElementTree, index: RegisterIndex) -> list[str]:
    """Every occurrence of a register form in the text is marked as that entry or as a non-reference."""
    text = text_element(tree)
    forms = sorted(index.all_forms(), key=lambda f: (-len(f), f))
    if text is None or not forms:
        return []
    resolver = PrefixResolver.of(tree, letter)
    located = LocatedText(text)
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms if form)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    problems = []
    for match in pattern.finditer(located.string):
        form = normalise_space(match.group())
        ok = False
        for element in located.enclosing(match.start(), match.end()):
            if local_name(element) == "seg" and element.get("type") == "nonReference":
                ok = True
            elif any(entry is not None and form in entry.forms for entry in _points_to(element, resolver, index)):
                ok = True
            if ok:
                break
        if not ok:
            owners = ", ".join(entry.id for entry in index.entries_with_form(form))
            problems.append(f"{where(letter, located.line(match.start()))}: '{form}' (a variant of {owners}) is not "
                            "inside an element pointing to that entry, nor in seg[@type='nonReference']")
    return problems


def document_problems(letter: Path, tree: etree._ElementTree, index: RegisterIndex) -> list[str]:
    """UN symbol references point to an entry with matching symbols and links; none is left unmarked."""
    text = text_element(tree)
    if text is None:
        return []
    resolver = PrefixResolver.of(tree, letter)
    problems = []
    for ref in text.iterfind(".//tei:ref[@type='UNSymbol']", NS):
        here = where(letter, ref.sourceline or 0)
        label = normalise_space("".join(ref.itertext()))
        corresp = ref.get("corresp")
        if not corresp:
            problems.append(f"{here}: ref[@type='UNSymbol'] '{label}' has no @corresp pointing to the documents register")
            continue
        for pointer in corresp.split():
            entry = index.entry(resolver.resolve(pointer))
            if entry is None:
                problems.append(f"{here}: ref '{label}' -> {pointer}: no such register entry")
                continue
            if not entry.symbols:
                problems.append(f"{here}: ref '{label}' -> {pointer}: {entry.label} has no idno[@type='UNSymbol']")
            expected = sorted(UNDOCS + symbol for symbol in entry.symbols)
            if sorted(entry.ptr_targets) != expected:
                problems.append(f"{here}: ref '{label}' -> {pointer}: {entry.label} has ptr targets "
                                f"{sorted(entry.ptr_targets)}, its symbols need {expected}")
            if sorted((ref.get("target") or "").split()) != expected:
                problems.append(f"{here}: ref '{label}' has @target '{ref.get('target') or ''}', "
                                f"the symbols of {entry.label} need '{' '.join(expected)}'")
    located = LocatedText(text)
    for match in UN_SYMBOL.finditer(located.string):
        symbol = match.group().rstrip(".")
        if not any(c.isdigit() for c in symbol):
            continue
        end = match.start() + len(symbol)
        inside = any(local_name(el) == "ref" and el.get("type") == "UNSymbol"
                     for el in located.enclosing(match.start(), end))
        if not inside:
            problems.append(f"{where(letter, located.line(match.start()))}: UN symbol '{symbol}' is not inside "
                            "a ref[@type='UNSymbol']")
    return problems


def date_problems(letter: Path, tree: etree._ElementTree) -> list[str]:
    """Dates of the text carry ISO values; written dates are inside a date element."""
    text = text_element(tree)
    if text is None:
        return []
    problems = []
    for date in text.iterfind(".//tei:date", NS):
        here = where(letter, date.sourceline or 0)
        label = normalise_space("".join(date.itertext()))
        values = {name: date.get(name) for name in ("when", "from", "to", "notBefore", "notAfter") if date.get(name)}
        if not ("when" in values or ("from" in values and "to" in values)
                or "notBefore" in values or "notAfter" in values):
            problems.append(f"{here}: date '{label}' has no @when, @from+@to or @notBefore/@notAfter")
        for name, value in values.items():
            if not ISO_DATE.match(value):
                problems.append(f"{here}: date '{label}' has @{name}='{value}', not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)")
    located = LocatedText(text)
    for match in WRITTEN_DATE.finditer(located.string):
        enclosing = located.enclosing(match.start(), match.end())
        in_symbol = any(local_name(el) == "ref" and el.get("type") == "UNSymbol" for el in enclosing)
        if not in_symbol and not any(local_name(el) == "date" for el in enclosing):
            problems.append(f"{where(letter, located.line(match.start()))}: date expression "
                            f"'{normalise_space(match.group())}' is not inside a date element")
    return problems


def register_symbol_problems(register: Path, index: RegisterIndex) -> list[str]:
    """Register entries with UN symbols have exactly one undocs.org ptr per symbol."""
    register = register.resolve()
    problems = []
    for (path, _), entry in index.entries.items():
        if path != register or not entry.symbols:
            continue
        expected = sorted(UNDOCS + symbol for symbol in entry.symbols)
        if sorted(entry.ptr_targets) != expected:
            problems.append(f"{where(register, entry.line)}: {entry.id} has ptr targets {sorted(entry.ptr_targets)}, "
                            f"its symbols need {expected}")
    return problems


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_mentions_use_registered_variants(letter):
    problems = mention_problems(letter, load_letter(letter), corpus_index())
    assert not problems, _report(problems)


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_register_forms_in_the_text_are_marked(letter):
    problems = occurrence_problems(letter, load_letter(letter), corpus_index())
    assert not problems, _report(problems)


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_un_documents_are_referenced_and_registered(letter):
    problems = document_problems(letter, load_letter(letter), corpus_index())
    assert not problems, _report(problems)


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_dates_are_marked_with_values(letter):
    problems = date_problems(letter, load_letter(letter))
    assert not problems, _report(problems)


@pytest.mark.parametrize("register", REGISTER_FILES, ids=lambda p: p.name)
def test_variants_list_only_letters_that_use_them(register):
    problems = variant_usage_problems(register, corpus_index(), LETTER_FILES)
    assert not problems, _report(problems)


@pytest.mark.parametrize("register", REGISTER_FILES, ids=lambda p: p.name)
def test_every_register_entry_is_used(register):
    problems = unused_entry_problems(register, corpus_index(), LETTER_FILES)
    assert not problems, _report(problems)


@pytest.mark.parametrize("register", REGISTER_FILES, ids=lambda p: p.name)
def test_register_symbols_have_undocs_links(register):
    problems = register_symbol_problems(register, corpus_index())
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
  <placeName type="variant" corresp="letter:2020-01-01-x">Shusha</placeName>
  <placeName type="variant" corresp="letter:2020-01-01-x">Shushi</placeName></place>
 <place xml:id="pl-baku"><placeName type="main">Baku</placeName>
  <placeName type="variant" corresp="letter:2020-01-01-x">Baku</placeName></place>
 <place xml:id="pl-unused"><placeName type="main">Nowhere</placeName></place>
</listPlace></standOff></TEI>"""

DOCUMENTS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><encodingDesc>{prefixes}</encodingDesc></teiHeader>
<standOff><listBibl>
 <bibl xml:id="doc-s-23904"><title type="main">Note</title><title type="variant" corresp="letter:2020-01-01-x">S/23904</title>
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


def test_synthetic_corpus_passes_the_checks(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path)
    assert mention_problems(letter, tree, index) == []
    assert occurrence_problems(letter, tree, index) == []
    assert document_problems(letter, tree, index) == []
    assert date_problems(letter, tree) == []
    assert variant_usage_problems(registers / "documents.xml", index, [letter]) == []
    assert register_symbol_problems(registers / "documents.xml", index) == []


def test_a_form_missing_from_the_register_is_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace(">Shushi</placeName>", ">Shoushi</placeName>"))
    problems = mention_problems(letter, tree, index)
    line = line_of(letter, ">Shoushi<")
    assert len(problems) == 1 and f"letter-2020-01-01-x.xml:{line}:" in problems[0] and "'Shoushi'" in problems[0]


def test_a_variant_that_does_not_list_the_letter_is_reported(tmp_path):
    places = PLACES.replace('corresp="letter:2020-01-01-x">Shushi', 'corresp="letter:2021-01-12-armenia">Shushi')
    letter, tree, index, registers = _corpus(tmp_path, places=places)
    assert any("does not list letter:2020-01-01-x" in p for p in mention_problems(letter, tree, index))
    assert any("lists letter:2021-01-12-armenia, which is no letter" in p
               for p in variant_usage_problems(registers / "places.xml", index, [letter]))


def test_a_variant_listing_a_letter_that_does_not_use_it_is_reported(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:shusha">Shushi</placeName>', "Shushi"))
    problems = variant_usage_problems(registers / "places.xml", index, [letter])
    assert len(problems) == 1 and "never uses 'Shushi' for pl-shusha" in problems[0]
    assert f"places.xml:{line_of(registers / 'places.xml', '>Shushi<')}:" in problems[0]


def test_header_mentions_are_exempt_from_the_variant_rule_but_count_as_use(tmp_path):
    letter, tree, index, registers = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:baku">Baku</placeName>;', "Another;")
                                             .replace("Another Another", "Another"))
    assert mention_problems(letter, tree, index) == []
    unused = unused_entry_problems(registers / "places.xml", index, [letter])
    line = line_of(registers / "places.xml", "pl-unused")
    assert unused == [f"places.xml:{line}: place pl-unused is used by no letter"]


def test_an_unmarked_occurrence_is_reported_with_its_line(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another <placeName", "Shusha and <placeName"))
    problems = occurrence_problems(letter, tree, index)
    line = line_of(letter, "Shusha and <placeName")
    assert problems == [f"letter-2020-01-01-x.xml:{line}: 'Shusha' (a variant of pl-shusha) is not inside an element "
                        "pointing to that entry, nor in seg[@type='nonReference']"]


def test_an_occurrence_marked_as_another_entry_is_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace('<placeName ref="pl:baku">Baku</placeName>',
                                                              '<placeName ref="pl:shusha">Baku</placeName>'))
    assert any("'Baku' (a variant of pl-baku)" in p for p in occurrence_problems(letter, tree, index))


def test_occurrences_are_whole_words(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another", "Bakuvian Shushaite"))
    assert occurrence_problems(letter, tree, index) == []


def test_unreferenced_symbols_and_bad_refs_are_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace("Another", "See S/PV.9132.")
                                     .replace('target="https://undocs.org/en/S/23904"', 'target="https://undocs.org/en/S/23905"'))
    problems = document_problems(letter, tree, index)
    line = line_of(letter, "S/PV.9132")
    assert any("UN symbol 'S/PV.9132' is not inside" in p and f":{line}:" in p for p in problems)
    assert any("@target 'https://undocs.org/en/S/23905'" in p for p in problems)
    letter, tree, index, _ = _corpus(tmp_path / "b", LETTER.replace(' corresp="doc:s-23904"', ""))
    assert any("has no @corresp" in p for p in document_problems(letter, tree, index))


def test_dates_without_values_and_unmarked_dates_are_reported(tmp_path):
    letter, tree, index, _ = _corpus(tmp_path, LETTER.replace(' when="1992-05-12"', "")
                                     .replace("Another", "On 18 May 1992 and in June 2020, Black January, "
                                              "in 1994, the 1980s, 1,318 mines, the 9228th meeting, "
                                              '<ref type="UNSymbol" corresp="doc:s-23904">822 (1993)</ref>'))
    problems = date_problems(letter, tree)
    assert any("date '12 May 1992' has no @when" in p for p in problems)
    assert any("'18 May 1992' is not inside a date" in p for p in problems)
    assert any("'June 2020' is not inside a date" in p for p in problems)
    assert any("'1994' is not inside a date" in p for p in problems)
    assert len(problems) == 4, problems


@pytest.mark.parametrize("letter", LETTER_FILES, ids=lambda p: p.name)
def test_an_unmarked_name_in_the_real_letter_is_detected(letter):
    """Guards against an occurrence check that silently ignores a real letter's text."""
    tree = copy.deepcopy(load_letter(letter))
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
    problems = occurrence_problems(letter, tree, corpus_index())
    assert any(f"'{form}'" in problem for problem in problems)
