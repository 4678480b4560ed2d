"""Browser tests of citing, the page's metadata, dark mode, the phone layout and accessibility.

- a paragraph's § link lands on its anchor (clear of the top edge) and gives its citation;
- the citation downloads of a letter parse (BibTeX fields, RIS tags, CSL-JSON) and agree with
  the page's citation_* tags and JSON-LD;
- dark mode (prefers-color-scheme) darkens the page;
- at 390 × 844 no page scrolls sideways, the table of letters is not clipped and the small
  targets are at least 24 × 24 px;
- axe-core (from the npm registry: tests/axe/package.json, installed by `npm ci` there) reports
  no violation on one page of every page type found in the build, in light and dark mode.
  Without tests/axe/node_modules the axe test skips, except in CI (`CI` set), where it fails.

The letter and paragraph are found in the built site, not hard-coded. Uses the browser and the
site of tests/test_browser.py (the same fixtures).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, _unavailable  # the fixtures come from conftest.py
from test_browser import _wait_until_target_in_view

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
# The rules axe-core runs: WCAG 2.0-2.2 A and AA (2.2 AA brings target-size, 24 x 24 px) and
# axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _letter_with_paragraphs(site: Path, at_least: int = 3) -> Path:
    """A built letter page with at least `at_least` numbered paragraphs."""
    for html in sorted((site / "letters").glob("*.html")):
        if f'id="p{at_least}"' in html.read_text(encoding="utf-8"):
            return html
    pytest.fail(f"no letter page in the build has a paragraph p{at_least}", pytrace=False)


def _page_types(site: Path) -> dict[str, str]:
    """One page of every page type in the build, by type: top-level pages by name (digits
    folded, index-2020 and index-2021 are one type), pages in a folder by their folder's
    pattern (letters/*, registers/*, registers/*/*, …)."""
    types: dict[str, str] = {}
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site)
        if len(relative.parts) == 1:
            kind = re.sub(r"\d+", "N", relative.stem)
        else:
            kind = "/".join([relative.parts[0]] + ["*"] * (len(relative.parts) - 1))
        types.setdefault(kind, relative.as_posix())
    return types


# ----- a paragraph's citation -----

def test_paragraph_anchor_and_its_citation(page, site, base_url):
    letter = _letter_with_paragraphs(site)
    page.goto(base_url + f"letters/{letter.name}")
    section = page.locator("section.citation[data-cite-prefix]")
    prefix, url = section.get_attribute("data-cite-prefix"), section.get_attribute("data-cite-url")
    assert prefix and url.endswith(f"letters/{letter.name}"), "the citation section has no citation data"

    link = page.locator("#p3 > a.para-num")
    assert link.get_attribute("href") == "#p3"
    assert link.inner_text().replace("\u00a0", " ").endswith("§ 3")
    link.click()
    _wait_until_target_in_view(page, "p3")
    assert page.url.endswith("#p3")
    top = page.evaluate("document.getElementById('p3').getBoundingClientRect().top")
    assert top >= 16, f"the paragraph landed flush at the top edge (top = {top}px): scroll-margin-top"

    box = page.locator("#p3 + .para-cite")
    box.wait_for(state="visible", timeout=5000)
    text = box.locator(".para-cite-text").inner_text()
    assert text.startswith(prefix + ". Paragraph 3. " + url + "#p3 (accessed ")
    assert "[date of access]" not in text
    assert link.get_attribute("aria-expanded") == "true"
    box.get_by_role("button", name="Close").click()
    assert page.locator(".para-cite").count() == 0
    # the letter's own citation got today's date too
    assert page.locator("#cite-letter .cite-accessed").inner_text() != "[date of access]"
    ARTIFACTS.mkdir(exist_ok=True)
    page.console_log.assert_clean()


def test_without_javascript_the_anchor_works_and_the_citation_is_static(browser, site, base_url):
    letter = _letter_with_paragraphs(site)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + f"letters/{letter.name}")
        page.locator("#p3 > a.para-num").click()
        _wait_until_target_in_view(page, "p3")
        assert page.locator(".para-cite").count() == 0
        assert page.locator("#cite-letter .cite-accessed").inner_text() == "[date of access]"
        assert "Paragraph 1. " in page.locator(".cite-para-example").inner_text()
    finally:
        context.close()


# ----- downloads and metadata -----

def _bibtex_fields(text: str) -> tuple[str, str, dict[str, str]]:
    """(entry type, key, fields) of one BibTeX entry, values with their outer braces removed."""
    match = re.fullmatch(r"@(\w+)\{([^,\s]+),\n(.*)\n\}\n", text, re.S)
    assert match, f"not one BibTeX entry:\n{text}"
    fields = {}
    for line in match.group(3).split(",\n"):
        key, _, value = line.strip().partition(" = ")
        assert value, f"not a BibTeX field: {line!r}"
        fields[key] = value[1:-1] if value.startswith("{") else value
    return match.group(1), match.group(2), fields


def test_citation_downloads_parse_and_agree_with_the_page(page, site, base_url):
    letter = _letter_with_paragraphs(site)
    stem = letter.stem
    page.goto(base_url + f"letters/{letter.name}")
    meta = lambda name: page.locator(f'meta[name="{name}"]').evaluate_all("els => els.map(e => e.content)")  # noqa: E731
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert page.locator('link[rel="alternate"][type="application/tei+xml"]').get_attribute("href") == f"{stem}.xml"
    ld = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert ld["@type"] == "Message" and ld["url"] == canonical and ld["name"] == meta("citation_title")[0]
    assert meta("DC.identifier") == [canonical] and meta("citation_public_url") == [canonical]

    files = {}
    for suffix in (".bib", ".ris", ".csl.json"):
        link = page.locator(f'section.citation a[href="{stem}{suffix}"]')
        assert link.count() == 1, f"the citation section does not link {stem}{suffix}"
        response = page.request.get(base_url + f"letters/{stem}{suffix}")
        assert response.status == 200, f"{stem}{suffix}: HTTP {response.status}"
        files[suffix] = response.text()

    item = json.loads(files[".csl.json"])[0]
    assert item["URL"] == canonical and item["title"] == meta("citation_title")[0]
    authors = [f"{a['family']}, {a['given']}" if "family" in a else a["literal"] for a in item["author"]]
    assert authors == meta("citation_author") and authors, "the CSL author is not the page's citation_author"
    date = "/".join(str(p) if i == 0 else f"{p:02d}" for i, p in enumerate(item["issued"]["date-parts"][0]))
    assert meta("citation_date") == [date]

    kind, key, fields = _bibtex_fields(files[".bib"])
    assert (kind, key) == ("misc", stem)
    assert fields["url"] == canonical and fields["year"] == date[:4]
    assert fields["author"] == " and ".join(authors)
    assert fields["title"] == "{" + item["title"] + "}" or "\\" in fields["title"]

    lines = files[".ris"].split("\n")
    assert lines[0] == "TY  - PCOMM" and lines[-2] == "ER  - " and lines[-1] == ""
    tags = {}
    for line in lines[:-1]:
        assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), f"not a RIS line: {line!r}"
        tags.setdefault(line[:2], []).append(line[6:])
    assert tags["AU"] == authors and tags["UR"] == [canonical] and tags["TI"] == [item["title"]]


# ----- dark mode -----

def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_switches_the_colours(browser, site, base_url, scheme):
    letter = _letter_with_paragraphs(site)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + f"letters/{letter.name}")
        colours = page.evaluate("""() => { const s = getComputedStyle(document.body);
                                            return [s.backgroundColor, s.color]; }""")
        paper, ink = (_luminance(c) for c in colours)
        contrast = (max(paper, ink) + 0.05) / (min(paper, ink) + 0.05)
        assert contrast >= 7, f"{scheme}: body text contrast {contrast:.1f} ({colours})"
        assert (paper < ink) == (scheme == "dark"), f"{scheme} mode: paper {colours[0]}, ink {colours[1]}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"letter-{scheme}.png"))
    finally:
        context.close()


# ----- the phone -----

SMALL_TARGETS = "nav a, td.downloads a, a.para-num, sup.fnref a, a.fnback, .ent-jump, .cite-copy"


def test_phone_layout_no_sideways_scroll_nothing_clipped_targets_24px(browser, site, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for kind, path in _page_types(site).items():
            page.goto(base_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} ({kind}) scrolls sideways at 390 px: {width} px wide"
            small = page.evaluate(f"""() => [...document.querySelectorAll({SMALL_TARGETS!r})]
                .filter(el => el.getClientRects().length)
                .map(el => {{ const r = el.getBoundingClientRect();
                              return [el.outerHTML.slice(0, 80), Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]; }})
                .filter(([, w, h]) => w < 24 || h < 24)""")
            assert not small, f"{path}: tap targets smaller than 24 × 24 px: {small[:5]}"
        page.goto(base_url + "index.html")
        clipped = page.evaluate("""() => [...document.querySelectorAll('.table-wrap')]
            .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => [w.scrollWidth, w.clientWidth])""")
        assert not clipped, f"the index's table is wider than its box on a phone (scrolled, clipped): {clipped}"
        for link in page.locator("td.downloads a").all():
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"a download link is off screen: {box}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "index-phone.png"), full_page=True)
    finally:
        context.close()


# ----- accessibility: axe-core on every page type -----

def _axe_source() -> Path:
    if not AXE.is_file():
        _unavailable(f"axe-core is not installed ({AXE} missing): run `npm ci` in tests/axe")
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violation_on_any_page_type(browser, site, base_url, scheme):
    axe = _axe_source()
    types = _page_types(site)
    for expected in ("index", "about", "guidelines", "sources", "letters/*", "registers/*", "registers/*/*"):
        assert expected in types, f"no page of type {expected} in the build: {sorted(types)}"
    # the CSP refuses injected scripts: bypassed here for axe only (the pages' own CSP is
    # tested by the console checks of tests/test_browser.py)
    context = browser.new_context(color_scheme=scheme, bypass_csp=True, viewport={"width": 1200, "height": 800})
    report = []
    try:
        page = context.new_page()
        for kind, path in types.items():
            page.goto(base_url + path)
            page.add_script_tag(path=str(axe))
            result = page.evaluate("""async tags => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return {passes: r.passes.length, violations: r.violations.map(v =>
                    ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))};
            }""", AXE_TAGS)
            assert result["passes"] > 0, f"axe-core checked nothing on {path}"
            report += [f"{path} ({scheme}): {v['id']} [{v['impact']}] {v['help']}: {v['nodes']}"
                       for v in result["violations"]]
    finally:
        context.close()
    assert not report, "axe-core violations:\n" + "\n".join(report)
