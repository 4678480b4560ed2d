"""Tests of the project XSD (schema/edition.xsd), run with xmlschema as CI and editors use it.

What is checked, and why:

- the schema loads as XSD 1.0, in the TEI namespace, with TEI as its only root element;
- everything the encoding model allows passes: a letter filled in from the shared template,
  the corpus (letters and registers) and the valid documents of tests/data/xsd/valid/, which
  together use every element and attribute the schema declares;
- every kind of constraint rejects what it should, on the line the editor has to fix: each
  file in tests/data/xsd/invalid/ carries one ``<!-- expect RULE: REASON -->`` comment on the
  offending line, and the schema must report exactly that (xmlschema's reason, and the rule
  id that ``edition.xsd`` maps it to), nowhere else;
- every element and attribute declaration carries documentation, because editors see it in
  completion and the site's guidelines page is generated from it.

- the schema is a strict TEI subset: the valid documents, the corpus and a few hundred
  random documents generated from the XSD itself all pass the official tei_all schema (a copy
  of which is kept in tests/data/xsd/, so that the test runs inside the repository).
"""
from __future__ import annotations

import itertools
import random
import re
from datetime import date
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "schema" / "edition.xsd"
XML_XSD = ROOT / "schema" / "xml.xsd"
TEMPLATE = ROOT / "scripts" / "edition" / "templates" / "letter.xml"
DATA = Path(__file__).resolve().parent / "data" / "xsd"
VALID = sorted((DATA / "valid").glob("*.xml"))
INVALID = sorted((DATA / "invalid").glob("*.xml"))
TEI_ALL = DATA / "tei_all.rng"
CORPUS = sorted((ROOT / "tei" / "registers").glob("*.xml")) + sorted((ROOT / "tei" / "letters").glob("*.xml"))

TEI_NS = "http://www.tei-c.org/ns/1.0"
XS_NS = "http://www.w3.org/2001/XMLSchema"
EXPECT = re.compile(r"<!-- expect (xsd-[a-z]+): (.+?) -->")
PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")

# Hardened parsing as everywhere in the project. collect_ids=False leaves duplicate xml:id
# values to the schema (as in an editor), instead of libxml2 refusing the file outright.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, collect_ids=False)

# What an editor fills into the template for a minimal, complete letter.
TEMPLATE_VALUES = {
    "LETTER_ID": "letter-2020-10-01-azerbaijan",
    "TITLE": "Letter dated 1 October 2020 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
    "TITLE_MARKED": "Letter dated 1 October 2020 from the Permanent Representative of Azerbaijan",
    "EDITORIAL_NOTE": "The UN symbol of this letter is not known.",
    "DISTRIBUTION_DATE": "2020-10-16",
    "DISTRIBUTION_DATE_TEXT": "16 October 2020",
    "SESSION": "75",
    "SESSION_TEXT": "Seventy-fifth session",
    "ITEM": "35",
    "ITEM_TITLE": "Protracted conflicts in the GUAM area and their implications for international peace, security and development",
    "SC_YEAR": "75",
    "SC_YEAR_TEXT": "Seventy-fifth year",
    "SOURCE_FILE": "001_e8b4b5c17b421ccf.txt",
    "SOURCE_STATE": "Markdown conversion of the UN PDF; masthead symbol missing.",
    "SENDER_PERSON": "aliyev-yashar",
    "SENDER_NAME": "Yashar Aliyev",
    "SENDER_ORG": "pm-azerbaijan",
    "SENDER_ORG_NAME": "Permanent Mission of Azerbaijan to the United Nations",
    "DATE": "2020-10-01",
    "DATE_TEXT": "1 October 2020",
    "TODAY": date(2026, 11, 22).isoformat(),
    "TEXT": "I have the honour to transmit herewith the following information.",
}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema10:
    """The project schema, compiled once for all tests of this module."""
    return xmlschema.XMLSchema10(str(XSD), allow="local")


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def error_line(error) -> int | None:
    """The line an editor must look at: the unexpected child if there is one, else the element."""
    child = getattr(error, "invalid_child", None)
    node = child if isinstance(child, etree._Element) else error.elem
    return node.sourceline if isinstance(node, etree._Element) else None


