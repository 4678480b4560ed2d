"""The coverage layer of `edition validate`: the letters and the registers agree.

Per letter (cheap: the registers are parsed once per process, see `index_for`):

- `variant-registered`: a mention's surface form is a `type="variant"` name of the entry it
  points to (mentions in the header's correspDesc are metadata and exempt);
- `name-marked`: every occurrence of a register form in the text (the head included) is
  inside an element pointing to an entry with that form, or in `seg[@type='nonReference']`;
- `symbol-marked`: every UN symbol of the text is inside a `ref[@type='UNSymbol']` (the
  pointer checks' `undocs-target`, edition.pointers, check that ref's pointer and targets);
- `date-value`: a `date` of the text has a value (the Schematron's `date-valid` checks that
  it is ISO); `date-marked`: every written date
  (day + month, month + year, a year) of the text, the head included, is inside a `date`.

Across the corpus (from small per-letter summaries, see `uses`), reported in the registers:

- `variant-used`: every variant form is used for its entry by at least one letter;
- `entry-used`: every register entry is pointed to by at least one letter;
- `register-symbol-links`: an entry with UN symbols has exactly one undocs.org ptr per symbol.

Which letters use which form is not kept in the registers: the build derives it from the
letters (the register pages list, per letter, the forms it uses).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition import fidelity
from edition.fidelity import NS, local_name
from edition.registers_index import (Entry, entry_kinds, mention_attributes, PrefixResolver, RegisterIndex, mentions,
                                     normalise_space)
from edition.report import Problem

UNDOCS = "https://undocs.org/en/"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A written date: "12 May 1992", "12 May", "May 1992", or a year standing alone ("in 1994").
# A bare month name ("Black January") is a name, not a date; "1980s", "9228th", "1,318"
# and the parts of symbols and URLs are not years.
# (Every written date starts with a digit or a month's initial: the lookahead skips the other
# positions of the text at once, where the alternatives would each be tried.)
WRITTEN_DATE = re.compile(
    rf"(?=[\d{''.join(sorted({month[0] for month in MONTHS.split('|')}))}])"
    rf"(?:(?<!\w)(?:\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|(?:{MONTHS})\s+\d{{4}})(?!\w)"
    r"|(?<![\w/.,-])(?:1[89]|20)\d\d(?![\w/]|[.,]\d))"
)
# A UN document symbol: organ letters, then slash-separated parts with at least one digit,
# optionally joined to a second symbol ("A/74/676-S/2020/90"). Not preceded by "/" or a
# word character, so that URLs and words are not taken for symbols.
UN_SYMBOL = re.compile(r"(?<![\w/.])(?:A|S|E|SG|ST)(?:/[A-Z0-9.]+(?:\(\d{4}\))?)+(?:-(?:A|S)(?:/[A-Z0-9.]+(?:\(\d{4}\))?)+)?")


# ---------------------------------------------------------------------------
# The registers, parsed once per process (and again only when a register changes)
# ---------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _index(files: tuple[tuple[Path, int], ...]) -> RegisterIndex:
    return RegisterIndex.load([path for path, _ in files])


def index_for(corpus: Path) -> RegisterIndex | None:
    """The register index of a corpus (its registers/ folder); None if a register cannot be read
    (the parsing layer reports it)."""
    from edition import load

    from edition.model import model

    # The entity registers of the model (the list of editorial sources is cited by notes, not
    # pointed to by mentions, so it is no part of the coverage).
    registers = [kind.register_file(corpus) for kind in model().kinds]
    try:
        # (keyed on the paths as given: resolving them, for every letter, cost more than the rest
        # of this lookup; RegisterIndex.load resolves them)
        return _index(tuple((p, p.stat().st_mtime_ns) for p in registers))
    except (OSError, load.LoadError):
        return None


# ---------------------------------------------------------------------------
# Text positions: which element owns which character of the text
# ---------------------------------------------------------------------------

_ALTERNATIVE_TAGS: dict = {}


def _editorial_alternative(element: etree._Element) -> bool:
    """Whether the element is an editors' alternative (corr, reg, expan), remembered per tag."""
    tag = element.tag
    found = _ALTERNATIVE_TAGS.get(tag)
    if found is None:
        found = _ALTERNATIVE_TAGS[tag] = local_name(element) in fidelity.EDITORIAL_ALTERNATIVES
    return found


