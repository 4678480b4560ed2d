"""The editors' set-up works on a fresh clone: schema association, catalog, Oxygen, VS Code.

An editor opens the repository and gets validation and completion with no set-up. That rests
on a handful of files that nothing else exercises (the build ignores them), so a renamed
schema or stylesheet would silently break every editor: these tests catch that.
"""
from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from edition import paths

ROOT = paths.ROOT
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEMPLATE = ROOT / "scripts" / "edition" / "templates" / "letter.xml"
XPR = ROOT / "un-letters.xpr"
CATALOG = paths.SCHEMA / "catalog.xml"
MODEL_LETTER = paths.LETTERS / "letter-2020-10-01-azerbaijan.xml"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_PSEUDO_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def _xml_models(path: Path, base: Path | None = None) -> dict[str, Path]:
    """schematypens -> resolved href of the <?xml-model?> processing instructions of the prolog.

    Read from the text, not parsed: the template's `xml:id="{LETTER_ID}"` placeholder is not a
    valid xml:id, so libxml2 refuses the template as a document.
    """
    text = path.read_text(encoding="utf-8")
    prolog = text[: text.index("<TEI")]
    models = {}
    for pi in re.findall(r"<\?xml-model\s(.*?)\?>", prolog, re.DOTALL):
        pseudo = dict(_PSEUDO_ATTRIBUTE.findall(pi))
        models[pseudo.get("schematypens", "")] = ((base or path.parent) / pseudo.get("href", "")).resolve()
    return models


TEI_FILES = paths.corpus_files() + [TEMPLATE]


