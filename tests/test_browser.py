"""Browser tests of the built site: what a reader does with the pages, in a real browser.

The link checker proves that every href has a target; these tests prove that the browser
actually gets there: clicking a footnote marker shows the footnote and its back-link
returns to the marker, a register's back-link lands on the mention, and no page logs an
error (a Content-Security-Policy violation or a missing resource shows up here first).

Playwright drives Debian's chromium (`/usr/bin/chromium`, or the browser named by the
`CHROMIUM` environment variable); `playwright install` is never needed. Without a browser
the tests skip with the reason, except in CI (`CI` set), where a missing browser fails.
Screenshots are kept in tests/artifacts/ for a human look (CI uploads them).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_support import ARTIFACTS  # the fixtures (site, base_url, browser, page) come from conftest.py

pytestmark = pytest.mark.browser

# Back-links on register pages point to a mention in a letter page: letters/{id}.html#{anchor}.
MENTION_HREF = re.compile(r"""href="(\.\./\.\./letters/[^"#]+\.html#[^"]+)\"""")


def _wait_until_target_in_view(page, element_id: str) -> None:
    """Wait until the element with `element_id` is the document's :target and visible in the viewport.

    Waiting (not sleeping) covers smooth scrolling and slow machines alike; the timeout
    turns into a failure that names the element.
    """
    try:
        page.wait_for_function(
            """id => {
                const el = document.getElementById(id);
                if (!el || !el.matches(':target')) return false;
                const r = el.getBoundingClientRect();
                return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
            }""",
            arg=element_id,
            timeout=5000,
        )
    except Exception:
        state = page.evaluate(
            """id => { const el = document.getElementById(id);
                       if (!el) return 'missing';
                       const r = el.getBoundingClientRect();
                       return `target=${el.matches(':target')} top=${Math.round(r.top)} bottom=${Math.round(r.bottom)} viewport=${window.innerHeight}`; }""",
            element_id,
        )
        pytest.fail(f"#{element_id} on {page.url} is not the target in view ({state})", pytrace=False)


def _letter_with_footnotes(site: Path) -> Path:
    """A built letter page that has footnote 1 (found in the output, not hard-coded)."""
    for html in sorted((site / "letters").glob("*.html")):
        text = html.read_text(encoding="utf-8")
        if 'id="fnref1"' in text and 'id="fn1"' in text:
            return html
    pytest.fail("no letter page in the build has a footnote with ids fn1/fnref1", pytrace=False)


