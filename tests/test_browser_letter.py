"""Browser tests of the letter page as a reading page: the text on the first screen, entity cards
by keyboard, pointer and tap, the highlighting toggle (remembered), a mention's round trip to its
entry page and back, inference marks leading to their notes, and the page without JavaScript.

Same browser session as tests/test_browser.py (tests/browser_support.py: Debian's chromium, the
site built once and served over HTTP). Letters and mentions are found in the built pages, never named here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, ConsoleLog
from test_browser import _wait_until_target_in_view

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# The first words of the letter itself: the first paragraph of its text (after its title).
FIRST_PARAGRAPH = "main .reading-text .letter-text p"
# A mention in the text that is a link of its own (not a phrase holding other mentions).
MENTION = "main .letter-text p a.ent[href]"


def _letters(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "letters").glob("*.html"))


def _open(browser, base_url, relative, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.console_log = ConsoleLog(page)
    page.goto(base_url + relative)
    return context, page


def _card_for(page, mention):
    """The card the mention controls, once it is shown."""
    page.wait_for_function("el => el.getAttribute('aria-expanded') === 'true'", arg=mention.element_handle(), timeout=5000)
    card = page.locator(f"#{mention.get_attribute('aria-controls')}")
    card.wait_for(state="visible", timeout=5000)
    return card


def _headword(mention) -> str:
    """The headword the page gives the mention (its hover text: "Shusha (place)")."""
    return re.sub(r" \([^()]*\)$", "", mention.get_attribute("data-tip"))


@pytest.mark.parametrize("options", [DESKTOP, PHONE], ids=["1280x900", "phone"])
def test_the_text_is_on_the_first_screen(browser, site, base_url, options):
    for letter in _letters(site):
        context, page = _open(browser, base_url, f"letters/{letter}", **options)
        try:
            top = page.locator(FIRST_PARAGRAPH).first.evaluate("el => el.getBoundingClientRect().top")
            height = page.evaluate("() => window.innerHeight")
            assert top < height - 24, f"{letter}: the letter's first paragraph starts at {top:.0f}px, below the first screen ({height}px)"
            # the metadata is one line that opens without JavaScript
            assert page.locator("section.metadata details").evaluate("el => !el.open")
            if letter == _letters(site)[-1]:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"letter-first-screen-{options['viewport']['width']}.png"))
            page.console_log.assert_clean()
        finally:
            context.close()


def test_an_entity_card_by_keyboard(browser, site, base_url):
    context, page = _open(browser, base_url, f"letters/{_letters(site)[-1]}", **DESKTOP)
    try:
        for _ in range(400):  # Tab through the page to the first mention of the text
            page.keyboard.press("Tab")
            if page.evaluate(f"() => document.activeElement.matches({MENTION!r})"):
                break
        else:
            pytest.fail("no mention of the text was reached with the Tab key", pytrace=False)
        mention = page.locator(":focus")
        assert mention.get_attribute("aria-expanded") is not None and mention.get_attribute("aria-haspopup") == "dialog"
        card = _card_for(page, mention)
        assert card.get_attribute("role") == "dialog" and card.get_attribute("aria-label")
        assert card.locator(".card-headword").inner_text() == _headword(mention)
        # the card links to the entry's page, made absolute from the page it was read from
        target = mention.get_attribute("href").split("/registers/")[1]
        assert card.locator(".card-more a").get_attribute("href") == f"{base_url}registers/{target}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "card-keyboard.png"))
        # Tab goes into the card; Escape closes it and gives the focus back to the mention
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('.ent-card')"), "Tab did not enter the card"
        page.keyboard.press("Escape")
        card.wait_for(state="detached", timeout=5000)
        assert page.evaluate(f"() => document.activeElement.matches({MENTION!r})"), "Escape did not give the focus back"
        assert mention.get_attribute("aria-expanded") == "false" and page.locator(".ent-card").count() == 0
        page.console_log.assert_clean()
    finally:
        context.close()


def test_an_entity_card_by_hover(browser, site, base_url):
    context, page = _open(browser, base_url, f"letters/{_letters(site)[0]}", **DESKTOP)
    try:
        mention = page.locator(MENTION).nth(2)
        mention.hover()
        card = _card_for(page, mention)
        assert card.locator(".card-headword").inner_text() == _headword(mention)
        page.mouse.move(1, 1)
        card.wait_for(state="detached", timeout=5000)
        page.console_log.assert_clean()
    finally:
        context.close()


def test_an_entity_card_by_tap(browser, site, base_url):
    """First tap: the card (the page stays); a tap on the card's link: the entry's page."""
    letter = _letters(site)[0]
    context, page = _open(browser, base_url, f"letters/{letter}", **PHONE)
    try:
        mention = page.locator(MENTION).nth(3)
        mention.scroll_into_view_if_needed()
        mention.tap()
        card = _card_for(page, mention)
        assert page.url.endswith(f"letters/{letter}"), "the first tap left the page"
        assert card.locator(".card-headword").inner_text() == _headword(mention)
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the card does not fit the phone's screen"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "card-tap.png"))
        target, headword = mention.get_attribute("href").split("/registers/")[1], _headword(mention)
        card.locator(".card-more a").tap()
        page.wait_for_url(f"**/registers/{target}", timeout=5000)
        assert page.locator("main h1").inner_text() == headword
        page.console_log.assert_clean()
    finally:
        context.close()


def test_the_highlighting_toggle_is_remembered(browser, site, base_url):
    letter = _letters(site)[-1]
    context, page = _open(browser, base_url, f"letters/{letter}", **DESKTOP)
    try:
        toggle = page.locator(".highlight-toggle")
        assert toggle.is_visible(), "with JavaScript the toggle is shown"
        kinds = toggle.locator("input[data-kind]").evaluate_all("els => els.map(e => e.dataset.kind)")
        assert kinds, "the toggle offers no kind"
        kind = kinds[0]
        style = f"""() => {{ const el = document.querySelector('main .letter-text a.ent-{kind}');
                     const s = getComputedStyle(el), p = getComputedStyle(el.parentElement);
                     return {{line: s.textDecorationLine, colour: s.color, text: p.color}}; }}"""
        before = page.evaluate(style)
        assert before["line"] == "underline" and before["colour"] != before["text"]
        toggle.locator(f"input[data-kind='{kind}']").uncheck()
        off = page.evaluate(style)
        assert off["line"] == "none" and off["colour"] == off["text"], f"{kind}: still highlighted after switching off"
        other = [k for k in kinds if k != kind]
        if other:  # the other kinds keep their highlighting
            assert page.evaluate(f"() => getComputedStyle(document.querySelector('main .letter-text .ent-{other[0]}')).color") != off["text"]
        page.reload()
        assert not page.locator(f".highlight-toggle input[data-kind='{kind}']").is_checked(), "the choice was not remembered"
        assert page.evaluate(style)["line"] == "none", "after a reload the kind is highlighted again"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "highlight-off.png"))
        page.locator(f".highlight-toggle input[data-kind='{kind}']").check()
        assert page.evaluate(style) == before
        page.console_log.assert_clean()
    finally:
        context.close()


def test_a_mention_to_its_entry_and_the_back_link_to_the_mention(browser, site, base_url):
    """Click a mention (desktop: the link), land on the entry's page, click its back-link in context
    to this mention: the letter scrolls to the mention, highlighted and not flush at the top."""
    letter = _letters(site)[-1]
    context, page = _open(browser, base_url, f"letters/{letter}", **DESKTOP)
    try:
        mention = page.locator(MENTION).nth(4)
        anchor = mention.get_attribute("id")
        target = mention.get_attribute("href").split("/registers/")[1]
        mention.click()
        page.wait_for_url(f"**/registers/{target}", timeout=5000)
        back = page.locator(f'ul.kwic a[href="../../letters/{letter}#{anchor}"]')
        assert back.count() == 1, f"the entry page has no back-link to #{anchor}"
        back.locator("mark").click()
        page.wait_for_url(f"**/letters/{letter}#{anchor}")
        _wait_until_target_in_view(page, anchor)
        top = page.evaluate(f"() => document.getElementById('{anchor}').getBoundingClientRect().top")
        assert top >= 8, f"the mention lands flush at the top edge ({top:.0f}px)"
        page.console_log.assert_clean()
    finally:
        context.close()


def test_an_inference_mark_leads_to_its_note_and_back(browser, site, base_url):
    for letter in _letters(site):
        context, page = _open(browser, base_url, f"letters/{letter}", **DESKTOP)
        try:
            marks = page.locator("main .letter-text a.cert-mark")
            if not marks.count():
                continue
            mark = marks.last
            note_id = mark.get_attribute("href")[1:]
            phrase = mark.get_attribute("title").split(": ", 1)[1]
            mark.click()
            _wait_until_target_in_view(page, note_id)
            note = page.locator(f"#{note_id}")
            assert phrase in note.inner_text(), f"{letter}: #{note_id} does not give the inference's certainty"
            note.locator("a.infback").click()
            _wait_until_target_in_view(page, mark.get_attribute("id"))
            page.console_log.assert_clean()
            return
        finally:
            context.close()
    pytest.fail("no letter has an inference mark in its text", pytrace=False)


def test_without_javascript_mentions_are_links_and_the_metadata_opens(browser, site, base_url):
    letter = _letters(site)[0]
    context, page = _open(browser, base_url, f"letters/{letter}", java_script_enabled=False, **DESKTOP)
    try:
        assert not page.locator(".highlight-toggle").is_visible(), "the toggle cannot work without JavaScript"
        page.locator("section.metadata summary").click()
        assert page.locator("section.metadata dl").is_visible(), "the metadata does not open without JavaScript"
        mention = page.locator(MENTION).first
        assert mention.get_attribute("aria-expanded") is None, "no card machinery without JavaScript"
        target = mention.get_attribute("href").split("/registers/")[1]
        mention.click()
        page.wait_for_url(f"**/registers/{target}", timeout=5000)
        assert page.locator("main h1").count() == 1
        page.console_log.assert_clean()
    finally:
        context.close()
