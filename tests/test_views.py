"""The data of the views (edition.views): contested names, correspondence graph, timeline.

Each view is derived from the letters, not listed by hand: the tests change the letters' uses
(small synthetic mentions against a small register) and see the result change, and check on the
real corpus that what a view says can be found in the letters and on the built pages.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from edition import claims, paths, views
from edition.build import build
from edition.corpus import LetterSummary, document_symbols, relate, summarise
from test_site_support import built_site, copy_corpus, parse_html, tree_digest

PLACES = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="places"><teiHeader/><standOff><listPlace>
 <place xml:id="pl-a"><placeName type="main">Alpha</placeName><placeName type="variant">Alpha</placeName><placeName type="variant">Alfa</placeName></place>
 <place xml:id="pl-b"><placeName type="main">Beta / Bitu</placeName><placeName type="variant">Beta</placeName><placeName type="alt">Bitu</placeName></place>
 <place xml:id="pl-c"><placeName type="main">Gamma</placeName><placeName type="variant">Gammo</placeName><placeName type="variant">Republic of Gammo</placeName></place>
 <place xml:id="pl-d"><placeName type="main">Delta</placeName><placeName type="variant">Delta</placeName><placeName type="variant">Delta (Dalet)</placeName></place>
</listPlace></standOff></TEI>"""


def _letters() -> list[views.Letter]:
    return [views.Letter("letter-1", "letter-2020-01-01-x.xml", "2020-01-01", "org:pm-x", "1 January 2020"),
            views.Letter("letter-2", "letter-2020-02-01-y.xml", "2020-02-01", "org:pm-y", "1 February 2020"),
            views.Letter("letter-3", "letter-2020-03-01-x.xml", "2020-03-01", "org:pm-x", "1 March 2020")]


def _mention(letter: str, *forms: str) -> tuple:
    """One letter's mentions of an entry, as edition.enrich.Mentions.forms_by_entry gives them."""
    # (letter id, [[form, how many mentions use it], …] in order of first use)
    return (letter, [[form, forms.count(form)] for form in dict.fromkeys(forms)])


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "places.xml"
    path.write_text(PLACES, encoding="utf-8")
    return path


def _listed(entries: dict, register: Path) -> dict[str, list[str]]:
    return {g.entry: g.reasons for g in views.contested(entries, _letters(), register)}


def test_two_parties_naming_a_place_differently_make_it_contested(register):
    # party X writes Alfa and Alpha, party Y only Alpha: the names differ
    entries = {"pl-a": [_mention("letter-1", "Alfa", "Alpha"), _mention("letter-2", "Alpha")]}
    assert _listed(entries, register) == {"pl-a": ["parties-differ"]}
    # the same register entry, but both parties use the same names: not contested
    entries = {"pl-a": [_mention("letter-1", "Alpha"), _mention("letter-2", "Alpha")]}
    assert _listed(entries, register) == {}
    # spellings used side by side by one party only: not contested
    entries = {"pl-a": [_mention("letter-1", "Alfa"), _mention("letter-3", "Alpha")]}
    assert _listed(entries, register) == {}


def test_a_longer_form_containing_a_name_counts_as_that_name(register):
    # party Y adds "(Dalet)", which is no form of its own: the same name as party X's
    entries = {"pl-d": [_mention("letter-1", "Delta"), _mention("letter-2", "Delta (Dalet)")]}
    assert _listed(entries, register) == {}
    # once a letter of party Y writes Dalet alone, Dalet is a name, and the parties differ
    register.write_text(PLACES.replace('<placeName type="variant">Delta (Dalet)</placeName>',
                                       '<placeName type="variant">Delta (Dalet)</placeName><placeName type="variant">Dalet</placeName>'),
                        encoding="utf-8")
    entries["pl-d"].append(_mention("letter-2", "Dalet"))
    assert _listed(entries, register) == {"pl-d": ["parties-differ"]}
    assert views.names_in("Delta (Dalet)", {"Delta", "Delta (Dalet)"}) == {"Delta"}
    assert views.names_in("Republic of Gammo", {"Gammo", "Republic of Gammo"}) == {"Gammo"}


