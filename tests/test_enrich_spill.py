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


def test_an_entry_keeps_its_mentions_in_order_and_its_digest(tmp_path, monkeypatch):
    monkeypatch.setattr(enrich, "SPILL_BYTES", 0)
    mentions = Mentions(("places",), tmp_path / "spill")
    first = ('<mentions><m k="places" e="pl-a" id="letter-1" label="One" a="m1" f="A">'
             '<k a="m1" before="in " form="A" after="."/></m></mentions>')
    second = ('<mentions><m k="places" e="pl-a" id="letter-2" label="Two" a="m2 m3" f="A">'
              '<k a="m2" before="" form="A" after=" and"/><k a="m3" before="x " form="A" after=""/></m>'
              '<m k="places" e="pl-b" id="letter-2" label="Two" a="m4" f="B"><k a="m4" before="" form="B" after=""/></m>'
              '<r k="places" e="pl-a" id="letter-2" label="Two" type="replyTo"/></mentions>')
    mentions.add("one", first)
    mentions.add("two", second)
    expected = [m for _k, e, m in enrich.parse_mentions("one", first) + enrich.parse_mentions("two", second) if e == "pl-a"]
    assert [tuple(m[:6]) + (tuple(tuple(k) for k in m[6]),) for m in mentions._mentions_of("places", "pl-a")] == expected
    assert mentions.counts["places"] == {"pl-a": 2, "pl-b": 1}
    replies = [("letter-2", "Two", "replyTo")]
    assert mentions.entry_digest("places", "pl-a") == hashlib.sha256(repr((expected, replies)).encode("utf-8")).hexdigest()
    assert mentions.entry_digest("places", "pl-none") == hashlib.sha256(repr(([], [])).encode("utf-8")).hexdigest()
