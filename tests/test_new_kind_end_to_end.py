"""A throwaway entity kind, end to end: what adding a kind of register entry costs.

In a temporary copy of the edition (tei/, schema/, xslt/ and pyproject.toml, by which the tools
find the repository from the current directory, like git), a kind `events` (prefix `ev`) is added
the way an editor would add it:

- one row in the table of kinds, schema/model.xml;
- its register file, tei/registers/events.xml (one entry, whose headword and variant are the
  form the letter writes);
- a mention in one letter: an existing `<name type="event">` gets its pointer, and the letter
  declares the prefix in its listPrefixDef (like every prefix it uses);
- its styling, class `ent-events` in xslt/assets/edition.css;
- and the schema's admission of the new TEI (`patch_schema`): the XSD is closed, element by
  element, so it must be told that `event` entries may stand in a register, that the event's
  `name` may carry a pointer, and that `ev` is a prefix with its address. This is the one file
  beyond the table, the register and the styling that a new kind still touches.

Then `edition validate` finds no error and `edition build` makes the entry's page with its
back-link to the letter, the register in the site's navigation and the mention linked on the
letter's page. No Python module and no stylesheet is changed: they read the kinds from the table.

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

KIND_ROW = ('<kind name="events" prefix="ev" id-prefix="ev-" entry="event" names="name"\n'
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
    <name type="main">{form}</name>
    <name type="variant">{form}</name>
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


def patch_schema(xsd: Path) -> None:
    """The XSD admits the new TEI: the prefix and its address, the pointer on an event's name,
    the register's list of events (entries named like the model says: kind/@names)."""
    _replace_once(xsd, "|documents\\.xml#doc)-[$]1", "|documents\\.xml#doc|events\\.xml#ev)-[$]1")
    text = xsd.read_text(encoding="utf-8")
    # the prefixes a file may declare (prefixDef/@ident)
    prefix_def = re.search(r'<xs:element name="prefixDef".*?</xs:element>', text, re.S)
    assert prefix_def, "the XSD's prefixDef"
    text = text.replace(prefix_def.group(0), prefix_def.group(0).replace(
        '<xs:enumeration value="letter">', '<xs:enumeration value="ev"/><xs:enumeration value="letter">', 1))
    # the event's name in the text (group e.eventName) may carry a pointer
    event_name = re.search(r'<xs:group name="e\.eventName">.*?</xs:group>', text, re.S)
    assert event_name, "the XSD's e.eventName group"
    widened = event_name.group(0).replace('<xs:attributeGroup ref="tei:a.dating"/>',
                                          '<xs:attributeGroup ref="tei:a.dating"/><xs:attribute name="ref" type="xs:string"/>', 1)
    text = text.replace(event_name.group(0), widened)
    xsd.write_text(text, encoding="utf-8")
    # a register of events, beside listPerson, listPlace, listOrg and listBibl
    _replace_once(xsd, '<xs:element name="listBibl">', """<xs:element name="listEvent"><xs:complexType><xs:sequence>
  <xs:element name="event" maxOccurs="unbounded"><xs:complexType><xs:sequence>
    <xs:element name="name" maxOccurs="unbounded"><xs:complexType mixed="true"><xs:attributeGroup ref="tei:a.registerName"/></xs:complexType></xs:element>
  </xs:sequence><xs:attribute ref="xml:id" use="required"/></xs:complexType></xs:element>
</xs:sequence></xs:complexType></xs:element>
<xs:element name="listBibl">""")


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
    patch_schema(copy / "schema" / "edition.xsd")

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
