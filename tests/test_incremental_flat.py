"""A rebuild's work in proportion to the change (issue 12): what an unchanged letter costs a
rebuild is a look-up in the build's records, not a read of its files; and what is taken from
the records is what reading the files gives (same keys, same bytes as a clean build).
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import os
import pickle
import random
import re
import shutil
from pathlib import Path

from edition import fingerprint
from edition.build import build, output_key
from test_site_support import copy_corpus, tree_digest


def _build(tei: Path, out: Path, validate_first: bool = True) -> int:
    return build(tei, out, jobs=1, quiet=True, validate_first=validate_first)


def _edit_word(letter: Path) -> None:
    """The bench's one-word edit: a word of the text encoded as a correction of itself."""
    text = letter.read_text(encoding="utf-8")
    word = re.compile(r"(?<= )the(?= )").search(text, text.index("<p>", text.index("<body")))
    letter.write_text(text[:word.start()] + '<choice><sic>the</sic><corr cert="high">the</corr></choice>'
                      + text[word.end():], encoding="utf-8")


def _reads(monkeypatch) -> list[Path]:
    """Every file read through pathlib from now on (the build reads letters and caches so)."""
    read: list[Path] = []
    for name in ("read_bytes", "read_text"):
        original = getattr(Path, name)

        def spy(self, *args, _original=original, **kwargs):
            read.append(Path(os.path.abspath(self)))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, spy)
    return read


