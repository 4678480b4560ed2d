"""The declared model of the edition: the entity kinds and the pointer scheme, in one place.

The table itself is data (schema/model.xml), so that the stylesheets and the Schematron read
the same rows as this module; this module turns it into plain Python values and implements
pointer expansion once (`expand`). Everything in the package that needs to know which kinds
of entity exist, what their registers are called or what a prefix means asks here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from edition import paths

MODEL_NS = "urn:un-letters:model"


@dataclass(frozen=True)
class Kind:
    """One kind of register entry (a row of schema/model.xml; see the comment there)."""

    name: str
    prefix: str
    id_prefix: str
    entry: str
    names: tuple[str, ...]
    rs_type: str
    singular: str
    title: str
    entry_name: str  # the element that carries an entry's names in its register (kind/@entry-name)

    def register_file(self, tei_dir: Path) -> Path:
        return Path(tei_dir) / "registers" / f"{self.name}.xml"


@dataclass(frozen=True)
class Model:
    kinds: tuple[Kind, ...]
    letter_prefix: str
    letter_id_prefix: str

    @property
    def names(self) -> tuple[str, ...]:
        """The kinds' names in the table's order: persons, places, organisations, documents."""
        return tuple(kind.name for kind in self.kinds)

    def by_name(self, name: str) -> Kind:
        return next(kind for kind in self.kinds if kind.name == name)

    def by_prefix(self, prefix: str) -> Kind | None:
        return next((kind for kind in self.kinds if kind.prefix == prefix), None)

    def by_rs_type(self, rs_type: str) -> Kind | None:
        return next((kind for kind in self.kinds if kind.rs_type == rs_type), None)

    def by_entry_id(self, xml_id: str) -> Kind | None:
        return next((kind for kind in self.kinds if xml_id.startswith(kind.id_prefix)), None)


@dataclass(frozen=True)
class Target:
    """Where a pointer leads: a register entry (kind set, fragment = entry id) or a letter."""

    prefix: str
    local: str
    kind: Kind | None  # None for a letter
    file: str          # path relative to the corpus folder (tei/): registers/places.xml
    fragment: str      # the entry's xml:id, '' for a letter


def load(path: Path | None = None) -> Model:
    """Read the model table (default: schema/model.xml of the repository; parsed without
    entities or network, like every file of the edition)."""
    path = path or paths.SCHEMA / "model.xml"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    q = f"{{{MODEL_NS}}}"
    kinds = tuple(
        Kind(name=row.get("name"), prefix=row.get("prefix"), id_prefix=row.get("id-prefix"),
             entry=row.get("entry"), names=tuple(row.get("names", "").split()), rs_type=row.get("rs-type"),
             singular=row.get("singular"), title=row.get("title"), entry_name=_entry_name(row))
        for row in root.iterfind(f"{q}kind"))
    letters = root.find(f"{q}letters")
    return Model(kinds, letters.get("prefix"), letters.get("id-prefix"))


def _entry_name(row: etree._Element) -> str:
    """The element naming an entry in its register: kind/@entry-name where TEI's entry element
    has no child of the kind's name element (event: label), else the first name element, or
    title for a kind that no element of the letters names (documents)."""
    names = row.get("names", "").split()
    return row.get("entry-name") or (names[0] if names else "title")


@cache
def model() -> Model:
    """The edition's model, read once per process."""
    return load()


def expand(pointer: str, the_model: Model | None = None) -> Target | None:
    """Expand a short pointer (pers:aliyev-yashar, letter:2020-10-01-azerbaijan) by the model.

    None when the pointer is not one well-formed pointer with a known prefix. The TEI files
    declare the same scheme in their listPrefixDef (for other TEI software); the validator checks
    that the declarations agree with the model, so this one expansion serves the whole package.
    """
    the_model = the_model or model()
    prefix, sep, local = pointer.strip().partition(":")
    if not sep or not local or not all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in local):
        return None
    if prefix == the_model.letter_prefix:
        return Target(prefix, local, None, f"letters/{the_model.letter_id_prefix}{local}.xml", "")
    kind = the_model.by_prefix(prefix)
    if kind is None:
        return None
    return Target(prefix, local, kind, f"registers/{kind.name}.xml", f"{kind.id_prefix}{local}")
