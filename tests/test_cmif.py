"""downloads/cmif.xml follows the CMIF v1.1 rules: a TEI file whose profileDesc holds one
correspDesc per letter and per annexed letter (as the letters' headers encode them), each with
@ref and @source, sent and received actions with persName/orgName, placeName and date; names
carry @ref only with an authority URI that the registers give for that entry.
"""
from __future__ import annotations

import re
import uuid

import pytest
from lxml import etree

from edition import paths
from test_site_support import NS, REPO, TEI_NS, built_site, letter_files, parse_tei

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def cmif() -> etree._Element:
    return parse_tei(built_site() / "downloads" / "cmif.xml").getroot()


def test_root_and_header(cmif):
    assert cmif.tag == f"{{{TEI_NS}}}TEI"
    header = cmif.find("tei:teiHeader", NS)
    assert header.xpath("tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]", namespaces=NS)
    assert header.xpath("tei:fileDesc/tei:titleStmt/tei:editor[normalize-space()]", namespaces=NS)
    pub = header.find("tei:fileDesc/tei:publicationStmt", NS)
    assert pub.xpath("tei:publisher[normalize-space()]", namespaces=NS)
    assert pub.xpath("tei:idno[@type='URL'][starts-with(., 'http')]", namespaces=NS)
    (when,) = pub.xpath("tei:date/@when", namespaces=NS)
    # an xsd:dateTime, from the latest change recorded in the letters (not the clock)
    latest = max(c for letter in letter_files()
                 for c in parse_tei(letter).xpath("//tei:revisionDesc/tei:change/@when", namespaces=NS))
    assert when == f"{latest}T00:00:00Z"
    assert pub.xpath("tei:availability/tei:licence[@target]", namespaces=NS)
    assert cmif.xpath("tei:text/tei:body/tei:p", namespaces=NS)


def test_one_correspdesc_per_encoded_correspdesc(cmif):
    expected = []
    for letter in letter_files():
        tree = parse_tei(letter)
        for desc in tree.xpath("//tei:profileDesc/tei:correspDesc", namespaces=NS):
            anchor = desc.get("corresp", "")
            expected.append(f"letters/{letter.stem}.html{anchor if anchor.startswith('#') else ''}")
    refs = [d.get("ref") for d in cmif.iterfind(".//tei:profileDesc/tei:correspDesc", NS)]
    assert len(refs) == len(expected)
    assert sorted(r.split("/", 3)[-1] if r.count("/") >= 3 else r for r in refs) == sorted(expected)
    assert len(set(refs)) == len(refs)


def test_actions_names_dates_and_sources(cmif):
    sources = {"#" + b.get(XML_ID) for b in cmif.iterfind(".//tei:sourceDesc/tei:bibl", NS)}
    for desc in cmif.iterfind(".//tei:profileDesc/tei:correspDesc", NS):
        assert desc.get("source") in sources
        assert desc.get("ref", "").startswith("http")
        types = [a.get("type") for a in desc.iterfind("tei:correspAction", NS)]
        assert types == ["sent", "received"], types
        for action in desc.iterfind("tei:correspAction", NS):
            assert action.xpath("tei:persName | tei:orgName", namespaces=NS), "each action names someone"
            for child in action:
                assert etree.QName(child).localname in ("persName", "orgName", "placeName", "date")
                if etree.QName(child).localname != "date":
                    assert " ".join(child.text.split()), "a name without text"
        sent_dates = desc.xpath("tei:correspAction[@type='sent']/tei:date", namespaces=NS)
        assert sent_dates and any(sent_dates[0].get(a) for a in ("when", "from", "to", "notBefore", "notAfter"))


def _as_correspsearch(uri: str) -> str:
    """GeoNames URIs as correspSearch writes them (http://www.geonames.org/ID); others unchanged."""
    found = re.match(r"^https?://(?:www\.)?geonames\.org/(\d+)", uri)
    return f"http://www.geonames.org/{found.group(1)}" if found else uri


