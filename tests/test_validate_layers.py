"""The validator's layers one by one: loader API, the XSD engines, the Schematron plumbing."""
from __future__ import annotations

import re

import shutil

import pytest
from lxml import etree

from conftest import INVALID, VALID, overlay
from edition import load, schematron, xsd
from edition.paths import SCHEMATRON, XSD

XSD_CASES = ["xsd-element", "xsd-attribute", "xsd-value", "xsd-content", "date-valid", "ptr-kind", "ptr-declared"]


def test_parse_returns_a_tei_tree_with_its_file_as_base():
    path = VALID / "letters" / "letter-2020-10-01-azerbaijan.xml"
    tree = load.parse(path)
    assert tree.getroot().tag == load.TEI_ROOT
    assert tree.docinfo.URL == path.resolve().as_uri()


def test_parse_error_is_an_exception_with_location(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>\n</TEI>\n', encoding="utf-8")
    with pytest.raises(load.LoadError) as caught:
        load.parse(bad)
    assert str(caught.value).startswith(f"{bad}:3:")
    assert caught.value.rule == "xml-wellformed"


def test_doctype_after_a_comment_is_still_refused(tmp_path):
    sneaky = tmp_path / "sneaky.xml"
    sneaky.write_text('<?xml version="1.0"?>\n<!-- <TEI> -->\n<?pi x?>\n<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', encoding="utf-8")
    with pytest.raises(load.LoadError) as caught:
        load.parse(sneaky)
    assert (caught.value.rule, caught.value.line) == ("xml-doctype", 4)


@pytest.fixture(scope="module")
def reference_xsd():
    """xmlschema, the pure-Python validator of tests/test_schema_xsd.py (and of some editors)."""
    import xmlschema

    return xmlschema.XMLSchema10(str(XSD), allow="local")


@pytest.mark.parametrize("case", XSD_CASES)
def test_both_xsd_engines_reject_each_bad_document(reference_xsd, case):
    """edition.xsd runs libxml2; xmlschema must reject the same bad documents."""
    for file in sorted((INVALID / case).rglob("*.xml")):
        tree = load.parse(file)
        assert xsd.errors(tree, XSD), f"libxml2 accepts {file}"
        assert not reference_xsd.is_valid(tree), f"xmlschema accepts {file}"


def test_both_xsd_engines_accept_the_valid_corpus(reference_xsd):
    for file in sorted(VALID.rglob("*.xml")):
        tree = load.parse(file)
        assert xsd.errors(tree, XSD) == []
        assert reference_xsd.is_valid(tree), file


def test_xsd_errors_point_to_the_element_and_attribute(corpus):
    (letter,) = overlay(corpus, "xsd-value")
    (error,) = xsd.errors(load.parse(letter), XSD)
    assert (error.rule, etree.QName(error.element).localname, error.attribute) == ("xsd-value", "ab", "type")
    assert error.message.startswith('<ab>: type="wrong" is not allowed (the value must be one of ')


def test_schematron_locations_lead_back_to_elements_and_attributes(corpus):
    (letter,) = overlay(corpus, "date-valid")
    failures = schematron.failures(load.parse(letter), SCHEMATRON)
    assert failures and {f.rule for f in failures} == {"date-valid"}
    for failure in failures:
        assert etree.QName(failure.element).localname == "date" and failure.attribute == "when"


def test_the_schematron_reads_no_file_of_the_corpus():
    """The pointer rules are Python's (edition.pointers): the Schematron's one document() reads
    the model beside it, never a file the letter names."""
    text = SCHEMATRON.read_text(encoding="utf-8")
    assert re.findall(r"document\([^)]*\)", text) == ["document('model.xml')"] and "doc-available(" not in text


def test_the_schematron_takes_the_id_prefixes_from_the_model(tmp_path):
    """Change a kind's id prefix in the model only: the Schematron's register-id follows it."""
    shutil.copyfile(SCHEMATRON, tmp_path / "edition.sch")
    model = (SCHEMATRON.parent / "model.xml").read_text(encoding="utf-8")
    assert 'id-prefix="pl-"' in model
    (tmp_path / "model.xml").write_text(model.replace('id-prefix="pl-"', 'id-prefix="place-"'), encoding="utf-8")
    places = load.parse(VALID / "registers" / "places.xml")
    assert schematron.failures(places, SCHEMATRON) == []
    found = schematron.failures(places, tmp_path / "edition.sch")
    assert found and {f.rule for f in found} == {"register-id"}
    assert all('starting with "place-"' in f.message for f in found)


def test_a_prefix_redirected_to_the_network_is_never_fetched(corpus):
    """Pointers expand by the model; a listPrefixDef pointing elsewhere is an XSD error only."""
    from edition.validate import validate

    letter = corpus / "letters" / "letter-2020-10-01-azerbaijan.xml"
    text = letter.read_text(encoding="utf-8").replace('replacementPattern="../registers/places.xml#pl-$1"', 'replacementPattern="http://127.0.0.1:9/places.xml#pl-$1"')
    assert "127.0.0.1" in text
    letter.write_text(text, encoding="utf-8")
    rules = {p.rule for p in validate([letter])}
    assert "xsd-value" in rules and not rules & {"ptr-declared", "ptr-resolves", "ptr-kind"}


def test_the_same_schematron_gives_the_same_verdicts_in_saxon(tmp_path):
    """Oxygen runs Schematron with Saxon: the compiled rules must behave there as in lxml
    (XPath 1.0 rules, and no fatal document() error on a missing letter file)."""
    from lxml import isoschematron
    from saxonche import PySaxonProcessor

    compiled = isoschematron.Schematron(etree.parse(str(SCHEMATRON)), store_xslt=True).validator_xslt
    stylesheet = tmp_path / "validator.xsl"
    stylesheet.write_bytes(etree.tostring(compiled))
    shutil.copyfile(SCHEMATRON.parent / "model.xml", tmp_path / "model.xml")  # beside it, as in schema/
    svrl = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    cases = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
    with PySaxonProcessor(license=False) as processor:
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(stylesheet))
        for case in cases:
            corpus = tmp_path / case / "tei"
            shutil.copytree(VALID, corpus)
            for file in overlay(corpus, case):
                try:
                    tree = load.parse(file)
                except load.LoadError:
                    continue  # refused before any Schematron runs
                report = etree.fromstring(executable.transform_to_string(source_file=str(file)).encode("utf-8"))
                in_saxon = sorted(report.xpath("//svrl:failed-assert/@id", namespaces=svrl))
                in_lxml = sorted(f.rule for f in schematron.failures(tree, SCHEMATRON))
                assert in_saxon == in_lxml, (case, file.name)


def test_a_broken_schema_is_reported_at_the_schema_not_as_a_traceback(corpus, tmp_path, monkeypatch):
    from edition import paths
    from edition.validate import validate

    broken_xsd = tmp_path / "broken.xsd"
    broken_xsd.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="TEI" type="nowhere"/></xs:schema>', encoding="utf-8")
    broken_sch = tmp_path / "broken.sch"
    broken_sch.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"><sch:pattern>'
        '<sch:rule context="*"><sch:assert id="x" test="(((">x</sch:assert></sch:rule></sch:pattern></sch:schema>',
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "XSD", broken_xsd)
    monkeypatch.setattr(paths, "SCHEMATRON", broken_sch)
    problems = validate([corpus])
    assert {(p.path, p.rule) for p in problems} == {(broken_xsd, "schema-broken"), (broken_sch, "schema-broken")}
