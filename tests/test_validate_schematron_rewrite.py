"""The Schematron as `edition validate` runs it is a rewritten, faster form of the XSLT that
lxml's ISO skeleton makes of schema/edition.sch (see edition.schematron). These tests hold it
to the skeleton's own validator: on every test document, and on variations made to reach the
rewrite's less common paths, both report the same asserts with the same messages at the same
places in the same order, or fail alike when the rules cannot be applied. They also check that
the rewrite is in place, so that it cannot silently fall back to the slow form.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, isoschematron

from conftest import INVALID, VALID, overlay
from edition import load, schematron
from edition.paths import SCHEMATRON

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
LETTER = Path("letters") / "letter-2020-10-01-azerbaijan.xml"
CASES = ["valid"] + sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def findings(validator, tree) -> list[tuple[str, str, str]] | str:
    """Every failed assert and successful report (id, location, message), or the error."""
    try:
        report = validator(tree)
    except etree.XSLTApplyError as exc:
        return f"error: {exc}"
    return [
        (item.get("id"), item.get("location"), " ".join(item.findtext(f"{SVRL}text", "").split()))
        for item in report.getroot().iter(f"{SVRL}failed-assert", f"{SVRL}successful-report")
    ]


def case_corpus(tmp_path: Path, case: str) -> Path:
    corpus = tmp_path / "tei"
    shutil.copytree(VALID, corpus)
    if case != "valid":
        overlay(corpus, case)
    return corpus


def parsed_files(corpus: Path):
    for file in sorted(corpus.rglob("*.xml")):
        try:
            yield file, load.parse(file)
        except load.LoadError:
            continue  # refused before any Schematron runs


@pytest.mark.parametrize("case", CASES)
def test_rewritten_validator_reports_exactly_what_the_skeleton_reports(tmp_path, case):
    fast, reference = schematron.compiled(SCHEMATRON), schematron.compiled(SCHEMATRON, optimise=False)
    checked = 0
    for file, tree in parsed_files(case_corpus(tmp_path, case)):
        assert findings(fast, tree) == findings(reference, tree), file.name
        checked += 1
    assert checked


def _plain_location(location: str) -> tuple[str, ...]:
    """A location as the unmodified skeleton writes it: an element's path, or an attribute's
    name alone (its element is not written)."""
    found = re.search(r"/@\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\]$", location)
    if found:
        return ("@", *found.groups())
    if re.fullmatch(r"/@[^/\[]+", location):
        return ("@", location[2:], "")
    return ("element", location)


@pytest.mark.parametrize("case", CASES)
def test_the_plain_lxml_schematron_agrees(tmp_path, case):
    """The same findings as lxml's isoschematron.Schematron run as it comes (its attribute
    locations only name the attribute; its document() reads the files itself)."""
    plain = isoschematron.Schematron(etree.parse(str(SCHEMATRON)), store_report=True)
    fast = schematron.compiled(SCHEMATRON)
    compared = 0
    for file, tree in parsed_files(case_corpus(tmp_path, case)):
        try:
            plain.validate(tree)
        except etree.XSLTApplyError:
            continue  # a pointer to a missing file: lxml's own document() gives up there
        expected = [(rule, _plain_location(location), text) for rule, location, text in findings(lambda t: plain.validation_report, tree)]
        got = [(rule, _plain_location(location), text) for rule, location, text in findings(fast, tree)]
        assert got == expected, file.name
        compared += 1
    assert compared


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


PERSONS_PATTERN = 'replacementPattern="../registers/persons.xml#pers-$1"'
# Variations of the valid corpus that reach the rewrite's less common paths: document() targets
# that the in-process register cache hands back to libxslt (the network, a file name it cannot
# make a URI of, the letter itself), targets outside the corpus or broken, placeholders.
VARIATIONS = {
    "network register": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="http://127.0.0.1:9/persons.xml#pers-$1"'),
    "network register with a space": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="http://127.0.0.1:9/per sons.xml#pers-$1"'),
    "register name with a space": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="../registers/per sons.xml#pers-$1"'),
    "register outside the corpus": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="/etc/passwd#pers-$1"'),
    "register by file URI": lambda c: _edit(c / LETTER, PERSONS_PATTERN, f'replacementPattern="{(c / "registers" / "persons.xml").as_uri()}#pers-$1"'),
    "register beyond the root": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="../../../../../../../../../registers/persons.xml#pers-$1"'),
    "register with dot segments": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="./../registers/../registers/persons.xml#pers-$1"'),
    "pointer to the letter itself": lambda c: _edit(c / LETTER, 'target="doc:a-74-676"', 'target="letter:2020-10-01-azerbaijan"'),
    "pointer to a missing letter": lambda c: _edit(c / LETTER, 'target="doc:a-74-676"', 'target="letter:2099-01-01-nowhere"'),
    "prefix to the letter's own file": lambda c: _edit(c / LETTER, PERSONS_PATTERN, 'replacementPattern="letter-2020-10-01-azerbaijan.xml#pers-$1"'),
    "broken register": lambda c: (c / "registers" / "persons.xml").write_bytes((c / "registers" / "persons.xml").read_bytes()[:-40]),
    "register with a DOCTYPE": lambda c: _edit(c / "registers" / "persons.xml", '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI>\n'),
    "wrong kind and bad pointers": lambda c: (
        _edit(c / LETTER, 'ref="org:unsc"', 'ref="pers:aliyev-yashar"'),
        _edit(c / LETTER, 'ref="pers:guterres-antonio"', 'ref="pers: Guterres"'),
    ),
    "placeholders": lambda c: (
        _edit(c / LETTER, 'ref="org:unsc"', 'ref="org:{ORGANISATION}"'),
        _edit(c / LETTER, "<q>restraint</q>", "<q>{QUOTE} and [TODO: check]</q>"),
        _edit(c / LETTER, 'when="1993"', 'when="{YEAR}"'),
    ),
    "footnotes and dates": lambda c: (
        _edit(c / LETTER, 'n="2"', 'n="1"'),
        _edit(c / LETTER, 'to="1994"', 'to="1990"'),
        _edit(c / LETTER, 'when="2020-09-27"', 'when="2029-02-30"'),
    ),
}


@pytest.mark.parametrize("variation", sorted(VARIATIONS))
def test_rewritten_validator_agrees_on_variations(tmp_path, variation):
    corpus = case_corpus(tmp_path, "valid")
    VARIATIONS[variation](corpus)
    fast, reference = schematron.compiled(SCHEMATRON), schematron.compiled(SCHEMATRON, optimise=False)
    letter = load.parse(corpus / LETTER)
    expected = findings(reference, letter)
    assert findings(fast, letter) == expected
    assert "root:" not in str(expected)


def test_an_edited_register_is_read_again(corpus):
    """The registers are parsed once per process, but an edited register counts as new."""
    letter = load.parse(corpus / LETTER)
    assert schematron.failures(letter, SCHEMATRON) == []
    _edit(corpus / "registers" / "persons.xml", 'xml:id="pers-aliyev-yashar"', 'xml:id="pers-aliyev-yasar"')
    rules = [f.rule for f in schematron.failures(load.parse(corpus / LETTER), SCHEMATRON)]
    assert rules and set(rules) == {"ptr-resolves"}


def test_the_rewrite_is_in_place():
    """Every pattern of edition.sch selects its rules' nodes, the listPrefixDef is looked up once
    per letter, and document() goes through the process-wide register cache: without them the
    Schematron takes about twice as long."""
    stylesheet = schematron.validator_stylesheet(SCHEMATRON)
    root_template = next(t for t in stylesheet.iterfind(f"{XSL}template[@match='/']") if t.get("mode") is None)
    entries = [a for a in root_template.iter(f"{XSL}apply-templates") if a.get("mode")]
    patterns = etree.parse(str(SCHEMATRON)).getroot().findall("{http://purl.oclc.org/dsdl/schematron}pattern")
    assert len(entries) == len(patterns)
    assert all(entry.get("select") != "/" for entry in entries)
    loads = [v for v in stylesheet.iter(f"{XSL}variable") if "document(" in v.get("select", "") and not v.get("select").startswith("edx:")]
    assert loads and all("$edition-document-" in v.get("select") for v in loads)
    assert stylesheet.find(f"{XSL}variable[@select='/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef']") is not None


SYNTHETIC_SCHEMA = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
 <sch:ns prefix="t" uri="urn:test"/>
 <sch:let name="limit" value="2"/>
 <sch:pattern id="first-match">
  <!-- the first a matches both rules: only the first one fires, whatever its @bad says -->
  <sch:rule context="t:a[1]">
   <sch:assert id="first-a-ok" test="@ok">first a needs @ok</sch:assert>
  </sch:rule>
  <sch:rule context="t:a">
   <sch:report id="a-bad" test="@bad">a is bad: <sch:value-of select="@bad"/></sch:report>
  </sch:rule>
  <sch:rule context="t:b//t:c | @x">
   <sch:assert id="c-or-x" test="string-length(.) &lt; $limit">too long: <sch:value-of select="name()"/></sch:assert>
  </sch:rule>
 </sch:pattern>
 <sch:pattern id="counting">
  <!-- a report whose test is a number: true when it is not zero, never a position -->
  <sch:rule context="t:b">
   <sch:report id="b-has-c" test="count(t:c)">b has <sch:value-of select="count(t:c)"/> c</sch:report>
  </sch:rule>
 </sch:pattern>
 <sch:pattern id="positional">
  <!-- position() depends on how the rule was reached: this pattern must be left as it is -->
  <sch:rule context="t:d">
   <sch:assert id="d-position" test="position() = 1">d at <sch:value-of select="position()"/></sch:assert>
  </sch:rule>
 </sch:pattern>
 <sch:pattern id="lets">
  <sch:rule context="/t:root/t:list/t:item">
   <sch:let name="key" value="string(@key)"/>
   <sch:let name="entry" value="/t:root/t:defs/t:def[@name = $key]"/>
   <sch:let name="second" value="/t:root/t:defs/t:def[@name = $key][2]"/>
   <sch:assert id="item-defined" test="$entry">item <sch:value-of select="$key"/> is not defined</sch:assert>
   <sch:report id="item-twice" test="$second">item <sch:value-of select="$key"/> is defined twice</sch:report>
  </sch:rule>
 </sch:pattern>
 <sch:pattern id="documents">
  <sch:rule context="t:link">
   <sch:let name="file" value="string(@href)"/>
   <sch:let name="target" value="document($file, /)"/>
   <sch:assert id="link-resolves" test="$target/t:root">link "<sch:value-of select="$file"/>" leads to <sch:value-of select="count($target)"/> documents</sch:assert>
   <!-- in a predicate on another document's nodes, / is that document's root -->
   <sch:assert id="link-document" test="$target[count(/t:root) = 1]">link "<sch:value-of select="$file"/>" leads out of the documents</sch:assert>
  </sch:rule>
 </sch:pattern>
</sch:schema>
"""
SYNTHETIC_DOCUMENT = """<root xmlns="urn:test">
 <a ok="1" bad="yes"/><a bad="no"/><a/><e><a/></e>
 <b><c>abc</c><c>y</c><e><c>x</c></e></b><b/><c>not in a b</c>
 <f x="long"/><f x="y"/>
 <d/><d/>
 <list><item key="k1"/><item key="k2"/><item key="k3"/><item key="k4"/></list>
 <defs><def name="k1"/><def name="k2"/><def name="k4"/><def name="k4"/></defs><defs><def name="k2"/></defs>
 <link href="other.xml"/><link href="missing.xml"/><link href=""/><link href="sub/../other.xml"/>
 <link href="http://127.0.0.1:9/x.xml"/><link href="/nonexistent/x.xml"/><link href="other.xml#a"/>
</root>
"""