def test_source_is_the_uuid5_of_the_base_url(cmif):
    (bibl,) = cmif.iterfind(".//tei:sourceDesc/tei:bibl", NS)
    base_url = etree.parse(str(REPO / "xslt" / "config.xml")).findtext("{urn:un-letters-edition:config}base-url")
    expected = uuid.uuid5(uuid.NAMESPACE_URL, base_url.strip())
    assert bibl.get(XML_ID) == f"uuid-{expected}"
    assert re.fullmatch(r"uuid-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", bibl.get(XML_ID))
    assert {d.get("source") for d in cmif.iterfind(".//tei:correspDesc", NS)} == {f"#uuid-{expected}"}


def test_geonames_uris_in_correspsearch_form(cmif):
    for ref in cmif.xpath(".//tei:placeName/@ref", namespaces=NS):
        if "geonames" in ref:
            assert re.fullmatch(r"http://www\.geonames\.org/\d+", ref), ref


def test_inferences_are_exported_as_cmif_allows(cmif):
    """Every name or date the TEI marks as inferred is evidence="conjecture" in the CMIF (cert="low"
    when the TEI's certainty is below high); what the letter states carries neither."""
    exported = {d.get("ref").rsplit("/", 1)[-1]: d for d in cmif.iterfind(".//tei:profileDesc/tei:correspDesc", NS)}
    checked = 0
    for letter in letter_files():
        tree = parse_tei(letter)
        for desc in tree.xpath("//tei:profileDesc/tei:correspDesc", namespaces=NS):
            anchor = desc.get("corresp", "")
            out = exported[f"{letter.stem}.html{anchor if anchor.startswith('#') else ''}"]
            for action in desc.iterfind("tei:correspAction", NS):
                (out_action,) = out.xpath(f"tei:correspAction[@type='{action.get('type')}']", namespaces=NS)
                source = action.xpath("tei:persName | tei:orgName | tei:placeName | tei:date[1]", namespaces=NS)
                target = list(out_action)
                assert len(source) == len(target)
                for tei_el, cmif_el in zip(source, target):
                    inferred = tei_el.get("cert") is not None or tei_el.get("evidence") is not None
                    assert cmif_el.get("evidence") == ("conjecture" if inferred else None)
                    doubtful = tei_el.get("cert") in ("low", "medium", "unknown")
                    assert cmif_el.get("cert") == ("low" if doubtful else None)
                    checked += 1
    assert checked


def test_the_inferred_date_of_13_october_2020_is_not_firm(cmif):
    (desc,) = [d for d in cmif.iterfind(".//tei:profileDesc/tei:correspDesc", NS)
               if d.get("ref").endswith("letter-2020-10-13-azerbaijan.html")]
    (date,) = desc.xpath("tei:correspAction[@type='sent']/tei:date", namespaces=NS)
    assert date.get("evidence") == "conjecture" and date.get("cert") == "low"
    (sender,) = desc.xpath("tei:correspAction[@type='sent']/tei:persName", namespaces=NS)
    assert sender.get("evidence") is None and sender.get("cert") is None, "the sender is certain"


def test_authority_uris_come_only_from_the_registers(cmif):
    authority = set()
    for register in paths.REGISTERS.glob("*.xml"):
        authority |= {_as_correspsearch(" ".join(i.text.split())) for i in parse_tei(register).iterfind(".//tei:idno", NS) if i.text}
    refs = cmif.xpath(".//tei:correspAction/*/@ref", namespaces=NS)
    assert all(ref in authority for ref in refs), [r for r in refs if r not in authority]
    # and where the register has one for an entry used in a correspAction, it is given
    registers = {}
    for register in paths.REGISTERS.glob("*.xml"):
        for entry in parse_tei(register).xpath("//*[@xml:id]", namespaces=NS):
            uris = [_as_correspsearch(" ".join(i.text.split())) for i in entry.iterfind("tei:idno", NS)
                    if i.get("type") in ("GND", "VIAF", "Wikidata", "GeoNames", "LC", "BNF") and i.text]
            if uris:
                registers[entry.get(XML_ID)] = uris
    for letter in letter_files():
        for name in parse_tei(letter).xpath("//tei:correspAction/*[@ref]", namespaces=NS):
            entry_id = name.get("ref").replace(":", "-", 1)
            if entry_id in registers:
                assert registers[entry_id][0] in refs, f"{letter.name}: {name.get('ref')} lost its authority URI"