class LocatedText:
    """The text of a letter's `text` element as one string, with owners and lines.

    `sic` is read over `corr` (the witness's words); notes and supplied text are included,
    since both are displayed and may name entities.
    """

    def __init__(self, text_element: etree._Element):
        self.pieces = fidelity.text_pieces(text_element, _editorial_alternative)
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
        if first is last:  # most spans lie in one element's text
            return [first, *first.iterancestors()]
        last_chain = {last, *last.iterancestors()}  # the elements themselves: their proxies stay alive
        return [el for el in (first, *first.iterancestors()) if el in last_chain]


_last_mentions: list = [None, None]  # [root, its mentions]: validate reads one letter's mentions twice


def letter_mentions(tree: etree._ElementTree):
    """registers_index.mentions(tree), remembered for the last letter (facts and checks share it)."""
    root = tree.getroot()
    if _last_mentions[0] is not root:
        _last_mentions[:] = [root, mentions(tree)]
    return _last_mentions[1]


def text_element(tree: etree._ElementTree) -> etree._Element | None:
    return tree.getroot().find("tei:text", NS)


class _Lookup:
    """Pointers -> register entries (and their forms) for the letters of one corpus that declare
    the same prefixes, remembered across letters: a corpus's letters share most pointers, and
    expanding one and looking it up (paths hashed in Python) cost more than the rest of a check."""

    def __init__(self, resolver: PrefixResolver, index: RegisterIndex):
        self.resolver, self.index = resolver, index
        self.found: dict[str, tuple[Entry | None, frozenset[str]]] = {}

    def entry(self, pointer: str) -> tuple[Entry | None, frozenset[str]]:
        """The entry a pointer leads to (None if none) and the entry's forms."""
        found = self.found.get(pointer)
        if found is None:
            entry = self.index.entry(self.resolver.resolve(pointer))
            found = self.found[pointer] = (entry, frozenset(entry.forms) if entry is not None else frozenset())
        return found


_LOOKUPS: dict[tuple[int, Path, frozenset[str]], _Lookup] = {}


def _lookup(tree: etree._ElementTree, path: Path, index: RegisterIndex) -> _Lookup:
    """The lookup for this letter's corpus, declared prefixes and register index (see _Lookup)."""
    resolver = _resolver(tree, path)
    key = (id(index), resolver.corpus, resolver.declared)
    lookup = _LOOKUPS.get(key)
    if lookup is None or lookup.index is not index:
        if len(_LOOKUPS) >= 16:
            _LOOKUPS.clear()
        lookup = _LOOKUPS[key] = _Lookup(resolver, index)
    return lookup


_RESOLVERS: dict[tuple[Path, frozenset[str]], PrefixResolver] = {}
_last_resolver: list = [None, None, None]  # [root, path, resolver]: three checks of a letter ask


def _resolver(tree: etree._ElementTree, path: Path) -> PrefixResolver:
    """PrefixResolver.of(tree, path), one per corpus and declared prefixes, so that what it
    resolved for one letter serves the next ones (and found once per letter: it searches the
    whole tree for the prefix declarations and resolves the file's path)."""
    root = tree.getroot()
    if _last_resolver[0] is not root or _last_resolver[1] != path:
        fresh = PrefixResolver.of(tree, path)
        if len(_RESOLVERS) >= 16:
            _RESOLVERS.clear()
        _last_resolver[:] = [root, path, _RESOLVERS.setdefault((fresh.corpus, fresh.declared), fresh)]
    return _last_resolver[2]


def _points_to(element: etree._Element, lookup: _Lookup):
    """The (entry, forms) each pointer of a mention element leads to."""
    attribute = mention_attributes().get(local_name(element))
    value = element.get(attribute) if attribute else None
    return [lookup.entry(pointer) for pointer in (value or "").split()]


class _Forms:
    """The register forms of an index as one search pattern, and which entries have each form."""

    def __init__(self, index: RegisterIndex):
        self.index = index
        self.owners: dict[str, list[str]] = {}
        for entry in index.entries.values():
            for form in entry.forms:
                self.owners.setdefault(form, []).append(entry.id)
        forms = sorted((form for form in self.owners if form.strip()), key=lambda f: (-len(f), f))
        self.pattern = _forms_pattern(tuple(forms)) if forms else None


_FORMS: list = [None]


