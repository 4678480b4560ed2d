"""The full-text search index: Pagefind, run over the staged letter pages, in shards.

Pagefind (PyPI `pagefind[bin]`, a native binary) reads what the letter pages mark for it
(xslt/partials/search-data.xsl: the text, its meta and its facets) and writes a static index
that the search page (search.html, assets/search.js) queries in the browser: no server.

- In shards, so that a rebuild costs in proportion to the edit and memory is bounded: a letter
  belongs to shard `shard_of(name, count)` (a hash of its file name, modulo a power of two
  chosen from the number of letters, `shard_count`), whatever the other letters are; one shard
  up to SHARD_LETTERS letters (the real edition has one). Each shard is a whole Pagefind bundle
  in `pagefind/<shard>/`, made from a temporary folder of hard links to its letter pages (the
  same relative paths letters/x.html, so result URLs are as from one index), and
  `pagefind/shards.json` lists the shards the search page loads (and merges, assets/search.js).
  Pagefind holds a whole site in memory (1.36 GB at 2,000 letters): a shard's size bounds it,
  times the build's `jobs` Pagefind processes run at once.
- Keyed like every output (edition.incremental): a shard is made again only when the key of
  one of its letters changed (the keys stand for the letter pages: the pages are not read again
  to know that they did not change), or the global key, Pagefind's version or the number of
  shards; else the previous shard is reused as it is. A changed number of shards (the corpus
  went past SHARD_LETTERS times a power of two) makes them all again.
- In the staging folder: a failed or killed build leaves the previous output (and its index)
  whole, like every other output.
- Deterministic: Pagefind 1.5 writes the values of each filter in an order that changes from
  run to run (a Rust hash map), and names its files after their bytes. `_canonical_filters`
  sorts those values, so the same pages give the same index, byte for byte, and renames what
  refers to them.
  The list of filters in the language's meta file likewise. Everything else Pagefind writes is
  already the same bytes on every run (tested). A shard's bytes depend on its letters only, so
  an incremental build and a clean build give the same index.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edition.incremental import Reuse, digest

# The index's folder in the output: one Pagefind bundle per shard (pagefind/0/, pagefind/1/, …)
# and the list of shards the search page loads (xslt/search.xsl names it).
INDEX_DIR = "pagefind"
SHARDS_FILE = "shards.json"
# The most letters in one shard before the shards double (a power of two of them). Pagefind
# takes some 0.6 MB of memory and 6.5 ms of CPU a letter page (measured, 125 to 1,000 pages), its
# run some 0.1 s: a shard of 500 letters 3 s and 310 MB. The search page loads every shard
# (some 60 ms each in chromium, measured with 16 and 32): fewer, larger shards load faster,
# smaller ones are made again faster. Tests lower it to have several shards from a few letters.
SHARD_LETTERS = 500
# The temporary folder (in the stage, removed when done) of the pages of the shard being made.
_SHARD_SITE = ".search-shard-"
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


def shard_count(letters: int, per_shard: int | None = None) -> int:
    """The number of shards for `letters` letters: the least power of two that keeps each shard
    (on average) within `per_shard` letters (SHARD_LETTERS). A power of two, so that it changes
    only when the corpus doubles, not with each letter added."""
    per_shard = per_shard or SHARD_LETTERS
    count = 1
    while count * per_shard < letters:
        count *= 2
    return count


def shard_of(name: str, count: int) -> int:
    """The shard of the letter file `name` among `count`: a hash of the name alone, so a letter
    stays in its shard when others are added or removed (while the count is unchanged)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % count


def shards(letter_keys: dict[str, str], per_shard: int | None = None) -> tuple[int, dict[int, list[str]]]:
    """(the number of shards, shard -> its letter files, sorted) for the letters (file -> key)."""
    count = shard_count(len(letter_keys), per_shard)
    members: dict[int, list[str]] = {}
    for name in sorted(letter_keys):
        members.setdefault(shard_of(name, count), []).append(name)
    return count, dict(sorted(members.items()))


