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

What is read (`read_bytes`, the file policy; see the README): only regular files whose real path
(symbolic links followed) lies inside the corpus folder of the file (the nearest folder above it
holding both letters/ and registers/, else the folder the file is in), at most MAX_BYTES of them,
with a bounded read that never waits (a named pipe, a device, a socket is refused before it is
opened). Everything else is a located error with a rule id (`file-not-regular`,
`file-outside-corpus`, `file-too-large`, `folder-unreadable`, `file-read`), never a hang.
"""
from __future__ import annotations

import os
import re
import stat
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

# No letter or register comes near this; a bigger file is refused before it is read.
MAX_BYTES = 16 * 1024 * 1024

# What the build's XML parser (Saxon's, with the JDK's secure limits) refuses and libxml2 does
# not: the validator refuses it too, with a located `xml-limit` error, so that whatever
# validates also builds (found by trying each limit and one more; see tests/test_safety_files.py).
MAX_DEPTH = 100                # jdk.xml.maxElementDepth: the root element is at depth 1
MAX_NAME = 1000                # jdk.xml.maxXMLNameLimit: each part of a name, a PI target
MAX_ATTRIBUTES = 200           # jdk.xml.elementAttributeLimit: attributes + namespace declarations
MAX_ENTITY_REFERENCES = 100_000  # jdk.xml.maxGeneralEntitySizeLimit: &amp; &lt; &gt; &quot; &apos;
_ENTITY_OR_SKIPPED = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>)|&(?:amp|lt|gt|quot|apos);", re.DOTALL)

# libxml2's own limits (huge_tree is off), said without its internals.
_LIBXML_LIMITS = (
    ("Text node too long", "a text without markup is longer than 10,000,000 characters (no letter is): split it or check the file"),
    ("Comment too big", "a comment is longer than 10,000,000 characters: shorten or remove it"),
    ("Buffer size limit", "an attribute value or a name is longer than 10,000,000 characters: shorten it"),
    ("Huge input lookup", "a part of the file is longer than the parser allows (10,000,000 characters): split it or check the file"),
)


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
    """1-based line and column of a byte offset (columns count characters where possible).

    Lines end as XML says they do: CR LF, LF, or a CR alone (old Mac files)."""
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    line = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1
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
    # libxml2 counts only LF in its line numbers: a file with CR-only line ends (old Mac) would
    # have every problem on line 1. XML reads CR LF and CR as LF anyway, so the parser gets that.
    parsed = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data
    try:
        root = etree.fromstring(parsed, _PARSER, base_url=Path(path).resolve().as_uri())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # defence in depth
        raise LoadError(path, 1, 1, "DOCTYPE declarations are not allowed: remove the <!DOCTYPE …> declaration", "xml-doctype")
    if root.tag != TEI_ROOT:
        found = root.tag if isinstance(root.tag, str) else "?"
        raise LoadError(path, root.sourceline or 1, 1, f"the root element is {found}, not TEI in the TEI namespace ({TEI_NS}): start the file from the letter template", "tei-root")
    check_limits(path, data, tree)
    return tree


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> LoadError:
    """libxml2's refusal as one located line with a rule id (and what to do)."""
    line, col = exc.position if exc.position and exc.position[0] else (exc.lineno or 1, (exc.offset or 0) + 1)
    line, col = max(line, 1), max(col, 1)
    message = _LIBXML_POSITION_SUFFIX.sub("", exc.msg or "not well-formed XML")
    if message.startswith("ID ") and message.endswith("already defined"):
        # libxml2 refuses a repeated xml:id while parsing; report it under the ids rule
        return LoadError(path, line, col, f"the xml:id {message[3:-len(' already defined')]} is used twice in this file: ids must be unique; give one of them another id", "xml-id-unique")
    rule = "xml-doctype" if "DOCTYPE" in message else "xml-wellformed"
    if message.startswith("Excessive depth"):
        message = "elements are nested more than 256 levels deep (a letter never is): look for start tags that are never closed"
    for found, said in _LIBXML_LIMITS:
        if found in message:
            return LoadError(path, line, col, said, "xml-limit")
    # one line, without libxml2's internals (a multi-line message, "try XML_PARSE_HUGE")
    message = " ".join(re.sub(r",? try XML_PARSE_\w+", "", message).split()) or "not well-formed"
    hint = ": write the character itself (files are UTF-8) or a numeric reference such as &#160;" if message.startswith("Entity ") else ""
    return LoadError(path, line, col, f"not well-formed XML: {message}{hint}", rule)