def _forms_of(index: RegisterIndex) -> _Forms:
    """The _Forms of an index, for the last index asked (the registers change rarely)."""
    if _FORMS[0] is None or _FORMS[0].index is not index:
        _FORMS[0] = _Forms(index)
    return _FORMS[0]


# ---------------------------------------------------------------------------
# Per letter
# ---------------------------------------------------------------------------

def letter_problems(path: Path, tree: etree._ElementTree, index: RegisterIndex, located) -> list[Problem]:
    """Every per-letter coverage rule. `located(element, attribute, message, rule)` makes a
    Problem at an element (the validator's helper, which computes the column)."""
    path = Path(path)
    text = text_element(tree)
    located_text = LocatedText(text) if text is not None else None  # shared by three checks
    return (mention_problems(path, tree, index, located)
            + occurrence_problems(path, tree, index, located_text)
            + document_problems(path, tree, index, located, located_text)
            + date_problems(path, tree, located, located_text))


def mention_problems(path: Path, tree, index: RegisterIndex, located) -> list[Problem]:
    """variant-registered: in the text, a mention's form is a variant of the entry it points to."""
    lookup = _lookup(tree, path, index)
    found = []
    for mention in letter_mentions(tree):
        if mention.in_header or not any(mention.forms):
            continue  # header mentions are metadata; an empty one is the Schematron's no-empty
        attribute = mention_attributes()[local_name(mention.element)]
        for pointer in mention.pointers:
            entry, forms = lookup.entry(pointer)
            if entry is None:
                continue  # an unresolved pointer is the Schematron's ptr-resolves
            if forms.isdisjoint(mention.forms):
                element = entry_kinds()[entry.kind]
                found.append(located(mention.element, attribute,
                                     f'"{mention.form}" is not a form of the entry {entry.id} ({entry.file.name}): add '
                                     f'<{element} type="variant">{mention.forms[-1]}</{element}> to that entry, or point '
                                     "to the entry this form names", "variant-registered"))
    return found


def occurrence_problems(path: Path, tree, index: RegisterIndex, text_at: "LocatedText | None" = None) -> list[Problem]:
    """name-marked: every occurrence of a register form in the text is marked (or nonReference)."""
    text = text_element(tree)
    forms = _forms_of(index)
    if text is None or forms.pattern is None:
        return []
    lookup = _lookup(tree, path, index)
    located = text_at or LocatedText(text)
    found = []
    for match in forms.pattern.finditer(located.string):
        form = normalise_space(match.group())
        ok = False
        for element in located.enclosing(match.start(), match.end()):
            if local_name(element) == "seg" and element.get("type") == "nonReference":
                ok = True
            elif any(form in entry_forms for _, entry_forms in _points_to(element, lookup)):
                ok = True
            if ok:
                break
        if not ok:
            owners = ", ".join(forms.owners.get(form, ()))
            found.append(Problem(path, located.line(match.start()), 1,
                                 f'"{form}" (a form of {owners}) is not marked: wrap it in the name element pointing to '
                                 'that entry, or in <seg type="nonReference"> if it names nothing here', "name-marked"))
    return found


@lru_cache(maxsize=8)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """The forms, longest first, as one pattern; the lookahead (a form's first character) skips
    at once the positions where no form starts."""
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms if form)
    firsts = "".join(sorted({form.strip()[0] for form in forms if form.strip()}))
    return re.compile(rf"(?<!\w)(?=[{re.escape(firsts)}])(?:{alternatives})(?!\w)")


def document_problems(path: Path, tree, index: RegisterIndex, located,
                      text_at: "LocatedText | None" = None) -> list[Problem]:
    """symbol-marked: every UN symbol of the text is inside a ref[@type='UNSymbol'] (whether
    that ref points to the right entry with the right targets is undocs-target, edition.pointers)."""
    text = text_element(tree)
    if text is None:
        return []
    found = []
    text_at = text_at or LocatedText(text)
    for match in UN_SYMBOL.finditer(text_at.string):
        symbol = match.group().rstrip(".")
        if not any(c.isdigit() for c in symbol):
            continue
        end = match.start() + len(symbol)
        if not any(local_name(el) == "ref" and el.get("type") == "UNSymbol" for el in text_at.enclosing(match.start(), end)):
            found.append(Problem(path, text_at.line(match.start()), 1,
                                 f'the UN symbol "{symbol}" is not marked: wrap it in <ref type="UNSymbol" '
                                 'corresp="doc:…" target="https://undocs.org/en/…">', "symbol-marked"))
    return found


