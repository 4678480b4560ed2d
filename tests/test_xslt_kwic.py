"""Unit tests of the keyword in context of the mention index (partials/kwic.xsl), called through
saxonche like tests/test_xslt_functions.py, with its tiny model and registers. Each case gives a
block of text and its mentions; each mention's context is written "m{n}:before{form}after".
Expected values worked out by hand from the rule: the block's text as the reader sees it (no
sic, no notes, a line break a space, spaces normalised), the sentence around the mention, each
side cut at a space to 120 characters."""
from __future__ import annotations

import pytest

from test_xslt_functions import _xpath, case_runner, case_stylesheet

WORDS_BEFORE = " ".join(f"w{i}" for i in range(10, 60))   # 50 words of 3 characters: 199 characters
WORDS_AFTER = " ".join(f"x{i}" for i in range(10, 60))
SPACES = " " * 200


def _contexts(block: str, mentions: str = "//*[@ref]") -> str:
    """The expression writing the context of each mention of `block` (a TEI element)."""
    return (f"let $k := e:keywords-in-context((⟨{block}⟩{mentions})) "
            "return (1 to map:size($k)) ! $k(.)/(@a || ':' || @before || '{' || @form || '}' || @after)")


CASES = [
    ("two mentions of a paragraph, each in its sentence",
     _contexts("<p>First sentence. The city of <placeName ref='pl:shusha'>Shusha</placeName> was shelled. "
               "Then <placeName ref='pl:shusha'>it</placeName> burned! Later.</p>"),
     "m1:The city of {Shusha} was shelled.|m2:Then {it} burned!"),
    ("no sic, no notes; a line break is a space; a mention in a note has the note's text",
     _contexts("<p>A<lb/>B <choice><sic>Shusa</sic><corr><placeName ref='pl:shusha'>Shusha</placeName></corr></choice>"
               "<note place='foot'>see <placeName ref='pl:shusha'>here</placeName>. ok</note>  end.</p>"),
     "m1:A B {Shusha} end.|m2:see {here}."),
    ("a mention inside another",
     _contexts("<p>The <persName ref='pers:aliyev-yashar'>Representative of <placeName ref='pl:shusha'>Shusha</placeName>"
               "</persName> spoke.</p>"),
     "m1:The {Representative of Shusha} spoke.|m2:The Representative of {Shusha} spoke."),
    ("a mention in the witness's reading has no words, but its place",
     _contexts("<p>Go to <choice><sic><placeName ref='pl:shusha'>Susha</placeName></sic><corr>Shusha</corr></choice> now.</p>"),
     "m1:Go to {}Shusha now."),
    ("spaces normalised, those around the mention kept as one",
     _contexts("<p>  <placeName ref='pl:shusha'>  Shusha </placeName>  said.</p>"),
     "m1:{ Shusha } said."),
    ("a sentence ends at a stop followed by a space",
     _contexts("<p>No. 1, x.<placeName ref='pl:shusha'>Shusha</placeName>.y Next. More</p>"),
     "m1:1, x.{Shusha}.y Next."),
    ("long sides cut to 120 characters at a space",
     _contexts(f"<p>{WORDS_BEFORE} <placeName ref='pl:shusha'>Shusha</placeName> {WORDS_AFTER}.</p>"),
     "m1:… " + " ".join(f"w{i}" for i in range(31, 60)) + " {Shusha} " + " ".join(f"x{i}" for i in range(10, 39)) + " …"),
    ("long runs of spaces: the text before is read back to its start",
     _contexts(f"<p>b{SPACES}b{SPACES}b{SPACES}c <placeName ref='pl:shusha'>Shusha</placeName>{SPACES}d{SPACES}e</p>"),
     "m1:b b b c {Shusha} d e"),
    ("numbered in the order given, not by block",
     _contexts("<div><p><placeName ref='pl:shusha'>A</placeName></p><p><placeName ref='pl:shusha'>B</placeName> b</p></div>",
               "//*[@ref][. = 'B'], " + _xpath("⟨<p>x <placeName ref='pl:shusha'>C</placeName></p>⟩") + "/*"),
     "m1:{B} b|m2:x {C}"),
    ("sentences: the first one, the last one",
     "e:sentence-start('One. Two! Three'), e:sentence-start('no end'), e:sentence-end('One. Two? Three'), e:sentence-end('Four. ')",
     "One.|no end|Three|"),
    ("collapse: runs of spaces made one, not trimmed",
     "e:collapse('  a \n\t b  ') || '/' || e:collapse('   ') || '/' || e:collapse('')", " a b / /"),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    sheet = case_stylesheet(("common.xsl", "metadata.xsl", "entities.xsl", "kwic.xsl"),
                            [_xpath(expr) for _, expr, _ in CASES])
    return case_runner(tmp_path_factory.mktemp("xslt-kwic"), sheet)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_kwic(run, index):
    _, expr, expected = CASES[index]
    assert run(index) == expected, expr
