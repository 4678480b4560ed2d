"""The built site as a reader (or a browser, or a screen reader) meets it: every internal link and
anchor resolves, pages are self-contained and accessible, mentions link to register entries that
link back, footnotes go both ways, and the guidelines cover the whole schema and every rule.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from edition import paths
from test_site_support import built_site, html_pages, letter_ids, parse_html

XS = "http://www.w3.org/2001/XMLSchema"
SCH = "http://purl.oclc.org/dsdl/schematron"


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, object]:
    return {page: parse_html(page) for page in html_pages(site)}


def _ids(doc) -> list[str]:
    return [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]


# ---------------------------------------------------------------- links

def test_every_internal_link_and_anchor_resolves(site, pages):
    ids = {page: set(_ids(doc)) for page, doc in pages.items()}
    broken = []
    for page, doc in pages.items():
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in ("href", "src"):
                target = element.get(attribute)
                if not target or urlsplit(target).scheme in ("http", "https"):
                    continue
                parts = urlsplit(target)
                assert not parts.scheme, f"{page.name}: unexpected link scheme in {target!r}"
                file = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if not file.is_file() or not file.is_relative_to(site.resolve()):
                    broken.append(f"{page.relative_to(site)}: {target} (no such file)")
                    continue
                if parts.fragment:
                    if file.suffix != ".html":
                        broken.append(f"{page.relative_to(site)}: {target} (anchor into a non-HTML file)")
                    elif parts.fragment not in ids.get(file, ids.get(file.resolve(), set())) and \
                            parts.fragment not in set(_ids(parse_html(file))):
                        broken.append(f"{page.relative_to(site)}: {target} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken[:50])


def test_ids_are_unique_on_every_page(pages):
    for page, doc in pages.items():
        ids = _ids(doc)
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"{page.name}: duplicate ids {duplicates}"


def test_link_texts_are_descriptive(pages):
    vague = {"here", "click here", "more", "link", "this"}
    for page, doc in pages.items():
        for a in doc.iter("a"):
            text = " ".join(a.text_content().split()).lower()
            assert text, f"{page.name}: a link without text: {a.get('href')}"
            assert text not in vague, f"{page.name}: vague link text {text!r}"


# ---------------------------------------------------------------- self-contained, safe, accessible

def test_pages_are_self_contained_and_run_only_the_sites_scripts(pages):
    """Scripts only from the site's assets (no inline script, which the CSP refuses anyway) and
    JSON-LD data blocks, which are not run; nothing loaded from elsewhere (the canonical link
    names the page's public address, it loads nothing)."""
    for page, doc in pages.items():
        for script in doc.xpath("//script"):
            if script.get("type") == "application/ld+json":
                assert not script.get("src"), f"{page.name}: a data block with a src"
                json.loads(script.text)
                continue
            src = script.get("src") or ""
            assert re.fullmatch(r"(\.\./)*assets/[a-z-]+\.js", src) and not (script.text or "").strip(), \
                f"{page.name}: a script not from the site's assets: {src or 'inline'}"
        for element in doc.xpath("//link[@href][not(@rel = 'canonical')] | //img[@src] | //iframe | //object | //embed"):
            target = element.get("href") or element.get("src") or ""
            assert not urlsplit(target).scheme and not target.startswith("//"), \
                f"{page.name}: loads {target} from elsewhere"
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), f"{page.name}: inline event handler"
        assert not doc.xpath("//@style"), f"{page.name}: inline style (blocked by the CSP)"


def test_head_has_language_csp_viewport_and_charset(pages):
    for page, doc in pages.items():
        assert doc.get("lang") == "en", f"{page.name}: no lang on <html>"
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "default-src 'none'" in csp[0], f"{page.name}: CSP"
        # scripts and fetches of the site's own files only (the entity cards read the entry pages);
        # WebAssembly (Pagefind's, for the search index) only on the search page
        directives = {d.split()[0]: d.split()[1:] for d in csp[0].split(";") if d.strip()}
        scripts = ["'self'", "'wasm-unsafe-eval'"] if page.name == "search.html" else ["'self'"]
        assert directives.get("script-src") == scripts and directives.get("connect-src") == ["'self'"], f"{page.name}: CSP {csp[0]}"
        values = [v for vs in directives.values() for v in vs]
        assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, f"{page.name}: CSP"
        assert doc.xpath("//meta[@name='viewport'][contains(@content, 'width=device-width')]"), page.name
        assert doc.xpath("//meta[@charset]"), page.name
        assert doc.xpath("//title[normalize-space()]"), page.name


