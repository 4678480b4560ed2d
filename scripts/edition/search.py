"""The full-text search index: Pagefind, run once per build over the staged letter pages.

Pagefind (PyPI `pagefind[bin]`, a native binary) reads what the letter pages mark for it
(xslt/partials/search-data.xsl: the text, its meta and its facets) and writes a static index
that the search page (search.html, assets/search.js) queries in the browser: no server.

- One subprocess per build, over the staging folder: a failed or killed build leaves the
  previous output (and its index) whole, like every other output.
- Keyed like every output (edition.incremental): the index is made again only when an indexed
  page changed (or the stylesheets, package, registers: the global key); else the previous
  index is reused as it is.
- Deterministic: Pagefind 1.5 writes the values of each filter in an order that changes from
  run to run (a Rust hash map), and names its files after their bytes. `_canonical_filters`
  sorts those values, so the same pages give the same index, byte for byte, and renames what
  refers to them.
  The list of filters in the language's meta file likewise. Everything else Pagefind writes is
  already the same bytes on every run (tested).
"""
from __future__ import annotations

import gzip
import hashlib
import subprocess
from pathlib import Path

from edition.incremental import Reuse, digest

# The index's folder in the output, which the search page loads (pagefind/pagefind.js).
INDEX_DIR = "pagefind"
# The pages indexed: the letters (they alone carry data-pagefind-body).
INDEXED_GLOB = "letters/*.html"
# Not indexed, as they are not the letter's words and would stand in the excerpts between them:
# text only for screen readers (".vh": "register entry: … (person)" after a mention), the
# small "↗" links of a phrase's entries, the highlighting toggle and the masthead's summary line
# (its contents are indexed).
EXCLUDED = ".vh, .ent-jump, .highlight-toggle, .masthead > summary"
# Pagefind's own user interfaces, which the edition does not use (its page has its own).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Pagefind's files start with this signature, then CBOR (RFC 8949), gzipped.
_SIGNATURE = b"pagefind_dcd"
TIMEOUT_S = 600


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_binary() -> Path:
    """The Pagefind executable of the `pagefind[bin]` dependency."""
    try:
        from pagefind_bin import get_executable
        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchIndexError("the search index needs Pagefind: install the package's dependencies "
                               "(pip install -e .), which include pagefind[bin]") from None


def pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind-bin")
    except Exception:  # noqa: BLE001 - a binary found otherwise: its bytes are the key then
        return ""


def index_key(global_key: str, letter_keys: list[str]) -> str:
    """What the index depends on: the global key, Pagefind's version and the keys of the letters
    (edition.incremental), which make the indexed pages: the pages are not read again to know
    that they did not change (at 10,000 letters, 700 MB)."""
    return digest(global_key, "search-index", pagefind_version(), *letter_keys)


def write_index(stage: Path, key: str, reuse: Reuse) -> bool:
    """The index in `stage/pagefind`: reused from the previous output when its key is unchanged,
    else made by Pagefind. Returns True if it was made."""
    previous = reuse.previous_dir / INDEX_DIR if reuse.previous_dir is not None else None
    files = sorted(p.relative_to(reuse.previous_dir).as_posix() for p in previous.rglob("*")
                   if p.is_file()) if previous is not None and previous.is_dir() else []
    # an empty list would "reuse" nothing: only a whole previous index counts
    if reuse.output("search-index", key, files) and files:
        return False
    if not any(stage.glob(INDEXED_GLOB)):  # no letter: nothing to index (Pagefind would fail)
        return False
    run_pagefind(stage)
    return True


def run_pagefind(stage: Path) -> None:
    """Pagefind over the letter pages of `stage`, into `stage/pagefind`, made deterministic."""
    binary = pagefind_binary()
    command = [str(binary), "--site", str(stage), "--output-subdir", INDEX_DIR, "--glob", INDEXED_GLOB,
               "--exclude-selectors", EXCLUDED, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind could not be run ({exc}); the search index was not made") from None
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:300]
        raise SearchIndexError(f"Pagefind failed (exit status {done.returncode}): {detail}")
    folder = stage / INDEX_DIR
    for name in _UNUSED:
        (folder / name).unlink(missing_ok=True)
    _canonical_filters(folder)


