"""Run the project Schematron (schema/edition.sch) on a parsed letter or register.

The Schematron uses queryBinding="xslt" (XPath 1.0) so that the very same file runs in
Oxygen and here. It is compiled once per process (`compiled()`) by lxml's ISO skeleton; the
generated validator keeps its rule templates as they are (see `_direct` below for how they are
applied) and is imported by a small stylesheet (`_WRAPPER`) that only adds, by XSLT's own import
precedence, how a failure's location is written:

- an attribute's location with its element first (the XSLT 1.0 skeleton writes "/@ref" alone);
- in a crowded tree (an element with more than CROWDED children) each element's position read
  from a mark (edx:p) instead of counted anew for every failure, which is quadratic.

The generated validator walks the whole tree once per pattern (elements and attributes, matching
each against the pattern's rules) and once more per pattern in the default mode for nothing;
`_direct` makes each pattern select the nodes its rules' contexts match instead (one XPath
evaluation in C) and drops the empty walks: the same templates fire on the same nodes in the same
order, so the report is the same, at half the CPU (2.2 instead of 4.5 ms for a letter).

The SVRL `location` of each failed assert is then turned back into the node's line and column,
so every message points to where the editor has to look. The rules read no file of the corpus
(the pointer checks are edition.pointers); the one document they read is the model,
schema/model.xml (the kinds of register entry and their id prefixes), and the validator may
read nothing else and write nothing.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from edition.report import SchemaBroken

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
EDX = "urn:x-edition:schematron"
CROWDED = 64
_POSITION = f"{{{EDX}}}p"
# Where the wrapper finds the generated validator (served from memory by _Generated).
_GENERATED = "urn:x-edition:schematron-validator"

_WRAPPER = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:edx="{EDX}">
 <xsl:import href="{_GENERATED}"/>
 <xsl:template match="@*" mode="schematron-get-full-path" priority="10">
  <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
  <xsl:text>/@*[local-name()='</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:text>' and namespace-uri()='</xsl:text><xsl:value-of select="namespace-uri()"/><xsl:text>']</xsl:text>
 </xsl:template>
 <xsl:template match="*[@edx:p]" mode="schematron-get-full-path" priority="20">
  <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
  <xsl:text>/*[local-name()='</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:text>' and namespace-uri()='</xsl:text><xsl:value-of select="namespace-uri()"/>
  <xsl:text>'][</xsl:text><xsl:value-of select="@edx:p"/><xsl:text>]</xsl:text>
 </xsl:template>
</xsl:stylesheet>""".encode()


def schema_parser() -> etree.XMLParser:
    """The parser for the schema and its stylesheets: no entities, no DTD, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class _Generated(etree.Resolver):
    """Serves the generated validator to the wrapper's xsl:import, with the schema's own address
    as its base, and lets its document() read the one file beside the schema it names, the
    model (schema/model.xml); anything else is an empty document."""

    def __init__(self, validator: bytes, schematron_path: Path):
        super().__init__()
        self.validator = validator
        self.base = schematron_path.resolve().as_uri()
        self.model = (schematron_path.resolve().parent / "model.xml").as_uri()

    def resolve(self, url, pubid, context):
        if url == _GENERATED:
            return self.resolve_string(self.validator, context, base_url=self.base)
        if url in (self.model, self.model.replace("file:///", "file:/", 1)):
            return self.resolve_filename(self.model, context)
        return self.resolve_empty(context)


@dataclass(frozen=True)
class Failure:
    """One failed assert: its rule id, message and the node it is about."""

    rule: str
    message: str
    element: etree._Element
    attribute: str | None


@lru_cache(maxsize=None)
def compiled(schematron_path: Path) -> etree.XSLT:
    """The Schematron compiled by lxml's ISO skeleton, imported by the location wrapper."""
    try:
        schema = isoschematron.Schematron(
            etree.parse(str(schematron_path), schema_parser()),
            store_xslt=True,
            # no svrl:fired-rule per matched node: only failures are read
            compile_params={"generate-fired-rule": "'false'"},
        )
        parser = schema_parser()
        parser.resolvers.add(_Generated(etree.tostring(_direct(schema.validator_xslt)), schematron_path))
        wrapper = etree.fromstring(_WRAPPER, parser, base_url="urn:x-edition:schematron-wrapper")
        # reading is left to the resolver above (the model only); nothing is written
        return etree.XSLT(wrapper, access_control=etree.XSLTAccessControl(read_network=False, write_file=False,
                                                                           create_dir=False, write_network=False))
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaBroken(schematron_path, str(exc)) from None