def date_problems(path: Path, tree, located, text_at: "LocatedText | None" = None) -> list[Problem]:
    """date-value and date-marked (see the module docstring)."""
    text = text_element(tree)
    if text is None:
        return []
    found = []
    for date in text.iterfind(".//tei:date", NS):
        label = normalise_space("".join(date.itertext()))
        values = {name: date.get(name) for name in ("when", "from", "to", "notBefore", "notAfter") if date.get(name)}
        if not ("when" in values or ("from" in values and "to" in values)
                or "notBefore" in values or "notAfter" in values):
            found.append(located(date, None, f'the date "{label}" has no value: add when="YYYY-MM-DD" (or from and to, '
                                 "or notBefore/notAfter)", "date-value"))
    text_at = text_at or LocatedText(text)
    for match in WRITTEN_DATE.finditer(text_at.string):
        enclosing = text_at.enclosing(match.start(), match.end())
        in_symbol = any(local_name(el) == "ref" and el.get("type") == "UNSymbol" for el in enclosing)
        if not in_symbol and not any(local_name(el) == "date" for el in enclosing):
            found.append(Problem(path, text_at.line(match.start()), 1,
                                 f'the date "{normalise_space(match.group())}" is not marked: wrap it in '
                                 '<date when="YYYY-MM-DD"> (the value it stands for)', "date-marked"))
    return found


# ---------------------------------------------------------------------------
# Across the corpus
# ---------------------------------------------------------------------------

@dataclass
class Uses:
    """What a letter uses of the registers (picklable; part of the letter's cross-file facts):
    the (register file, entry id) pairs it points to anywhere, and the (register file, entry id,
    form) triples of its text's mentions."""

    entries: set[tuple[str, str]] = field(default_factory=set)
    forms: set[tuple[str, str, str]] = field(default_factory=set)


def uses(path: Path, tree: etree._ElementTree) -> Uses:
    """The letter's uses of register entries (by pointer expansion only: no register needed)."""
    resolver = _resolver(tree, path)
    result = Uses()
    tokens = set()
    for element in tree.iter(etree.Element):
        for value in element.attrib.values():
            if ":" in value:  # a pointer has a prefix
                tokens.update(value.split())
    for token in tokens:
        resolved = resolver.resolve(token)
        if resolved and resolved[1]:
            result.entries.add((str(resolved[0]), resolved[1]))
    for mention in letter_mentions(tree):
        if mention.in_header:
            continue
        for pointer in mention.pointers:
            resolved = resolver.resolve(pointer)
            if resolved and resolved[1]:
                result.forms.update((str(resolved[0]), resolved[1], form) for form in mention.forms)
    return result


def register_problems(register: Path, index: RegisterIndex, letters_uses: list[Uses], located_line) -> list[Problem]:
    """variant-used, entry-used and register-symbol-links for one register file.

    `located_line(line, message, rule)` makes a Problem on a line of the register.
    """
    register = Path(register).resolve()
    used_entries = set().union(*(u.entries for u in letters_uses)) if letters_uses else set()
    used_forms = set().union(*(u.forms for u in letters_uses)) if letters_uses else set()
    found = []
    for (file, entry_id), entry in index.entries.items():
        if file != register:
            continue
        key = (str(file), entry_id)
        if key not in used_entries:
            found.append(located_line(entry.line, f"the {entry.kind} {entry_id} is used by no letter: remove the entry, "
                                      "or point to it from the letter that names it", "entry-used"))
        else:
            for variant in entry.variants:
                if (str(file), entry_id, variant.form) not in used_forms:
                    found.append(located_line(variant.line, f'the form "{variant.form}" of {entry_id} is used by no letter: '
                                              "remove it, or correct it to the form the letter writes", "variant-used"))
        if entry.symbols:
            expected = sorted(UNDOCS + symbol for symbol in entry.symbols)
            if sorted(entry.ptr_targets) != expected:
                found.append(located_line(entry.line, f"{entry_id} has the links {sorted(entry.ptr_targets)} but its UN "
                                          f"symbols need exactly one <ptr> each: {expected}", "register-symbol-links"))
    return found
