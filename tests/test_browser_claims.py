"""Browser test of the claims view (views/claims.html): a row's link lands on its passage in the
letter, which is the claim the row quotes and is marked as the target.

Uses the browser tests' shared fixtures (tests/browser_support.py, registered by conftest.py)."""
from __future__ import annotations

import pytest

from browser_support import ARTIFACTS
from test_browser import _wait_until_target_in_view

pytestmark = pytest.mark.browser


def test_a_claim_row_links_to_its_passage_which_is_marked(page, site, base_url):
    page.goto(base_url + "views/claims.html")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() > 0, "the claims view lists no claim"
    # every category's first row, so that each kind of claim is followed once
    firsts = page.locator("section.claim-category table.claims tbody tr:first-child")
    checked = 0
    for i in range(firsts.count()):
        page.goto(base_url + "views/claims.html")
        row = page.locator("section.claim-category table.claims tbody tr:first-child").nth(i)
        words = row.locator("td").nth(1).inner_text().strip()
        link = row.locator("td:last-child a")
        href = link.get_attribute("href")
        assert href and href.startswith("../letters/") and "#" in href, f"row {i} links to {href!r}"
        anchor = href.split("#", 1)[1]
        link.click()
        page.wait_for_url(f"**/letters/*.html#{anchor}")
        _wait_until_target_in_view(page, anchor)
        target = page.locator(f'[id="{anchor}"]')
        # the passage is the claim the row quotes, as written (the page adds the witness's reading
        # and the editors' marks after corrected words: they are not the letter's words)
        read = target.evaluate("""el => { const c = el.cloneNode(true);
            c.querySelectorAll('.cert-mark, .witness-reading').forEach(m => m.remove());
            return c.textContent; }""")
        assert " ".join(read.split()) == " ".join(words.split())
        # and the reader sees where it is: the landing is marked (not the page's background)
        marked = target.evaluate("el => getComputedStyle(el).backgroundColor !== getComputedStyle(document.body).backgroundColor")
        assert marked, f"#{anchor} is not marked when landed on"
        checked += 1
    assert checked >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "claims-passage.png"))
    page.console_log.assert_clean()
