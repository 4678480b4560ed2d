"""Browser tests of search (search.html, assets/search.js over the Pagefind index) and of the
sortable, filterable table of letters (assets/table.js), with and without JavaScript.

The site is built once (the browser fixtures of browser_support.py, via conftest.py) and base_url over HTTP by a plain static
server, as a reader would get it. Words, senders and dates are read from the built pages and
the TEI, never written here.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from edition import search
from browser_support import ARTIFACTS, ConsoleLog, serve
from test_browser import _wait_until_target_in_view
from test_site_support import parse_html

pytestmark = pytest.mark.browser

WORD = re.compile(r"[A-Za-z]{7,}")


def _facets(page_file: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for span in parse_html(page_file).xpath("//*[@data-pagefind-filter]"):
        found.setdefault(span.get("data-pagefind-filter"), []).append(span.text_content())
    return found


def _text_of(page_file: Path) -> str:
    body = parse_html(page_file).xpath("//*[@data-pagefind-body]")[0]
    for hidden in body.xpath(".//*[@data-pagefind-ignore]"):
        hidden.getparent().remove(hidden)
    return body.text_content()


def _word_of_one_sender(site: Path) -> tuple[str, Path, list[Path]]:
    """A long word of the text of some letter; that letter; the letters whose text has it."""
    letters = sorted((site / "letters").glob("*.html"))
    texts = {p: _text_of(p) for p in letters}
    for letter in letters:
        for word in WORD.findall(texts[letter]):
            having = [p for p in letters if re.search(rf"\b{word}\b", texts[p], re.I)]
            senders = {_facets(p)["sender"][0] for p in having}
            others = {_facets(p)["sender"][0] for p in letters} - senders
            if len(having) >= 1 and others:  # a filter by another sender must then find nothing
                return word, letter, having
    pytest.fail("no word of the letters' texts is used by one sender only", pytrace=False)


@contextmanager
def _search_page(browser, site: Path):
    """A page in a new browser context on `site` served locally: (page, base URL); the page's
    console must stay clean (no error, no failed request) until the block ends."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        log = ConsoleLog(page)
        with serve(site) as base:
            yield page, base
            log.assert_clean()
    finally:
        context.close()


