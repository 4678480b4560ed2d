"""`edition serve`'s preview (edition.preview): a saved letter's page is swapped into the served
site before the build, it is the page the build makes, an invalid letter swaps nothing, and
after the follow-up build the output equals a clean build's. Also the benchmark's measure of it
(edition.bench_serve), which runs a real `edition serve`. No timing is asserted.
"""
from __future__ import annotations

import time

import pytest

from edition.bench_serve import WORD, edit_one_word, measure
from edition.build import build
from edition.incremental import read_manifest
from edition.preview import Preview
from edition.serve import changed_files, changed_letters, snapshot
from test_site_support import copy_corpus, tree_digest


@pytest.fixture
def served(tmp_path):
    """A copy of the corpus, built once, and a warm preview of it."""
    tei = copy_corpus(tmp_path)
    out = tmp_path / "site"
    assert build(tei, out, jobs=1, quiet=True) == 0
    work = tmp_path / "work"
    work.mkdir()
    live = Preview(tei, out, work)
    live.warm(snapshot([tei]))
    return tei, out, live


def _middle(tei):
    letters = sorted((tei / "letters").glob("*.xml"))
    return letters[len(letters) // 2]


def test_a_saved_letter_is_swapped_in_as_the_build_makes_it(served, tmp_path, capsys):
    tei, out, live = served
    letter = _middle(tei)
    edit_one_word(letter)
    assert live.letters([letter], snapshot([tei]), time.perf_counter())
    err = capsys.readouterr().err
    assert f"edition serve: letters/{letter.stem}.html updated in " in err
    previewed = tree_digest(out / "letters")
    assert WORD.encode() in (out / "letters" / f"{letter.stem}.html").read_bytes()
    # the letter's key is out of the manifest: the next build makes it again
    assert letter.name not in read_manifest(out)["letters"]
    assert build(tei, out, jobs=1, quiet=True) == 0
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True) == 0
    assert tree_digest(out) == tree_digest(clean)
    # every file the preview wrote is the one the build made (its context included)
    for name in (f"{letter.stem}{suffix}" for suffix in (".html", ".txt", ".xml", ".csl.json", ".bib", ".ris")):
        assert previewed[name] == tree_digest(clean / "letters")[name], name


def test_a_letter_saved_back_unchanged_before_the_build_is_made_again(served, tmp_path):
    tei, out, live = served
    letter = _middle(tei)
    original = letter.read_bytes()
    edit_one_word(letter)
    assert live.letters([letter], snapshot([tei]), time.perf_counter())
    letter.write_bytes(original)  # the previous key again: the previewed page must not be reused
    assert build(tei, out, jobs=1, quiet=True) == 0
    assert WORD.encode() not in (out / "letters" / f"{letter.stem}.html").read_bytes()
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_an_invalid_letter_swaps_nothing_and_its_messages_are_printed(served, capsys):
    tei, out, live = served
    letter = _middle(tei)
    before = tree_digest(out)
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("<TEI ", '<TEI preview-unknown="1" ', 1), encoding="utf-8")
    assert not live.letters([letter], snapshot([tei]), time.perf_counter())
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{letter}:") and ": error: " in line and line.endswith("[xsd-attribute]")
               for line in err), err
    assert err[-1] == "edition serve: 1 error(s) found; nothing was updated (fix them and save again)"
    assert tree_digest(out) == before


def test_only_saved_letters_are_previewed(tmp_path):
    tei = copy_corpus(tmp_path)
    before = snapshot([tei])
    letter = _middle(tei)
    edit_one_word(letter)
    now = snapshot([tei])
    assert changed_letters(changed_files(before, now), now, tei) == [letter]
    # a register changed too: the build alone runs (the renderer is made again)
    register = tei / "registers" / "places.xml"
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    later = snapshot([tei])
    assert changed_letters(changed_files(before, later), later, tei) is None
    # a removed letter: the build alone
    letter.unlink()
    gone = snapshot([tei])
    assert changed_letters(changed_files(now, gone), gone, tei) is None


def test_the_benchmark_times_a_real_serve_and_the_output_then_equals_a_clean_build(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "site"
    figures = measure(tei, out, jobs=1, deadline=120)
    letter = _middle(tei)
    assert WORD.encode() in figures.page
    assert figures.preview_s > 0 and figures.follow_up_s > 0
    served = out / "letters" / f"{letter.stem}.html"
    assert served.read_bytes() == figures.page  # the build made the page the preview showed
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_letter_that_cannot_be_rendered_is_left_to_the_build_in_one_line(served, capsys, monkeypatch):
    from edition.transform import TransformError

    tei, out, live = served
    letter = _middle(tei)
    before = tree_digest(out)
    edit_one_word(letter)

    def fails(path, context):
        raise TransformError("letter-html.xsl: the stylesheet failed\non two lines")

    monkeypatch.setattr(live, "_render", fails)
    assert live.letters([letter], snapshot([tei]), time.perf_counter())  # the build still follows
    err = capsys.readouterr().err.splitlines()
    assert err == [f"edition serve: {letter}: no preview (letter-html.xsl: the stylesheet failed on two lines); "
                   "the build follows"]
    assert tree_digest(out) == before
