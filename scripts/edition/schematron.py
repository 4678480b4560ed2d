"""Run the project Schematron (schema/edition.sch) on a parsed letter or register.

The Schematron uses queryBinding="xslt" (XPath 1.0) so that the very same file runs in
Oxygen and here, through lxml's ISO skeleton. Two things are added around it:

- `document()` calls (the registers behind a letter's pointers) go through a resolver that
  reads files with the hardened loader and keeps their bytes for the whole process, so a
  hostile register can never smuggle in a DTD, a broken one only makes its pointers not
  resolve, and 10,000 letters do not re-read the registers from disk 10,000 times;
- the SVRL `location` of each failed assert is turned back into the node's line and
  column, so every message points to where the editor has to look.

The schema is compiled once per process (`compiled()`), on first use.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree, isoschematron

from edition import load
from edition.report import SchemaBroken

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
# The XSLT 1.0 skeleton writes an attribute's location without its element ("/@ref"); this
# template, added to the compiled validator, writes the full path of the element first.
_ATTRIBUTE_LOCATION = b"""<xsl:template xmlns:xsl="http://www.w3.org/1999/XSL/Transform" match="@*" mode="schematron-get-full-path" priority="10">
  <xsl:apply-templates select="parent::*" mode="schematron-get-full-path"/>
  <xsl:text>/@*[local-name()='</xsl:text><xsl:value-of select="local-name()"/>
  <xsl:text>' and namespace-uri()='</xsl:text><xsl:value-of select="namespace-uri()"/><xsl:text>']</xsl:text>
</xsl:template>"""
# What a document() call gets when its target is missing, outside the file system, not a
# safe TEI file or not well-formed: an empty document, so the pointer simply does not resolve.
_NOTHING = b"<nothing/>"


@dataclass(frozen=True)
class Failure:
    """One failed assert: its rule id, message and the node it is about."""

    rule: str
    message: str
    element: etree._Element
    attribute: str | None


class _HardenedResolver(etree.Resolver):
    """Serve document() targets from local files, read safely and cached per process."""

    # Registers are what is read again and again; letters behind letter: pointers are read
    # once in a while. A small bounded cache keeps the registers without growing with the corpus.
    CACHE_SIZE = 32

    def __init__(self) -> None:
        super().__init__()
        self._cache: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()

    def resolve(self, url, public_id, context):
        return self.resolve_string(self._bytes_for(url), context)

    def _bytes_for(self, url: str) -> bytes:
        parsed = urlparse(url)
        if parsed.scheme not in ("file", ""):
            return _NOTHING  # never the network
        path = Path(unquote(parsed.path))
        try:
            stat = path.stat()
        except OSError:
            return _NOTHING
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        try:
            data = path.read_bytes()
            load.check_bytes(path, data)  # no DOCTYPE, UTF-8, not empty
            # libxslt would parse it and stop the whole run at the first error
            etree.fromstring(data, _schema_parser())
        except (OSError, load.LoadError, etree.XMLSyntaxError):
            data = _NOTHING
        self._cache[key] = data
        if len(self._cache) > self.CACHE_SIZE:
            self._cache.popitem(last=False)
        return data


@lru_cache(maxsize=None)
def compiled(schematron_path: Path) -> etree.XSLT:
    """The Schematron compiled to an XSLT 1.0 validator whose document() is hardened."""
    try:
        schema = isoschematron.Schematron(
            etree.parse(str(schematron_path), _schema_parser()),
            store_xslt=True,
            # no svrl:fired-rule per matched node: only failures are read, and the template
            # rules match every element and attribute
            compile_params={"generate-fired-rule": "'false'"},
        )
        parser = _schema_parser()
        parser.resolvers.add(_HardenedResolver())
        xslt_doc = etree.fromstring(etree.tostring(schema.validator_xslt), parser)
        _drop_idle_passes(xslt_doc)
        _skip_attributes_where_unmatched(xslt_doc)
        xslt_doc.append(etree.fromstring(_ATTRIBUTE_LOCATION))
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaBroken(schematron_path, str(exc)) from None
    # Reading stays allowed for document(), but every read goes through _HardenedResolver,
    # which refuses anything that is not a local file (the network included).
    try:
        return etree.XSLT(xslt_doc, access_control=etree.XSLTAccessControl.DENY_WRITE)
    except etree.XSLTParseError as exc:
        raise SchemaBroken(schematron_path, str(exc)) from None


def _drop_idle_passes(xslt_doc: etree._Element) -> None:
    """Remove the skeleton's `<xsl:apply-templates/>` inside each `svrl:active-pattern`.

    The ISO skeleton writes one there per pattern: a walk of the whole document in the default
    mode, whose only templates are the root's and an empty one for text(), so it outputs
    nothing. With ten patterns that is ten idle walks per file (about a tenth of the
    Schematron's time); the patterns' own walks (their modes) are untouched.
    """
    for active in xslt_doc.iter(f"{SVRL}active-pattern"):
        for walk in active.findall(f"{XSL}apply-templates"):
            if walk.get("select") is None and walk.get("mode") is None and len(walk) == 0:
                active.remove(walk)


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside brackets, parentheses and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _may_match_attributes(pattern: str) -> bool:
    """Whether an XSLT 1.0 match pattern can match an attribute node (when unsure: yes)."""
    for alternative in _top_level_split(pattern, "|"):
        last = _top_level_split(alternative, "/")[-1].strip()
        step = _top_level_split(last, "[")[0].strip()
        if step.startswith(("@", "attribute::")) or "node()" in step or "(" in step or step == "":
            return True
    return False


def _skip_attributes_where_unmatched(xslt_doc: etree._Element) -> None:
    """In the walk of a pattern none of whose rules can fire on an attribute, visit elements only.

    The skeleton walks `@*|*` in every pattern's mode; the attributes are visited only to be
    matched against the pattern's rules. Where no rule context can match an attribute (most
    patterns here: dates in the text, footnotes, symbols, titles, empty elements), the walk
    selects `*` instead: the same rules fire on the same nodes, with half the nodes visited.
    """
    templates: dict[str, list[etree._Element]] = {}
    for template in xslt_doc.iterfind(f"{XSL}template"):
        if template.get("mode"):
            templates.setdefault(template.get("mode"), []).append(template)
    for mode, in_mode in templates.items():
        rules = [t.get("match") or "" for t in in_mode if t.get("match") not in ("text()", "@*|node()")]
        if not rules or any(_may_match_attributes(rule) for rule in rules):
            continue
        for template in in_mode:
            for walk in template.iter(f"{XSL}apply-templates"):
                if walk.get("mode") == mode and walk.get("select") == "@*|*":
                    walk.set("select", "*")


def _schema_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


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


def failures(tree: etree._ElementTree, schematron_path: Path) -> list[Failure]:
    """Every failed assert and successful report of the Schematron on this tree."""
    try:
        report = compiled(schematron_path)(tree)
    except etree.XSLTApplyError as exc:  # e.g. a pathological pointer; report, never crash
        return [Failure("schematron-error", f"the Schematron rules could not be applied to this file ({exc}): check its pointers and listPrefixDef", tree.getroot(), None)]
    found = []
    for item in report.getroot().iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = item.find(f"{SVRL}text")
        message = " ".join((text.xpath("string()") if text is not None else "").split())
        element, attribute = _node_for(tree, item.get("location", "/"))
        found.append(Failure(item.get("id") or "schematron", message, element, attribute))
    return found
