"""The letters' mention records, kept in the output for the next build (one file).

To key and make the register and entry pages, the build needs to know, of every letter, which
entries it mentions and what it says of them (edition.enrich.letter_record: a digest of each
mention, the forms it uses, the letter's replies), and, for the views, a digest of its summary. Parsing every
letter's mentions again on each build made a one-word edit cost as much as the corpus; so the
build writes the records of all letters to CACHE_FILE, and the next build takes the record of
a letter that did not change from there, and parses only the mentions of the letters made again.

The output folder is not trusted code: the file is plain JSON, and a record is used only when
everything agrees: the file is not among the output's files changed by hand
(edition.fingerprint), it parses, has this FORMAT, the build's global key (the code, the
stylesheets, the registers) and, for the letter, the letter's key (its bytes and its corpus
context; edition.incremental) that the manifest gives the letter whose outputs the build reuses,
and the record has the expected shape. Anything else: the letter's mentions are parsed again,
as in a clean build. The records depend on the inputs only, so a clean and an incremental build
write the same bytes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

CACHE_FILE = ".edition-cache/facts.json"
# Bump when the layout of a record changes: a file of another format is ignored.
FORMAT = 2
# A cache file larger than this is not read (it cannot be ours).
MAX_BYTES = 512 * 1024 * 1024


def read(previous_dir: Path | None, distrusted, global_key: str) -> dict[str, dict]:
    """The records kept by the previous build (letter file -> record), or {} when there is
    nothing to trust (see the module)."""
    if previous_dir is None or CACHE_FILE in distrusted:
        return {}
    path = Path(previous_dir) / CACHE_FILE
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("global") != global_key \
            or not isinstance(data.get("letters"), dict):
        return {}
    return data["letters"]


def record_for(records: dict[str, dict], letter_file: str, letter_key: str) -> dict | None:
    """The kept record of a letter if it was made for this key and has the expected shape (the
    checks are written out, without generators: at 10,000 letters they look at some 400,000
    rows on every build), its recurring strings interned."""
    record = records.get(letter_file)
    if type(record) is not dict or record.get("key") != letter_key or type(record.get("s")) is not str \
            or type(record.get("v")) is not str or not record["v"].isascii():
        return None
    letter, mentions, replies = record.get("l"), record.get("m"), record.get("r")
    if not _strings(letter, 3) or type(mentions) is not list or type(replies) is not list:
        return None
    for row in mentions:
        if not _mention_row(row):
            return None
    for row in replies:
        if not _strings(row, 5):
            return None
    _intern(mentions)
    return record


def _intern(rows: list[list]) -> None:
    """The strings that recur across letters (register kinds, entry ids, forms) made one object
    each: the records of 10,000 letters take 166 MiB instead of 286 MiB, at no measurable cost."""
    for row in rows:
        row[0], row[1], row[3] = sys.intern(row[0]), sys.intern(row[1]), sys.intern(row[3])
        for pair in row[4]:
            pair[0] = sys.intern(pair[0])


def _strings(item, length: int) -> bool:
    if type(item) is not list or len(item) != length:
        return False
    for part in item:
        if type(part) is not str:
            return False
    return True


def _mention_row(item) -> bool:
    """[kind, entry id, digest, distinct forms, [[form, count], …]] (edition.enrich.letter_record)."""
    if type(item) is not list or len(item) != 5:
        return False
    kind, entry_id, digest, forms, counts = item
    if type(kind) is not str or type(entry_id) is not str or type(digest) is not str or type(forms) is not str \
            or type(counts) is not list:
        return False
    for pair in counts:
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str or type(pair[1]) is not int:
            return False
    return True


def write(stage: Path, global_key: str, records: dict[str, dict]) -> None:
    """The records of this build's letters (each with "key", "l", "m", "r", "s", "v"), one layout, sorted."""
    path = Path(stage) / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps, not json.dump: dump writes piece by piece through Python (twice the time here)
    text = json.dumps({"format": FORMAT, "global": global_key, "letters": records},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text + "\n")
