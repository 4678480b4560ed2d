"""Check a parsed TEI tree against the project XSD (schema/edition.xsd) with libxml2.

libxml2 (through lxml) validates a letter in well under a millisecond and its schema object
is built once per process in a few milliseconds, so that `edition validate FILE` on save stays
fast also when the letter has an error. (xmlschema, the pure-Python validator editors and
tests/test_schema_xsd.py also use, was the reference here before: importing it and building
its schema took ~0.5 s on the first error of each process.) tests/test_validate_layers.py
checks that both engines accept and reject the same documents.

libxml2's errors are mapped to a few stable rule ids, so that editors and tests can rely on
them whatever its wording:

- `xsd-element`: an element that is unknown or not allowed where it stands;
- `xsd-attribute`: an attribute that is not allowed, or a required one that is missing;
- `xsd-value`: a value (attribute or text) that does not fit its type or list of values;
- `xsd-content`: content that is incomplete or otherwise wrong (e.g. a missing child).

libxml2 gives each error's node path, line and element name, which lead back to the element
(`_element`), so that the column can be given too.
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
def compiled(xsd_path: Path) -> etree.XMLSchema:
    """libxml2's validator for the project XSD, built once per process (no entities, no network)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.XMLSchema(etree.parse(str(xsd_path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaBroken(xsd_path, str(exc)) from None


# "Element '{ns}name', attribute 'att': reason" or "Element '{ns}name': reason"
_SUBJECT = re.compile(r"Element '(?P<element>[^']*)'(?:, attribute '(?P<attribute>[^']*)')?: (?P<reason>.*)", re.S)
_NAMED_ATTRIBUTE = re.compile(r"The attribute '([^']*)' is (?:required but missing|not allowed)")
_VALUE_TYPES = re.compile(r"ENUMERATION|PATTERN|DATATYPE|FACET|LENGTH|MININ|MAXIN|DIGITS|CVC_ATTRIBUTE_3|CVC_TYPE_3_1_2|CVC_ELT_4|CVC_SIMPLE_TYPE|CVC_AU")
_ATTRIBUTE_TYPES = ("SCHEMAV_CVC_COMPLEX_TYPE_3_2_1", "SCHEMAV_CVC_COMPLEX_TYPE_3_2_2", "SCHEMAV_CVC_COMPLEX_TYPE_4",
                    "SCHEMAV_CVC_TYPE_3_1_1")
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_PLACEHOLDER = re.compile(r"\{[A-Z][A-Z0-9_]*\}")

_HINTS = {
    "xsd-element": "use only the elements of the encoding model (see the guidelines and the model letter)",
    "xsd-attribute": "use only the attributes of the encoding model and give the required ones",
    "xsd-value": "correct the value (your editor's completion and the schema documentation show what is allowed)",
    "xsd-content": "complete the element as the encoding model requires (see the model letter)",
}


def _rule(type_name: str, reason: str) -> str:
    """The rule id of one libxml2 error, from its type (and, for content errors, its wording)."""
    if type_name == "SCHEMAV_CVC_ELT_1" or "This element is not expected" in reason or "Element content is not allowed" in reason:
        return "xsd-element"
    if type_name in _ATTRIBUTE_TYPES:
        return "xsd-attribute"
    if _VALUE_TYPES.search(type_name):
        return "xsd-value"
    return "xsd-content"


_GENERIC_PATH = re.compile(r"(?:/\*(?:\[\d+\])?)+")


def _element(tree: etree._ElementTree, entry, name: str, lines: dict) -> etree._Element | None:
    """The element an error is about: by libxml2's path, which for elements in the default
    namespace is plain XPath (/*/*[2]/…: the n-th element child); else the element called `name`
    (Clark notation) that starts on the error's line, the first if several."""
    if entry.path and _GENERIC_PATH.fullmatch(entry.path):
        found = tree.xpath(entry.path)
        if found and isinstance(found[0], etree._Element) and found[0].tag == name:
            return found[0]
    if not lines:
        for element in tree.iter(etree.Element):
            lines.setdefault((element.sourceline, element.tag), element)
    return lines.get((entry.line, name))


def _short(text: str) -> str:
    """libxml2's wording with TEI namespace braces and facet tags removed, for readable messages."""
    text = re.sub(r"\[facet '[^']*'\] ", "", text.replace(f"{{{TEI_NS}}}", "").replace(XML_NS, "xml:"))
    return " ".join(text.split()).rstrip(".")


def _message(rule: str, reason: str, element, attribute: str | None) -> str:
    """A message naming the element (and attribute) concerned, in the editor's terms."""
    name = f"<{etree.QName(element).localname}>" if element is not None else "the document"
    if rule == "xsd-value" and attribute and element is not None:
        found = re.search(r"is not an element of the set \{(.*)\}", reason)
        allowed = f"the value must be one of {found.group(1)}" if found else _short(reason)
        return f'{name}: {attribute.replace(XML_NS, "xml:")}="{element.get(attribute)}" is not allowed ({_short(allowed)}): {_HINTS[rule]}'
    return f"{name}: {_short(reason)}: {_HINTS[rule]}"


def _mapped(tree: etree._ElementTree, entry, lines: dict) -> XsdError | None:
    """One libxml2 log entry as an XsdError (None for a template placeholder, see `errors`)."""
    subject = _SUBJECT.match(entry.message)
    reason = subject.group("reason") if subject else entry.message
    rule = _rule(entry.type_name, reason)
    element = _element(tree, entry, subject.group("element"), lines) if subject else None
    named = _NAMED_ATTRIBUTE.search(reason)
    attribute = subject.group("attribute") if subject and subject.group("attribute") else (named.group(1) if named else None)
    if rule == "xsd-value" and attribute and element is not None and _PLACEHOLDER.search(element.get(attribute) or ""):
        return None  # a template placeholder: the Schematron's todo-left says what to fill in
    if element is None:
        element = tree.getroot()
    if rule == "xsd-attribute" and "required but missing" in reason:
        attribute = None  # point at the element: the attribute is not there
    return XsdError(rule, _message(rule, reason, element, attribute), element, attribute)


def errors(tree: etree._ElementTree, xsd_path: Path) -> list[XsdError]:
    """Every schema error of this tree, mapped to a rule id and the node it concerns.

    One error per element, attribute and rule: libxml2 reports a value that fails a list or
    union type once per layer of the type, which would only repeat the same mistake.
    """
    schema = compiled(xsd_path)
    if schema.validate(tree):
        return []
    found, seen, lines = [], set(), {}
    for entry in schema.error_log:
        error = _mapped(tree, entry, lines)
        if error is None:
            continue
        key = (id(error.element), error.attribute, error.rule)
        if key not in seen:
            seen.add(key)
            found.append(error)
    return found
