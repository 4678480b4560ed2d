"""Incremental builds (edition.incremental): a rebuild reuses what did not change and gives the
same bytes as a clean build, after any sequence of edits.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from edition import citation, facts_cache
from edition.build import CORPUS_TEXT_PARTS, build
from edition.enrich import parse_mentions
from edition.fingerprint import INPUTS, OUTPUTS
from edition.incremental import MANIFEST
from edition.search import INDEX_DIR
from test_site_support import copy_corpus, tree_digest


def _letters(tei: Path) -> list[Path]:
    return sorted((tei / "letters").glob("*.xml"))


def _edit_body_word(tei: Path, rng: random.Random) -> str:
    """One word of a letter's text changed (the header untouched)."""
    letter = rng.choice(_letters(tei))
    text = letter.read_text(encoding="utf-8")
    body = text.index("<body")
    words = [m for m in re.finditer(r"(?<=[ >])(the|of|and|to)(?= )", text[body:])]
    found = rng.choice(words)
    start = body + found.start()
    letter.write_text(text[:start] + "those" + text[start + len(found.group(0)):], encoding="utf-8")
    return f"word in {letter.name}"


def _edit_date(tei: Path, rng: random.Random) -> str:
    """A letter's date of sending changed: the order of the letters, their neighbours, the index."""
    letter = rng.choice(_letters(tei))
    text = letter.read_text(encoding="utf-8")
    dates = list(re.finditer(r'(<date when=")(\d{4})(-\d\d-\d\d")', text))
    if not dates:
        return "no date"
    found = dates[0]
    year = str(rng.choice(range(2019, 2025)))
    letter.write_text(text[:found.start(2)] + year + text[found.end(2):], encoding="utf-8")
    return f"date in {letter.name}"


def _edit_register(tei: Path, rng: random.Random) -> str:
    """A register changed (every output depends on the registers)."""
    register = rng.choice(sorted((tei / "registers").glob("*.xml")))
    text = register.read_text(encoding="utf-8")
    register.write_text(text.rstrip("\n") + f"\n<!-- edited {rng.random()} -->\n", encoding="utf-8")
    return f"register {register.name}"


def _add_letter(tei: Path, rng: random.Random) -> str:
    """A new letter: a copy of one with its own id."""
    source = rng.choice(_letters(tei))
    number = rng.randrange(10**6)
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'(<TEI [^>]*xml:id=")([^"]+)"', lambda m: f'{m.group(1)}{m.group(2)}-copy{number}"', text, count=1)
    target = source.with_name(f"{source.stem}-copy{number}.xml")
    target.write_text(text, encoding="utf-8")
    return f"added {target.name}"


def _remove_letter(tei: Path, rng: random.Random) -> str:
    letters = _letters(tei)
    if len(letters) <= 3:
        return "kept"
    victim = rng.choice(letters)
    victim.unlink()
    return f"removed {victim.name}"


def _edit_mention_form(tei: Path, rng: random.Random) -> str:
    """The form of one mention changed (what the letter says of a register entry, its entry page)."""
    letter = rng.choice(_letters(tei))
    text = letter.read_text(encoding="utf-8")
    forms = list(re.finditer(r'(<placeName ref="[^"]+">)([^<]+)(</placeName>)', text))
    if not forms:
        return "no mention"
    found = rng.choice(forms)
    letter.write_text(text[:found.start(2)] + found.group(2) + "-edited" + text[found.end(2):], encoding="utf-8")
    return f"mention {found.group(2)!r} in {letter.name}"


EDITS = [_edit_body_word, _edit_date, _edit_register, _add_letter, _remove_letter, _edit_mention_form,
         lambda tei, rng: "nothing"]


@pytest.mark.parametrize("seed", [12, 1012])
def test_random_edits_incremental_equals_clean(tmp_path, seed):
    rng = random.Random(seed)
    tei = copy_corpus(tmp_path)
    incremental = tmp_path / "incremental"
    assert build(tei, incremental, jobs=1, quiet=True, validate_first=False) == 0
    history = []
    for step in range(6):
        history.append(rng.choice(EDITS)(tei, rng))
        assert build(tei, incremental, jobs=1, quiet=True, validate_first=False) == 0
        clean = tmp_path / f"clean-{step}"
        assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
        assert tree_digest(incremental) == tree_digest(clean), f"after {history}"


