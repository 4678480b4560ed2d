"""Where the Schematron's document() calls get their targets: local files only, read safely.

A letter's pointer rules read the registers with document(). Every read goes through this
module: only local files, with the hardened loader's checks (no DOCTYPE, so no DTD or entity
can be smuggled in; UTF-8; not empty; well-formed), never the network; a missing, hostile or
broken target is an empty document, so the pointer simply does not resolve. Two ways in:

- `HardenedResolver`, the lxml resolver of the stylesheet's parser, which libxslt's own
  document() uses (it parses the bytes again for each transformation);
- `ParsedTargets`, the extension function the rewritten validator calls instead
  (edition.schematron_rewrite), which keeps each target parsed once per process.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from edition import load

# The namespace of the validator's extension function edx:document().
EDX = "urn:x-edition:schematron"

# What a document() call gets when its target is missing, outside the file system or not a
# safe TEI file: an empty document, so the pointer simply does not resolve.
NOTHING = b"<nothing/>"


def schema_parser() -> etree.XMLParser:
    """The parser for the schema, its stylesheet and document() targets: no entities, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def target_bytes(url: str, cache: OrderedDict, size: int) -> tuple[tuple, bytes]:
    """The bytes document() gets for `url`, and the key they are cached under.

    Only local files are read, with the hardened loader's checks (no DOCTYPE, UTF-8, not empty)
    and they must be well-formed; anything else (a missing file, the network, a hostile or
    broken file) is `<nothing/>`, so the pointer simply does not resolve. Kept in `cache`
    (bounded to `size`) by path, modification time and size, so an edited register is read
    again.
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("file", ""):
        return ("nothing",), NOTHING  # never the network
    path = Path(unquote(parsed.path))
    try:
        stat = path.stat()
    except OSError:
        return ("nothing",), NOTHING
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in cache:
        cache.move_to_end(key)
        return key, cache[key]
    corpus = load.corpus_root(path)
    if not ((corpus / "letters").is_dir() and (corpus / "registers").is_dir()):
        return ("nothing",), NOTHING  # only the files of an edition's corpus, never /etc/…
    try:
        data = load.read_bytes(path, corpus)  # regular files inside the corpus, size-capped
        load.check_bytes(path, data)  # no DOCTYPE, UTF-8, not empty
        etree.fromstring(data, schema_parser())  # a broken register must not stop the run
    except (OSError, load.LoadError, etree.XMLSyntaxError):
        data = NOTHING
    cache[key] = data
    if len(cache) > size:
        cache.popitem(last=False)
    return key, data


class HardenedResolver(etree.Resolver):
    """Serve document() targets from local files, read safely and cached per process."""

    # Registers are what is read again and again; letters behind letter: pointers are read
    # once in a while. A small bounded cache keeps the registers without growing with the corpus.
    CACHE_SIZE = 32

    def __init__(self) -> None:
        super().__init__()
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()

    def resolve(self, url, public_id, context):
        return self.resolve_string(self._bytes_for(url), context)

    def _bytes_for(self, url: str) -> bytes:
        return target_bytes(url, self._cache, self.CACHE_SIZE)[1]


class ParsedTargets:
    """document() targets parsed once per process, for the validator's `edx:document()`.

    libxslt keeps what document() loads only for one transformation: every letter parsed the
    four registers again (~90 KB, most of the pointer rules' time). Here each target is parsed
    once per process with the parser the XSLT loader would use (the stylesheet's), under the
    URL libxslt would give it, and read with the same checks as `HardenedResolver`
    (`target_bytes`); the tree is shared by every transformation (nothing writes to it).

    `document(reference, nodes)` answers `document($reference, /)`: the root element of the
    target (the rewritten expression takes its parent, the document node), or, in every case
    where this could differ from libxslt in the least, the reference itself as a text node,
    which the expression hands to the real document() (see `_serve_documents_in_process`).
    """

    CACHE_SIZE = 32
    _XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

    def __init__(self) -> None:
        self._bytes: OrderedDict[tuple, bytes] = OrderedDict()
        self._trees: OrderedDict[tuple, etree._Element] = OrderedDict()
        self._urls: dict[tuple[str, str], str | None] = {}
        self._resolver_doc = etree.fromstring(b"<base/>")

    def document(self, context, reference, nodes):
        memo = context.eval_context  # one transformation: the same document node every time
        found = memo.get(("edition-document", reference))
        if found is None:
            found = memo[("edition-document", reference)] = self._lookup(reference, nodes)
        return found

    def _lookup(self, reference, nodes) -> list:
        if not isinstance(reference, str) or len(nodes) != 1 or not isinstance(nodes[0], etree._Element):
            return [reference]
        base = nodes[0].getroottree().docinfo.URL
        url = self._url(base, reference) if base else None
        if url is None or url == base or "#" in url:
            # libxslt's own answer: a URI it cannot build (an error), the letter itself (the
            # tree being validated, not the file), a fragment (an XPointer)
            return [reference]
        return [self._root(url)]

    def _url(self, base: str, reference: str) -> str | None:
        """The URI libxslt's document() builds (xmlBuildURI(reference, base)), or None if unsure.

        libxml2 builds it: `base` of an element whose xml:base is `reference`, in a document
        whose URL is `base`, is xmlBuildURI(reference, base), except for references that
        start with http://, ftp:// or urn: (returned as they are) and those it cannot build
        (then the document's URL comes back), which are left to libxslt.
        """
        key = (base, reference)
        if key not in self._urls:
            if len(self._urls) > 4096:
                self._urls.clear()
            url = None
            if not reference.startswith(("http://", "ftp://", "urn:")):
                try:
                    self._resolver_doc.getroottree().docinfo.URL = base
                    self._resolver_doc.set(self._XML_BASE, reference)
                    url = self._resolver_doc.base
                except ValueError:  # not a string lxml takes: libxslt decides
                    url = None
            self._urls[key] = url
        return self._urls[key]

    def _root(self, url: str) -> etree._Element:
        key, data = target_bytes(url, self._bytes, self.CACHE_SIZE)
        tree_key = (url, *key)
        root = self._trees.get(tree_key)
        if root is None:
            root = etree.fromstring(data, schema_parser(), base_url=url)
            self._trees[tree_key] = root
            if len(self._trees) > self.CACHE_SIZE:
                self._trees.popitem(last=False)
        else:
            self._trees.move_to_end(tree_key)
        return root
