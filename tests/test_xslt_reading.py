"""Unit tests of the reading page's XSLT functions (partials/inferences.xsl, partials/entry.xsl),
called through saxonche like tests/test_xslt_functions.py, with its tiny model and registers.
Expected values worked out by hand from what the functions state."""
from __future__ import annotations

import pytest

from test_xslt_functions import _xpath, case_runner, case_stylesheet

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
    ("letters-when: one letter", "e:letters-when(1, '1 October 2020', '1 October 2020')", "1 letter, 1 October 2020"),
    ("letters-when: two letters", "e:letters-when(2, '1 October 2020', '12 January 2021')", "2 letters, 1 October 2020 and 12 January 2021"),
    ("letters-when: more, first to last", "e:letters-when(3, '1 October 2020', '8 February 2023')", "3 letters, 1 October 2020 to 8 February 2023"),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    sheet = case_stylesheet(("common.xsl", "metadata.xsl", "entities.xsl", "text-html.xsl", "page.xsl",
                             "entry.xsl", "inferences.xsl", "highlight.xsl"),
                            [_xpath(expr) for _, expr, _ in CASES], text_output=False)
    return case_runner(tmp_path_factory.mktemp("xslt-reading"), sheet)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_function(run, index):
    _, expr, expected = CASES[index]
    assert run(index) == expected, expr