def _results(page) -> list[str]:
    """The letter pages the results link to (file names)."""
    page.wait_for_function("() => /match/.test(document.getElementById('search-status').textContent)", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results > li > h2 > a", "els => els.map(a => a.getAttribute('href'))")
    return [href.rsplit("/", 1)[-1] for href in hrefs]


def test_search_a_word_filter_by_sender_and_land_at_the_passage(page, site, base_url):
    word, letter, having = _word_of_one_sender(site)
    page.goto(base_url + "search.html")
    page.wait_for_selector("#search-form:not([hidden])", timeout=15000)
    page.fill("#search-q", word)
    page.press("#search-q", "Enter")
    found = _results(page)
    assert letter.name in found, f"searching {word!r} did not find {letter.name}: {found}"
    assert {p.name for p in having} <= set(found)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-results.png"), full_page=True)

    # the sender facet: the letter's own sender keeps it, another sender's finds none of `having`
    sender = _facets(letter)["sender"][0]
    senders = page.locator("details[data-facet=sender]")
    senders.locator("summary").click()
    # each value counts the letters found that have it
    same = sum(1 for name in found if _facets(site / "letters" / name)["sender"] == [sender])
    assert senders.get_by_label(f"{sender} ({same})", exact=True).count() == 1
    senders.get_by_label(re.compile(rf"^{re.escape(sender)} \(\d+\)$")).check()
    page.wait_for_function("() => !/Searching/.test(document.getElementById('search-status').textContent)")
    filtered = _results(page)
    assert letter.name in filtered
    assert all(_facets(site / "letters" / name)["sender"] == [sender] for name in filtered)
    senders.get_by_label(re.compile(rf"^{re.escape(sender)} \(\d+\)$")).uncheck()
    others = sorted({_facets(p)["sender"][0] for p in (site / "letters").glob("*.html")} - {sender})
    senders.get_by_label(re.compile(rf"^{re.escape(others[0])} \(\d+\)$")).check()
    page.wait_for_function("() => !/Searching/.test(document.getElementById('search-status').textContent)")
    status = page.inner_text("#search-status")
    rest = [] if status.startswith("No letter") else _results(page)
    assert letter.name not in rest and all(_facets(site / "letters" / n)["sender"] == [others[0]] for n in rest)
    senders.get_by_label(re.compile(rf"^{re.escape(others[0])} \(\d+\)$")).uncheck()
    page.fill("#search-q", word)
    page.press("#search-q", "Enter")
    _results(page)

    # a passage of the result: into the letter, at the anchor before the word
    passage = page.locator(f'#search-results a.search-passage[href*="{letter.name}#"]').first
    href = passage.get_attribute("href")
    anchor = href.split("#", 1)[1]
    if parse_html(letter).xpath("//p[@id='p1']"):  # the letter pages have paragraph anchors: the passage's own
        assert re.fullmatch(r"p\d+", anchor), f"{href} is not a paragraph anchor"
        assert passage.inner_text() == f"Paragraph {anchor[1:]}"
    passage.click()
    page.wait_for_url(f"**/letters/{letter.name}#{anchor}")
    _wait_until_target_in_view(page, anchor)
    # the word is in the block of the anchor, or soon after it
    near = page.evaluate("""([id, word]) => {
        const el = document.getElementById(id);
        const block = el.closest('p, li, div, h1, h2, h3, td') || el;
        let text = block.textContent; let next = block.nextElementSibling;
        if (next) text += ' ' + next.textContent;
        return text.toLowerCase().includes(word.toLowerCase()); }""", [anchor, word])
    assert near, f"#{anchor} of {letter.name} is not near {word!r}"
    page.console_log.assert_clean()


def test_results_link_to_the_paragraph_where_paragraphs_have_anchors(browser, site, tmp_path):
    """Letter pages with paragraph anchors (p1, p2, …): each passage links to its paragraph.
    A page with three numbered paragraphs is indexed beside the letters (a copy of the site)."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / search.INDEX_DIR)
    (copy / "letters" / "paragraphs.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Paragraphs</title></head><body>'
        '<section data-pagefind-body=""><div hidden="" data-pagefind-ignore="">'
        '<span data-pagefind-meta="title">Paragraphs</span><span data-pagefind-filter="sender">Nobody</span></div>'
        '<p id="p1">The first paragraph says nothing much at all here.</p>'
        '<p id="p2">The second paragraph says nothing either, at some length.</p>'
        '<p id="p3">The third paragraph names the quillworts once.</p>'
        '</section></body></html>', encoding="utf-8")
    search.run_pagefind(copy, copy / search.INDEX_DIR / "0")
    search.write_listing(copy, [0])
    with _search_page(browser, copy) as (page, base):
        page.goto(base + "search.html?q=quillworts")
        assert _results(page) == ["paragraphs.html"]
        passage = page.locator("a.search-passage").first
        assert passage.get_attribute("href").endswith("letters/paragraphs.html#p3")
        assert passage.inner_text() == "Paragraph 3"


def _shard_of_each_page(index: Path) -> dict[str, str]:
    """Letter page name -> the shard that indexed it (from the shards' own fragments)."""
    found = {}
    for fragment in index.glob("*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        found[data["url"].rsplit("/", 1)[-1]] = fragment.parent.parent.name
    return found


def _settled(page) -> None:
    page.wait_for_function("() => !/Searching/.test(document.getElementById('search-status').textContent)")


def test_search_across_shards_finds_counts_and_sorts_by_date(browser, tmp_path, monkeypatch):
    """An index in several shards (two letters a shard: four for the five letters): a word is
    found in letters of two shards, each facet value counts the letters of every shard, and the
    letters found by filters alone are in date order across the shards."""
    from edition.build import build
    from test_site_support import copy_corpus

    monkeypatch.setattr(search, "SHARD_LETTERS", 2)
    site = tmp_path / "out"
    assert build(copy_corpus(tmp_path), site, jobs=2, quiet=True, validate_first=False) == 0
    shard = _shard_of_each_page(site / search.INDEX_DIR)
    letters = sorted((site / "letters").glob("*.html"))
    assert len(set(shard.values())) >= 2 and set(shard) == {p.name for p in letters}
    texts = {p: _text_of(p) for p in letters}
    word, having = next(((w, h) for p in letters for w in WORD.findall(texts[p])
                         for h in [[q.name for q in letters if re.search(rf"\b{w}\b", texts[q], re.I)]]
                         if len({shard[name] for name in h}) >= 2 and len(h) < len(letters)), (None, None))
    assert word, "no word of the letters is in letters of two shards and not in all"
    with _search_page(browser, site) as (page, base):
        page.goto(base + "search.html")
        page.wait_for_selector("#search-form:not([hidden])", timeout=15000)
        # before any search, each value counts all the letters that have it, in every shard
        years = page.locator("details[data-facet=year]")
        years.locator("summary").click()
        by_year: dict[str, int] = {}
        for letter in letters:
            year = _facets(letter)["year"][0]
            by_year[year] = by_year.get(year, 0) + 1
        for year, count in by_year.items():
            assert years.get_by_label(f"{year} ({count})", exact=True).count() == 1, (year, count)

        page.fill("#search-q", word)
        page.press("#search-q", "Enter")
        found = _results(page)
        assert sorted(found) == sorted(having), f"{word!r}: found {found}, expected {having}"
        senders = page.locator("details[data-facet=sender]")
        for sender in {_facets(p)["sender"][0] for p in letters}:
            count = sum(1 for name in having if _facets(site / "letters" / name)["sender"] == [sender])
            assert senders.get_by_label(f"{sender} ({count})", exact=True).count() == 1, (sender, count)

        # filters alone (every year: every letter): in date order, whatever their shard
        page.fill("#search-q", "")
        for year in by_year:
            years.get_by_label(re.compile(rf"^{year} \(\d+\)$")).check()
            _settled(page)
        page.wait_for_function(f"() => document.getElementById('search-status').textContent === '{len(letters)} letters match.'")
        dated = sorted(letters, key=lambda p: (parse_html(p).xpath("string(//*[@data-pagefind-sort='date'])"),
                                              f"/letters/{p.name}"))
        assert _results(page) == [p.name for p in dated]


def _letter_rows(page) -> list[dict]:
    return page.eval_on_selector_all("table.letters tbody tr", """rows => rows.map(r => ({
        hidden: r.hidden, sender: r.dataset.sender, year: r.dataset.year,
        date: r.querySelector('time') ? r.querySelector('time').getAttribute('datetime') : '',
        from: r.cells[1].textContent.trim() }))""")


def test_the_letters_table_sorts_and_filters(page, site, base_url):
    page.goto(base_url + "index.html")
    rows = _letter_rows(page)
    assert rows and not any(r["hidden"] for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    date_header = page.locator("table.letters th").nth(0)
    assert date_header.get_attribute("aria-sort") == "ascending"
    date_header.get_by_role("button").click()
    assert date_header.get_attribute("aria-sort") == "descending"
    assert [r["date"] for r in _letter_rows(page)] == sorted(dates, reverse=True)
    assert page.inner_text("table.letters caption").endswith(", by date (descending)")
    sender_header = page.locator("table.letters th").nth(1)
    sender_header.get_by_role("button").click()
    assert sender_header.get_attribute("aria-sort") == "ascending"
    assert date_header.get_attribute("aria-sort") == "none"
    froms = [r["from"] for r in _letter_rows(page)]
    assert froms == sorted(froms, key=str.casefold)
    assert page.locator("table.letters th").nth(4).get_by_role("button").count() == 0, "downloads are not sorted"

    # filter by sender: only that sender's rows, and the live region says how many
    sender = rows[0]["sender"]
    page.get_by_label("Sender", exact=True).select_option(sender)
    shown = [r for r in _letter_rows(page) if not r["hidden"]]
    assert shown and all(r["sender"] == sender for r in shown)
    assert len(shown) == sum(1 for r in rows if r["sender"] == sender)
    assert page.inner_text(".table-status") == f"{len(shown)} of {len(rows)} letters shown."
    assert page.get_attribute(".table-status", "aria-live") == "polite"
    # and by words of a row: the sender plus the first word of one title
    page.get_by_label("Sender", exact=True).select_option("")
    title = page.locator("table.letters tbody tr td:nth-child(3)").first.inner_text()
    page.get_by_label("Words").fill(title)
    shown = [r for r in _letter_rows(page) if not r["hidden"]]
    assert 1 <= len(shown) <= len(rows)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "letters-table-filtered.png"), full_page=True)
    page.console_log.assert_clean()


def test_without_javascript_the_table_is_whole_and_search_says_it_needs_it(browser, site, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "index.html")
        letters = len(list((site / "letters").glob("*.html")))
        assert page.locator("table.letters tbody tr:visible").count() == letters
        assert page.locator("table.letters th button").count() == 0
        page.goto(base_url + "search.html")
        assert page.locator("#search-form").is_hidden()
        notice = page.locator(".search-noscript")
        assert notice.is_visible() and "Search needs JavaScript" in notice.inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-no-javascript.png"))
    finally:
        context.close()