_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_PATTERN_MODE = re.compile(r"M\d+")  # the skeleton's mode of each pattern


def _alternatives(pattern: str) -> list[str]:
    """The alternatives of an XSLT match pattern (split at the `|` outside brackets and quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(pattern):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    parts.append(pattern[start:])
    return [part.strip() for part in parts]


def _selecting(pattern: str) -> str | None:
    """An XPath selecting, from the document, the nodes a match pattern matches; None for a
    pattern this does not know how to turn around (id() or key() patterns)."""
    found = []
    for part in _alternatives(pattern):
        if not part or part.startswith(("id(", "key(")):
            return None
        found.append(part if part.startswith("/") else "//" + part)
    return " | ".join(found)


def _direct(validator: etree._ElementTree) -> etree._ElementTree:
    """The skeleton's validator with each pattern applied to the nodes its rules match (see the
    module docstring). A pattern whose templates do not have the skeleton's known shape (each
    rule ends by walking on: apply-templates select="@*|*") is left as generated."""
    root = validator.getroot()
    rules: dict[str, list[etree._Element]] = {}
    walks: dict[str, list[etree._Element]] = {}
    for template in root.iterfind(f"{_XSL}template"):
        mode = template.get("mode") or ""
        if _PATTERN_MODE.fullmatch(mode):
            # the walk itself and text() ignored have negative priorities; the rules, positive ones
            (walks if template.get("priority") in ("-1", "-2") else rules).setdefault(mode, []).append(template)
    starts = {a.get("mode"): a for a in root.iter(f"{_XSL}apply-templates") if a.get("select") == "/"}
    for mode, templates in rules.items():
        select = _selecting_all(templates)
        if mode in starts and select is not None:
            for template in templates:
                template.remove(template[-1])
            for template in walks.get(mode, []):
                root.remove(template)
            starts[mode].set("select", select)
    _drop_empty_walks(root)
    return validator


def _selecting_all(templates: list[etree._Element]) -> str | None:
    """One XPath selecting what the rule templates of a pattern match, or None if a template is
    not of the skeleton's known shape or its pattern cannot be turned around."""
    selections = []
    for template in templates:
        last = template[-1] if len(template) else None
        selection = _selecting(template.get("match") or "")
        if last is None or last.tag != f"{_XSL}apply-templates" or last.get("select") != "@*|*" or selection is None:
            return None
        selections.append(selection)
    return " | ".join(selections)


def _drop_empty_walks(root: etree._Element) -> None:
    """Remove <svrl:active-pattern>…<xsl:apply-templates/>: a walk in the default mode that outputs nothing."""
    for empty in list(root.iter(f"{_XSL}apply-templates")):
        if empty.get("select") is None and empty.get("mode") is None and len(empty) == 0 \
                and empty.getparent().tag == f"{SVRL}active-pattern":
            empty.getparent().remove(empty)


def _node_for(tree: etree._ElementTree, location: str) -> tuple[etree._Element, str | None]:
    """The element (and attribute name) an SVRL location points at; the root if unknown.

    The skeleton's locations are plain XPath 1.0 (/*[local-name()='TEI' and …][1]/…), so
    lxml evaluates them on the very tree that was validated.
    """
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        found = []
    node = found[0] if isinstance(found, list) and found else None
    if isinstance(node, etree._Element):
        return node, None
    if getattr(node, "is_attribute", False):
        return node.getparent(), node.attrname
    return tree.getroot(), None


