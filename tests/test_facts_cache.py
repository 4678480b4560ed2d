"""The letters' mention records kept for the next build (edition.facts_cache) are used only
when they can be verified; anything else means the facts are made again as in a clean build.
"""
from __future__ import annotations

import json
import re

from edition import facts_cache
from edition.build import build
from edition.fingerprint import seal
from test_site_support import copy_corpus, tree_digest

RECORD = {"key": "k1", "l": ["letter-1", "Party", "1 May 2021"], "m": [["places", "pl-a", "d" * 32, "A", [["A", 2]]]],
          "r": [["documents", "doc-x", "letter-1", "One", "replyTo"]], "s": "s" * 64, "v": "v" * 64}


def _write(tmp_path, data) -> None:
    path = tmp_path / facts_cache.CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def test_records_are_read_only_with_the_format_the_global_key_and_trust(tmp_path):
    _write(tmp_path, {"format": facts_cache.FORMAT, "global": "g", "letters": {"a.xml": RECORD}})
    assert facts_cache.read(tmp_path, frozenset(), "g") == {"a.xml": RECORD}
    assert facts_cache.read(tmp_path, frozenset(), "other global key") == {}
    assert facts_cache.read(tmp_path, {facts_cache.CACHE_FILE}, "g") == {}  # changed by hand
    assert facts_cache.read(None, frozenset(), "g") == {}
    _write(tmp_path, {"format": facts_cache.FORMAT + 1, "global": "g", "letters": {"a.xml": RECORD}})
    assert facts_cache.read(tmp_path, frozenset(), "g") == {}
    _write(tmp_path, '{"format": 1, "global": "g", "letters": {')
    assert facts_cache.read(tmp_path, frozenset(), "g") == {}


def test_a_record_is_used_only_for_its_letter_key_and_shape():
    records = {"a.xml": RECORD, "b.xml": dict(RECORD, m=[["places", "pl-a"]]), "c.xml": dict(RECORD, r="x"),
               "d.xml": dict(RECORD, m=[["places", "pl-a", 3, "A", [["A", 1]]]]), "e.xml": dict(RECORD, s=None),
               "f.xml": dict(RECORD, m=[["places", "pl-a", "d" * 32, "A", "A"]]), "g.xml": dict(RECORD, l=["letter-1"]), "i.xml": dict(RECORD, v=None),
               "h.xml": dict(RECORD, m=[["places", "pl-a", "d" * 32, "A", [["A", "1"]]]])}
    assert facts_cache.record_for(records, "a.xml", "k1") == RECORD
    assert facts_cache.record_for(records, "a.xml", "k2") is None
    assert facts_cache.record_for(records, "missing.xml", "k1") is None
    for name in ("b.xml", "c.xml", "d.xml", "e.xml", "f.xml", "g.xml", "h.xml", "i.xml"):
        assert facts_cache.record_for(records, name, "k1") is None, name


def _edit_a_mention(tei) -> None:
    letter = sorted((tei / "letters").glob("*.xml"))[2]
    text = letter.read_text(encoding="utf-8")
    found = re.search(r'(<placeName ref="[^"]+">)([^<]+)(</placeName>)', text)
    letter.write_text(text[:found.end(2)] + " (edited)" + text[found.end(2):], encoding="utf-8")


def test_a_cache_changed_by_hand_or_that_lies_gives_the_pages_of_a_clean_build(tmp_path):
    """Counts that lie in the kept records (the file changed by hand: edition.fingerprint sees
    it; or stamped again, so only the records' own checks can tell) never reach a page."""
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    cache = out / facts_cache.CACHE_FILE
    data = json.loads(cache.read_text(encoding="utf-8"))
    lying = {name: dict(record, m=record["m"] * 2) for name, record in data["letters"].items()}  # every mention twice
    cache.write_text(json.dumps(dict(data, letters=lying)), encoding="utf-8")
    _edit_a_mention(tei)
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == tree_digest(clean)
    # stamped again: the fingerprint trusts the file; a record with another letter key or shape is not used
    data = json.loads(cache.read_text(encoding="utf-8"))
    broken = {name: dict(record, key="not the letter's key", m=record["m"] * 2) if i % 2 else dict(record, m=[["x"]])
              for i, (name, record) in enumerate(sorted(data["letters"].items()))}
    cache.write_text(json.dumps(dict(data, letters=broken)), encoding="utf-8")
    seal(out)
    _edit_a_mention(tei)
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == tree_digest(clean)