# Each found with one XPath evaluation in C (a letter has thousands of elements).
_TOO_DEEP = etree.XPath("/*" + "/*" * MAX_DEPTH)
_LONG_NAMES = etree.XPath(
    f"//*[string-length(local-name()) > {MAX_NAME} or string-length(substring-before(name(), ':')) > {MAX_NAME}]"
    f" | //@*[string-length(local-name()) > {MAX_NAME} or string-length(substring-before(name(), ':')) > {MAX_NAME}]"
    f" | //processing-instruction()[string-length(name()) > {MAX_NAME}]")
_LONG_PREFIX = re.compile(rb"\sxmlns:[^\s=]{%d}" % (MAX_NAME + 1))


def check_limits(path: Path, data: bytes, tree: etree._ElementTree) -> None:
    """Refuse, located, what the build's parser would refuse (see MAX_DEPTH and the others).

    One pass over the tree and cheap counts over the bytes find the suspects; the precise (and
    slower) searches run only on a file that has some.
    """
    deep = _TOO_DEEP(tree)
    if deep:
        _limit(path, data, deep[0], f"elements are nested more than {MAX_DEPTH} levels deep, more than the build's parser "
               "takes (a letter needs about 15): look for start tags that are never closed")
    declarations = data.count(b"xmlns")
    long_name, crowded = _suspects(tree.getroot(), declarations)
    if long_name:
        _check_long_names(path, data, tree)
    if declarations:
        _check_prefixes(path, data)
    if crowded:
        _check_attribute_counts(path, data)
    if data.count(b"&") > MAX_ENTITY_REFERENCES:
        _check_entity_references(path, data)


def _suspects(root: etree._Element, declarations: int) -> tuple[bool, bool]:
    """(some name may be too long, some element may have too many attributes), in one pass."""
    long_name = crowded = declarations > MAX_ATTRIBUTES
    for node in root.iter():
        tag = node.tag
        if type(tag) is not str:
            long_name = long_name or (tag is etree.PI and len(node.target) > MAX_NAME)
            continue
        long_name = long_name or len(tag) > MAX_NAME
        attributes = node.attrib
        if attributes:
            crowded = crowded or len(attributes) + declarations > MAX_ATTRIBUTES
            long_name = long_name or any(len(key) > MAX_NAME for key in attributes)
    long_name = long_name or any(len(node.target) > MAX_NAME for node in root.itersiblings(etree.PI, preceding=True))
    long_name = long_name or any(len(node.target) > MAX_NAME for node in root.itersiblings(etree.PI))
    return long_name, crowded


def _check_long_names(path: Path, data: bytes, tree: etree._ElementTree) -> None:
    long_names = _LONG_NAMES(tree)
    if long_names:
        node = long_names[0]
        node = node.getparent() if isinstance(node, etree._ElementUnicodeResult) else node
        _limit(path, data, node, f"a name (of an element, an attribute or a processing instruction) is longer than "
               f"{MAX_NAME} characters, more than the build's parser takes: shorten it")


def _check_prefixes(path: Path, data: bytes) -> None:
    prefix = _LONG_PREFIX.search(data)
    if prefix:
        line, col = _position(data, prefix.start() + 1)
        raise LoadError(path, line, col, f"a namespace prefix is longer than {MAX_NAME} characters, more than the build's "
                        "parser takes: shorten it or remove the declaration", "xml-limit")


def _check_entity_references(path: Path, data: bytes) -> None:
    count = 0
    for match in _ENTITY_OR_SKIPPED.finditer(data):
        if match.group(1) is None:
            count += 1
            if count > MAX_ENTITY_REFERENCES:
                line, col = _position(data, match.start())
                raise LoadError(path, line, col, f"the file has more than {MAX_ENTITY_REFERENCES:,} references such as &amp; or "
                                "&lt;, more than the build's parser takes: write the characters themselves where XML allows "
                                "(quotes, >) or use numeric references such as &#38;", "xml-limit")


def _check_attribute_counts(path: Path, data: bytes) -> None:
    """Attributes and namespace declarations written on each start tag (parsed again, with the
    same settings: only for a file where some element comes near the limit)."""
    import io

    declared = 0
    for event, item in etree.iterparse(io.BytesIO(data), events=("start-ns", "start"), resolve_entities=False,
                                       no_network=True, load_dtd=False, huge_tree=False):
        if event == "start-ns":
            declared += 1
            continue
        if len(item.attrib) + declared > MAX_ATTRIBUTES:
            _limit(path, data, item, f"this element has more than {MAX_ATTRIBUTES} attributes and namespace declarations, "
                   "more than the build's parser takes: remove the ones the encoding does not need")
        declared = 0


