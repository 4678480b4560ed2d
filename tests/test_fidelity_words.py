"""words_of_pieces against its definition: the words of the pieces' text joined, each with the
line of its first character (edition.fidelity finds them piece by piece, for speed)."""
from __future__ import annotations

import random
import re

from lxml import etree

from edition import fidelity


def _by_definition(pieces):
    text = "".join(piece.text for piece in pieces)
    starts, offset = [], 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece.text)
    words = []
    for match in re.finditer(r"\S+", text):
        index = max(i for i, start in enumerate(starts) if start <= match.start() and len(pieces[i].text))
        piece = pieces[index]
        words.append((match.group(), piece.line + piece.text.count("\n", 0, match.start() - starts[index])))
    return words


def test_words_run_on_across_pieces_and_lines_count_within_them():
    owner = etree.Element("p")
    pieces = [fidelity.Piece("Na", 3, owner), fidelity.Piece("", 4, owner), fidelity.Piece("gorno\nKara", 5, owner),
              fidelity.Piece("bakh’s ", 9, owner), fidelity.Piece("\n  people\u00a0of", 12, owner)]
    assert [tuple(w) for w in fidelity.words_of_pieces(pieces)] == [
        ("Nagorno", 3), ("Karabakh’s", 6), ("people", 13), ("of", 13)]


def test_random_pieces_give_the_words_of_their_joined_text():
    owner = etree.Element("p")
    alphabet = ["a", "b", " ", "\n", "\t", "\u00a0", "’", "x\ny", "  \n "]
    chance = random.Random(12)
    for _ in range(2000):
        pieces = [fidelity.Piece("".join(chance.choice(alphabet) for _ in range(chance.randrange(0, 6))),
                                 chance.randrange(1, 50), owner) for _ in range(chance.randrange(0, 7))]
        assert [tuple(w) for w in fidelity.words_of_pieces(pieces)] == _by_definition(pieces), pieces


def _pieces_by_definition(element, skip):
    """text_pieces as first written: each tail's line from _end_line of the element before it."""
    pieces = []

    def walk(el):
        block = fidelity.local_name(el) in fidelity.BLOCK_ELEMENTS
        if block:
            pieces.append((" ", el.sourceline or 0, el))
        if el.text:
            pieces.append((el.text, el.sourceline or 0, el))
        for child in el:
            if isinstance(child.tag, str) and not skip(child):
                walk(child)
            if child.tail:
                pieces.append((child.tail, fidelity._end_line(child), el))
        if block:
            pieces.append((" ", el.sourceline or 0, el))

    walk(element)
    return pieces


def test_pieces_of_every_letter_are_those_of_the_definition():
    from conftest import DATA, REPO
    from edition import load

    letters = [*DATA.rglob("letters/*.xml"), *(REPO / "tei" / "letters").glob("*.xml")]
    compared = 0
    for path in letters:
        try:
            text = load.parse(path).getroot().find("tei:text", fidelity.NS)
        except load.LoadError:
            continue
        if text is None:
            continue
        for skip in (fidelity._skip_in_reading, lambda el: False):
            assert [tuple(p) for p in fidelity.text_pieces(text, skip)] == _pieces_by_definition(text, skip), path
        compared += 1
    assert compared >= 5
