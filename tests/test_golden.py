"""Golden files: the HTML page and the plain text of every letter, and every other page type of
the site (the index, the register indexes, one entry page of each register, the guidelines, the
editorial sources, the about page, the search page, the CMIF file, the corpus text, one letter's
citation downloads), so that any change in rendering is a reviewed diff.

The pages are compared after normalisation (parsed, whitespace runs collapsed, pretty-printed),
so that a change of indentation is not a change; the plain texts are compared as they are.

When a rendering change is intended (or a letter was added or re-encoded), regenerate the
golden files and review the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git status tests/golden/ && git diff tests/golden/

(the one command CONTRIBUTING.md documents; a new letter gets its two golden files, and the
pages of its neighbours change where their previous/next links now lead to it).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import etree, html

from test_site_support import built_site, letter_ids

GOLDEN = Path(__file__).parent / "golden" / "letters"
SITE_GOLDEN = Path(__file__).parent / "golden" / "site"
# The corpus-level outputs with golden files (paths in the output). Entry pages: for each
# register, the entry its letters mention most (with forms, contexts and back-links).
SITE_PAGES = ["index.html", "guidelines.html", "sources.html", "search.html", "downloads/cmif.xml", "downloads/corpus.txt",
              *(f"registers/{kind}.html" for kind in ("persons", "places", "organisations", "documents")),
              "registers/persons/pers-aliyev-yashar.html", "registers/places/pl-azerbaijan.html",
              "registers/organisations/org-un.html", "registers/documents/doc-a-75-710.html",
              "views/claims.html", "views/claims.csv", "views/claims.json", "about.html",
              "views.html", "views/contested-names.html", "views/correspondence.html", "views/timeline.html",
              "views/contested-names.csv", "views/correspondence.json", "views/timeline.csv",
              # one letter's citation downloads (an inferred date: its note)
              *(f"letters/letter-2020-10-13-azerbaijan{suffix}" for suffix in (".bib", ".ris", ".csl.json"))]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def normalise_html(data: bytes) -> str:
    """A canonical, line-per-element form of a page: whitespace runs collapsed, pretty-printed."""
    root = html.fromstring(data, parser=html.HTMLParser(encoding="utf-8", remove_blank_text=True, no_network=True))
    for element in root.iter():
        if element.text is not None:
            element.text = re.sub(r"\s+", " ", element.text)
        if element.tail is not None:
            element.tail = re.sub(r"\s+", " ", element.tail)
    return etree.tostring(root, method="html", pretty_print=True, encoding="unicode")


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no golden file {path.name}: run UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py and review it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        import difflib

        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 f"golden/{path.name}", "built", n=1))[:60])
        pytest.fail(f"{path.name} differs from the golden file (if intended: UPDATE_GOLDEN=1, review, commit):\n{diff}")


@pytest.mark.parametrize("letter_id", letter_ids())
def test_letter_html_matches_golden(letter_id):
    page = built_site() / "letters" / f"{letter_id}.html"
    _check(GOLDEN / f"{letter_id}.html", normalise_html(page.read_bytes()))


@pytest.mark.parametrize("letter_id", letter_ids())
def test_letter_text_matches_golden(letter_id):
    text = (built_site() / "letters" / f"{letter_id}.txt").read_text(encoding="utf-8")
    _check(GOLDEN / f"{letter_id}.txt", text)


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_matches_golden(name):
    data = (built_site() / name).read_bytes()
    actual = normalise_html(data) if name.endswith(".html") else data.decode("utf-8")
    _check(SITE_GOLDEN / name.replace("/", "--"), actual)


def test_no_stale_golden_files():
    current = set(letter_ids())
    stale = sorted(p.name for p in GOLDEN.glob("*") if p.stem not in current)
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert not stale, f"golden files of letters that no longer exist: {stale} (UPDATE_GOLDEN=1 removes them)"


def test_normalisation_hides_only_whitespace():
    a = b"<html><body><p>One  two\n three</p></body></html>"
    b = b"<html><body><p>One two\t\tthree</p></body></html>"
    c = b"<html><body><p>One two four</p></body></html>"
    assert normalise_html(a) == normalise_html(b)
    assert normalise_html(a) != normalise_html(c)