def _limit(path: Path, data: bytes, node, message: str) -> None:
    from edition.report import element_column, source_lines

    line = node.sourceline or 1
    if isinstance(node, etree._ProcessingInstruction):
        lines = source_lines(data)
        found = lines[line - 1].find("<?" + node.target) if 1 <= line <= len(lines) else -1
        col = found + 1 if found >= 0 else 1
    else:
        col = element_column(node, source_lines(data))
    raise LoadError(path, line, col, message, "xml-limit")


def corpus_root(path: Path | str) -> Path:
    """The corpus folder a file belongs to: the nearest folder above it (not following the
    file's own link) that holds letters/ and registers/, else the folder the file is in."""
    where = Path(os.path.abspath(path))
    for folder in where.parents:
        if (folder / "letters").is_dir() and (folder / "registers").is_dir():
            return folder
    return where.parent


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path | str, corpus: Path | str | None = None) -> bytes:
    """The bytes of one TEI file, read under the file policy (module docstring), or LoadError.

    `corpus`: the corpus folder the file must lie in (default: `corpus_root(path)`).
    """
    path = Path(path)
    real = check_file(path, corpus)
    too_large = LoadError(path, 1, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB (a letter is far smaller) "
                          "and is not read: check that it is a letter or a register", "file-too-large")
    try:
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LoadError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}", "file-read") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # replaced since it was looked at
            raise LoadError(path, 1, 1, "this is not a regular file: only regular files are read; remove it from the corpus",
                            "file-not-regular")
        # Reads of about the file's size: os.read allocates the whole request, and a 1 MiB
        # buffer per read made reading a 30 KB letter ten times slower (a rebuild reads them all).
        step = min(max(info.st_size + 1, 1 << 12), 1 << 20)
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, min(step, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise LoadError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}", "file-read") from None
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        raise too_large
    return b"".join(chunks)


def check_file(path: Path | str, corpus: Path | str | None = None) -> Path:
    """The real path of `path` if the file policy allows reading it, else LoadError; reads nothing.

    The build checks its files so when it skips validation (the benchmark), since Saxon opens
    them itself.
    """
    path = Path(path)
    corpus = Path(corpus) if corpus is not None else corpus_root(path)
    try:
        real = Path(os.path.abspath(path)).resolve(strict=True)
    except FileNotFoundError:
        raise LoadError(path, 1, 1, "the file does not exist (a symbolic link to a missing file?): "
                        "remove it or restore its target", "file-read") from None
    except (OSError, RuntimeError) as exc:  # a loop of links, a folder that cannot be searched
        raise LoadError(path, 1, 1, f"cannot follow the path: {getattr(exc, 'strerror', None) or 'a loop of symbolic links'}: "
                        "replace it by the file itself", "file-read") from None
    if not real.is_relative_to(corpus.resolve()):
        raise LoadError(path, 1, 1, f"the file is a link to {real}, outside the corpus folder {corpus}: "
                        "only files inside the corpus are read; copy the file into the corpus instead of linking it",
                        "file-outside-corpus")
    try:
        info = os.stat(real)
    except OSError as exc:
        raise LoadError(path, 1, 1, f"cannot read the file: {exc.strerror or exc}", "file-read") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(real):
                readable = True
        except OSError:
            readable = False
        if not readable:
            raise LoadError(path, 1, 1, "cannot open the folder (permission denied), so its files cannot be checked: "
                            "make it readable (chmod u+rx) or move it out of the corpus", "folder-unreadable")
        raise LoadError(path, 1, 1, "this is a folder (or a link to one), not a TEI file: only files named *.xml are read, "
                        "and links to folders are not followed; rename or move it", "file-not-regular")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, 1, 1, f"this is {_kind(info.st_mode)}, not a regular file: only regular files are read; "
                        "remove it from the corpus", "file-not-regular")
    if info.st_size > MAX_BYTES:
        raise LoadError(path, 1, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB (a letter is far smaller) "
                        "and is not read: check that it is a letter or a register", "file-too-large")
    return real


def parse(path: Path | str) -> etree._ElementTree:
    """Read (under the file policy) and parse one TEI file safely, or raise LoadError."""
    path = Path(path)
    return parse_bytes(path, read_bytes(path))
