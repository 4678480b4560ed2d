"""A build with nothing changed does nothing (edition.fingerprint): it says the output is up to
date and leaves it as it is; any change to an input, or to the output by hand, is noticed, and
the build that follows gives the bytes of a clean build.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from edition import build as build_module, paths
from edition.build import build
from edition.fingerprint import INPUTS, OUTPUTS
from test_site_support import copy_corpus, tree_digest


def _build(tei: Path, out: Path, **options) -> int:
    return build(tei, out, jobs=1, quiet=True, validate_first=options.get("validate_first", False))


def _rebuilt(tei: Path, out: Path, **options) -> bool:
    """Build again; whether the output was made again (a build swaps in a new folder)."""
    before = os.stat(out).st_ino
    assert _build(tei, out, **options) == 0
    return os.stat(out).st_ino != before


def _same_size_edit(path: Path) -> None:
    """Change one byte of `path`, keeping its size and its modification time: only its bytes
    (and the change time, which no tool can set back) tell that it changed."""
    state = path.stat()
    data = bytearray(path.read_bytes())
    index = data.index(b"the ")
    data[index:index + 3] = b"THE"
    path.write_bytes(bytes(data))
    os.utime(path, ns=(state.st_atime_ns, state.st_mtime_ns))


@pytest.fixture
def built(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(tei, out) == 0
    return tei, out


def test_nothing_changed_nothing_is_done(built, capsys):
    tei, out = built
    files = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert build(tei, out, jobs=1, quiet=False, validate_first=False) == 0
    letters = len(list((tei / "letters").glob("*.xml")))
    assert capsys.readouterr().err == f"edition build: {out}/ is up to date ({letters} letters)\n"
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == files
    # a file touched (its times changed, not its bytes) is hashed, found the same: still nothing to do
    for letter in (tei / "letters").glob("*.xml"):
        letter.touch()
    assert not _rebuilt(tei, out)


@pytest.mark.parametrize("change", ["letter bytes", "new letter", "removed letter", "register", "witness",
                                    "new file in the corpus"])
def test_each_change_to_the_corpus_is_noticed(built, tmp_path, change):
    tei, out = built
    letters = sorted((tei / "letters").glob("*.xml"))
    if change == "letter bytes":
        _same_size_edit(letters[0])
    elif change == "new letter":
        text = letters[0].read_text(encoding="utf-8").replace('xml:id="', 'xml:id="copy-', 1)
        (tei / "letters" / f"copy-{letters[0].name}").write_text(text, encoding="utf-8")
    elif change == "removed letter":
        letters[-1].unlink()
    elif change == "register":
        _same_size_edit(tei / "registers" / "places.xml")
    elif change == "witness":
        witness = sorted((tei / "witnesses").glob("*.txt"))[0]
        witness.write_text(witness.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        (tei / "letters" / "notes.md").write_text("an editor's note\n", encoding="utf-8")
    assert _rebuilt(tei, out)
    assert not _rebuilt(tei, out)  # and then it is up to date again
    clean = tmp_path / "clean"
    assert _build(tei, clean) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_changed_stylesheet_folder_is_noticed(built, tmp_path, monkeypatch):
    tei, out = built
    xslt = tmp_path / "xslt"
    shutil.copytree(paths.XSLT, xslt)
    monkeypatch.setattr(paths, "XSLT", xslt)
    monkeypatch.setattr(build_module, "CONFIG", xslt / "config.xml")
    monkeypatch.setattr(build_module, "ASSETS", xslt / "assets")
    assert not _rebuilt(tei, out)  # the same stylesheets, elsewhere
    css = sorted((xslt / "assets").glob("*.css"))[0]
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert _rebuilt(tei, out)
    assert (out / "assets" / css.name).read_bytes() == css.read_bytes()


def test_validating_or_not_is_part_of_what_the_output_is_made_of(built):
    tei, out = built
    assert not (out / ".edition-cache" / "validation").exists()
    assert _rebuilt(tei, out, validate_first=True)  # the output now keeps the validation results
    assert (out / ".edition-cache" / "validation").is_dir()
    assert not _rebuilt(tei, out, validate_first=True)


@pytest.mark.parametrize("change", ["page edited", "page removed", "file added", "output removed",
                                    "records removed"])
def test_an_output_changed_by_hand_is_built_again(built, tmp_path, change):
    tei, out = built
    expected = tree_digest(out)
    page = sorted((out / "letters").glob("*.html"))[0]
    if change == "page edited":
        _same_size_edit(page)
    elif change == "page removed":
        page.unlink()
    elif change == "file added":
        (out / "letters" / "extra.html").write_text("<p>extra</p>\n", encoding="utf-8")
    elif change == "output removed":
        shutil.rmtree(out)
    else:
        (out / INPUTS).unlink()
        (out / OUTPUTS).unlink()
    assert _build(tei, out) == 0
    assert tree_digest(out) == expected
    assert not _rebuilt(tei, out)
