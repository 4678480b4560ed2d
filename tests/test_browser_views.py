"""Browser tests of the views (views.html and views/): each view page loads cleanly, the
correspondence graph's nodes are links that lead to their letters and entries, a timeline date
lands on its place in the letter, and each page's CSV/JSON downloads parse and say what the page
says. The fixtures (the built site, its server, the browser) are those of test_browser.py.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from browser_support import ARTIFACTS  # the fixtures come from conftest.py
from test_browser import _wait_until_target_in_view

pytestmark = pytest.mark.browser

VIEW_PAGES = ["views.html", "views/contested-names.html", "views/correspondence.html", "views/timeline.html"]


def test_each_view_page_loads_from_the_navigation(page, site, base_url):  # noqa: F811
    page.goto(base_url + "index.html")
    page.locator('nav[aria-label="Site"] a[href="views.html"]').click()
    page.wait_for_url("**/views.html")
    for relative in VIEW_PAGES[1:]:
        link = page.locator(f'main a[href="{relative}"]')
        assert link.count() == 1, f"the views index does not link to {relative}"
    for relative in VIEW_PAGES:
        page.goto(base_url + relative)
        assert page.locator("h1").count() == 1, f"{relative} has no single h1"
        assert page.locator('nav[aria-label="Site"] a[aria-current="page"]').inner_text() == "Views"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"view-{relative.rsplit('/', 1)[-1][:-5]}.png"), full_page=True)
    page.console_log.assert_clean()


def test_the_graph_has_a_linked_node_for_each_letter_and_document(page, site, base_url):  # noqa: F811
    data = json.loads((site / "views" / "correspondence.json").read_text(encoding="utf-8"))
    page.goto(base_url + "views/correspondence.html")
    svg = page.locator("svg.correspondence-graph")
    assert svg.count() == 1 and svg.is_visible(), "no visible graph"
    assert page.locator("svg.correspondence-graph > title").text_content().strip().startswith("Graph:"), "the graph has no accessible name"
    links = svg.locator("a.node")
    assert links.count() == len(data["nodes"]), "the graph does not have one node per node of its data"
    assert svg.locator("path.edge").count() == len(data["edges"]), "the graph does not have one line per edge of its data"
    for node in data["nodes"]:
        link = svg.locator(f'a[id="node-{node["id"]}"]')
        assert link.locator("text").text_content() == node["label"], f"node {node['id']} has no text label"
        assert link.locator("title").text_content() == node["title"]
        assert link.get_attribute("href") == "../" + node["href"]
    # a letter node and a document node, clicked, lead to their pages
    for kind in ("letter", "document"):
        node = next(n for n in data["nodes"] if n["kind"] == kind)
        page.goto(base_url + "views/correspondence.html")
        page.locator(f'a[id="node-{node["id"]}"] text').click()
        page.wait_for_url("**/" + node["href"])
        assert page.locator("h1").count() == 1
    page.console_log.assert_clean()


def test_a_timeline_date_lands_on_its_place_in_the_letter(page, site, base_url):  # noqa: F811
    page.goto(base_url + "views/timeline.html")
    # the overview's columns lead to their years' sections
    bars = page.locator("svg.timeline-chart a")
    assert bars.count() > 0, "the timeline has no overview"
    for href in {bars.nth(i).get_attribute("href") for i in range(bars.count())}:
        assert page.locator(f'section[id="{href[1:]}"]').count() == 1, f"the overview links to {href}, which is no year"
    link = page.locator("li.timeline-event a").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/letters/*.html#{anchor}")
    _wait_until_target_in_view(page, anchor)
    assert page.evaluate(f"() => document.getElementById('{anchor}').tagName") == "TIME"
    page.console_log.assert_clean()


def _download(page, base_url: str, href: str) -> str:  # noqa: F811
    """The body of a data file as the browser gets it from the page's link."""
    response = page.request.get(base_url + "views/" + href)
    assert response.ok, f"views/{href}: HTTP {response.status}"
    return response.text()


def test_the_downloads_parse_and_match_the_page(page, site, base_url):  # noqa: F811
    # contested names: every (form, party) row of the CSV is a row of the page's tables, and the JSON has the same rows
    page.goto(base_url + "views/contested-names.html")
    hrefs = [a.get_attribute("href") for a in page.locator("p.view-data a").all()]
    assert hrefs == ["contested-names.csv", "contested-names.json"]
    rows = list(csv.DictReader(io.StringIO(_download(page, base_url, hrefs[0]))))
    assert rows, "the CSV of the contested names is empty"
    table_rows = page.locator("section.contested tbody tr")
    shown = {(table_rows.nth(i).locator("td").nth(0).inner_text(), table_rows.nth(i).locator("td").nth(1).inner_text(),
              table_rows.nth(i).locator("td").nth(2).inner_text()) for i in range(table_rows.count())}
    assert shown == {(r["party"], r["form"], r["mentions"]) for r in rows}
    assert len(json.loads(_download(page, base_url, hrefs[1]))["names"]) == len(rows)
    # the graph: the edges CSV has one row per row of the page's table
    page.goto(base_url + "views/correspondence.html")
    hrefs = [a.get_attribute("href") for a in page.locator("p.view-data a").all()]
    nodes = list(csv.DictReader(io.StringIO(_download(page, base_url, hrefs[0]))))
    edges = list(csv.DictReader(io.StringIO(_download(page, base_url, hrefs[1]))))
    assert len(edges) == page.locator("main table tbody tr").count()
    assert {n["id"] for n in nodes} >= {e["source"] for e in edges} | {e["target"] for e in edges}
    assert len(json.loads(_download(page, base_url, hrefs[2]))["nodes"]) == len(nodes)
    # the timeline: one item per row
    page.goto(base_url + "views/timeline.html")
    hrefs = [a.get_attribute("href") for a in page.locator("p.view-data a").all()]
    rows = list(csv.DictReader(io.StringIO(_download(page, base_url, hrefs[0]))))
    assert len(rows) == page.locator("ol.timeline > li").count()
    assert [r["page"] for r in rows if r["type"] == "named date"] == \
        [a.get_attribute("href")[3:] for a in page.locator("li.timeline-event a").all()]
    assert len(json.loads(_download(page, base_url, hrefs[1]))["events"]) == len(rows)
    page.console_log.assert_clean()
