"""Pointer checks against the model: where every short pointer of a file leads, and whether it may.

A pointer such as pers:aliyev-yashar is expanded by the one expansion of the package
(`edition.model.expand`) and looked up in the corpus' registers, which are parsed once per process
(`entries`) and read again only when a register file changes. Single pointers and pointer lists
(rs ref="pers:a pers:b", a register variant's corresp="letter:a letter:b") go through the same code,
so they get the same rule ids and messages:

- `ptr-declared`: the pointer is one well-formed pointer whose prefix the model knows and the file
  declares in its listPrefixDef;
- `ptr-resolves`: the register entry (or the letter file) it leads to exists;
- `ptr-kind`: that entry is of the kind the attribute needs (a persName points to a person …);
- `undocs-target`: a reference to a UN document links to https://undocs.org/en/ + each symbol of
  the register entry its corresp points to;
- `prefix-def`: every prefix the file declares (listPrefixDef) is one of the model's, with the
  model's address, so that other TEI software expands the pointers as the edition does (the XSD
  checks only the form of a prefix and of an address, so that a new kind needs no schema change);
- `ptr-element`: only an element that names entries of a kind (the model's kind/@names), or an rs
  whose type is a kind's rs-type, points to a register with @ref (the XSD allows @ref on the TEI
  name elements the edition uses, and any lower-case rs type).

These were Schematron rules reading the registers with document(); they are corpus facts, so they
live here, and the Schematron keeps the rules about one document (edition.schematron).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.load import TEI_NS
from edition.model import Model, Target, expand, model

T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LETTER = "TEI"  # what a letter: pointer leads to, in the `kinds` of an attribute
UNDOCS = "https://undocs.org/en/"


@dataclass(frozen=True)
class Finding:
    """One pointer problem: rule id, message and the attribute it is about."""

    rule: str
    message: str
    element: etree._Element
    attribute: str | None


@dataclass(frozen=True)
class Entry:
    """A register entry, as far as pointers care: its element and its UN symbols (documents)."""

    element: str
    symbols: tuple[str, ...] = ()


@dataclass(frozen=True)
class Use:
    """A pointer attribute: which entry elements it may lead to (None: any) and whether it may
    hold a list of pointers."""

    kinds: frozenset[str] | None
    many: bool


def entries(corpus: Path) -> dict[tuple[str, str], Entry]:
    """Every register entry of the corpus by (register file relative to the corpus, xml:id), as
    `model.Target` names them; parsed once per process and state of the register files."""
    files = []
    for kind in model().kinds:
        path = kind.register_file(corpus)
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((path, stat.st_mtime_ns, stat.st_size))
    return _entries(tuple(files))


@lru_cache(maxsize=8)
def _entries(files: tuple[tuple[Path, int, int], ...]) -> dict[tuple[str, str], Entry]:
    from edition import load

    found: dict[tuple[str, str], Entry] = {}
    for path, _mtime, _size in files:
        try:
            root = load.parse(path).getroot()
        except (load.LoadError, OSError):
            continue  # the parsing layer reports it; its entries do not resolve
        standoff = root.find(f"{T}standOff")
        for element in standoff.iter(etree.Element) if standoff is not None else ():
            if element.get(XML_ID):
                symbols = tuple(" ".join(i.text.split()) for i in element.iterfind(f"{T}idno[@type='UNSymbol']") if i.text)
                found.setdefault((f"registers/{path.name}", element.get(XML_ID)), Entry(etree.QName(element).localname, symbols))
    return found


_EXPANSIONS: dict[str, tuple[Model, Target | None]] = {}


def _expand(pointer: str, the_model: Model) -> Target | None:
    """model.expand, remembered per process: the letters of a corpus share most pointers."""
    found = _EXPANSIONS.get(pointer)
    if found is None or found[0] is not the_model:
        if len(_EXPANSIONS) >= 100_000:
            _EXPANSIONS.clear()
        found = _EXPANSIONS[pointer] = (the_model, expand(pointer, the_model))
    return found[1]


def _use(element: etree._Element, attribute: str, the_model: Model, in_standoff: bool) -> Use | None:
    """Whether this attribute of this element holds register pointers, and of which kind."""
    name = etree.QName(element).localname
    documents = frozenset(k.entry for k in the_model.kinds if k.entry == "bibl")
    if attribute == "ref":
        if name == "rs":
            kind = the_model.by_rs_type(element.get("type") or "")
            return Use(frozenset({kind.entry}) if kind else None, True)
        kind = next((k for k in the_model.kinds if name in k.names), None)
        return Use(frozenset({kind.entry}), False) if kind else None
    if attribute == "target" and name == "ref":
        # correspContext (replies, further-to) and an "Ibid." (guidelines §4.2): a cited document
        # or a letter; web addresses and #ids in the same attribute are left to the other rules
        return Use(documents | {LETTER}, False)
    if attribute == "corresp" and name in ("ref", "bibl"):
        return Use(documents, False)
    if attribute == "corresp" and in_standoff:
        return Use(None, True)  # a register form's letters, or any entry it corresponds to
    if name == "measure":
        return _claim_use(attribute, the_model)
    return None


def _claim_use(attribute: str, the_model: Model) -> Use | None:
    """A claim's places (@corresp; its #date is the Schematron's claim-date) and whom the letter
    attributes its figure to (@source): a person, an organisation, a State or a document."""
    if attribute == "corresp":
        return Use(frozenset(k.entry for k in the_model.kinds if k.prefix == "pl"), True)
    if attribute == "source":
        return Use(frozenset(k.entry for k in the_model.kinds), True)
    return None


def _element_problem(element: etree._Element, the_model: Model) -> Finding | None:
    """ptr-element: an element with @ref names entries of a kind (kind/@names), or is an rs whose
    type is a kind's rs-type."""
    name = etree.QName(element).localname
    if name == "rs":
        rs_type = element.get("type") or ""
        if the_model.by_rs_type(rs_type) is not None:
            return None
        types = ", ".join(f"{kind.rs_type}: {kind.name}" for kind in the_model.kinds)
        return Finding("ptr-element", f'rs type="{rs_type}" designates no kind of the model (schema/model.xml), whose rs types are {types}: use one of these, or add the kind\'s row to the model first.', element, "type")
    if any(name in kind.names for kind in the_model.kinds):
        return None
    named = ", ".join(f"{n}: {kind.name}" for kind in the_model.kinds for n in kind.names)
    return Finding("ptr-element", f'{name} may not point to a register entry: no kind of the model (schema/model.xml) has {name} among the elements that name its entries ({named}). Mark the words with the element of the entry\'s kind, or remove ref.', element, "ref")