def test_a_headword_of_both_forms_or_of_another_name_makes_it_contested(register):
    entries = {"pl-b": [_mention("letter-1", "Beta")], "pl-c": [_mention("letter-3", "Gammo", "Republic of Gammo")]}
    groups = {g.entry: g for g in views.contested(entries, _letters(), register)}
    assert groups["pl-b"].reasons == ["headword-both-forms"]
    assert groups["pl-b"].unused == ["Bitu"]
    assert groups["pl-c"].reasons == ["other-name"]
    use = next(u for u in groups["pl-c"].uses if u.form == "Gammo")
    assert (use.party, use.count, use.letters, use.first, use.last) == ("org:pm-x", 1, ["letter-3"], "2020-03-01", "2020-03-01")


def test_form_uses_count_mentions_and_first_and_last_letter(register):
    entries = {"pl-a": [_mention("letter-1", "Alfa", "Alfa"), _mention("letter-2", "Alpha"), _mention("letter-3", "Alfa")]}
    group = views.contested(entries, _letters(), register)[0]
    alfa = next(u for u in group.uses if u.form == "Alfa")
    assert (alfa.count, alfa.letters, alfa.first, alfa.last) == (3, ["letter-1", "letter-3"], "2020-01-01", "2020-03-01")


def _real():
    summaries = sorted((summarise(p) for p in sorted(paths.LETTERS.glob("*.xml"))), key=lambda s: s.sort_key)
    relations = relate(summaries, document_symbols(paths.TEI / "registers" / "documents.xml"))
    return summaries, relations