def test_a_rebuild_reads_neither_an_unchanged_letter_nor_its_mentions(tmp_path, monkeypatch):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(tei, out) == 0
    letters = sorted((tei / "letters").glob("*.xml"))
    edited = letters[len(letters) // 2]
    _edit_word(edited)
    read = _reads(monkeypatch)
    assert _build(tei, out) == 0
    monkeypatch.undo()
    letters_read = {p.name for p in read if p.parent == (tei / "letters").resolve()}
    assert letters_read <= {edited.name}
    assert not [p for p in read if ".edition-cache" in p.parts and "mentions" in p.parts]
    # corpus.txt: the unchanged letters' parts copied from the previous one, not their texts read
    assert {p.name for p in read if p.suffix == ".txt" and p.parent.name == "letters"} == {f"{edited.stem}.txt"}
    clean = tmp_path / "clean"
    assert _build(tei, clean) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_letter_keyed_from_the_record_is_keyed_as_from_its_bytes(tmp_path):
    """The record of the inputs (edition.fingerprint) gives the SHA-256 a build without a record
    computes from the bytes: the same key either way, and another key for other bytes."""
    tei = copy_corpus(tmp_path)
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    record, _stamp = fingerprint.current_inputs(tei, True)
    with_record = output_key("global", letter.name, letter, "<context/>", record["files"])
    assert with_record == output_key("global", letter.name, letter, "<context/>", None)
    other = dict(record["files"])
    other[f"tei/letters/{letter.name}"] = [letter.stat().st_size, hashlib.sha256(b"other bytes").hexdigest()]
    assert output_key("global", letter.name, letter, "<context/>", other) != with_record


def test_an_edit_that_keeps_size_and_modification_time_is_made_again(tmp_path):
    """The letter's key comes from the record, and the record trusts a file's state only when
    nothing (its change time included, which no tool sets back) is newer than its stamp. (Not
    validated: the text no longer matches its witness.)"""
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(tei, out, validate_first=False) == 0
    letter = sorted((tei / "letters").glob("*.xml"))[1]
    state = letter.stat()
    data = bytearray(letter.read_bytes())
    index = data.index(b" the ", data.index(b"<p>", data.index(b"<body")))
    data[index + 1:index + 4] = b"thy"
    letter.write_bytes(bytes(data))
    os.utime(letter, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert letter.stat().st_size == state.st_size
    assert _build(tei, out, validate_first=False) == 0
    assert b" thy " in (out / "letters" / f"{letter.stem}.txt").read_bytes().replace(b"\n", b" ")
    clean = tmp_path / "clean"
    assert _build(tei, clean, validate_first=False) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_rebuild_decodes_the_claims_and_views_of_no_unchanged_letter(tmp_path, monkeypatch):
    """A reused validation result keeps its summary's claims and views as JSON text
    (edition.corpus.DEFERRED): a one-word rebuild, whose claims view and views are reused, decodes
    none; the claims view is keyed on that text, and the output is a clean build's."""
    from edition import corpus

    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(tei, out) == 0
    letters = sorted((tei / "letters").glob("*.xml"))
    _edit_word(letters[len(letters) // 2])
    decoded = []
    original = corpus.DeferredSummary.__getattr__
    monkeypatch.setattr(corpus.DeferredSummary, "__getattr__",
                        lambda self, name: decoded.append(name) or original(self, name))
    assert _build(tei, out) == 0
    monkeypatch.undo()
    assert not decoded
    clean = tmp_path / "clean"
    assert _build(tei, clean) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_deferred_summary_reads_as_the_summary_it_was_made_from(tmp_path):
    """Decoded when read, a cached summary's fields are the fresh summary's; their JSON text
    (what the claims view is keyed on) is the same before and after decoding."""
    from edition import corpus
    from edition.validation_cache import _letter_json, _letter_of

    letter = sorted(copy_corpus(tmp_path).glob("letters/*.xml"))[0]
    fresh = corpus.summarise(letter)
    assert fresh.claims and fresh.views  # something to defer
    kept = {name: corpus.field_json(fresh, name) for name in corpus.DEFERRED}  # the lines after the JSON
    cached = _letter_of(json.loads(json.dumps(_letter_json(fresh))), kept)
    texts = {name: corpus.field_json(cached, name) for name in corpus.DEFERRED}
    assert texts == {name: corpus.field_json(fresh, name) for name in corpus.DEFERRED}
    assert cached.claims == json.loads(json.dumps(fresh.claims)) and cached == fresh
    assert {name: corpus.field_json(cached, name) for name in corpus.DEFERRED} == texts
    undecoded = _letter_of(json.loads(json.dumps(_letter_json(fresh))), kept)
    assert pickle.loads(pickle.dumps(undecoded)) == fresh and copy.deepcopy(undecoded) == fresh  # sent to a worker
    assert dataclasses.replace(cached, xml="").xml == "" and dataclasses.replace(cached, xml="").views == cached.views


def test_the_corpus_text_is_a_clean_builds_whatever_its_previous_record_says(tmp_path):
    """corpus.txt is copied in part from the previous one by the record of its parts: a record
    or a corpus text changed by hand, or a record whose parts do not add up, is not used."""
    from edition.build import CORPUS_TEXT, CORPUS_TEXT_PARTS

    tei = copy_corpus(tmp_path)
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert _build(tei, out) == 0
    letters = sorted((tei / "letters").glob("*.xml"))
    record = json.loads((out / CORPUS_TEXT_PARTS).read_text(encoding="utf-8"))
    assert [stem for stem, _size in record["parts"]] and record["header"] > 0
    for step, spoil in enumerate((
            lambda: (out / CORPUS_TEXT).write_bytes((out / CORPUS_TEXT).read_bytes().replace(b"the", b"THE")),
            lambda: (out / CORPUS_TEXT_PARTS).write_text(json.dumps({**record, "header": 0}), encoding="utf-8"),
            lambda: (out / CORPUS_TEXT_PARTS).unlink())):
        _edit_word(letters[step])
        spoil()
        assert _build(tei, out) == 0
        shutil.rmtree(clean, ignore_errors=True)
        assert _build(tei, clean) == 0
        assert tree_digest(out) == tree_digest(clean), step
        record = json.loads((out / CORPUS_TEXT_PARTS).read_text(encoding="utf-8"))


def test_a_record_of_the_corpus_text_that_does_not_add_up_is_not_used(tmp_path):
    from edition.build import CORPUS_TEXT_PARTS, _earlier_parts
    from edition.incremental import Reuse

    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(tei, out, validate_first=False) == 0
    found, previous = _earlier_parts(Reuse(out, tmp_path / "stage"))
    record = json.loads((out / CORPUS_TEXT_PARTS).read_text(encoding="utf-8"))
    assert previous is not None and set(found) == {stem for stem, _size in record["parts"]}
    text = previous.read_bytes()
    for stem, (offset, size) in found.items():  # each part: a line end, then the letter's text
        assert text[offset:offset + 1 + size] == b"\n" + (out / "letters" / f"{stem}.txt").read_bytes()
    for spoilt in ({**record, "header": record["header"] + 1}, {**record, "parts": record["parts"][1:]},
                   {**record, "format": 2}, {**record, "parts": [["x", -1]]}, []):
        (out / CORPUS_TEXT_PARTS).write_text(json.dumps(spoilt), encoding="utf-8")
        assert _earlier_parts(Reuse(out, tmp_path / "stage")) == ({}, None), spoilt
