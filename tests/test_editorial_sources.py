"""Sources, headwords and the statement of the selection (issue 14, items 5-10 and 13).

What these tests guard, each a finding of the editorial review:
- the edition cites no unpublished working notes ("research dossier", "§0 [JAM]") anywhere a
  reader or harvester looks: TEI, documentation, and every file the build publishes;
- every source a note cites is public: a `ref` whose target is one http(s) URL, shown as its
  text (so the plain-text edition keeps it), and listed in the one published list of editorial
  sources (tei/registers/sources.xml, rendered as sources.html), each entry with a stable anchor;
- the checkable parts of the headword policy (guidelines §7.2): a headword no letter uses is
  a " / " pair of the entry's own names in alphabetical order or is grounded in a cited
  source; every alternative name is explained in the note; a town and its district are one
  entry; a transmitted report is named in its document's headword by its full title;
- the selection is stated: the letters the edition's letters answer but does not contain are
  named and linked, on the index page and in the README.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from edition.load import parse
from test_site_support import REPO, built_site, letter_files

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
REGISTERS = sorted((REPO / "tei" / "registers").glob("*.xml"))
GUIDELINES = REPO / "docs" / "encoding-guidelines.md"
# How the unpublished notebook was cited: by name, or by its section and source keys.
DOSSIER = re.compile(r"dossier|§\s*\d+(\.\d+)*\s*\[[A-Z0-9-]+\]|\[(JAM|DL-\d+|GN-[A-Z0-9]+|TREND-\d+|YENI)\]",
                     re.IGNORECASE)


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _editorial_notes():
    """Every note in the editors' voice: letters' notesStmt, register entries and headers."""
    for path in letter_files():
        for note in parse(path).getroot().iterfind(".//tei:teiHeader//tei:note", NS):
            yield path, note
    for path in REGISTERS:
        root = parse(path).getroot()
        for el in root.iterfind(".//tei:standOff//tei:note", NS):
            yield path, el
        for el in root.iterfind(".//tei:sourceDesc/tei:p", NS):
            yield path, el


# ---------------------------------------------------------------- no unpublished sources

@pytest.mark.parametrize("path", sorted((REPO / "tei").rglob("*.xml")) + [
    GUIDELINES, REPO / "README.md", REPO / "CONTRIBUTING.md", REPO / "schema" / "edition.xsd",
    REPO / "schema" / "edition.sch", *sorted((REPO / "xslt").rglob("*.xsl"))], ids=lambda p: p.name)
def test_sources_cite_no_unpublished_dossier(path):
    text = path.read_text(encoding="utf-8")
    hits = [m.group(0) for m in DOSSIER.finditer(text)]
    assert not hits, f"{path.relative_to(REPO)} cites the unpublished research notes: {hits[:3]}"


def test_published_output_cites_no_unpublished_dossier():
    site = built_site()
    offenders = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if DOSSIER.search(z.read(name).decode("utf-8", "replace")):
                        offenders.append(f"{path.name}:{name}")
        elif path.suffix in {".html", ".txt", ".xml"}:
            if DOSSIER.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(site)))
    assert not offenders, f"published files cite the unpublished research notes: {offenders}"


# ---------------------------------------------------------------- public sources, listed

def _cited_urls() -> list[tuple[Path, str]]:
    cited = []
    for path, note in _editorial_notes():
        for ref in note.iterfind(".//tei:ref", NS):
            cited.append((path, ref.get("target", "")))
    return cited


def test_every_source_cited_in_a_note_is_one_public_url_shown_as_text():
    problems = []
    for path, note in _editorial_notes():
        for ref in note.iterfind(".//tei:ref", NS):
            target = ref.get("target", "")
            if not re.fullmatch(r"https?://\S+", target):
                problems.append(f"{path.name}: ref target {target!r} is not one http(s) URL")
            elif _text(ref) != target:
                problems.append(f"{path.name}: ref to {target} shows {_text(ref)!r}, not its address")
    assert not problems, "\n".join(problems)
    assert _cited_urls(), "no note cites a public source: the check above would pass vacuously"


SOURCES = REPO / "tei" / "registers" / "sources.xml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _sources():
    """The entries of the published list of editorial sources (tei/registers/sources.xml)."""
    return parse(SOURCES).getroot().findall(".//tei:standOff/tei:listBibl/tei:bibl", NS)


def _listed_urls() -> set[str]:
    return {token for bibl in _sources() for ref in bibl.iterfind(".//tei:ref", NS)
            for token in ref.get("target", "").split()}


def test_every_cited_source_is_in_the_published_list_of_editorial_sources():
    listed = _listed_urls()
    missing = sorted({f"{path.name}: {url}" for path, url in _cited_urls() if url not in listed})
    assert not missing, "cited in a note but not listed in tei/registers/sources.xml:\n" + "\n".join(missing)


def test_each_editorial_source_has_an_anchor_a_title_an_address_and_what_the_edition_takes():
    entries = _sources()
    assert len(entries) >= 20, "the list of editorial sources is missing or lost its entries"
    problems = []
    for bibl in entries:
        xid = bibl.get(XML_ID) or ""
        if not re.fullmatch(r"src-[a-z0-9]+(-[a-z0-9]+)*", xid):
            problems.append(f"{xid!r}: not a stable src-… anchor")
        if len(bibl.findall("tei:title[@type='main']", NS)) != 1:
            problems.append(f"{xid}: needs one title type=main")
        if not any(re.fullmatch(r"https?://\S+", r.get("target", "")) for r in bibl.iterfind(".//tei:ref", NS)):
            problems.append(f"{xid}: no web address")
        note = bibl.find("tei:note", NS)
        if note is None or not _text(note):
            problems.append(f"{xid}: no note saying what the edition takes from it")
    assert not problems, "\n".join(problems)


def test_the_list_of_sources_is_a_published_page_with_its_anchors_and_links():
    from urllib.parse import unquote

    from lxml import html

    site = built_site()
    page = html.parse(str(site / "sources.html")).getroot()
    for bibl in _sources():
        (item,) = page.xpath("//li[@id = $id]", id=bibl.get(XML_ID)) or [None]
        assert item is not None, f"sources.html has no anchor {bibl.get(XML_ID)}"
        # the HTML serializer writes non-ASCII characters of an address %-encoded
        hrefs = {unquote(a.get("href")) for a in item.iter("a")}
        for ref in bibl.iterfind(".//tei:ref", NS):
            assert ref.get("target") in hrefs, f"sources.html does not link {ref.get('target')} in {bibl.get(XML_ID)}"
    for linking in ("index.html", "guidelines.html"):
        assert 'href="sources.html"' in (site / linking).read_text(encoding="utf-8"), f"{linking} does not link sources.html"
    assert (site / "registers" / "sources.xml").read_bytes() == SOURCES.read_bytes()
    with zipfile.ZipFile(site / "downloads" / "tei-corpus.zip") as archive:
        assert archive.read("tei/registers/sources.xml") == SOURCES.read_bytes()


def test_the_guidelines_keep_no_second_copy_of_the_list():
    """One source of truth: the guidelines describe the list and point to it, they do not repeat it."""
    text = GUIDELINES.read_text(encoding="utf-8")
    copied = sorted(url for url in _listed_urls() if url in text)
    assert not copied, f"docs/encoding-guidelines.md repeats entries of sources.xml: {copied[:3]}"
    assert "tei/registers/sources.xml" in text and "sources.html" in text


# ---------------------------------------------------------------- headword policy

def _entries(kind: str):
    root = parse(REPO / "tei" / "registers" / f"{kind}.xml").getroot()
    tag = {"places": "place", "organisations": "org"}[kind]
    name = {"places": "placeName", "organisations": "orgName"}[kind]
    for entry in root.iterfind(f".//tei:{tag}", NS):
        names = {t: [_text(n) for n in entry.iterfind(f"tei:{name}[@type='{t}']", NS)]
                 for t in ("main", "variant", "alt")}
        note = entry.find("tei:note", NS)
        yield entry.get("{http://www.w3.org/XML/1998/namespace}id"), names, note


def _same_name(form: str) -> str:
    """A letter's form without what the policy does not count as a different name (§7.2): an
    appended abbreviation, '&' for 'and', the long form of a State's name."""
    form = re.sub(r" \([A-Z]{2,}\)$", "", form).replace(" & ", " and ")
    return re.sub(r"\b(the )?Republic of ", "", form)