def test_the_real_corpus_names_shusha_and_shushi_by_party():
    site = built_site()
    with open(site / "views" / "contested-names.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shusha = {(r["party"], r["form"]) for r in rows if r["entry"] == "pl-shusha"}
    assert ("Permanent Mission of Armenia to the United Nations", "Shushi") in shusha
    assert ("Permanent Mission of Azerbaijan to the United Nations", "Shusha") in shusha
    # every form listed is used by a letter of that party, as the letter writes it
    for row in rows:
        for letter in row["letters"].split():
            assert f'ref="pl:{row["entry"][3:]}">{row["form"]}<' in (paths.LETTERS / f"{letter}.xml").read_text(encoding="utf-8") \
                or row["form"] in (paths.LETTERS / f"{letter}.xml").read_text(encoding="utf-8")
    # the spellings one party uses side by side are not contested
    assert "pl-fuzuli" not in {r["entry"] for r in rows}


def test_a_reply_edge_to_a_letter_and_to_a_document():
    def summary(letter_id: str, date: str, refs: list[tuple[str, str]]) -> LetterSummary:
        return LetterSummary(id=letter_id, file=f"{letter_id}.xml", sort_key=(date, letter_id), symbols=[],
                             context_refs=refs, sender="org:pm-x")

    summaries = [summary("letter-2020-01-01-x", "2020-01-01", []),
                 summary("letter-2020-02-01-y", "2020-02-01", [("replyTo", "letter:2020-01-01-x"), ("replyTo", "doc:a-1-2")])]
    relations = relate(summaries, {})
    nodes, edges = views.correspondence(views.letters_of(summaries), relations, {}, summaries, {"doc-a-1-2": "A/1/2"}, {})
    assert {(e.source, e.target, e.type) for e in edges} == {
        ("letter-2020-02-01-y", "letter-2020-01-01-x", "replyTo"), ("letter-2020-02-01-y", "doc-a-1-2", "replyTo")}
    assert [n.id for n in nodes if n.kind == "cited"] == ["doc-a-1-2"]
    # the layout: letters above one another in date order, documents in the other column
    letters = [n for n in nodes if n.kind == "letter"]
    assert letters[0].y < letters[1].y and letters[0].x == letters[1].x != nodes[-1].x


def test_the_real_graph_has_each_encoded_reply_and_each_citation():
    summaries, relations = _real()
    data = json.loads((built_site() / "views" / "correspondence.json").read_text(encoding="utf-8"))
    edges = {(e["source"], e["target"], e["type"]) for e in data["edges"]}
    for summary in summaries:
        for ref_type, target in summary.context_refs:
            if ref_type == "replyTo" and target.startswith("doc:"):
                assert (summary.id, "doc-" + target[4:], "replyTo") in edges
    node_ids = {n["id"] for n in data["nodes"]}
    assert all(source in node_ids and target in node_ids for source, target, _type in edges)
    # each citation edge: the letter's text cites the document
    for source, target, edge_type in edges:
        if edge_type == "cites":
            text = (paths.LETTERS / f"{source}.xml").read_text(encoding="utf-8")
            assert re.search(r'"[^"]*(?<![\w-])doc:' + re.escape(target[4:]) + r'(?![\w-])[^"]*"', text), f"{source} does not cite {target}"


def test_a_citation_the_editors_inferred_stays_marked_in_the_graph():
    data = json.loads((built_site() / "views" / "correspondence.json").read_text(encoding="utf-8"))
    inferred = [e for e in data["edges"] if e["inferred"] and e["type"] == "cites"]
    assert inferred, "no inferred citation in the graph (the letters point to resolutions with cert)"
    for edge in inferred:
        text = (paths.LETTERS / f"{edge['source']}.xml").read_text(encoding="utf-8")
        assert re.search(r'<[^>]*doc:' + re.escape(edge["target"][4:]) + r'(?![\w-])[^>]*cert="' + edge["cert"] + '"', text)
    page = (built_site() / "views" / "correspondence.html").read_text(encoding="utf-8")
    assert "identified by the editors: high certainty" in " ".join(page.split())


def test_a_timeline_event_links_to_its_date_on_the_letter_page():
    site = built_site()
    data = json.loads((site / "views" / "timeline.json").read_text(encoding="utf-8"))
    events = [e for e in data["events"] if e["type"] == "named date"]
    assert events, "no dated event found in the letters"
    assert [e["date"] for e in data["events"]] == sorted(e["date"] for e in data["events"])
    assert [e for e in events if e["to"]], "no span (@from/@to) on the timeline (the letters name some)"
    inferred = [e for e in events if e["cert"]]
    assert inferred, "no inferred date on the timeline (the letters have some: 'this August')"
    for event in events:
        page, anchor = event["page"].split("#")
        element = parse_html(site / page).get_element_by_id(anchor)
        if event["to"]:  # a span: its start and end are in the data, the page shows it as written
            assert element.get("class") == "date" and event["date"] <= event["to"]
        else:
            assert element.get("datetime") == event["date"], f"{event['page']} is not the date {event['date']}"
        assert " ".join(element.text_content().split()) == event["text"]
    # the letter's own dates (masthead, title, dateline) are not events
    for letter in [e for e in data["events"] if e["type"] == "letter"]:
        assert not [e for e in events if e["letter"] == letter["letter"] and e["context"].startswith("Letter dated")]


def test_data_files_are_csv_and_json_of_the_same_rows():
    site = built_site()
    for name in ("contested-names", "timeline"):
        with open(site / "views" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        data = json.loads((site / "views" / f"{name}.json").read_text(encoding="utf-8"))
        listed = data["names"] if name == "contested-names" else data["events"]
        assert [{k: str(v) for k, v in r.items()} for r in listed] == rows
    text = views.csv_text([{"a": "x,y", "b": 1}], ["a", "b"])
    assert text == 'a,b\n"x,y",1\n' and list(csv.reader(io.StringIO(text))) == [["a", "b"], ["x,y", "1"]]


def test_a_rebuild_with_no_letter_changed_reuses_the_views_without_computing_their_data(tmp_path, monkeypatch):
    """The views and the claims view are keyed on the letters first: with no letter changed,
    their data (the whole corpus's, costly at 10,000 letters) is not computed again."""
    tei, out = copy_corpus(tmp_path), tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    before = tree_digest(out)

    def not_again(*args, **kwargs):
        raise AssertionError("computed again with no letter changed")

    monkeypatch.setattr(views.Corpus, "data", not_again)
    monkeypatch.setattr(claims, "rows", not_again)
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == before


def test_a_letters_text_facts_come_with_its_summary():
    """The dates and inferred citations the views need are read from the tree the summary (and
    the validation) parse: the build reads no letter again for them."""
    facts = {s.id: s.views for s in _real()[0]}
    assert all(set(f) == {"events", "inferred"} for f in facts.values())
    assert any(f["events"] for f in facts.values()) and any(f["inferred"] for f in facts.values())
