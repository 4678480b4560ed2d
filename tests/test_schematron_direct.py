"""The Schematron validator the package runs (patterns applied to the nodes their rules match,
edition.schematron._direct) reports exactly what the ISO skeleton's own validator reports."""
from __future__ import annotations

import pytest
from lxml import etree, isoschematron

from conftest import DATA, REPO
from edition import load, schematron
from edition.paths import SCHEMATRON

FILES = sorted(p for p in [*DATA.rglob("*.xml"), *(REPO / "tei").rglob("*.xml")] if "hostile" not in p.parts)


@pytest.fixture(scope="module")
def skeletons():
    """(the skeleton's validator as generated, the package's) with the same location wrapper."""
    generated = isoschematron.Schematron(etree.parse(str(SCHEMATRON), schematron.schema_parser()), store_xslt=True,
                                         compile_params={"generate-fired-rule": "'false'"}).validator_xslt
    parser = schematron.schema_parser()
    parser.resolvers.add(schematron._Generated(etree.tostring(generated), SCHEMATRON))
    plain = etree.XSLT(etree.fromstring(schematron._WRAPPER, parser, base_url="urn:x-edition:schematron-wrapper"))
    return plain, schematron.compiled(SCHEMATRON)


def test_every_pattern_is_applied_directly():
    generated = isoschematron.Schematron(etree.parse(str(SCHEMATRON), schematron.schema_parser()),
                                         store_xslt=True).validator_xslt
    direct = etree.tostring(schematron._direct(generated)).decode()
    assert 'select="@*|*"' not in direct and 'select="/"' not in direct


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_report_is_the_skeletons(skeletons, path):
    try:
        tree = load.parse(path)
    except load.LoadError:
        pytest.skip("not a TEI file the Schematron runs on")
    plain, direct = skeletons
    assert etree.tostring(direct(tree)) == etree.tostring(plain(tree))


def test_match_patterns_are_turned_into_selections():
    assert schematron._selecting("tei:corr | tei:reg") == "//tei:corr | //tei:reg"
    assert schematron._selecting("/tei:TEI/tei:text[@a = 'x|y']") == "/tei:TEI/tei:text[@a = 'x|y']"
    assert schematron._selecting("tei:date[(@from | @to)]/@when") == "//tei:date[(@from | @to)]/@when"
    assert schematron._selecting("id('x')") is None