_STEP = re.compile(r"/(?:\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?"
                   r"|@\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\])")


class _Locator:
    """SVRL locations resolved in time linear in the tree, whatever the number of failures.

    Evaluating each location as XPath costs the siblings before the node, so 20,000 failures
    in one paragraph took minutes; here each element's children are grouped by name once, and a
    location (the skeleton's steps: element name, namespace, position; an attribute at the end)
    is followed step by step. Anything else is evaluated as XPath (`_node_for`).
    """

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self.groups: dict[etree._Element, dict[str, list[etree._Element]]] = {}

    def __call__(self, location: str) -> tuple[etree._Element, str | None]:
        node, done = None, 0
        for step in _STEP.finditer(location):
            if step.start() != done:
                break
            done = step.end()
            if step.group(4) is not None:  # an attribute: the last step
                name = f"{{{step.group(5)}}}{step.group(4)}" if step.group(5) else step.group(4)
                if done == len(location) and node is not None and name in node.attrib:
                    return node, name
                break
            key = f"{{{step.group(2)}}}{step.group(1)}" if step.group(2) else step.group(1)
            siblings = self._children(node).get(key, [])
            index = int(step.group(3) or 1)
            if not 1 <= index <= len(siblings):
                break
            node = siblings[index - 1]
        else:
            if done == len(location) and node is not None:
                return node, None
        return _node_for(self.tree, location)

    def _children(self, node: etree._Element | None) -> dict[str, list[etree._Element]]:
        if node is None:
            root = self.tree.getroot()
            return {root.tag: [root]}
        groups = self.groups.get(node)
        if groups is None:
            groups = self.groups[node] = {}
            for child in node.iterchildren(etree.Element):
                groups.setdefault(child.tag, []).append(child)
        return groups


def failures(tree: etree._ElementTree, schematron_path: Path) -> list[Failure]:
    """Every failed assert and successful report of the Schematron on this tree."""
    positioned = _mark_positions(tree) if any(len(e) > CROWDED for e in tree.iter(etree.Element)) else None
    try:
        report = compiled(schematron_path)(tree)
    except etree.XSLTApplyError as exc:  # report, never crash
        _unmark_positions(tree, positioned)
        return [Failure("schematron-error", f"the Schematron rules could not be applied to this file ({exc}): report it to the schema maintainers with this file", tree.getroot(), None)]
    _unmark_positions(tree, positioned)
    found = []
    locate = _Locator(tree)
    for item in report.getroot().iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = item.find(f"{SVRL}text")
        message = " ".join((text.xpath("string()") if text is not None else "").split())
        element, attribute = locate(item.get("location", "/"))
        found.append(Failure(item.get("id") or "schematron", message, element, attribute))
    return found


def _mark_positions(tree: etree._ElementTree) -> set[str | None]:
    """Give every element its position among the siblings of its name (see CROWDED); returns
    the namespace prefixes the tree had, to keep them when the marks are removed."""
    root = tree.getroot()
    prefixes = {prefix for element in root.iter(etree.Element) for prefix in element.nsmap}
    root.set(_POSITION, "1")  # declared on the root, inherited by the rest
    for parent in root.iter(etree.Element):
        seen: dict[str, int] = {}
        for child in parent.iterchildren(etree.Element):
            seen[child.tag] = seen.get(child.tag, 0) + 1
            child.set(_POSITION, str(seen[child.tag]))
    return prefixes


def _unmark_positions(tree: etree._ElementTree, prefixes: set[str | None] | None) -> None:
    if prefixes is None:
        return
    etree.strip_attributes(tree, _POSITION)
    etree.cleanup_namespaces(tree, keep_ns_prefixes=[p for p in prefixes if p])
