"""Check a parsed TEI tree against the project XSD (schema/edition.xsd) with xmlschema.

xmlschema is pure Python, so the schema object is built once per process and the lxml
tree is validated as it is (no re-serialising). Its errors are mapped to a few stable rule
ids, so that editors and tests can rely on them whatever xmlschema's wording:

- `xsd-element`: an element that is unknown or not allowed where it stands;
- `xsd-attribute`: an attribute that is not allowed, or a required one that is missing;
- `xsd-value`: a value (attribute or text) that does not fit its type or list of values;
- `xsd-content`: content that is incomplete or otherwise wrong (e.g. a missing child).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.load import TEI_NS
from edition.report import SchemaBroken


@dataclass(frozen=True)
class XsdError:
    """One schema error: rule id, message and the element it is about."""

    rule: str
    message: str
    element: etree._Element | None
    attribute: str | None


@lru_cache(maxsize=None)
def compiled(xsd_path: Path):
    """The XMLSchema object for the project XSD, built once per process.

    Imported here, not at module level, so that commands that never validate do not pay
    for importing xmlschema.
    """
    import xmlschema

    try:
        return xmlschema.XMLSchema10(str(xsd_path), base_url=str(xsd_path.parent), allow="local")
    except (xmlschema.XMLSchemaException, etree.XMLSyntaxError, OSError, SyntaxError) as exc:
        raise SchemaBroken(xsd_path, str(exc)) from None


@lru_cache(maxsize=None)
def _gate(xsd_path: Path) -> etree.XMLSchema | None:
    """libxml2's validator for the same XSD, used as a fast gate (None if it cannot load it).

    xmlschema, the reference validator here, takes ~30 ms per letter in pure Python;
    libxml2 takes well under 1 ms. A letter libxml2 accepts is taken as valid without asking
    xmlschema; only for a letter libxml2 rejects does xmlschema run, and then its verdict and
    messages count (a libxml2-only complaint is dropped). The tests check that both engines
    agree on the valid corpus and on every bad XSD document.
    """
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        return etree.XMLSchema(etree.parse(str(xsd_path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError):
        return None


def _short(text: str) -> str:
    """xmlschema's wording with TEI namespace braces removed, for readable messages."""
    return " ".join(text.replace(f"{{{TEI_NS}}}", "").split())


def _rule_and_node(error) -> tuple[str, etree._Element | None, str | None]:
    import xmlschema.validators as v

    element = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
    reason = error.reason or ""
    if isinstance(error, v.XMLSchemaChildrenValidationError):
        child = error.invalid_child
        if child is not None:
            return "xsd-element", child if isinstance(child, etree._Element) else element, None
        return "xsd-content", element, None
    validator = error.validator
    if isinstance(validator, v.XsdAttributeGroup):
        attribute = reason.split("'")[1] if reason.count("'") >= 2 else None
        return "xsd-attribute", element, attribute
    if isinstance(validator, v.XMLSchemaBase) or "is not an element of the schema" in reason or "can't have child elements" in reason:
        return "xsd-element", element, None
    if isinstance(error, v.XMLSchemaDecodeError) or isinstance(validator, (v.XsdSimpleType, v.XsdFacet)) or reason.startswith("attribute "):
        attribute = reason.split("=")[0][len("attribute "):].strip() if reason.startswith("attribute ") else None
        return "xsd-value", element, attribute
    return "xsd-content", element, None


_PLACEHOLDER = re.compile(r"\{[A-Z][A-Z0-9_]*\}")

_HINTS = {
    "xsd-element": "use only the elements of the encoding model (see the guidelines and the model letter)",
    "xsd-attribute": "use only the attributes of the encoding model and give the required ones",
    "xsd-value": "correct the value (your editor's completion and the schema documentation show what is allowed)",
    "xsd-content": "complete the element as the encoding model requires (see the model letter)",
}


def _message(rule: str, error, element, attribute: str | None) -> str:
    """A message naming the element (and attribute) concerned, in the editor's terms."""
    name = f"<{etree.QName(element).localname}>" if element is not None and isinstance(element.tag, str) else "the document"
    reason = _short(error.reason or str(error)).rstrip(".")
    if rule == "xsd-value" and attribute and element is not None:
        value = element.get(attribute)
        allowed = reason[reason.index("value must be one of"):] if "value must be one of" in reason else "it does not fit the attribute's type"
        return f'{name}: {attribute}="{value}" is not allowed ({allowed}): {_HINTS[rule]}'
    return f"{name}: {reason}: {_HINTS[rule]}"


def errors(tree: etree._ElementTree, xsd_path: Path, fast: bool = True) -> list[XsdError]:
    """Every schema error of this tree, mapped to a rule id and the node it concerns.

    `fast`: let libxml2 wave through what it accepts (see `_gate`); False always runs xmlschema.
    One error per element, attribute and rule: xmlschema reports a value that fails a union
    type once per member type, which would only repeat the same mistake.
    """
    gate = _gate(xsd_path) if fast else None
    if gate is not None and gate.validate(tree):
        return []
    found = []
    seen = set()
    for error in compiled(xsd_path).iter_errors(tree):
        rule, element, attribute = _rule_and_node(error)
        if rule == "xsd-value" and attribute and element is not None and _PLACEHOLDER.search(element.get(attribute) or ""):
            continue  # a template placeholder: the Schematron's todo-left says what to fill in
        key = (id(element), attribute, rule)
        if key in seen and attribute is not None:
            continue
        seen.add(key)
        found.append(XsdError(rule, _message(rule, error, element, attribute), element, attribute))
    return found