def test_rewrite_keeps_the_skeleton_semantics_on_a_synthetic_schema(tmp_path):
    """First matching rule per pattern, positional patterns, reports, lets, document()."""
    schema = tmp_path / "synthetic.sch"
    schema.write_text(SYNTHETIC_SCHEMA, encoding="utf-8")
    (tmp_path / "doc.xml").write_text(SYNTHETIC_DOCUMENT, encoding="utf-8")
    (tmp_path / "other.xml").write_text('<root xmlns="urn:test"><a xml:id="a"/></root>', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    # document() reads only inside a corpus (a folder with letters/ and registers/): make one.
    (tmp_path / "letters").mkdir()
    (tmp_path / "registers").mkdir()
    tree = etree.parse(str(tmp_path / "doc.xml"))
    fast = findings(schematron.compiled(schema), tree)
    assert fast == findings(schematron.compiled(schema, optimise=False), tree)
    assert sorted(rule for rule, _, _ in fast) == sorted([
        "first-a-ok", "a-bad", "c-or-x", "c-or-x", "b-has-c", "d-position", "d-position",
        "item-defined", "item-twice", "link-resolves", "link-resolves", "link-resolves", "link-resolves",
        "link-document", "link-document", "link-document",
    ])
    stylesheet = schematron.validator_stylesheet(schema)
    root_template = next(t for t in stylesheet.iterfind(f"{XSL}template[@match='/']") if t.get("mode") is None)
    selects = [a.get("select") for a in root_template.iter(f"{XSL}apply-templates") if a.get("mode")]
    assert selects.count("/") == 1, selects  # only the positional pattern still walks