def test_index_to_letter_to_footnote_and_back(page, site, base_url):
    letter_file = _letter_with_footnotes(site)
    page.goto(base_url + "index.html")
    assert page.locator("h1").count() >= 1, "the index page has no h1"

    # index -> the letter, by clicking its link in the table of letters
    link = page.locator(f'a[href="letters/{letter_file.name}"]').first
    assert link.count() == 1, f"the index does not link to letters/{letter_file.name}"
    link.click()
    page.wait_for_url(f"**/letters/{letter_file.name}")
    assert page.locator("main").count() == 1, "the letter page has no main landmark"

    # the footnote marker -> the footnote
    marker = page.locator('[id="fnref1"]').first
    href = marker.get_attribute("href") if marker.evaluate("el => el.tagName") == "A" else marker.locator("a").first.get_attribute("href")
    assert href == "#fn1", f"footnote marker 1 links to {href!r}, expected '#fn1'"
    page.locator('a[href="#fn1"]').first.click()
    _wait_until_target_in_view(page, "fn1")
    assert page.url.endswith("#fn1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "letter-footnote.png"))

    # the footnote's back-link -> the marker in the text
    back = page.locator('[id="fn1"] a[href="#fnref1"]').first
    assert back.count() == 1, "footnote 1 has no back-link to #fnref1"
    back.click()
    _wait_until_target_in_view(page, "fnref1")
    assert page.url.endswith("#fnref1")
    page.screenshot(path=str(ARTIFACTS / "letter-marker.png"), full_page=True)
    page.console_log.assert_clean()


def test_register_back_links_land_on_the_mention(page, site, base_url):
    register_pages = sorted((site / "registers").glob("*/*.html"))  # the entry pages
    assert register_pages, "the build wrote no register pages"
    checked = set()
    for register in register_pages:
        match = MENTION_HREF.search(register.read_text(encoding="utf-8"))
        if not match or register.parent.name in checked:  # one entry page of each register
            continue
        href = match.group(1)
        page.goto(base_url + register.relative_to(site).as_posix())
        # the keyword itself: a link inside a sentence may wrap, and the middle of its box is then other text
        page.locator(f'a[href="{href}"] mark').first.click()
        anchor = href.split("#", 1)[1]
        page.wait_for_url(f"**/letters/*.html#{anchor}")
        _wait_until_target_in_view(page, anchor)
        checked.add(register.parent.name)
    assert checked, "no entry page has a back-link to a mention (../../letters/ID.html#ANCHOR)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "register-mention.png"))
    page.console_log.assert_clean()


def test_no_console_errors_on_any_page(page, site, base_url):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages
    for relative in pages:
        page.goto(base_url + relative, wait_until="load")
    page.goto(base_url + "index.html")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.console_log.assert_clean()


# What "on a phone" means here: a common small phone's CSS width, with touch and mobile layout.
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# Elements that report their overflow as the page's: a long URL, a wide table cell, a grid column.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const right = el.getBoundingClientRect().right;
    const child = Array.from(el.children).some(c => c.getBoundingClientRect().right > width + 1);
    if (right > width + 1 && !child && !el.closest('.table-wrap')) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(right)}px: ${(el.textContent || '').trim().slice(0, 50)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 5)};
}"""


def test_no_page_is_wider_than_a_phone(browser, site, base_url):
    """Every page fits a phone's width: nothing makes the reader scroll sideways (a wide
    table scrolls inside its own box, which is fine)."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        too_wide = []
        for relative in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
            page.goto(base_url + relative, wait_until="load")
            result = page.evaluate(_OVERFLOWING)
            if result["scrollWidth"] > result["width"]:
                too_wide.append(f"{relative}: {result['scrollWidth']}px wide on a {result['width']}px screen; "
                                + ("; ".join(result["found"]) or "(inside a table)"))
        page.goto(base_url + "letters/" + _letter_with_footnotes(site).name)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "letter-phone.png"))
    finally:
        context.close()
    assert not too_wide, "pages wider than a phone:\n" + "\n".join(too_wide)


_FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {cls: el.className, top: el.getBoundingClientRect().top, outline: style.outlineStyle,
          inMain: !!el.closest('main'), tip: el.getAttribute('data-tip'),
          shown: getComputedStyle(el, '::after').content};
}"""


def test_a_keyboard_reader_skips_to_the_text_and_sees_each_mention_explained(page, site, base_url):
    """Keyboard only: the first Tab shows the skip link, which leads into the main content;
    every focused element has a visible outline, and a focused mention shows its headword."""
    page.goto(base_url + "letters/" + _letter_with_footnotes(site).name)
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert focused["cls"] == "skip-link", f"the first Tab should focus the skip link, not {focused['cls']!r}"
    assert focused["top"] >= 0, "the focused skip link must come into view"
    assert focused["outline"] not in ("none", ""), "the focused skip link has no visible outline"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert focused["inMain"], "after the skip link, the next Tab should land in the main content"
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).backgroundColor") == \
        "rgba(0, 0, 0, 0)", "the skip link's target (the whole text) must not be highlighted like a footnote"
    for _ in range(300):  # on to the first mention of a register entry
        if focused["tip"]:
            break
        assert focused["outline"] not in ("none", ""), f"focused element {focused['cls']!r} has no visible outline"
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
    assert focused["tip"], "no mention with a headword (data-tip) was reached with the keyboard"
    assert focused["outline"] not in ("none", "")
    # the headword: in the focus tooltip, or in the mention's entity card once it is open (assets/cards.js)
    card_headword = page.evaluate("""() => { const id = document.activeElement.getAttribute('aria-controls');
        const card = id && document.getElementById(id);
        return card ? card.querySelector('.card-headword').textContent : null; }""")
    assert focused["shown"] == f'"{focused["tip"]}"' or (card_headword and focused["tip"].startswith(card_headword + " (")), \
        "a focused mention must show its headword"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "keyboard-mention.png"))
    page.console_log.assert_clean()