def filled_template() -> bytes:
    text = TEMPLATE.read_text(encoding="utf-8")
    unknown = sorted(set(PLACEHOLDER.findall(text)) - set(TEMPLATE_VALUES))
    assert not unknown, f"the template has placeholders this test does not fill: {unknown}"
    return PLACEHOLDER.sub(lambda m: TEMPLATE_VALUES[m.group(1)], text).encode("utf-8")


def expectation(path: Path) -> tuple[int, str, str]:
    """(line, rule id, reason) from the file's single ``<!-- expect … -->`` comment."""
    found = [(number, *m.groups())
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             for m in EXPECT.finditer(line)]
    assert len(found) == 1, f"{path.name}: needs exactly one '<!-- expect RULE: REASON -->' comment"
    return found[0]


# --- the schema itself ---------------------------------------------------------------------

def test_schema_loads_as_strict_tei_subset_with_tei_as_only_root(schema):
    assert schema.target_namespace == TEI_NS
    assert schema.element_form_default == "qualified"
    assert [name for name in schema.elements] == ["TEI"]


def test_schema_uses_no_appinfo():
    for path in (XSD, XML_XSD):
        assert etree.parse(str(path), PARSER).find(f".//{{{XS_NS}}}appinfo") is None


@pytest.mark.parametrize("path", [XSD, XML_XSD], ids=lambda p: p.name)
def test_every_declaration_is_documented(path):
    tree = etree.parse(str(path), PARSER)
    undocumented = []
    for node in tree.iter(f"{{{XS_NS}}}element", f"{{{XS_NS}}}attribute"):
        text = "".join(node.xpath("string(xs:annotation/xs:documentation)", namespaces={"xs": XS_NS})).strip()
        if len(text.split()) < 3:
            name = node.get("name") or node.get("ref")
            undocumented.append(f"line {node.sourceline}: {etree.QName(node).localname} {name}")
    assert not undocumented, "declarations without documentation:\n" + "\n".join(undocumented)


def test_every_value_of_a_choice_is_documented():
    """Editors choosing among several values see what each one means in completion."""
    tree = etree.parse(str(XSD), PARSER)
    ns = {"xs": XS_NS}
    undocumented = [
        f"line {enum.sourceline}: {enum.get('value')}"
        for restriction in tree.iter(f"{{{XS_NS}}}restriction")
        if len(restriction.findall(f"{{{XS_NS}}}enumeration")) > 1
        for enum in restriction.findall(f"{{{XS_NS}}}enumeration")
        if not enum.xpath("string(xs:annotation/xs:documentation)", namespaces=ns).strip()
    ]
    assert not undocumented, "values without documentation:\n" + "\n".join(undocumented)


def test_libxml2_gives_the_same_verdicts():
    """A second XSD processor (libxml2, as in lxml) compiles the schema and agrees on every
    test document, so the schema does not rely on one processor's leniency (editors use others)."""
    libxml2_schema = etree.XMLSchema(etree.parse(str(XSD), PARSER))
    python_schema = xmlschema.XMLSchema10(str(XSD), allow="local")
    for path in VALID + INVALID:
        tree = parse(path)
        assert libxml2_schema.validate(tree) == python_schema.is_valid(tree), path.name


def test_schema_root_annotation_explains_relation_to_tei_all():
    tree = etree.parse(str(XSD), PARSER)
    text = tree.getroot().xpath("string(xs:annotation/xs:documentation)", namespaces={"xs": XS_NS})
    assert "tei_all" in text and "subset" in text


# --- what must pass --------------------------------------------------------------------------

def test_letter_filled_in_from_template_is_valid(schema):
    tree = etree.ElementTree(etree.fromstring(filled_template(), PARSER))
    assert [e.reason for e in schema.iter_errors(tree)] == []


