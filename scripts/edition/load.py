"""Read one TEI file safely: the only way the edition's tools open XML.

The letters are plain UTF-8 TEI without DTDs, so anything else is refused before or
while parsing, with a located message instead of a traceback:

- a DOCTYPE (internal or external subset) is refused *before* libxml2 sees it, so no
  entity is ever declared, expanded or fetched (no XXE, no billion laughs);
- the parser never touches the network, never loads a DTD, never substitutes entities and
  keeps libxml2's limits against huge documents;
- the file must be UTF-8 (declared and actual), non-empty, well-formed and have a
  `TEI` root in the TEI namespace.

The parser is created once per process: the build reads thousands of files with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_ROOT = f"{{{TEI_NS}}}TEI"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
)

# The prolog may hold the XML declaration, processing instructions, comments and white
# space; whatever follows them must be the root element, never a DOCTYPE.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_XML_DECL_ENCODING = re.compile(rb"""\A<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_LIBXML_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")


@dataclass
class LoadError(Exception):
    """A file that cannot be read as a TEI document; carries where and why."""

    path: Path
    line: int
    col: int
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message} [{self.rule}]"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (columns count characters where possible)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def check_bytes(path: Path, data: bytes) -> None:
    """Refuse empty, non-UTF-8 and DOCTYPE-bearing input before any XML parser runs."""
    if not data.strip():
        raise LoadError(path, 1, 1, "the file is empty: a letter or register must be a TEI document", "xml-empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        raise LoadError(path, 1, 1, "the file is UTF-16/UTF-32 encoded: save it as UTF-8", "xml-encoding")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declared = _XML_DECL_ENCODING.match(body)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        name = declared.group(1).decode("ascii", errors="replace")
        raise LoadError(path, 1, 1, f'the XML declaration says encoding="{name}": save the file as UTF-8 and declare encoding="UTF-8"', "xml-encoding")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line, col = _position(data, offset)
        raise LoadError(path, line, col, f"byte 0x{data[offset]:02x} is not valid UTF-8: save the file as UTF-8", "xml-encoding") from None
    prolog_end = _PROLOG.match(body).end()
    if body.startswith(b"<!DOCTYPE", prolog_end):
        offset = prolog_end + (len(data) - len(body))
        line, col = _position(data, offset)
        raise LoadError(path, line, col, "DOCTYPE declarations are not allowed (no DTDs or entities, internal or external): remove the <!DOCTYPE …> declaration", "xml-doctype")


def parse_bytes(path: Path, data: bytes) -> etree._ElementTree:
    """Parse the bytes of `path` (already read) into a TEI tree, or raise LoadError.

    The tree's base URL is the file, so that relative references (XSLT `document()`,
    the registers behind `listPrefixDef`) resolve next to it.
    """
    check_bytes(path, data)
    try:
        root = etree.fromstring(data, _PARSER, base_url=Path(path).resolve().as_uri())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position and exc.position[0] else (exc.lineno or 1, (exc.offset or 0) + 1)
        message = _LIBXML_POSITION_SUFFIX.sub("", exc.msg or "not well-formed XML")
        if message.startswith("ID ") and message.endswith("already defined"):
            # libxml2 refuses a repeated xml:id while parsing; report it under the ids rule
            raise LoadError(path, max(line, 1), max(col, 1), f"the xml:id {message[3:-len(' already defined')]} is used twice in this file: ids must be unique; give one of them another id", "xml-id-unique") from None
        rule = "xml-doctype" if "DOCTYPE" in message else "xml-wellformed"
        if message.startswith("Excessive depth"):
            message = "elements are nested more than 256 levels deep (a letter never is): look for start tags that are never closed"
        hint = ": write the character itself (files are UTF-8) or a numeric reference such as &#160;" if message.startswith("Entity ") else ""
        raise LoadError(path, max(line, 1), max(col, 1), f"not well-formed XML: {message}{hint}", rule) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # defence in depth
        raise LoadError(path, 1, 1, "DOCTYPE declarations are not allowed: remove the <!DOCTYPE …> declaration", "xml-doctype")
    if root.tag != TEI_ROOT:
        found = root.tag if isinstance(root.tag, str) else "?"
        raise LoadError(path, root.sourceline or 1, 1, f"the root element is {found}, not TEI in the TEI namespace ({TEI_NS}): start the file from the letter template", "tei-root")
    return tree


def parse(path: Path | str) -> etree._ElementTree:
    """Read and parse one TEI file safely, or raise LoadError (with line and column)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}", "file-read") from None
    return parse_bytes(path, data)
