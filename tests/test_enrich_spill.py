"""The entries' mentions are kept on disk as the letters come (edition.enrich.Mentions), so that
memory does not grow with the corpus: however often they are spilled, the pages are the same.
"""
from __future__ import annotations

from lxml import etree

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


FIRST = ('<mentions><m k="places" e="pl-a" id="letter-1" label="One" p="X" d="1 May" a="m1" f="A">'
         '<k a="m1" before="in " form="A" after="."/></m></mentions>')
SECOND = ('<mentions><m k="places" e="pl-a" id="letter-2" label="Two" p="Y" d="2 May" a="m2 m3" f="A&#9;Alpha">'
          '<k a="m2" before="" form="A" after=" and"/><k a="m3" before="x " form="Alpha" after=""/></m>'
          '<m k="places" e="pl-b" id="letter-2" label="Two" p="Y" d="2 May" a="m4" f="B"><k a="m4" before="" form="B" after=""/></m>'
          '<r k="places" e="pl-a" id="letter-2" label="Two" type="replyTo"/></mentions>')
THIRD = ('<mentions><m k="places" e="pl-a" id="letter-3" label="Three" p="X" d="3 May" a="m5" f="A">'
         '<k a="m5" before="" form="A" after=" again"/></m></mentions>')


def _letters(tmp_path, name, fragments, kept=False, read=None):
    def fragment_of(what):
        if read is not None:
            read.append(what)
        return fragments[what]

    mentions = Mentions(("places",), tmp_path / name, fragment_of)
    for what, xml in fragments.items():
        if kept:
            mentions.add(what, None, enrich.letter_record(what, xml))
        else:
            mentions.add(what, xml)
    return mentions


def _plain(mentions):  # as read back from a spill file: contexts as lists
    return [tuple(m[:6]) + (tuple(tuple(k) for k in m[6]),) for m in mentions]


def test_an_entry_page_lists_its_letters_mentions_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(enrich, "SPILL_BYTES", 0)
    fragments = {"one": FIRST, "two": SECOND, "three": THIRD}
    mentions = _letters(tmp_path, "spill", fragments)
    expected = [m for name, xml in fragments.items() for _k, e, m in enrich.parse_mentions(name, xml) if e == "pl-a"]
    assert _plain(mentions.mentions_on("places", "pl-a", 1)) == expected
    assert mentions.counts["places"] == {"pl-a": 3, "pl-b": 1}
    assert mentions.forms_by_entry("places") == {"pl-a": [("letter-1", [["A", 1]]), ("letter-2", [["A", 1], ["Alpha", 1]]),
                                                         ("letter-3", [["A", 1]])],
                                                 "pl-b": [("letter-2", [["B", 1]])]}


def test_the_card_counts_each_partys_letters_per_form_in_order_of_first_use(tmp_path):
    mentions = _letters(tmp_path, "card", {"one": FIRST, "two": SECOND, "three": THIRD})
    # form A: party X in letters one and three, party Y in two; Alpha: Y only
    assert mentions.card("places", "pl-a") == [("A", [("X", 2, "1 May", "3 May"), ("Y", 1, "2 May", "2 May")]),
                                               ("Alpha", [("Y", 1, "2 May", "2 May")])]


def test_a_change_on_one_page_changes_that_pages_key_only(tmp_path, monkeypatch):
    monkeypatch.setattr(enrich, "PER_PAGE", 1)
    before = _letters(tmp_path, "before", {"one": FIRST, "two": SECOND, "three": THIRD})
    # the context of letter three's mention changes (page 3 of pl-a), not its form
    after = _letters(tmp_path, "after", {"one": FIRST, "two": SECOND, "three": THIRD.replace(" again", " once more")})
    assert [before.page_digest("places", "pl-a", page) == after.page_digest("places", "pl-a", page)
            for page in (1, 2, 3)] == [True, True, False]
    assert before.forms_by_entry("places") == after.forms_by_entry("places")
    # a new form changes the card, shown on every page
    renamed = _letters(tmp_path, "renamed", {"one": FIRST, "two": SECOND, "three": THIRD.replace('form="A"', 'form="Ay"')
                                                                                      .replace('f="A"', 'f="Ay"')})
    assert all(before.page_digest("places", "pl-a", page) != renamed.page_digest("places", "pl-a", page)
               for page in (1, 2, 3))


def test_a_kept_record_counts_as_the_parsed_mentions_and_only_wanted_pages_are_read(tmp_path, monkeypatch):
    """A letter added by its record (kept from the previous build) is not parsed; gathering an
    entry page's mentions reads only the letters listed on that page."""
    monkeypatch.setattr(enrich, "PER_PAGE", 2)
    fragments = {"one": FIRST, "two": SECOND, "three": THIRD}
    read = []
    parsed = _letters(tmp_path, "parsed", fragments, read=read)
    kept = _letters(tmp_path, "kept", fragments, kept=True, read=read)
    assert read == []
    assert kept.counts == parsed.counts and kept.replies == parsed.replies
    assert kept.forms_by_entry("places") == parsed.forms_by_entry("places")
    for page in (1, 2):
        assert kept.page_digest("places", "pl-a", page) == parsed.page_digest("places", "pl-a", page)
        assert _plain(kept.mentions_on("places", "pl-a", page)) == _plain(parsed.mentions_on("places", "pl-a", page))
    assert sorted(read) == ["one", "one", "three", "three", "two", "two"]  # each page read its letters once
    read.clear()
    again = _letters(tmp_path, "again", fragments, kept=True, read=read)
    again.gather({("places", "pl-a", 2), ("places", "pl-b", 1)})
    assert read == ["two", "three"]  # pl-b is in letter two; page 2 of pl-a lists letter three
    assert [m[0] for m in again.mentions_on("places", "pl-a", 2)] == ["letter-3"]


def test_a_page_of_the_facts_holds_the_card_its_letters_and_on_page_one_the_replies(tmp_path, monkeypatch):
    monkeypatch.setattr(enrich, "PER_PAGE", 2)
    mentions = _letters(tmp_path, "write", {"one": FIRST, "two": SECOND, "three": THIRD})
    for page in (1, 2):
        mentions.write_page(tmp_path, "places", "pl-a", page)
    first, second = (etree.parse(str(enrich.entry_facts_file(tmp_path, "places", "pl-a", page))).getroot()[0] for page in (1, 2))
    assert [first.get(name) for name in ("letters", "page", "pages")] == ["3", "1", "2"]
    assert [m.get("id") for m in first.iter("m")] == ["letter-1", "letter-2"]
    assert [m.get("id") for m in second.iter("m")] == ["letter-3"]
    assert [r.get("id") for r in first.iter("r")] == ["letter-2"] and not list(second.iter("r"))
    assert [(u.getparent().get("f"), u.get("p"), u.get("n"), u.get("first"), u.get("last")) for u in second.iter("use")] == [
        ("A", "X", "2", "1 May", "3 May"), ("A", "Y", "1", "2 May", "2 May"), ("Alpha", "Y", "1", "2 May", "2 May")]