def test_unfilled_template_is_rejected_where_placeholders_stand(schema):
    """The empty template must not pass: its placeholders in pointers and dates are reported."""
    tree = etree.ElementTree(etree.fromstring(TEMPLATE.read_bytes(), PARSER))
    reported = {error_line(e) for e in schema.iter_errors(tree)}
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    placeholder_attribute = re.compile(r'(ref|when)="[^"]*\{[A-Z_]+\}')
    expected = {n for n, line in enumerate(lines, start=1) if placeholder_attribute.search(line)}
    assert expected, "the template has no placeholder in a ref or when attribute any more: update this test"
    assert expected <= reported, f"placeholder lines the schema does not report: {sorted(expected - reported)}"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_test_documents_pass(schema, path):
    assert [f"line {error_line(e)}: {e.reason}" for e in schema.iter_errors(parse(path))] == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_passes(schema, path):
    assert [f"line {error_line(e)}: {e.reason}" for e in schema.iter_errors(parse(path))] == []


def test_valid_documents_use_every_declared_element_and_attribute(schema):
    """The passing documents exercise the whole schema, so none of it is untested."""
    declared_elements, declared_attributes = set(), set()
    for component in schema.iter_components():
        if isinstance(component, xmlschema.validators.XsdElement) and component.ref is None:
            declared_elements.add(component.local_name)
            if component.type.is_complex():
                declared_attributes.update((component.local_name, name) for name in component.type.attributes if name)
    used_elements, used_attributes = set(), set()
    roots = [etree.fromstring(filled_template(), PARSER)] + [parse(p).getroot() for p in VALID]
    for root in roots:
        for node in root.iter(f"{{{TEI_NS}}}*"):
            used_elements.add(etree.QName(node).localname)
            used_attributes.update((etree.QName(node).localname, name) for name in node.attrib)
    assert sorted(declared_elements - used_elements) == []
    assert sorted(declared_attributes - used_attributes) == []


# --- what must fail, and where -----------------------------------------------------------------

@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_bad_document_is_reported_on_the_marked_line(schema, path):
    line, _rule, reason = expectation(path)
    errors = list(schema.iter_errors(parse(path)))
    assert errors, f"{path.name} should be rejected by the schema"
    assert {error_line(e) for e in errors} == {line}
    assert any(reason in (e.reason or "") for e in errors), [e.reason for e in errors]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_bad_document_gets_the_expected_rule_id(path):
    """The validator's mapping of xmlschema errors gives the rule id the file announces."""
    from edition import xsd
    line, rule, _reason = expectation(path)
    found = {(error.rule, error.element.sourceline if error.element is not None else None)
             for error in xsd.errors(parse(path), XSD)}
    assert found == {(rule, line)}


def test_there_is_a_bad_document_for_every_rule_id():
    rules = {expectation(path)[1] for path in INVALID}
    assert rules == {"xsd-element", "xsd-attribute", "xsd-value", "xsd-content"}


# --- the schema is a TEI subset -----------------------------------------------------------------

@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    """The official tei_all schema (slow to compile: once per module)."""
    return etree.RelaxNG(etree.parse(str(TEI_ALL), PARSER))


def test_valid_documents_and_corpus_pass_tei_all(tei_all):
    roots = [etree.fromstring(filled_template(), PARSER)] + [parse(p).getroot() for p in VALID + CORPUS]
    failures = [f"{root.get(f'{{{XML_NS}}}id')}: {tei_all.error_log}" for root in roots if not tei_all.validate(root)]
    assert not failures, "\n".join(failures)


XML_NS = "http://www.w3.org/XML/1998/namespace"

# A value of each simple type of the schema, for generated documents (enumerations pick their own).
SAMPLE_VALUES = {
    "isoDate": ["2020-10-01", "2020-10", "2020"], "personPointer": ["pers:aliyev-yashar"], "placePointer": ["pl:baku"],
    "orgPointer": ["org:un"], "documentPointer": ["doc:a-74-676"], "letterOrDocumentPointers": ["letter:2020-10-01-azerbaijan doc:a-1"],
    "registerPointers": ["doc:a-74-676", "pers:aliyev-yashar pers:guterres-antonio", "ev:black-january ev:war"],
    "linkTargets": ["https://undocs.org/en/A/74/676 https://undocs.org/en/S/2020/90", "doc:a-75-710"],
    "webAddress": ["https://undocs.org/en/A/74/676"], "localPointer": ["#letter-2021-01-12-armenia-annex1"],
    "prefixAddress": ["../registers/persons.xml#pers-$1", "events.xml#ev-$1", "../letters/letter-$1.xml"],
    "registerPointer": ["pers:aliyev-yashar", "ev:black-january"],
    "number": ["1", "75"], "figure": ["19", "2300"], "claimContext": ["pl:baku", "#letter-2020-10-01-azerbaijan-date-1 pl:baku"],
    "claimSource": ["org:un", "pers:aliyev-yashar doc:a-74-676"], "language": ["en"], "NCName": ["quote"], "token": ["token"], "string": ["text"],
}


