"""A throwaway entity kind, end to end: what adding a kind of register entry costs.

In a temporary copy of the edition (tei/, schema/, xslt/ and pyproject.toml, by which the tools
find the repository from the current directory, like git), a kind `events` (prefix `ev`) is added
the way an editor would add it, touching three files of the edition and nothing else:

- one row in the table of kinds, schema/model.xml (TEI's event has no name element, so the row
  says that its entries are named by label: entry-name="label");
- its register file, tei/registers/events.xml (one entry, whose headword and variant are the
  form the letter writes);
- its styling, class `ent-events` in xslt/assets/edition.css.

Then the letters use it, as any new entry would be used: an existing `<name type="event">` of
one letter gets its pointer, and the letter declares the prefix in its listPrefixDef (like every
prefix it uses).

The schema is not touched: the XSD checks the form of prefixes, addresses and pointers and
declares TEI's lists of entries (listEvent among them), and `edition validate` checks what they
declare against the model. `edition validate` finds no error and `edition build` makes the
entry's page with its back-link to the letter, the register in the site's navigation and the
mention linked on the letter's page. No Python module and no stylesheet is changed: they read
the kinds from the table.

Nothing here assumes which letter names an event, nor how many letters the edition has.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from test_site_support import NS, REPO, parse_html

KIND_ROW = ('<kind name="events" prefix="ev" id-prefix="ev-" entry="event" names="name" entry-name="label"\n'
            '        rs-type="event" singular="event" title="Events"/>\n  ')
ENTRY_ID = "ev-throwaway"
REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="events" xml:lang="en">
 <teiHeader>
  <fileDesc>
   <titleStmt>
    <title type="main">UN Letters edition: register of events</title>
    <respStmt><resp>Compiled by</resp><name>the editors of the UN Letters edition</name></respStmt>
   </titleStmt>
   <publicationStmt>
    <publisher>UN Letters edition</publisher>
    <idno type="edition">events</idno>
    <availability><licence target="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 International (CC BY 4.0)</licence></availability>
   </publicationStmt>
   <sourceDesc><p>Events named in the letters (a register of the end-to-end test).</p></sourceDesc>
  </fileDesc>
  <encodingDesc>
   <projectDesc><p>A register of the UN Letters edition, made by its end-to-end test of a new kind.</p></projectDesc>
   <listPrefixDef>
    <prefixDef ident="ev" matchPattern="([a-z0-9\\-]+)" replacementPattern="events.xml#ev-$1"><p>Events register.</p></prefixDef>
   </listPrefixDef>
  </encodingDesc>
  <revisionDesc>
   <change when="2026-12-07">Register created by the end-to-end test.</change>
  </revisionDesc>
 </teiHeader>
 <standOff>
  <listEvent>
   <event xml:id="{entry_id}">
    <label type="main">{form}</label>
    <label type="variant">{form}</label>
   </event>
  </listEvent>
 </standOff>
</TEI>
"""
LETTER_PREFIX = ('<prefixDef ident="ev" matchPattern="([a-z0-9\\-]+)" '
                 'replacementPattern="../registers/events.xml#ev-$1"><p>Events register.</p></prefixDef>\n    ')


def _copy(target: Path) -> Path:
    for folder in ("tei", "schema", "xslt"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy2(REPO / "pyproject.toml", target / "pyproject.toml")
    return target


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _mention_an_event(letters: Path) -> tuple[str, str]:
    """Point the first `<name type="event">` of the first letter that has one to the new entry;
    returns (letter id, the form the letter writes)."""
    for letter in sorted(letters.glob("*.xml")):
        text = letter.read_text(encoding="utf-8")
        found = re.search(r'<name type="event"([^>]*)>([^<]+)</name>', text)
        if found:
            tagged = f'<name type="event"{found.group(1)} ref="ev:{ENTRY_ID[len("ev-"):]}">{found.group(2)}</name>'
            text = text[:found.start()] + tagged + text[found.end():]
            text = text.replace('<prefixDef ident="letter"', LETTER_PREFIX + '<prefixDef ident="letter"', 1)
            letter.write_text(text, encoding="utf-8")
            return letter.stem, found.group(2)
    pytest.skip("no letter names an event (<name type='event'>) to point to the new register")


def _edition(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition.cli", *args], cwd=copy, capture_output=True,
                          text=True, timeout=900)


def test_a_new_kind_is_a_row_its_register_a_mention_and_its_styling(tmp_path):
    copy = _copy(tmp_path / "repo")
    _replace_once(copy / "schema" / "model.xml", "<letters ", KIND_ROW + "<letters ")
    letter_id, form = _mention_an_event(copy / "tei" / "letters")
    (copy / "tei" / "registers" / "events.xml").write_text(REGISTER.replace("{entry_id}", ENTRY_ID).replace("{form}", form),
                                                          encoding="utf-8")
    css = copy / "xslt" / "assets" / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.ent-events { color: var(--place); text-decoration-style: wavy; }\n",
                   encoding="utf-8")

    # the new register and the changed letter are TEI as the official schema defines it, as every file
    tei_all = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "data" / "xsd" / "tei_all.rng")))
    for changed in (copy / "tei" / "registers" / "events.xml", copy / "tei" / "letters" / f"{letter_id}.xml"):
        assert tei_all.validate(etree.parse(str(changed))), f"{changed.name}: {tei_all.error_log}"

    validated = _edition(copy, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "0 errors" in validated.stdout + validated.stderr
    out = tmp_path / "out"
    built = _edition(copy, "build", "--quiet", "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr

    # the entry's page, with the back-link to the mention in the letter
    entry_page = parse_html(out / "registers" / "events" / f"{ENTRY_ID}.html")
    assert entry_page.xpath("string(//h1)") == form
    forms = entry_page.xpath("//dt[. = 'Forms in the letters']/following-sibling::dd[1]//li")
    assert [li.text_content() for li in forms] == [form]
    back_links = entry_page.xpath("//ol[@class='mentions']//a/@href")
    assert f"../../letters/{letter_id}.html" in back_links
    assert any(re.fullmatch(rf"\.\./\.\./letters/{letter_id}\.html#m\d+", href) for href in back_links), back_links
    # the register's page lists the entry, and every page's navigation lists the register
    register_page = parse_html(out / "registers" / "events.html")
    assert register_page.xpath("string(//h1)") == "Events"
    assert f"events/{ENTRY_ID}.html" in register_page.xpath("//main//a/@href")
    for page in (out / "index.html", out / "letters" / f"{letter_id}.html"):
        nav = parse_html(page).xpath("//nav[@aria-label='Site']//a")
        assert "Events" in [a.text_content() for a in nav], page
    # the mention on the letter's page: linked to its entry, styled as its kind
    mention = parse_html(out / "letters" / f"{letter_id}.html").xpath(
        f"//main//a[contains(@href, '{ENTRY_ID}')]")
    assert len(mention) == 1 and mention[0].text_content() == form
    assert "ent-events" in mention[0].get("class").split()
    assert mention[0].get("href") == f"../registers/events/{ENTRY_ID}.html"
    # the register's TEI is published and in the corpus download
    assert etree.parse(str(out / "registers" / "events.xml")).find(".//tei:event", NS) is not None