@pytest.mark.parametrize("tei_file", TEI_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_xml_model_pis_resolve_to_the_project_schemas(tei_file):
    # The template's hrefs are written for where its letters live: tei/letters/.
    models = _xml_models(tei_file, paths.LETTERS if tei_file == TEMPLATE else None)
    assert set(models) >= {XSD_NS, SCHEMATRON_NS}, f"{tei_file.name}: needs xml-model PIs for the XSD and the Schematron, found {sorted(models)}"
    assert models[XSD_NS] == paths.XSD.resolve(), f"{tei_file.name}: the XSD xml-model href resolves to {models[XSD_NS]}"
    assert models[SCHEMATRON_NS] == paths.SCHEMATRON.resolve(), f"{tei_file.name}: the Schematron xml-model href resolves to {models[SCHEMATRON_NS]}"
    assert models[XSD_NS].is_file() and models[SCHEMATRON_NS].is_file()


def test_corpus_is_not_empty():
    """Guard for the parametrised test above: it would pass vacuously on an empty corpus."""
    assert any(p.parent.name == "letters" for p in paths.corpus_files())
    assert len([p for p in paths.corpus_files() if p.parent.name == "registers"]) == 5


def _catalog_entries() -> dict[str, Path]:
    """name/systemId -> resolved target of every entry of the catalog (xml:base respected)."""
    root = _parse(CATALOG).getroot()
    assert root.tag == f"{{{CATALOG_NS}}}catalog", "schema/catalog.xml is not an OASIS XML catalog"
    entries = {}
    for entry in root.iter(f"{{{CATALOG_NS}}}uri", f"{{{CATALOG_NS}}}system"):
        base = CATALOG.parent
        for ancestor in [*reversed(list(entry.iterancestors())), entry]:
            if ancestor.get(f"{{{XML_NS}}}base"):
                base = base / ancestor.get(f"{{{XML_NS}}}base")
        key = entry.get("name") or entry.get("systemId")
        entries[key] = (base / entry.get("uri")).resolve()
    return entries


def test_catalog_entries_resolve_to_existing_local_files():
    entries = _catalog_entries()
    assert entries, "the catalog has no uri/system entries"
    for key, target in entries.items():
        assert target.is_file(), f"catalog entry {key} -> {target}: no such file"
        assert ROOT.resolve() in target.parents, f"catalog entry {key} leaves the repository: {target}"


def test_catalog_maps_the_public_identifiers_of_the_schemas():
    entries = _catalog_entries()
    assert entries["urn:un-letters:schema:edition.xsd"] == paths.XSD.resolve()
    assert entries["urn:un-letters:schema:edition.sch"] == paths.SCHEMATRON.resolve()
    assert entries[TEI_NS] == paths.XSD.resolve()
    xml_xsd = entries[XML_NS]
    assert _parse(xml_xsd).getroot().get("targetNamespace") == XML_NS, f"{xml_xsd} is not the schema of the XML namespace"


def test_catalog_resolves_with_a_real_catalog_resolver():
    """libxml2 (the resolver under lxml and xmllint) resolves every entry to the local file, offline.

    Run in a fresh process because libxml2 reads XML_CATALOG_FILES once, at start-up. The
    parser has the network switched off, so an entry that failed to resolve could not be
    fetched from the web instead: it would fail.
    """
    import os
    import subprocess
    import sys

    entries = _catalog_entries()
    script = (
        "import sys\n"
        "from lxml import etree\n"
        "parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)\n"
        "for key in sys.argv[1:]:\n"
        "    print(etree.parse(key, parser).docinfo.URL)\n"
    )
    env = {**os.environ, "XML_CATALOG_FILES": str(CATALOG)}
    done = subprocess.run([sys.executable, "-c", script, *entries], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    resolved = [Path(url.removeprefix("file://")).resolve() for url in done.stdout.split()]
    assert resolved == list(entries.values())


def test_xsd_imports_of_the_xml_namespace_resolve_locally():
    """No schemaLocation of the project XSD may point to the network (editors work offline)."""
    for node in _parse(paths.XSD).getroot().iter(f"{{{XSD_NS}}}import", f"{{{XSD_NS}}}include"):
        location = node.get("schemaLocation")
        assert location, f"edition.xsd line {node.sourceline}: import without schemaLocation"
        assert not re.match(r"[a-z]+:", location), f"edition.xsd line {node.sourceline}: {location} is not local"
        assert (paths.XSD.parent / location).is_file()


def test_xsd_documents_its_elements_for_content_completion():
    """Oxygen and VS Code show xs:documentation in completion: every declared element needs some."""
    root = _parse(paths.XSD).getroot()
    undocumented = [
        f"{el.get('name')} (line {el.sourceline})"
        for el in root.iter(f"{{{XSD_NS}}}element")
        if el.get("name") and not "".join(el.xpath("string(xs:annotation/xs:documentation)", namespaces={"xs": XSD_NS})).strip()
    ]
    assert not undocumented, "elements without xs:documentation: " + ", ".join(undocumented)


def _xpr_strings() -> list[str]:
    return [s.text or "" for s in _parse(XPR).getroot().iter("String")]


def _pdu_path(value: str) -> Path:
    assert value.startswith("${pdu}/"), value
    return ROOT / value[len("${pdu}/"):]


def test_oxygen_project_names_existing_files():
    root = _parse(XPR).getroot()
    assert root.tag == "project"
    tree = root.find("projectTree")
    assert tree is not None and len(tree), "un-letters.xpr has no projectTree"
    for folder in tree.iter("folder"):
        if folder.get("path"):
            assert (ROOT / folder.get("path")).is_dir(), f"projectTree folder {folder.get('path')} does not exist"
    for file in tree.iter("file"):
        assert (ROOT / file.get("name")).is_file(), f"projectTree file {file.get('name')} does not exist"
    referenced = [s for s in _xpr_strings() if s.startswith("${pdu}/") and "${cfn}" not in s]
    assert referenced, "un-letters.xpr references no project file"
    for value in referenced:
        assert _pdu_path(value).is_file(), f"un-letters.xpr names {value}, which does not exist"


def _entry(key: str):
    for entry in _parse(XPR).getroot().iter("entry"):
        if entry.findtext("String") == key:
            return entry
    pytest.fail(f"un-letters.xpr has no option {key!r}")


def test_oxygen_project_registers_the_catalog():
    catalogs = [_pdu_path(s.text) for s in _entry("catalogs").iter("String") if s.text.startswith("${pdu}")]
    assert CATALOG.resolve() in [c.resolve() for c in catalogs]


def test_oxygen_validation_scenario_uses_xsd_and_schematron():
    scenario = _entry("validation.scenarios").find("validationScenario-array/validationScenario")
    assert scenario is not None
    schemas = {}
    for unit in scenario.iter("validationUnit"):
        schema = unit.find("field[@name='validationSchema']/validationUnitSchema")
        kind = schema.findtext("field[@name='type']/Integer")
        schemas[kind] = _pdu_path(schema.findtext("field[@name='uri']/String")).resolve()
        assert unit.findtext("field[@name='url']/String") == "${currentFileURL}"
    # Oxygen's SchemaTypes: 2 = XML Schema, 7 = Schematron.
    assert schemas == {"2": paths.XSD.resolve(), "7": paths.SCHEMATRON.resolve()}
    binding = _parse(paths.SCHEMATRON).getroot().get("queryBinding")
    assert binding == "xslt", f"edition.sch has queryBinding={binding!r}; the editors' set-up expects 'xslt'"


def test_oxygen_preview_scenario_uses_a_build_stylesheet():
    scenario = _entry("scenarios").find("scenario-array/scenario")
    assert scenario.findtext("field[@name='type']/String") == "XSL"
    assert scenario.findtext("field[@name='inputXMLURL']/String") == "${currentFileURL}"
    stylesheet = _pdu_path(scenario.findtext("field[@name='inputXSLURL']/String"))
    assert stylesheet.parent == paths.XSLT, f"the preview stylesheet {stylesheet} is not one of the build's"
    assert _parse(stylesheet).getroot().tag in ("{http://www.w3.org/1999/XSL/Transform}stylesheet", "{http://www.w3.org/1999/XSL/Transform}transform")


def test_oxygen_preview_stylesheet_renders_a_letter_on_its_own():
    """The preview runs the stylesheet on the open file with the scenario's parameters, as Oxygen does.

    Oxygen evaluates each parameter marked hasXPathValue as XPath with ${pdu} expanded to the
    project folder's URL; the test does the same with Saxon, so a stylesheet that grows a new
    required parameter breaks this test instead of the editors' preview.
    """
    from saxonche import PySaxonApiError, PySaxonProcessor

    scenario = _entry("scenarios").find("scenario-array/scenario")
    stylesheet = _pdu_path(scenario.findtext("field[@name='inputXSLURL']/String"))
    project_url = ROOT.resolve().as_uri()
    letter = MODEL_LETTER if MODEL_LETTER.is_file() else sorted(paths.LETTERS.glob("*.xml"))[0]
    title = " ".join(_parse(letter).getroot().xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces={"tei": TEI_NS}).split())
    with PySaxonProcessor(license=False) as processor:
        xpath = processor.new_xpath_processor()
        compiler = processor.new_xslt30_processor()
        try:
            executable = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
            for parameter in scenario.iter("transformationParameter"):
                name = parameter.findtext("field[@name='paramDescription']/paramDescriptor/field[@name='localName']/String")
                value = parameter.findtext("field[@name='value']/String").replace("${pdu}", project_url)
                assert parameter.findtext("field[@name='hasXPathValue']/Boolean") == "true", f"parameter {name} is not an XPath value"
                executable.set_parameter(name, xpath.evaluate_single(value))
            html = executable.transform_to_string(source_file=str(letter))
        except PySaxonApiError as exc:
            pytest.fail(f"the Oxygen preview of {letter.name} with {stylesheet.name} fails: {exc}", pytrace=False)
    assert html, f"{stylesheet.name} produced nothing for {letter.name}"
    page = lxml_html.fromstring(html)
    assert page.tag == "html", f"{stylesheet.name} did not produce an HTML page"
    assert title in " ".join(page.text_content().split()), f"the preview of {letter.name} lacks its title"


def _vscode(name: str):
    return json.loads((ROOT / ".vscode" / name).read_text(encoding="utf-8"))


def test_vscode_recommends_the_red_hat_xml_extension():
    assert "redhat.vscode-xml" in _vscode("extensions.json")["recommendations"]


def test_vscode_settings_name_existing_files():
    settings = _vscode("settings.json")
    catalogs = [ROOT / c for c in settings["xml.catalogs"]]
    assert CATALOG.resolve() in [c.resolve() for c in catalogs]
    associations = settings["xml.fileAssociations"]
    assert associations
    for association in associations:
        assert (ROOT / association["systemId"]).resolve() == paths.XSD.resolve()
    for tei_file in paths.corpus_files():
        relative = tei_file.relative_to(ROOT).as_posix()
        assert any(fnmatch.fnmatch(relative, a["pattern"]) for a in associations), f"{relative} is not associated with the XSD"
    assert settings["xml.validation.enabled"] is True
    assert settings.get("xml.validation.resolveExternalEntities") is False