class DocumentGenerator:
    """Builds random documents that the XSD accepts, by walking its content models.

    Each choice takes a random branch, each repeatable particle occurs 0-3 times (only the
    required minimum deep down, so documents stay finite), optional attributes appear at random.
    """

    def __init__(self, schema: xmlschema.XMLSchema10, seed: int):
        self.schema, self.random, self.ids = schema, random.Random(seed), itertools.count(1)

    def document(self) -> etree._Element:
        return self.element(self.schema.elements["TEI"], None, 0)

    def value(self, name: str | None, simple_type, element_name: str) -> str:
        if name == f"{{{XML_NS}}}id":
            return f"id{next(self.ids)}"
        if element_name == "geo":
            return "40.4093 49.8671"
        if getattr(simple_type, "enumeration", None):
            return self.random.choice(simple_type.enumeration)
        while simple_type is not None:
            if simple_type.local_name in SAMPLE_VALUES:
                return self.random.choice(SAMPLE_VALUES[simple_type.local_name])
            simple_type = getattr(simple_type, "base_type", None) or getattr(simple_type, "member_types", [None])[0]
        raise AssertionError(f"no sample value for {name} on {element_name}: add its type to SAMPLE_VALUES")

    def element(self, declaration, parent, depth: int) -> etree._Element:
        if parent is None:
            node = etree.Element(declaration.name, nsmap={None: TEI_NS})
        else:
            node = etree.SubElement(parent, declaration.name)
        kind = declaration.type
        if kind.is_simple() or kind.has_simple_content():
            node.text = self.value(None, kind if kind.is_simple() else kind.content, declaration.local_name)
        if kind.is_complex():
            for name, attribute in kind.attributes.items():
                if name and (attribute.use == "required" or self.random.random() < 0.4):
                    node.set(name, self.value(name, attribute.type, declaration.local_name))
            if kind.mixed:
                node.text = "Words "
            if isinstance(kind.content, xmlschema.validators.XsdGroup):
                self.group(kind.content, node, depth)
                if kind.mixed:
                    for child in node:
                        child.tail = " more words "
        return node

    def group(self, group, parent, depth: int) -> None:
        particles = [self.random.choice(list(group))] if group.model == "choice" else list(group)
        for particle in particles:
            most = 3 if particle.max_occurs is None else min(particle.max_occurs, 3)
            count = self.random.randint(particle.min_occurs, max(particle.min_occurs, most)) if depth < 5 else particle.min_occurs
            for _ in range(count):
                if isinstance(particle, xmlschema.validators.XsdGroup):
                    self.group(particle, parent, depth)
                else:
                    self.element(particle, parent, depth + 1)


def test_random_documents_valid_here_are_valid_in_tei_all(schema, tei_all):
    """Whatever the XSD accepts, tei_all accepts: the strict-subset promise, checked broadly."""
    seen_elements = set()
    for seed in range(64):  # enough seeds for every element of the schema to occur
        root = DocumentGenerator(schema, seed).document()
        seen_elements.update(etree.QName(node).localname for node in root.iter())
        assert schema.is_valid(etree.ElementTree(root)), f"seed {seed}: the generator made a document the XSD rejects"
        assert tei_all.validate(root), f"seed {seed}: tei_all rejects what the XSD accepts: {tei_all.error_log}"
    declared = {c.local_name for c in schema.iter_components(xmlschema.validators.XsdElement) if c.ref is None}
    assert declared <= seen_elements, f"never generated: {sorted(declared - seen_elements)}"