# ---------------------------------------------------------------- deterministic filters

def _item_end(data: bytes, at: int) -> int:
    """The offset after the CBOR data item that starts at `at` (definite lengths only, as
    Pagefind writes them)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unexpected CBOR item (major {major}, info {info})")
    if major in (0, 1, 7):  # integers, simple values
        return at
    if major in (2, 3):  # byte and text strings
        return at + argument
    if major == 4:  # array
        for _ in range(argument):
            at = _item_end(data, at)
        return at
    if major == 5:  # map
        for _ in range(argument * 2):
            at = _item_end(data, at)
        return at
    if major == 6:  # tag: one item follows
        return _item_end(data, at)
    raise ValueError(f"unexpected CBOR major type {major}")


def _header_end(data: bytes, at: int) -> tuple[int, int]:
    """(count, offset after the header) of the CBOR array whose header starts at `at`."""
    info = data[at] & 0x1F
    if data[at] >> 5 != 4:
        raise ValueError("expected a CBOR array")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _items(data: bytes, at: int) -> tuple[bytes, list[bytes], int]:
    """(header bytes, each item's bytes, end offset) of the CBOR array at `at`."""
    count, first = _header_end(data, at)
    items, end = [], first
    for _ in range(count):
        start, end = end, _item_end(data, end)
        items.append(data[start:end])
    return data[at:first], items, end


def _sorted_at(payload: bytes, position: int, size: int) -> bytes:
    """A Pagefind payload (signature + one CBOR array of `size` items) with the items of the
    array at `position` in byte order of their encoding: Pagefind writes them from a hash map,
    in an order that changes from run to run; sorted, the same content gives the same bytes."""
    if not payload.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind file")
    data = payload[len(_SIGNATURE):]
    header, items, end = _items(data, 0)
    if len(items) != size or end != len(data):
        raise ValueError("unexpected layout of a Pagefind file (another Pagefind version?)")
    inner_header, inner, _end = _items(items[position], 0)
    items[position] = inner_header + b"".join(sorted(inner))
    return _SIGNATURE + header + b"".join(items)


def sorted_filter(payload: bytes) -> bytes:
    """A filter file (CBOR [name, [[value, pages], …]]) with its values sorted."""
    return _sorted_at(payload, 1, 2)


def sorted_meta(payload: bytes) -> bytes:
    """A language's meta file (CBOR [version, pages, index chunks, [[filter, file], …], sorts,
    meta fields]) with its filters sorted."""
    return _sorted_at(payload, 3, 6)


def _hash_name(prefix: str, content: bytes, length: int) -> str:
    return prefix + hashlib.sha256(content).hexdigest()[:length]


def _canonical_filters(folder: Path) -> None:
    """Sort every filter's values, rename the filter files after their new bytes, and rewrite
    the references to them (in the language's meta file, then the meta file's in the entry
    file). Names keep their length, so the CBOR strings that hold them keep theirs."""
    renamed: dict[str, str] = {}
    for path in sorted((folder / "filter").glob("*.pf_filter")):
        payload = sorted_filter(gzip.decompress(path.read_bytes()))
        old = path.name[:-len(".pf_filter")]
        language, _, digits = old.rpartition("_")
        new = _hash_name(language + "_", payload, len(digits))
        path.unlink()
        (folder / "filter" / f"{new}.pf_filter").write_bytes(gzip.compress(payload, mtime=0))
        renamed[old] = new
    entry_file = folder / "pagefind-entry.json"
    entry = entry_file.read_text(encoding="utf-8")
    for meta in sorted(folder.glob("pagefind.*.pf_meta")):
        payload = gzip.decompress(meta.read_bytes())
        for old, new in renamed.items():
            payload = payload.replace(old.encode("utf-8"), new.encode("utf-8"))
        payload = sorted_meta(payload)
        old = meta.name[len("pagefind."):-len(".pf_meta")]
        language, _, digits = old.rpartition("_")
        new = _hash_name(language + "_", payload, len(digits))
        meta.unlink()
        (folder / f"pagefind.{new}.pf_meta").write_bytes(gzip.compress(payload, mtime=0))
        entry = entry.replace(f'"{old}"', f'"{new}"')
    entry_file.write_text(entry, encoding="utf-8", newline="")
