"""The registers and the letters' mentions of them, read once for the coverage checks.

The coverage layer (edition.coverage) asks questions across files: is this form a variant
of the entry the mention points to? is every variant used by some letter? is every entry
used? This module answers the "what is there" part and leaves the judging to edition.coverage:

- `RegisterIndex` holds every register entry (person, place, org, bibl) with its names of
  `type="variant"` (form, the pointers of its `@corresp` if any, line), its UN symbols and
  its `ptr` targets;
- `PrefixResolver` expands a short pointer (`pl:baku`, `letter:2020-10-01-azerbaijan`) by the
  model (edition.model.expand, the package's one expansion) if the file declares its prefix in
  its `listPrefixDef`, so that no pointer scheme is hard-coded here;
- `mentions()` lists the elements of a letter that point to an entry, with their surface
  form (`surface_form()`: the text as the reader sees it, `sic` over `corr`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from edition import fidelity
from edition.fidelity import NS, local_name
from edition.model import model

@cache
def entry_kinds() -> dict[str, str]:
    """The register entries and the element that carries their names, from the model
    (schema/model.xml, edition.model.Kind.entry_name): a kind's name element, `title` for a kind
    named by none (documents), `label` for TEI's event. Read on first use, so that importing this
    module needs no model."""
    return {kind.entry: kind.entry_name for kind in model().kinds}


@cache
def mention_attributes() -> dict[str, str]:
    """Mentions: element -> the attribute that holds its pointer (guidelines §3): the model's name
    elements and rs point with @ref, a reference or a citation to a document with @corresp."""
    return {**{name: "ref" for kind in model().kinds for name in kind.names},
            "rs": "ref", "ref": "corresp", "bibl": "corresp"}


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space and trim, as XPath normalize-space() does."""
    return " ".join(text.split())


@dataclass
class PrefixResolver:
    """Expands the `prefix:local` pointers of one file by the model (edition.model.expand), for
    the prefixes the file declares in its `listPrefixDef`."""

    corpus: Path
    declared: frozenset[str]

    @classmethod
    def of(cls, tree: etree._ElementTree, path: Path) -> "PrefixResolver":
        from edition.crossfile import corpus_of

        declared = frozenset(p.get("ident", "") for p in tree.iterfind(".//tei:listPrefixDef/tei:prefixDef", NS))
        return cls(corpus_of(path), declared)

    def resolve(self, pointer: str) -> tuple[Path, str] | None:
        """(file, fragment) a pointer stands for, or None if its prefix is not declared.

        Remembered per pointer: a letter repeats its pointers, and this runs on every save."""
        cache = self.__dict__.setdefault("_resolved", {})
        if pointer not in cache:
            cache[pointer] = self._resolve(pointer)
        return cache[pointer]

    def _resolve(self, pointer: str) -> tuple[Path, str] | None:
        from edition.model import expand

        target = expand(pointer)
        if target is None or target.prefix not in self.declared:
            return None
        # normpath, not resolve(): no file-system call per pointer (`corpus` is resolved already)
        return Path(os.path.normpath(self.corpus / target.file)), target.fragment


@dataclass(frozen=True)
class Variant:
    form: str
    letters: tuple[str, ...]  # the @corresp pointers, as written
    line: int


@dataclass
class Entry:
    """A register entry and what the coverage checks need of it."""

    id: str
    kind: str
    file: Path
    line: int
    variants: list[Variant] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    ptr_targets: list[str] = field(default_factory=list)

    @property
    def forms(self) -> set[str]:
        return {variant.form for variant in self.variants}

    @property
    def label(self) -> str:
        return f"{self.file.name}#{self.id}"