def _declared(root: etree._Element) -> set[str]:
    """The prefixes the file declares in its listPrefixDef."""
    return {p.get("ident") for p in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{T}listPrefixDef/{T}prefixDef")}


def _address(the_model: Model, prefix: str) -> tuple[str, str] | None:
    """Where the model says a prefix leads: (file relative to the corpus, fragment), with $1 for
    the pointer's name; None for a prefix the model does not know."""
    if prefix == the_model.letter_prefix:
        return f"letters/{the_model.letter_id_prefix}$1.xml", ""
    kind = the_model.by_prefix(prefix)
    return (f"registers/{kind.name}.xml", f"{kind.id_prefix}$1") if kind else None


def _expected(the_model: Model, prefix: str, folder: str) -> str:
    """The model's address of a prefix as a file in `folder` (letters, registers) writes it."""
    file, fragment = _address(the_model, prefix)
    relative = posixpath.relpath(file, folder)
    return f"{relative}#{fragment}" if fragment else relative


def declaration_problems(root: etree._Element, the_model: Model) -> list[Finding]:
    """prefix-def: each prefixDef of the file declares a prefix of the model with the model's
    address, relative to the file's folder (a letter's is letters/, a register's registers/)."""
    folder = "letters" if root.find(f"{T}text") is not None else "registers"
    known = ", ".join([k.prefix for k in the_model.kinds] + [the_model.letter_prefix])
    found = []
    for prefix_def in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{T}listPrefixDef/{T}prefixDef"):
        ident = prefix_def.get("ident") or ""
        if _address(the_model, ident) is None:
            found.append(Finding("prefix-def", f'The prefix "{ident}" is not one of the model (schema/model.xml), which has {known}: declare only these (copy the block from the model letter), or add the kind\'s row to the model first.', prefix_def, "ident"))
            continue
        address = prefix_def.get("replacementPattern") or ""
        file, _, fragment = address.partition("#")
        if (posixpath.normpath(posixpath.join(folder, file)), fragment) != _address(the_model, ident):
            found.append(Finding("prefix-def", f'The prefix "{ident}" leads to "{address}", but the model (schema/model.xml) says {_expected(the_model, ident, folder)} from a file in {folder}/: copy the prefixDef from the model letter.', prefix_def, "replacementPattern"))
    return found


class Checker:
    """The pointer checks of one file against its corpus."""

    def __init__(self, root: etree._Element, corpus: Path):
        self.the_model = model()
        self.corpus = corpus
        self.declared = _declared(root)
        self.entries = entries(corpus)
        self.found: list[Finding] = []
        # Remembered for this file: a letter repeats its pointers and its kinds of mention.
        self.letters: dict[str, bool] = {}
        self.uses: dict[tuple, Use | None] = {}

    def use(self, element: etree._Element, attribute: str, in_standoff: bool) -> Use | None:
        """_use, remembered per element name, attribute, rs type and place."""
        key = (element.tag, attribute, element.get("type") if attribute == "ref" else None, in_standoff)
        if key not in self.uses:
            self.uses[key] = _use(element, attribute, self.the_model, in_standoff)
        return self.uses[key]

    def attribute(self, element: etree._Element, attribute: str, use: Use) -> None:
        value = " ".join((element.get(attribute) or "").split())
        if not value or (not use.many and value.startswith(("#", "http:", "https:"))) or "{" in value:
            return  # a local pointer (local-pointer), a web address, a template placeholder
        tokens = value.split(" ") if use.many else [value]
        for token in tokens:
            if not token.startswith(("#", "http:", "https:")):  # a #id in a list: a Schematron rule's
                self.pointer(token, element, attribute, use)

    def pointer(self, pointer: str, element: etree._Element, attribute: str, use: Use) -> Target | None:
        """Check one pointer; return where it leads if it resolves."""
        target = _expand(pointer, self.the_model)
        if target is None or target.prefix not in self.declared:
            self.report("ptr-declared", element, attribute, f'The pointer "{pointer}" is not a single pointer with a declared prefix: write one pointer such as pers:aliyev-yashar, whose prefix ({self._prefixes()}) is declared in encodingDesc/listPrefixDef (copy the block from the model letter) and whose name uses only a-z, 0-9 and "-"; separate the pointers of a list with spaces.')
            return None
        found = self._lookup(target)
        if found is None:
            where = f'there is no entry "{target.fragment}" in {target.file}' if target.fragment else f"the letter {target.file} does not exist"
            self.report("ptr-resolves", element, attribute, f'The pointer "{pointer}" does not resolve: {where}. Correct the pointer, or add the entry to the register.')
            return None
        if use.kinds is not None and found not in use.kinds:
            wanted = " or ".join(sorted(self._called(kind) for kind in use.kinds))
            self.report("ptr-kind", element, attribute, f'The pointer "{pointer}" on {etree.QName(element).localname} leads to a {self._called(found)} entry, but this attribute must point to a {wanted} entry: use the right prefix ({self._prefixes(True)}).')
            return None
        return target

    def _lookup(self, target: Target) -> str | None:
        """The element the pointer leads to (LETTER for a letter file), None if nothing."""
        if target.kind is None:
            if target.file not in self.letters:
                self.letters[target.file] = (self.corpus / target.file).is_file()
            return LETTER if self.letters[target.file] else None
        entry = self.entries.get((target.file, target.fragment))
        return entry.element if entry is not None else None

    def _called(self, element: str) -> str:
        """What readers call an entry element (the model's singular): bibl -> document."""
        if element == LETTER:
            return "letter"
        return next((k.singular for k in self.the_model.kinds if k.entry == element), element)

    def _prefixes(self, explained: bool = False) -> str:
        kinds = [(k.prefix, k.name) for k in self.the_model.kinds] + [(self.the_model.letter_prefix, "letters")]
        return ", ".join(f"{p}: for {name}" if explained else p for p, name in kinds)

    def undocs(self, ref: etree._Element) -> None:
        """undocs-target: the links of a reference to a UN document are its entry's symbols."""
        target = _expand(" ".join((ref.get("corresp") or "").split()), self.the_model)
        entry = self.entries.get((target.file, target.fragment)) if target is not None and target.kind is not None else None
        symbols = entry.symbols if entry is not None else ()
        links = (ref.get("target") or "").split()
        if ref.get("corresp") and (entry is None or (len(links) == len(symbols) and all(UNDOCS + s in links for s in symbols))):
            return  # (a corresp that does not resolve is ptr-resolves' business)
        first = f", first: {symbols[0]}" if symbols else ""
        self.report("undocs-target", ref, None, f'A reference to a UN document needs corresp="doc:…" (its register entry) and target = one URL {UNDOCS}SYMBOL per symbol of that entry ({len(symbols)} symbols{first}), separated by spaces; found target="{ref.get("target") or ""}".')

    def report(self, rule: str, element: etree._Element, attribute: str | None, message: str) -> None:
        self.found.append(Finding(rule, message, element, attribute))


def problems(tree: etree._ElementTree, corpus: Path) -> list[Finding]:
    """Every pointer problem of one file (a letter or a register), in document order."""
    root = tree.getroot()
    checker = Checker(root, corpus)
    checker.found.extend(declaration_problems(root, checker.the_model))
    standoff = root.find(f"{T}standOff")
    for element in root.iter(etree.Element):
        for attribute in ("ref", "corresp", "target", "source"):
            if element.get(attribute) is None:
                continue
            if attribute == "ref" and (wrong := _element_problem(element, checker.the_model)) is not None:
                checker.found.append(wrong)
                continue
            in_standoff = standoff is not None and _inside(element, standoff)
            use = checker.use(element, attribute, in_standoff)
            if use is not None:
                checker.attribute(element, attribute, use)
    text = root.find(f"{T}text")
    for ref in text.iter(f"{T}ref") if text is not None else ():
        if ref.get("type") == "UNSymbol":
            checker.undocs(ref)
    return checker.found


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())
