"""The entries' mentions are kept on disk as the letters come (edition.enrich.Mentions), so that
memory does not grow with the corpus: however often they are spilled, the pages are the same.
"""
from __future__ import annotations

import hashlib

from edition import enrich
from edition.build import build
from edition.enrich import Mentions
from test_site_support import copy_corpus, tree_digest


def test_spilling_after_every_letter_gives_the_same_site(tmp_path, monkeypatch):
    tei = copy_corpus(tmp_path)
    assert build(tei, tmp_path / "held", jobs=1, quiet=True, validate_first=False) == 0
    monkeypatch.setattr(enrich, "SPILL_BYTES", 0)
    assert build(tei, tmp_path / "spilled", jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(tmp_path / "spilled") == tree_digest(tmp_path / "held")
    assert not (tmp_path / "spilled" / enrich.FACTS_DIR).exists()  # a work folder, removed


FIRST = ('<mentions><m k="places" e="pl-a" id="letter-1" label="One" a="m1" f="A">'
         '<k a="m1" before="in " form="A" after="."/></m></mentions>')
SECOND = ('<mentions><m k="places" e="pl-a" id="letter-2" label="Two" a="m2 m3" f="A">'
          '<k a="m2" before="" form="A" after=" and"/><k a="m3" before="x " form="A" after=""/></m>'
          '<m k="places" e="pl-b" id="letter-2" label="Two" a="m4" f="B"><k a="m4" before="" form="B" after=""/></m>'
          '<r k="places" e="pl-a" id="letter-2" label="Two" type="replyTo"/></mentions>')


def test_an_entry_keeps_its_mentions_in_order_and_its_digest(tmp_path, monkeypatch):
    monkeypatch.setattr(enrich, "SPILL_BYTES", 0)
    fragments = {"one": FIRST, "two": SECOND}
    mentions = Mentions(("places",), tmp_path / "spill", fragments.__getitem__)
    mentions.add("one", FIRST)
    mentions.add("two", SECOND)
    expected = [m for _k, e, m in enrich.parse_mentions("one", FIRST) + enrich.parse_mentions("two", SECOND) if e == "pl-a"]
    assert [tuple(m[:6]) + (tuple(tuple(k) for k in m[6]),) for m in mentions._mentions_of("places", "pl-a")] == expected
    assert mentions.counts["places"] == {"pl-a": 2, "pl-b": 1}
    replies = [("letter-2", "Two", "replyTo")]
    digests = [enrich.mention_digest(m) for m in expected]
    assert mentions.entry_digest("places", "pl-a") == hashlib.sha256(repr((digests, replies)).encode("utf-8")).hexdigest()
    assert mentions.entry_digest("places", "pl-none") == hashlib.sha256(repr(([], [])).encode("utf-8")).hexdigest()


def test_a_kept_record_counts_as_the_parsed_mentions_and_only_wanted_entries_are_read(tmp_path):
    """A letter added by its record (kept from the previous build) is not parsed; gathering an
    entry's mentions reads only the letters that mention it."""
    fragments = {"one": FIRST, "two": SECOND}
    read = []

    def fragment_of(name):
        read.append(name)
        return fragments[name]

    parsed = Mentions(("places",), tmp_path / "parsed", fragment_of)
    for name, xml in fragments.items():
        parsed.add(name, xml)
    kept = Mentions(("places",), tmp_path / "kept", fragment_of)
    for name, xml in fragments.items():
        kept.add(name, None, enrich.letter_record(name, xml))
    assert read == []
    assert kept.counts == parsed.counts and kept.replies == parsed.replies
    assert kept.entry_digest("places", "pl-a") == parsed.entry_digest("places", "pl-a")
    def plain(mentions):  # as read back from a spill file: contexts as lists
        return [tuple(m[:6]) + (tuple(tuple(k) for k in m[6]),) for m in mentions]

    assert plain(kept.by_entry("places")["pl-a"]) == plain(parsed.by_entry("places")["pl-a"])
    assert sorted(read) == ["one", "one", "two", "two"]  # each gathering read each letter once
    read.clear()
    kept2 = Mentions(("places",), tmp_path / "kept2", fragment_of)
    for name, xml in fragments.items():
        kept2.add(name, None, enrich.letter_record(name, xml))
    kept2.gather({("places", "pl-b")})
    assert read == ["two"]
    assert [m[0] for m in kept2._mentions_of("places", "pl-b")] == ["letter-2"]