@dataclass
class RegisterIndex:
    """All entries of all registers, keyed by (resolved file path, xml:id)."""

    entries: dict[tuple[Path, str], Entry]
    resolvers: dict[Path, PrefixResolver]

    @classmethod
    def load(cls, register_files: list[Path]) -> "RegisterIndex":
        entries: dict[tuple[Path, str], Entry] = {}
        resolvers = {}
        for path in register_files:
            path = Path(path).resolve()
            tree = fidelity.parse_xml(path)
            resolvers[path] = PrefixResolver.of(tree, path)
            for element in tree.xpath("//tei:standOff//*[@xml:id]", namespaces=NS):
                kind = local_name(element)
                if kind not in entry_kinds():
                    continue
                entry = Entry(element.get("{http://www.w3.org/XML/1998/namespace}id"), kind, path,
                              element.sourceline or 0)
                for name in element.iterfind(f"tei:{entry_kinds()[kind]}[@type='variant']", NS):
                    entry.variants.append(Variant(surface_form(name), tuple(name.get("corresp", "").split()),
                                                  name.sourceline or 0))
                entry.symbols = [normalise_space(i.text or "") for i in element.iterfind("tei:idno[@type='UNSymbol']", NS)]
                entry.ptr_targets = [t for p in element.iterfind("tei:ptr", NS) for t in p.get("target", "").split()]
                entries[(path, entry.id)] = entry
        return cls(entries, resolvers)

    def entry(self, resolved: tuple[Path, str] | None) -> Entry | None:
        return self.entries.get(resolved) if resolved else None

    def entries_with_form(self, form: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if form in entry.forms]

    def all_forms(self) -> set[str]:
        return {form for entry in self.entries.values() for form in entry.forms}


def _skip_for_surface(element: etree._Element) -> bool:
    name = local_name(element)
    return name == "note" or name in fidelity.EDITORIAL_ALTERNATIVES


def surface_form(element: etree._Element) -> str:
    """The words of an element as the reader sees them: sic/orig over corr/reg, no notes.

    Supplied text counts: it is displayed as part of the form.
    """
    pieces = fidelity.text_pieces(element, _skip_for_surface)
    return normalise_space("".join(piece.text for piece in pieces))


def citation_forms(element: etree._Element) -> tuple[str, ...]:
    """The forms under which a mention may be registered.

    For names, `rs` and `ref` that is the surface form. A `bibl` is a whole citation
    (title, date, URL, pages): its registered forms are its titles (a citation may give
    a journal and an article title; either may be the variant), or its whole text when it
    has no title ("Ibid., Rule 83").
    """
    if local_name(element) == "bibl":
        titles = tuple(surface_form(title) for title in element.iterfind("tei:title", NS))
        if titles:
            return titles
    return (surface_form(element),)


@dataclass(frozen=True)
class Mention:
    element: etree._Element
    pointers: tuple[str, ...]
    forms: tuple[str, ...]
    in_header: bool

    @property
    def line(self) -> int:
        return self.element.sourceline or 0

    @property
    def form(self) -> str:
        return " | ".join(self.forms)


def mentions(tree: etree._ElementTree) -> list[Mention]:
    """Every element of a letter that points to an entry, in the text and in correspDesc."""
    root = tree.getroot()
    found = []
    scopes = [(scope, False) for scope in root.iterfind("tei:text", NS)]
    scopes += [(scope, True) for scope in root.iterfind("tei:teiHeader//tei:correspDesc", NS)]
    for scope, in_header in scopes:
        for element in scope.iter(*(f"{{{fidelity.TEI_NS}}}{name}" for name in mention_attributes())):
            value = element.get(mention_attributes()[local_name(element)])
            if value:
                found.append(Mention(element, tuple(value.split()), citation_forms(element), in_header))
    return found


def letter_key(letter_path: Path) -> str:
    """The pointer by which registers refer to a letter (`letter:` + root id without `letter-`).

    Used only in messages; matching goes through the registers' own prefix definitions.
    """
    stem = Path(letter_path).stem
    return "letter:" + (stem[len("letter-"):] if stem.startswith("letter-") else stem)
