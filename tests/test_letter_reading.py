"""The letter page as a reading page and the entry pages it leans on, in the built HTML (the
browser side is tests/test_browser_letter.py): metadata and masthead folded into one line each,
an inference note for every "ed." mark, the highlighting toggle from the model, the entry in
brief (#card) that the entity cards read, and the replies on a cited document's page.
Everything expected is computed from the TEI and the model, never written down per letter.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition import paths
from edition.model import model
from test_site_support import NS, built_site, letter_ids, parse_html


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def _tei(letter_id: str):
    return etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))


def _words(el) -> str:
    return " ".join(el.text_content().split())


@pytest.mark.parametrize("letter_id", letter_ids())
def test_metadata_and_masthead_are_folded_above_the_text(site, letter_id):
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    (metadata,) = doc.xpath("//section[contains(@class, 'metadata')]")
    (details,) = metadata.xpath("details")
    assert details.get("open") is None, "the metadata block opens on demand"
    summary = _words(details.xpath("summary")[0])
    assert summary.startswith("About this letter") and "UN document symbol" in summary
    reading = doc.xpath("//section[contains(@class, 'reading-text')]")[0]
    assert metadata.getnext() is reading or metadata in reading.itersiblings(preceding=True)
    if _tei(letter_id).xpath("//tei:front/tei:div[@type='masthead']", namespaces=NS):
        (masthead,) = reading.xpath(".//details[contains(@class, 'masthead')]")
        assert masthead.get("open") is None and masthead.xpath("div[contains(@class, 'masthead-body')]/*")


@pytest.mark.parametrize("letter_id", letter_ids())
def test_every_inference_mark_leads_to_its_own_note(site, letter_id):
    inferred = [el for el in _tei(letter_id).xpath("//tei:text//*[@cert or @evidence]", namespaces=NS)]
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    marks = doc.xpath("//*[contains(@class, 'reading-text') or contains(@class, 'footnotes')]//*[contains(@class, 'cert-mark')]")
    notes = doc.xpath("//ol[@class='inference-list']/li")
    assert len(marks) == len(notes) == len(inferred), f"{letter_id}: marks, notes and inferences differ in number"
    for n, (mark, note, el) in enumerate(zip(sorted(marks, key=lambda m: int(m.get("id")[6:])), notes, inferred), start=1):
        assert mark.get("id") == f"infref{n}" and note.get("id") == f"inf{n}"
        assert mark.tag != "a" or mark.get("href") == f"#inf{n}"
        assert note.xpath(f".//a[@href='#infref{n}']"), f"{letter_id}: note {n} does not lead back"
        assert el.get("cert", "") in _words(note), f"{letter_id}: note {n} does not give the certainty"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_highlighting_toggle_offers_the_kinds_the_text_mentions(site, letter_id):
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    (toggle,) = doc.xpath("//div[contains(@class, 'highlight-toggle')]")
    assert toggle.get("hidden") is not None, "without JavaScript the toggle cannot work, so it is hidden"
    offered = toggle.xpath(".//input[@type='checkbox']/@data-kind")
    mentioned = {c.split("ent-", 1)[1] for el in doc.xpath("//main//*[contains(@class, 'ent-')][@id]")
                 for c in el.get("class").split() if c.startswith("ent-") and c != "ent-outer"}
    in_model_order = [kind.name for kind in model().kinds if kind.name in mentioned]
    assert offered == in_model_order
    labels = [_words(label) for label in toggle.xpath(".//label")]
    assert labels == [kind.title for kind in model().kinds if kind.name in mentioned]


def test_each_entry_page_opens_with_its_card(site):
    """Headword, kind, every form the letters use with who uses it, authority links, link to the page."""
    checked = 0
    for kind in model().kinds:
        for page in sorted((site / "registers" / kind.name).glob(f"{kind.id_prefix}*.html")):
            if ".page" in page.name:
                continue
            doc = parse_html(page)
            (card,) = doc.xpath("//section[@id='card']")
            headword = _words(doc.xpath("//h1")[0])
            assert _words(card.xpath(".//*[@class='card-headword']")[0]) == headword
            assert _words(card.xpath(".//*[@class='card-kind']")[0]) == kind.singular
            # every form of the back-links is in the card, each with a party and a count of letters
            forms = {_words(f) for f in card.xpath(".//ul[@class='card-forms']/li/span[@class='form']")}
            used = " ".join(_words(span) for span in doc.xpath("//ol[@class='mentions']/li/span[@class='forms']"))
            assert all(form in used for form in forms), f"{page.name}: a form of the card is not in the back-links"
            assert len(forms) >= len(set(re.findall(r"“([^“”]*)”(?:,|$)", used))), f"{page.name}: a form of the letters is missing"
            for item in card.xpath(".//ul[@class='card-forms']/li"):  # “form”: party (2 letters, date and date)
                assert re.fullmatch(r"“.+?”: .+? \(\d+ letters?, [^()]+\)(; .+? \(\d+ letters?, [^()]+\))*", _words(item)), _words(item)
            entry_links = doc.xpath("//dt[normalize-space()='Links']/following-sibling::dd[1]//a/@href")
            assert card.xpath(".//p[@class='card-links']//a/@href") == entry_links
            assert card.xpath(".//p[@class='card-more']/a/@href") == [page.name]
            checked += 1
    assert checked > 100


def test_a_cited_document_lists_the_letters_that_reply_to_it(site):
    replies = {}
    for letter_id in letter_ids():
        for ref in _tei(letter_id).xpath("//tei:correspContext/tei:ref[@type='replyTo'][starts-with(@target, 'doc:')]", namespaces=NS):
            replies.setdefault("doc-" + ref.get("target")[4:], []).append(letter_id)
    assert replies, "no letter of the corpus replies to a cited document"
    for entry, letters in replies.items():
        doc = parse_html(site / "registers" / "documents" / f"{entry}.html")
        headings = [_words(h) for h in doc.xpath("//h2")]
        assert headings[:2] == ["Replies in the edition", "Cited by"], headings
        listed = doc.xpath("//ul[@class='replies']/li")
        assert [li.xpath("a/@href")[0] for li in listed] == [f"../../letters/{i}.html" for i in letters]
        assert all(_words(li).endswith("(in reply to it)") for li in listed)
