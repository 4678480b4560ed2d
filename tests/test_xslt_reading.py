"""Unit tests of the reading page's XSLT functions (partials/inferences.xsl, partials/entry.xsl),
called through saxonche like tests/test_xslt_functions.py, with its tiny model and registers.
Expected values worked out by hand from what the functions state."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition import paths
from edition.transform import Saxon
from test_xslt_functions import CONFIG, MODEL, REGISTERS, TEI, _attr, _xpath

LETTERS = "parse-xml('<ms><m d=\"1 October 2020\"/><m d=\"12 January 2021\"/><m d=\"8 February 2023\"/></ms>')/ms/m"

CASES = [
    ("inference: an identification", "e:inference-what(⟨<persName ref='pers:aliyev-yashar' cert='high'>the Permanent Representative</persName>⟩)",
     "identified by the editors as Yashar Aliyev"),
    ("inference: several entries of one phrase", "e:inference-what(⟨<rs ref='pers:aliyev-yashar ev:ceasefire-2020' cert='medium'>they</rs>⟩)",
     "identified by the editors as Yashar Aliyev; Ceasefire of 10 November 2020"),
    ("inference: a date", "e:inference-what(⟨<date when='2020-10' cert='high' evidence='internal'>this month</date>⟩)",
     "dated by the editors: October 2020"),
    ("inference: supplied words", "e:inference-what(⟨<supplied reason='lost' cert='medium'>Letter</supplied>⟩)",
     "supplied by the editors (reason: lost)"),
    ("inference: a correction", "e:inference-what(⟨<choice><sic>human itarian</sic><corr cert='high'>humanitarian</corr></choice>⟩/tei:corr)",
     "corrected by the editors; the witness reads “human itarian”"),
    ("inference: anything else", "e:inference-what(⟨<title cert='low'>x</title>⟩)", "an inference of the editors"),
    ("inferences: the elements with a certainty phrase, in document order",
     "e:inferences(⟨<text><body><p><date when='2020' cert='high'>then</date> <persName ref='pers:aliyev-yashar'>Y</persName>"
     " <rs ref='pl:shusha' evidence='conjecture'>there</rs></p></body></text>⟩) ! string()", "then|there"),
    ("inference numbers follow the order", "let $i := e:inferences(⟨<text><p><date cert='high'>a</date><date cert='low'>b</date></p></text>⟩)"
     " return ($i ! e:inference-numbers($i)(generate-id(.)))", "1|2"),
    ("letters-when: one letter", f"e:letters-when(({LETTERS})[1])", "1 letter, 1 October 2020"),
    ("letters-when: two letters", f"e:letters-when(({LETTERS})[position() le 2])", "2 letters, 1 October 2020 and 12 January 2021"),
    ("letters-when: more, first to last", f"e:letters-when({LETTERS})", "3 letters, 1 October 2020 to 8 February 2023"),
]


def _stylesheet() -> str:
    partials = paths.XSLT / "partials"
    includes = "".join(f'<xsl:include href="{(partials / name).as_uri()}"/>'
                       for name in ("common.xsl", "metadata.xsl", "entities.xsl", "text-html.xsl", "page.xsl",
                                    "entry.xsl", "inferences.xsl", "highlight.xsl"))
    templates = "".join(
        f'<xsl:template name="t:case-{i}"><xsl:value-of select="{_attr(_xpath(expr))}" separator="|"/></xsl:template>'
        for i, (_, expr, _) in enumerate(CASES))
    return ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
            ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:map="http://www.w3.org/2005/xpath-functions/map"'
            f' xmlns:tei="{TEI}" xmlns:e="urn:un-letters-edition" xmlns:t="urn:test"'
            ' exclude-result-prefixes="#all">'
            f'{includes}{templates}</xsl:stylesheet>')


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("xslt-reading")
    sheet = folder / "reading.xsl"
    sheet.write_text(_stylesheet(), encoding="utf-8")
    saxon = Saxon(paths.XSLT)
    executable = saxon.compiler.compile_stylesheet(stylesheet_file=str(sheet))
    assert executable is not None, "the test stylesheet does not compile"
    executable.set_parameter("config", saxon.parse_text(CONFIG))
    executable.set_parameter("model", saxon.parse_text(MODEL))
    executable.set_parameter("registers", saxon.processor.make_array(
        [saxon.parse_text(text) for text in REGISTERS.values()]))

    def call(index: int) -> str:
        return executable.call_template_returning_string(f"{{urn:test}}case-{index}") or ""
    return call


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_function(run, index):
    _, expr, expected = CASES[index]
    assert run(index) == expected, expr