def test_unchanged_outputs_are_reused_and_changed_ones_made_again(tmp_path):
    rng = random.Random(7)
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    # the search index is made again whenever a letter page changes, under new file names (named
    # after their bytes): test_search_index.py checks when it is reused
    # (the records of edition.fingerprint are written by every build that builds, like the manifest)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST
                   and p.name != ".edition-build" and p.relative_to(out).parts[0] != INDEX_DIR
                   and p.relative_to(out).as_posix() not in (INPUTS, OUTPUTS))
    before = {f: (out / f).stat().st_ino for f in files}
    view_data = {f.as_posix(): (out / f).read_bytes() for f in files if f.parts[0] == "views"}
    edited = _edit_body_word(tei, rng).split()[-1]
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    after = {f: (out / f).stat().st_ino for f in files}
    changed = {f.as_posix() for f in files if before[f] != after[f]}
    stem = Path(edited).stem
    # made again: the letter's own outputs, the corpus text and zip, the files every build copies
    remade = {f"letters/{stem}.html", f"letters/{stem}.txt", f"letters/{stem}.xml",
              "downloads/corpus.txt", "downloads/tei-corpus.zip", f".edition-cache/mentions/{stem}.xml"}
    remade |= {f"letters/{stem}{suffix}" for suffix in citation.SUFFIXES}  # its citation downloads
    remade.add(facts_cache.CACHE_FILE)  # what every letter mentions, one file (edition.facts_cache)
    remade.add(CORPUS_TEXT_PARTS)  # the record of corpus.txt's parts, made with it
    copied = {f"registers/{p.name}" for p in (tei / "registers").glob("*.xml")} | \
        {f"assets/{p.name}" for p in (out / "assets").iterdir()}
    assert remade <= changed
    # and, when the edit changed the context of a mention, the register pages: the index of its
    # register and the pages of the entries this letter mentions, nothing else
    cached = (out / ".edition-cache" / "mentions" / Path(edited).name).read_text(encoding="utf-8")
    mentioned = {f"registers/{kind}/{entry}.html" for kind, entry, _m in parse_mentions(edited, cached)}  # no entry has two pages here
    # a view (edition.views) only when its data changed (the edit touched a sentence it quotes)
    views_changed = {name.rsplit("/", 1)[1].split(".")[0].removesuffix("-nodes").removesuffix("-edges")
                     for name, data in view_data.items() if (out / name).read_bytes() != data}
    for name in sorted(changed - remade - copied):
        if name.startswith("views/"):
            assert name.rsplit("/", 1)[1].split(".")[0].removesuffix("-nodes").removesuffix("-edges") in views_changed, \
                f"{name} was made again, but its view's data did not change"
            continue
        assert re.fullmatch(r"registers/\w+\.html", name) or name in mentioned, f"{name} was made again"
    assert "those" in (out / "letters" / f"{stem}.txt").read_text(encoding="utf-8")


def test_a_manifest_that_does_not_parse_means_a_clean_build(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    expected = tree_digest(out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    page = next((out / "letters").glob("*.html"))
    page.write_text("tampered", encoding="utf-8")  # with no manifest to trust, nothing is reused
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == expected
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["format"] == 2


def test_views_are_reused_without_their_data_when_what_they_are_made_of_did_not_change(tmp_path, monkeypatch):
    """A change to a letter that its summary, its mentions and its view facts do not see (here a
    comment after its text) makes the letter again, not the views' data (edition.views.Corpus)."""
    from edition import views

    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    letter = _letters(tei)[0]
    letter.write_text(letter.read_text(encoding="utf-8") + "<!-- checked again -->\n", encoding="utf-8")

    def computed(*_args):
        raise AssertionError("the views' data was computed again")

    with monkeypatch.context() as patched:
        patched.setattr(views.Corpus, "data", computed)
        assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert (out / "letters" / f"{letter.stem}.xml").read_bytes().endswith(b"<!-- checked again -->\n")
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_rebuild_deflates_only_the_changed_letters_into_the_zip(tmp_path, monkeypatch):
    """The corpus zip after a one-word edit: the edited letter, the registers and the schema are
    deflated again, the other letters' members copied from the previous zip (edition.write);
    the bytes are a clean build's."""
    from edition import write

    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    edited = _edit_body_word(tei, random.Random(3)).split()[-1]
    deflated = []
    original = write._deflated
    monkeypatch.setattr(write, "_deflated", lambda data: deflated.append(data) or original(data))
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    letters = {p.read_bytes() for p in _letters(tei)}
    assert [data for data in deflated if data in letters] == [(tei / "letters" / edited).read_bytes()]
    monkeypatch.undo()
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert (out / "downloads" / "tei-corpus.zip").read_bytes() == (clean / "downloads" / "tei-corpus.zip").read_bytes()


@pytest.mark.parametrize("seed", [5])
def test_random_edits_with_paginated_entries_incremental_equals_clean(tmp_path, monkeypatch, seed):
    """With one letter a page, every entry mentioned by several letters has several pages, each
    kept or made again on its own (edition.enrich.Mentions.page_digest)."""
    from edition import enrich

    monkeypatch.setattr(enrich, "PER_PAGE", 1)
    test_random_edits_incremental_equals_clean(tmp_path, seed)


def test_an_edit_makes_again_only_the_entry_page_that_lists_the_letter(tmp_path, monkeypatch):
    """A change in the context of one mention makes again the one page of the entry that lists
    the letter; the entry's other pages (and its card, the same on every page) are kept."""
    from edition import enrich

    monkeypatch.setattr(enrich, "PER_PAGE", 1)
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    pages = sorted((out / "registers" / "places").glob("pl-azerbaijan*.html"))
    assert len(pages) == len(_letters(tei))  # mentioned by every letter: one page each
    before = {page.name: page.stat().st_ino for page in pages}
    letter = _letters(tei)[-1]
    text = letter.read_text(encoding="utf-8")
    mention = re.search(r'<placeName ref="pl:azerbaijan"[^>]*>[^<]*</placeName>', text[text.index("<body"):])
    at = text.index("<body") + mention.end()
    letter.write_text(text[:at] + " indeed" + text[at:], encoding="utf-8")
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    remade = [page.name for page in pages if page.stat().st_ino != before[page.name]]
    listing = [page.name for page in pages if f"letters/{letter.stem}.html" in page.read_text(encoding="utf-8")
               and "indeed" in page.read_text(encoding="utf-8")]
    assert remade == listing and len(remade) == 1
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == tree_digest(clean)