@pytest.mark.parametrize("kind", ["places", "organisations"])
def test_a_headword_no_letter_uses_is_a_pair_of_the_entrys_names_or_cites_its_source(kind):
    problems = []
    for xid, names, note in _entries(kind):
        headword = names["main"][0]
        if _same_name(headword) in {_same_name(v) for v in names["variant"]}:
            continue
        parts = headword.split(" / ")
        own = set(names["variant"]) | set(names["alt"])
        if len(parts) > 1:
            if not all(p in own for p in parts):
                problems.append(f"{xid}: {headword!r} pairs names the entry does not carry: "
                                f"{[p for p in parts if p not in own]}")
            if parts != sorted(parts, key=str.casefold):
                problems.append(f"{xid}: {headword!r} is not in alphabetical order")
            if note is None or "both forms in alphabetical order" not in _text(note):
                problems.append(f"{xid}: the note does not say why {headword!r} gives both forms "
                                f"(no UN usage, or the UN's own pair: guidelines §7.2)")
        elif note is None or note.find(".//tei:ref", NS) is None:
            problems.append(f"{xid}: headword {headword!r} is used by no letter and its note cites "
                            f"no source for it (guidelines §7.2)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["places", "organisations"])
def test_every_alternative_name_is_explained_in_the_note(kind):
    problems = [f"{xid}: alt name {alt!r} is not attributed in the note"
                for xid, names, note in _entries(kind) for alt in names["alt"]
                if note is None or alt not in _text(note)]
    assert not problems, "\n".join(problems)


def test_labels_for_the_de_facto_authorities_are_attributed_to_their_users():
    entries = {xid: (names, note) for xid, names, note in _entries("organisations")}
    names, note = entries["org-nk-de-facto-authorities"]
    text = _text(note)
    assert names["alt"], "the authorities' own designation is missing"
    for label in names["variant"]:
        assert label in text, f"the label {label!r} is not attributed in the note"
    assert "letters of Azerbaijan" in text and "own designations" in text


def test_a_town_and_the_district_named_after_it_are_one_entry():
    headwords = {names["main"][0]: xid for xid, names, _ in _entries("places")}
    split = [f"{headwords[h]} and {headwords[h + ' district']}" for h in headwords if h + " district" in headwords]
    assert not split, f"town and district split into two entries: {split} (guidelines §7.1)"
    for xid, names, _ in _entries("places"):
        for form in names["variant"]:
            base = form.removesuffix(" district")
            assert base == form or headwords.get(base, xid) == xid, (
                f"{form!r} is in {xid} but {base!r} has its own entry {headwords[base]}")


def test_a_transmitted_report_is_named_by_its_full_title_in_the_headword():
    root = parse(REPO / "tei" / "registers" / "documents.xml").getroot()
    problems = []
    for bibl in root.iterfind(".//tei:bibl", NS):
        headword = _text(bibl.find("tei:title[@type='main']", NS)).casefold()
        for variant in bibl.iterfind("tei:title[@type='variant']", NS):
            title = _text(variant)
            if re.match(r"(interim )?report\b", title, re.IGNORECASE) and title.casefold() not in headword:
                problems.append(f"{bibl.get('{http://www.w3.org/XML/1998/namespace}id')}: "
                                f"headword does not give the report's title {title!r} in full")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- the selection

def _answered_but_absent() -> list[tuple[str, str]]:
    """UN symbol and register link of each letter the edition's letters answer (replyTo a document)."""
    documents = parse(REPO / "tei" / "registers" / "documents.xml").getroot()
    symbols = []
    for path in letter_files():
        for ref in parse(path).getroot().iterfind(".//tei:correspContext/tei:ref[@type='replyTo']", NS):
            target = ref.get("target", "")
            if target.startswith("doc:"):
                bibl = documents.xpath(".//tei:bibl[@xml:id = $id]", namespaces=NS, id=f"doc-{target[4:]}")[0]
                symbols.append((bibl.find("tei:idno[@type='UNSymbol']", NS).text.strip(),
                                bibl.find("tei:ptr", NS).get("target")))
    return symbols


def _selection_paragraph(site: Path) -> str:
    from lxml import html

    (paragraph,) = html.parse(str(site / "index.html")).getroot().xpath("//p[@id = 'selection']")
    return " ".join(paragraph.text_content().split())


def _letters_per_sender(letters: list[Path], organisations: Path) -> dict[str, int]:
    """Letters per sending office (headword), read here from the letters' headers."""
    heads = {org.get(XML_ID): _text(org.find("tei:orgName[@type='main']", NS))
             for org in parse(organisations).getroot().iterfind(".//tei:org", NS)}
    counts: dict[str, int] = {}
    for path in letters:
        ref = parse(path).getroot().xpath(
            "tei:teiHeader/tei:profileDesc/tei:correspDesc[not(@corresp)][1]/tei:correspAction[@type='sent']"
            "/tei:orgName/@ref", namespaces=NS)[0]
        name = heads["org-" + ref.split(":", 1)[1]]
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_answered_letters_outside_the_edition_are_named_and_linked():
    from lxml import html

    symbols = _answered_but_absent()
    assert symbols, "no letter answers a document outside the edition: nothing to state"
    (paragraph,) = html.parse(str(built_site() / "index.html")).getroot().xpath("//p[@id = 'selection']")
    links = {a.get("href"): " ".join(a.text_content().split()) for a in paragraph.iter("a")}
    for symbol, link in symbols:
        assert link.startswith("https://undocs.org/"), f"{symbol}: the register links {link}, not undocs.org"
        assert link in links, f"the index's statement of the selection does not link the answered document {symbol}"
        assert links[link].startswith(symbol), f"{link} is shown as {links[link]!r}"
    assert "not in the edition" in _selection_paragraph(built_site())


def test_the_index_counts_the_letters_of_each_sender_from_the_letters():
    text = _selection_paragraph(built_site())
    counts = _letters_per_sender(letter_files(), REPO / "tei" / "registers" / "organisations.xml")
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
    assert f"the edition holds {words[sum(counts.values())]} letters" in text, text
    for name, count in counts.items():
        assert f"{words[count]} from the {name}" in text, f"{name}: {count} letters, not stated in: {text}"


def test_a_sixth_letter_from_a_third_sender_changes_the_statement_of_the_selection(tmp_path):
    """The statement is computed: add a letter from another sender and the paragraph follows."""
    from edition.build import build
    from test_site_support import copy_corpus

    tei = copy_corpus(tmp_path)
    organisations = tei / "registers" / "organisations.xml"
    text = organisations.read_text(encoding="utf-8")
    anchor = '   <org xml:id="org-pm-armenia">'
    assert anchor in text
    organisations.write_text(text.replace(anchor, '   <org xml:id="org-pm-testland">\n'
                                          '    <orgName type="main">Permanent Mission of Testland to the United Nations</orgName>\n'
                                          '    <note type="identification">A sender invented for this test.</note>\n'
                                          '   </org>\n' + anchor, 1), encoding="utf-8")
    model = tei / "letters" / "letter-2021-02-08-azerbaijan.xml"
    sixth = model.read_text(encoding="utf-8")
    for old, new in (("letter-2021-02-08-azerbaijan", "letter-2024-03-01-testland"),
                     ('<orgName ref="org:pm-azerbaijan">', '<orgName ref="org:pm-testland">'),
                     ('when="2021-02-08"', 'when="2024-03-01"')):
        assert old in sixth, old
        sixth = sixth.replace(old, new)
    # the sixth letter answers nothing outside the edition
    sixth = re.sub(r"<correspContext>.*?</correspContext>", "", sixth, flags=re.DOTALL)
    (tei / "letters" / "letter-2024-03-01-testland.xml").write_text(sixth, encoding="utf-8")

    assert build(tei, tmp_path / "out", quiet=True, validate_first=False) == 0
    text = _selection_paragraph(tmp_path / "out")
    before = _selection_paragraph(built_site())
    assert text != before
    words = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    letters = sorted((tei / "letters").glob("*.xml"))
    assert f"the edition holds {words[len(letters)]} letters" in text, text
    counts = _letters_per_sender(letters, organisations)
    assert counts["Permanent Mission of Testland to the United Nations"] == 1
    for name, count in counts.items():
        assert f"{words[count]} from the {name}" in text, text
    assert "2020–2024" in text, "the years of the letters are not computed"
    assert "Two of the letters answer documents" in text


def test_the_readme_dates_its_statement_of_the_selection():
    """The README is not rebuilt: its figures are dated, and it points to the computed statement."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("**The selection.**"):].split("\n\n", 1)[0]
    assert re.search(r"When this was written \(\d{1,2} \w+ \d{4}\)", paragraph), paragraph
    assert "index page" in paragraph and "not in the edition" in paragraph