def test_landmarks_skip_link_and_headings(pages):
    for page, doc in pages.items():
        for landmark in ("header", "nav", "main", "footer"):
            assert doc.xpath(f"//{landmark}"), f"{page.name}: no <{landmark}>"
        assert len(doc.xpath("//main")) == 1
        first_link = doc.xpath("//body//a")[0]
        assert first_link.get("href") == "#main" and doc.xpath("//main[@id='main']"), f"{page.name}: skip link"
        levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1, f"{page.name}: exactly one h1, first"
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not jumps, f"{page.name}: heading levels skip: {jumps}"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_have_enough_contrast(site):
    css = (site / "assets" / "edition.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", css))
    for text in ("ink", "muted", "link", "person", "place", "org", "document", "focus"):
        for background in ("paper", "panel"):
            ratio = _contrast(colours[text], colours[background])
            assert ratio >= 4.5, f"--{text} on --{background}: contrast {ratio:.2f} < 4.5"
    assert "@media print" in css and "@media (max-width" in css
    assert ":focus-visible" in css and "outline" in css


# ---------------------------------------------------------------- letter pages

@pytest.mark.parametrize("letter_id", letter_ids())
def test_letter_page_parts(site, letter_id):
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    text = " ".join(doc.text_content().split())
    for heading in ("About this letter", "Text", "Correspondence", "How to cite", "Downloads"):
        # (the metadata's heading also holds its one-line facts, shown while the details are closed)
        assert doc.xpath(f"//h2[normalize-space() = '{heading}' or span[@class = 'metadata-title'][normalize-space() = '{heading}']]"), \
            f"{letter_id}: no section '{heading}'"
    assert "UN document symbol" in text and "Date of the letter" in text and "Date of distribution" in text
    assert doc.xpath(f"//a[@href = '{letter_id}.xml']") and doc.xpath(f"//a[@href = '{letter_id}.txt']")
    assert f"letters/{letter_id}.html" in text, "the citation gives the stable URL"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_footnotes_link_both_ways(site, letter_id):
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    numbers = tei.xpath("//tei:text//tei:note[@place='foot']/@n", namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    for n in numbers:
        assert doc.xpath(f"//a[@id='fnref{n}'][@href='#fn{n}']"), f"{letter_id}: no anchor for note {n}"
        assert doc.xpath(f"//li[@id='fn{n}']//a[@href='#fnref{n}']"), f"{letter_id}: note {n} has no back-link"
    assert len(doc.xpath("//li[starts-with(@id, 'fn')]")) == len(numbers)


@pytest.mark.parametrize("letter_id", letter_ids())
def test_mentions_link_to_register_entries_with_headword(site, letter_id):
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    mentions = doc.xpath("//*[@id][starts-with(@id, 'm')][contains(concat(' ', @class, ' '), ' ent ')]")
    assert mentions, f"{letter_id}: no mentions"
    registers = {}
    for mention in mentions:
        link = mention if mention.tag == "a" else mention.xpath("./a[@class='ent-jump']")[0]
        href = link.get("href")
        # the mention leads to its entry's own page (which the entity card reads)
        assert re.fullmatch(r"\.\./registers/(persons|places|organisations|documents)/[a-z]+-[a-z0-9-]+\.html", href), href
        kind, entry = href[len("../registers/"):-len(".html")].split("/")
        if kind not in registers:
            registers[kind] = parse_html(site / "registers" / f"{kind}.html")
        # the register's index keeps the anchor, and leads to the entry's page
        (item,) = registers[kind].xpath(f"//li[@id='{entry}']")
        assert item.xpath(f"a/@href") == [f"{kind}/{entry}.html"], f"{letter_id}: {entry} does not lead to its page"
        entry_page = parse_html(site / "registers" / kind / f"{entry}.html")
        heading = entry_page.xpath(f"//article[@id='{entry}']/h1")
        assert heading, f"{letter_id}: {href} has no register entry"
        assert item.xpath("string(a)").strip() == heading[0].text_content().strip()
        assert link.get("title", "").startswith(heading[0].text_content().strip()), \
            f"{letter_id}: the hover text of {href} is not the headword"
        assert link.get("data-tip") == link.get("title"), "focus tooltip and hover text differ"
        # the entry's page links back to exactly this mention
        back = entry_page.xpath(f"//article[@id='{entry}']//a[@href='../../letters/{letter_id}.html#{mention.get('id')}']")
        assert back, f"{letter_id}: {entry} does not link back to #{mention.get('id')}"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_pointer_lists_link_every_entry_both_ways(site, letter_id):
    """An rs with ref="pers:a pers:b" links to each entry, and each entry links back to it."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    lists = [rs for rs in tei.xpath("//tei:text//tei:rs[contains(normalize-space(@ref), ' ')]", namespaces=ns)]
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    for rs in lists:
        words = " ".join(rs.xpath("string()").split())
        (mention,) = [m for m in doc.xpath("//span[contains(@class, 'ent-outer')][@id]")
                      if " ".join("".join(m.xpath(".//text()[not(ancestor::a[@class='ent-jump'])]")).split()).startswith(words)]
        jumps = mention.xpath("./a[@class='ent-jump']/@href")
        expected = ["../registers/persons/pers-" + p.split(":", 1)[1] + ".html" if p.startswith("pers:") else p
                    for p in rs.get("ref").split()]
        if rs.get("type") == "person":
            assert jumps == expected
        assert len(jumps) == len(rs.get("ref").split())
        for href in jumps:
            kind, entry = href[len("../registers/"):-len(".html")].split("/")
            register = parse_html(site / "registers" / kind / f"{entry}.html")
            assert register.xpath(f"//article[@id='{entry}']//a[@href='../../letters/{letter_id}.html#{mention.get('id')}']"), \
                f"{entry} does not link back to the pointer list's mention"


def test_the_two_ministers_of_13_october_2020_are_one_rs():
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    tei = etree.parse(str(paths.LETTERS / "letter-2020-10-13-azerbaijan.xml"))
    assert tei.xpath("//tei:rs[@type='person'][@ref='pers:bayramov-jeyhun pers:mnatsakanyan-zohrab']", namespaces=ns)
    assert not tei.xpath("//tei:persName/tei:persName", namespaces=ns)


def test_further_to_links_the_earlier_letter_with_its_certainty(site):
    """13 October 2020 says "Further to our previous communications": correspContext ref type="furtherTo"."""
    doc = parse_html(site / "letters" / "letter-2020-10-13-azerbaijan.html")
    (dd,) = doc.xpath("//dt[normalize-space()='Further to']/following-sibling::dd[1]")
    assert dd.xpath("a/@href") == ["letter-2020-10-01-azerbaijan.html"]
    assert "high certainty" in dd.xpath("string(.//*[contains(@class, 'cert-mark')]/@title)")


def test_certainty_is_visible(site):
    marked = 0
    for letter_id in letter_ids():
        doc = parse_html(site / "letters" / f"{letter_id}.html")
        marks = doc.xpath("//*[contains(@class, 'cert-mark')]")
        for mark in marks:
            inside_link = any(a.tag == "a" for a in mark.iterancestors())
            if inside_link:  # interactive content may not nest: the link itself takes the focus
                assert mark.get("tabindex") is None
            elif mark.tag == "a":  # a mark of the text: a link to its own note, which links back
                n = mark.get("href").removeprefix("#inf")
                assert mark.get("id") == f"infref{n}", mark.get("id")
                (note,) = doc.xpath(f"//li[@id='inf{n}']")
                assert note.xpath(f".//a[@href='#infref{n}']"), f"{letter_id}: inference note {n} has no back-link"
                assert mark.get("title").split(": ", 1)[1] in note.text_content(), "the note states the certainty"
            else:
                assert mark.get("tabindex") == "0", "certainty markers must be keyboard-focusable"
            assert "editorial" in mark.get("title", "") and mark.get("data-tip") == mark.get("title")
        marked += len(marks)
    assert marked, "no editorial inference is marked in any letter"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_witness_readings_are_visible(site, letter_id):
    """A corrected word shows the witness's reading as text on the page, not only in a tooltip."""
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    readings = [" ".join(c.xpath("string(tei:sic | tei:orig)", namespaces=ns).split())
                for c in tei.xpath("//tei:text//tei:choice", namespaces=ns)]
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    shown = [" ".join(el.text_content().split()) for el in doc.xpath("//*[@class='witness-reading']")]
    assert shown == [f"[witness: {r}]" for r in readings]
    for corr, reading in zip(doc.xpath("//*[@class='corr' or @class='reg']"), readings):
        assert corr.get("title").endswith(f"the witness reads: {reading}")


def _field(doc, label):
    (dd,) = doc.xpath(f"//section[contains(@class, 'metadata')]//dt[normalize-space()='{label}']/following-sibling::dd[1]")
    return dd


@pytest.mark.parametrize("letter_id", letter_ids())
def test_certainty_is_given_to_the_field_that_carries_it(site, letter_id):
    """From, To and the date each show an editorial inference only when their own element has
    @cert/@evidence (the 13 October 2020 letter: inferred date, certain sender)."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    (desc,) = tei.xpath("//tei:profileDesc/tei:correspDesc[not(@corresp)]", namespaces=ns)
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    for label, names in (("From", "tei:correspAction[@type='sent']/*[not(self::tei:date)]"),
                         ("To", "tei:correspAction[@type='received']/*[not(self::tei:date)]"),
                         ("Date of the letter", "tei:correspAction[@type='sent']/tei:date[1]")):
        inferred = [el for el in desc.xpath(names, namespaces=ns) if el.get("cert") or el.get("evidence")]
        notes = _field(doc, label).xpath(".//*[@class='cert-note']")
        assert bool(notes) == bool(inferred), f"{letter_id}: {label}"
        if inferred and label != "Date of the letter":
            for el in inferred:
                assert " ".join(el.xpath("string()").split()) in notes[0].text_content()
    index = parse_html(site / "index.html")
    (row,) = index.xpath(f"//table//tr[td/a[@href='letters/{letter_id}.html']]")
    date = desc.xpath("tei:correspAction[@type='sent']/tei:date[1]", namespaces=ns)[0]
    marked = row.xpath("td[1]//*[@class='cert-note']")
    assert bool(marked) == bool(date.get("cert") or date.get("evidence")), f"{letter_id}: index date"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_supplied_header_data_show_as_inferred(site, letter_id):
    """Session, agenda items, Security Council year and language the editors supplied (with @cert)
    show their certainty in the metadata block; printed ones show none."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    (bibl,) = tei.xpath("//tei:sourceDesc/tei:bibl[@type='UNDocument']", namespaces=ns)
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    for label, path in (("General Assembly session", "tei:biblScope[@unit='session']"),
                        ("Security Council year", "tei:biblScope[@unit='scYear']"),
                        ("Language", "tei:textLang"),
                        ("Agenda items", "tei:biblScope[@unit='agendaItem']")):
        elements = bibl.xpath(path, namespaces=ns)
        if not elements:
            continue
        text = _field(doc, label).text_content()
        for element in elements:
            if element.get("cert"):
                assert f"{element.get('cert')} certainty" in text, f"{letter_id}: {label}"
        if not any(e.get("cert") for e in elements):
            assert "certainty" not in text, f"{letter_id}: {label}"


@pytest.mark.parametrize("letter_id", letter_ids())
def test_distribution_category_is_shown_and_never_an_unknown_symbol(site, letter_id):
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    tei = etree.parse(str(paths.LETTERS / f"{letter_id}.xml"))
    category = tei.xpath("string(//tei:sourceDesc/tei:bibl[@type='UNDocument']/tei:availability/tei:p)", namespaces=ns)
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    if category:
        assert " ".join(_field(doc, "Distribution category").text_content().split()) == category
    # an unknown symbol is said in words (with its note), never carried as an identifier
    assert not tei.xpath("//tei:idno[@type='UNSymbol'][not(starts-with(., 'A/') or starts-with(., 'S/'))]", namespaces=ns)
    if not tei.xpath("//tei:idno[@type='UNSymbol']", namespaces=ns):
        assert _field(doc, "UN document symbol").text_content().startswith("not known")


def test_13_october_2020_shows_its_lost_masthead_and_page_break(site):
    """The witness lacks the masthead (a gap where it stood), and its page-bottom links mark the
    end of a page before the paragraph beginning "In that regard" (a pb; its number is not
    established, since the witness shows no other page break)."""
    doc = parse_html(site / "letters" / "letter-2020-10-13-azerbaijan.html")
    assert doc.xpath("//p[@class='gap'][normalize-space()='[gap: lost in the witness, the masthead]']")
    (page,) = doc.xpath("//p[@class='pb']")
    assert page.text_content() == "[page break]" and page.get("id") is None
    following = page.getnext()  # a numbered paragraph: its "§ n" link, then its words
    assert re.sub(r"^Paragraph § \d+ ", "", following.text_content()).startswith("In that regard")


@pytest.mark.parametrize("letter_id", letter_ids())
def test_page_breaks_of_the_witness_are_shown(site, letter_id):
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    breaks = etree.parse(str(paths.LETTERS / f"{letter_id}.xml")).xpath("//tei:text//tei:pb", namespaces=ns)
    doc = parse_html(site / "letters" / f"{letter_id}.html")
    shown = doc.xpath("//*[@class='pb']")
    assert [p.text_content() for p in shown] == [f"[page {b.get('n')}]" if b.get("n") else "[page break]" for b in breaks]


def test_sender_of_13_october_2020_is_not_an_inference(site):
    doc = parse_html(site / "letters" / "letter-2020-10-13-azerbaijan.html")
    assert not _field(doc, "From").xpath(".//*[@class='cert-note']")
    assert "medium certainty" in _field(doc, "Date of the letter").text_content()


def test_previous_and_next_follow_the_index_order(site):
    index = parse_html(site / "index.html")
    order = [a.get("href")[len("letters/"):-len(".html")] for a in index.xpath("//table//td/a[contains(@href, '.html')]")]
    assert sorted(order) == sorted(letter_ids())
    for before, after in zip(order, order[1:]):
        page = parse_html(site / "letters" / f"{before}.html")
        nxt = page.xpath("//dt[normalize-space()='Next letter']/following-sibling::dd[1]/a/@href")
        assert nxt == [f"{after}.html"], f"{before}: next is {nxt}, expected {after}"
        page = parse_html(site / "letters" / f"{after}.html")
        prev = page.xpath("//dt[normalize-space()='Previous letter']/following-sibling::dd[1]/a/@href")
        assert prev == [f"{before}.html"]


# ---------------------------------------------------------------- index, registers, guidelines

def test_index_has_introduction_principles_table_and_downloads(site):
    doc = parse_html(site / "index.html")
    first = sorted(paths.LETTERS.glob("*.xml"))  # every letter carries the same projectDesc
    project = etree.parse(str(first[0])).xpath("string(//*[local-name()='projectDesc']/*[local-name()='p'][1])")
    assert " ".join(project.split())[:80] in " ".join(doc.text_content().split())
    assert doc.xpath("//a[@href='guidelines.html']")
    assert doc.xpath("//h2[normalize-space()='Editorial principles']")
    rows = doc.xpath("//table[contains(@class, 'letters')]/tbody/tr")
    assert len(rows) == len(letter_ids())
    for href in ("downloads/tei-corpus.zip", "downloads/corpus.txt", "downloads/cmif.xml"):
        assert doc.xpath(f"//a[@href='{href}']"), href


def test_register_pages_list_variants_and_authorities(site):
    tei = etree.parse(str(paths.REGISTERS / "places.xml"))
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    for place in tei.xpath("//tei:place", namespaces=ns):
        place_id = place.get('{http://www.w3.org/XML/1998/namespace}id')
        doc = parse_html(site / "registers" / "places" / f"{place_id}.html")
        entry = doc.xpath(f"//article[@id='{place_id}']")
        assert entry, place.get("{http://www.w3.org/XML/1998/namespace}id")
        text = entry[0].text_content()
        for variant in place.xpath("tei:placeName[@type='variant']", namespaces=ns):
            assert " ".join(variant.xpath("string()").split()) in text
        for idno in place.xpath("tei:idno[starts-with(., 'http')]", namespaces=ns):
            assert entry[0].xpath(f".//a[@href='{idno.text.strip()}']"), idno.text


def test_guidelines_cover_every_element_and_rule(site):
    doc = parse_html(site / "guidelines.html")
    ids = set(_ids(doc))
    xsd = etree.parse(str(paths.XSD))
    elements = set(xsd.xpath("//xs:element/@name", namespaces={"xs": XS}))
    assert elements, "the schema declares no elements?"
    missing = sorted(name for name in elements if f"el-{name}" not in ids)
    assert not missing, f"elements of the XSD missing from guidelines.html: {missing}"
    sch = etree.parse(str(paths.SCHEMATRON))
    rule_ids = set(sch.xpath("//sch:rule/@id | //sch:assert/@id | //sch:report/@id", namespaces={"sch": SCH}))
    assert rule_ids
    missing = sorted(i for i in rule_ids if f"rule-{i}" not in ids)
    assert not missing, f"Schematron rule ids missing from guidelines.html: {missing}"
    # and each assert's message is there
    text = " ".join(doc.text_content().split())
    for check in sch.xpath("//sch:assert[@id] | //sch:report[@id]", namespaces={"sch": SCH}):
        # the message's words up to its first computed part (shown as "…" on the page)
        opening = " ".join((check.text or "").split())
        assert opening in text, f"the message of [{check.get('id')}] is not on the page"


def test_no_links_nest_and_no_output_escaping_tricks(pages):
    for page, doc in pages.items():
        assert not doc.xpath("//a//a"), f"{page.name}: a link inside a link"
    for sheet in paths.XSLT.rglob("*.xsl"):
        text = sheet.read_text(encoding="utf-8")
        assert "disable-output-escaping" not in text, sheet.name
        assert not re.search(r'(?:href|src)="(?:https?:)?//', text), f"{sheet.name}: a link to elsewhere in a stylesheet"