def shard_key(global_key: str, version: str, count: int, shard: int, letter_keys: dict[str, str],
              names: list[str]) -> str:
    """What a shard depends on: the global key, Pagefind's version, the number of shards and
    the names and keys of its letters (edition.incremental), which make its pages."""
    return digest(global_key, "search-index", version, str(count), str(shard),
                  *[part for name in names for part in (name, letter_keys[name])])


def write_index(stage: Path, global_key: str, letter_keys: dict[str, str], reuse: Reuse, jobs: int = 1,
                per_shard: int | None = None) -> list[int]:
    """The index in `stage/pagefind`, one bundle per shard: each reused from the previous output
    when its key is unchanged, else made by Pagefind (up to `jobs` at once); then the list of
    shards. `letter_keys`: each letter file's key. Returns the shards made."""
    if not letter_keys or not any(stage.glob(INDEXED_GLOB)):  # nothing to index (Pagefind would fail)
        return []
    version = pagefind_version()
    count, members = shards(letter_keys, per_shard)
    wanted = []
    for shard, names in members.items():
        key = shard_key(global_key, version, count, shard, letter_keys, names)
        if not _reused(reuse, shard, key):
            wanted.append((shard, names))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(wanted) or 1))) as pool:
        for _done in pool.map(lambda job: _make_shard(stage, *job), wanted):
            pass
    write_listing(stage, list(members))
    return [shard for shard, _names in wanted]


def write_listing(site: Path, shard_numbers: list[int]) -> None:
    """`pagefind/shards.json`, what the search page loads: {"shards": ["0", "1", …]}, the
    shards that have letters, in order (the first one's pagefind.js is the one loaded)."""
    listing = {"shards": [str(shard) for shard in shard_numbers]}
    (site / INDEX_DIR).mkdir(parents=True, exist_ok=True)
    (site / INDEX_DIR / SHARDS_FILE).write_text(json.dumps(listing, separators=(",", ":")) + "\n",
                                                encoding="utf-8", newline="")


def _reused(reuse: Reuse, shard: int, key: str) -> bool:
    """Link the previous output's shard into the stage if its key is unchanged. Its files are
    listed only then (a stat each), not for a shard made again."""
    name = f"search-index/{shard}"
    folder = f"{INDEX_DIR}/{shard}"
    files: list[str] = []
    if reuse.previous_dir is not None and reuse.previous.get("outputs", {}).get(name) == key:
        files = _files_under(reuse.previous_dir, folder)
    # an empty list would "reuse" nothing: only a whole previous shard counts
    return reuse.output(name, key, files) and bool(files)


def _files_under(root: Path, folder: str) -> list[str]:
    """The files under `root/folder`, as paths relative to `root`, sorted."""
    found = []
    for directory, _dirs, names in os.walk(root / folder):
        base = Path(directory).relative_to(root).as_posix()
        found += [f"{base}/{name}" for name in names]
    return sorted(found)


def _make_shard(stage: Path, shard: int, names: list[str]) -> None:
    """Pagefind over the pages of the letters `names` (hard links in a temporary folder, removed
    after), into `stage/pagefind/<shard>`."""
    site = stage / f"{_SHARD_SITE}{shard}"
    (site / "letters").mkdir(parents=True)  # the stage is new: nothing of that name is there
    try:
        for name in names:
            page = f"{Path(name).stem}.html"
            try:
                os.link(stage / "letters" / page, site / "letters" / page)
            except OSError:  # links not allowed here: a copy
                shutil.copyfile(stage / "letters" / page, site / "letters" / page)
        run_pagefind(site, stage / INDEX_DIR / str(shard))
    finally:
        shutil.rmtree(site, ignore_errors=True)


def run_pagefind(site: Path, folder: Path | None = None) -> None:
    """Pagefind over the letter pages of `site`, into `folder` (default `site/pagefind`), made
    deterministic."""
    binary = pagefind_binary()
    folder = folder or site / INDEX_DIR
    command = [str(binary), "--site", str(site), "--output-path", str(folder.resolve()), "--glob", INDEXED_GLOB,
               "--exclude-selectors", EXCLUDED, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind could not be run ({exc}); the search index was not made") from None
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:300]
        raise SearchIndexError(f"Pagefind failed (exit status {done.returncode}): {detail}")
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
