"""Run the project Schematron (schema/edition.sch) on a parsed letter or register.

The Schematron uses queryBinding="xslt" (XPath 1.0) so that the very same file runs in
Oxygen and here, through lxml's ISO skeleton. Around it:

- `document()` calls (the registers behind a letter's pointers) read only local files, with
  the hardened loader's checks (edition.schematron_documents);
- the XSLT the skeleton makes of the schema is rewritten to do the same work faster
  (edition.schematron_rewrite), because validation runs on thousands of letters;
- the SVRL `location` of each failed assert is turned back into the node's line and
  column, so every message points to where the editor has to look.

The schema is compiled once per process (`compiled()`), on first use.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from edition import schematron_rewrite
from edition.schematron_rewrite import SVRL, XSL
from edition.report import SchemaBroken
from edition.schematron_documents import EDX, HardenedResolver, ParsedTargets, schema_parser

# The XSLT 1.0 skeleton writes an attribute's location without its element ("/@ref"); this
# template, added to the compiled validator, writes the full path of the element first.
_ATTRIBUTE_LOCATION = b"""<xsl:template xmlns:xsl="http://www.w3.org/1999/XSL/Transform" match="@*" mode="schematron-get-full-path" priority="10">
  <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
  <xsl:text>/@*[local-name()='</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:text>' and namespace-uri()='</xsl:text><xsl:value-of select="namespace-uri()"/><xsl:text>']</xsl:text>
</xsl:template>"""


# The skeleton writes each failure's location with the node's position among its siblings,
# counted anew for every failure: quadratic when thousands of siblings fail. In a tree where some
# element has more than CROWDED children, every element first gets its position as an attribute
# (edx:p, removed afterwards) and this template writes it instead of counting.
CROWDED = 64
_POSITION = f"{{{EDX}}}p"
_POSITION_LOCATION = f"""<xsl:template xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:edx="{EDX}"
    match="*[@edx:p]" mode="schematron-get-full-path" priority="20">
  <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
  <xsl:text>/*[local-name()='</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:text>' and namespace-uri()='</xsl:text><xsl:value-of select="namespace-uri()"/>
  <xsl:text>'][</xsl:text><xsl:value-of select="@edx:p"/><xsl:text>]</xsl:text>
</xsl:template>""".encode()


@dataclass(frozen=True)
class Failure:
    """One failed assert: its rule id, message and the node it is about."""

    rule: str
    message: str
    element: etree._Element
    attribute: str | None


@lru_cache(maxsize=None)
def compiled(schematron_path: Path, optimise: bool = True) -> etree.XSLT:
    """The Schematron compiled to an XSLT 1.0 validator whose document() is hardened.

    `optimise=False` gives the skeleton's validator as it is (only hardened, and with full
    attribute locations): the reference the tests hold the rewritten one to.
    """
    try:
        xslt_doc = validator_stylesheet(schematron_path, optimise)
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaBroken(schematron_path, str(exc)) from None
    in_process = any("edx:document(" in (v.get("select") or "") for v in xslt_doc.iter(f"{XSL}variable"))
    extensions = {(EDX, "document"): ParsedTargets().document} if in_process else None
    # Reading stays allowed for document(), but every read goes through HardenedResolver or
    # ParsedTargets, which refuse anything that is not a local file (the network included).
    try:
        return etree.XSLT(xslt_doc, access_control=etree.XSLTAccessControl.DENY_WRITE, extensions=extensions)
    except etree.XSLTParseError as exc:
        raise SchemaBroken(schematron_path, str(exc)) from None


def validator_stylesheet(schematron_path: Path, optimise: bool = True) -> etree._Element:
    """The XSLT the ISO skeleton makes of the Schematron, rewritten to run fast (see above)."""
    schema = isoschematron.Schematron(
        etree.parse(str(schematron_path), schema_parser()),
        store_xslt=True,
        # no svrl:fired-rule per matched node: only failures are read, and the template
        # rules match every element and attribute
        compile_params={"generate-fired-rule": "'false'"},
    )
    parser = schema_parser()
    parser.resolvers.add(HardenedResolver())
    xslt_doc = etree.fromstring(etree.tostring(schema.validator_xslt), parser)
    if optimise:
        schematron_rewrite.optimise(xslt_doc)
    xslt_doc.append(etree.fromstring(_ATTRIBUTE_LOCATION))
    xslt_doc.append(etree.fromstring(_POSITION_LOCATION))
    return xslt_doc


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
    except etree.XSLTApplyError as exc:  # e.g. a pathological pointer; report, never crash
        _unmark_positions(tree, positioned)
        return [Failure("schematron-error", f"the Schematron rules could not be applied to this file ({exc}): check its pointers and listPrefixDef", tree.getroot(), None)]
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
