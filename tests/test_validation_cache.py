"""Validation keyed on the file (edition.validation_cache): a build that reuses the validation
results of its previous output reports exactly what a full validation reports, and reuses a
result only while the file and everything it was judged on are unchanged.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from edition import paths
from edition.build import build
from edition.incremental import MANIFEST
from edition.validate import expand_paths, validate
from edition.validation_cache import CACHE_DIR, ValidationCache, dumps, loads, relative_name, validate_keyed
from test_site_support import copy_corpus, tree_digest

LETTER = "letter-2021-01-12-armenia.xml"


def _files(tei: Path) -> list[Path]:
    return paths.corpus_files(tei)


def _reused(tei: Path, out: Path) -> int:
    """How many files the next build would not validate again."""
    cache = ValidationCache(tei, out)
    reused, todo = cache.lookup(_files(tei))
    assert len(reused) + len(todo) == len(_files(tei))
    return len(reused)


def _full_report(tei: Path) -> list[str]:
    """What `edition validate` (a full validation, no cache) reports on the corpus."""
    return [p.format_text() for p in validate(_files(tei), jobs=1)]


def _refused_report(tei: Path, out: Path, capsys) -> list[str]:
    """The problems a build prints when it refuses the corpus."""
    capsys.readouterr()
    assert build(tei, out, jobs=1, quiet=True) == 1
    err = capsys.readouterr().err.splitlines()
    return [line for line in err if re.search(r":\d+:\d+: error: ", line)]


def _sic_corr(letter: Path) -> None:
    """A one-word edit that keeps the letter valid (an encoded correction of a word, as the
    benchmark's edit)."""
    text = letter.read_text(encoding="utf-8")
    word = re.compile(r"(?<= )the(?= )").search(text, text.index("<p>", text.index("<body")))
    letter.write_text(text[:word.start()] + '<choice><sic>the</sic><corr cert="high">the</corr></choice>'
                      + text[word.end():], encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True) == 0
    return tei, out


def _rebuild_equals_clean_build(tei, out, tmp_path) -> None:
    """Build again into `out` (reusing what it holds) and into a new folder: the same bytes."""
    assert build(tei, out, jobs=1, quiet=True) == 0
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True) == 0
    assert tree_digest(out) == tree_digest(clean)


def test_a_rebuild_with_nothing_changed_reuses_every_result_and_writes_the_same_bytes(built, tmp_path):
    tei, out = built
    assert _reused(tei, out) == len(_files(tei))
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["validation"]) == sorted(relative_name(f, tei) for f in _files(tei))
    _rebuild_equals_clean_build(tei, out, tmp_path)


def test_an_edited_letter_is_validated_again_and_the_output_equals_a_clean_build(built, tmp_path):
    tei, out = built
    _sic_corr(tei / "letters" / LETTER)
    cache = ValidationCache(tei, out)
    reused, todo = cache.lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]
    _rebuild_equals_clean_build(tei, out, tmp_path)
    assert "<sic>the</sic>" in (out / "letters" / LETTER).read_text(encoding="utf-8")


def test_a_letter_made_invalid_after_a_build_is_refused_with_the_full_validation_report(built, capsys):
    tei, out = built
    letter = tei / "letters" / LETTER
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace('<date when="2021-01-12">', '<date when="2021-13-12">', 1), encoding="utf-8")
    before = tree_digest(out)
    report = _refused_report(tei, out, capsys)
    assert report and report == _full_report(tei)
    assert any(LETTER in line for line in report)
    assert tree_digest(out) == before  # nothing written


def test_cross_file_checks_see_the_facts_of_reused_files(built, capsys):
    """An xml:id of an unchanged (reused) letter used again in an edited one is still found."""
    tei, out = built
    other = tei / "letters" / "letter-2020-10-01-azerbaijan.xml"
    letter = tei / "letters" / LETTER
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace('xml:id="letter-2021-01-12-armenia-note-annex"',
                                   'xml:id="letter-2020-10-01-azerbaijan-note-sg"', 1), encoding="utf-8")
    assert _reused(tei, out) == len(_files(tei)) - 1
    report = _refused_report(tei, out, capsys)
    assert report == _full_report(tei)
    assert any("[xml-id-unique]" in line and other.name in line for line in report)


def test_a_register_change_invalidates_every_result(built, capsys):
    tei, out = built
    register = tei / "registers" / "places.xml"
    register.write_text(register.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    assert _reused(tei, out) == 0
    # and a register change that makes a letter wrong is reported in the (unchanged) letter
    register.write_text(register.read_text(encoding="utf-8").replace('xml:id="pl-mingachevir"',
                                                                     'xml:id="pl-mingachevir-renamed"'),
                        encoding="utf-8")
    report = _refused_report(tei, out, capsys)
    assert report == _full_report(tei)
    assert any("/letters/" in line and "[ptr-resolves]" in line for line in report)


def test_a_schema_change_invalidates_every_result(built, tmp_path, monkeypatch):
    tei, out = built
    schema = tmp_path / "schema"
    schema.mkdir()
    for file in paths.SCHEMA.iterdir():
        if file.is_file():
            (schema / file.name).write_bytes(file.read_bytes())
    monkeypatch.setattr(paths, "SCHEMA", schema)
    assert _reused(tei, out) == len(_files(tei))  # the same bytes: the same key
    xsd = schema / "edition.xsd"
    xsd.write_text(xsd.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    assert _reused(tei, out) == 0


def test_a_changed_witness_invalidates_its_letter_only(built):
    tei, out = built
    sums = (tei / "witnesses" / "SHA256SUMS").read_text(encoding="utf-8")
    name = json.loads((out / CACHE_DIR / "letters" / f"{LETTER}.json").read_text(encoding="utf-8").split("\n")[0])["facts"]["witness"][0]
    assert name in sums
    witness = tei / "witnesses" / name
    witness.write_bytes(witness.read_bytes() + b"\n")
    cache = ValidationCache(tei, out)
    _reused_files, todo = cache.lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]


@pytest.mark.parametrize("damage", [
    b"{not json",
    b'{"format": 1}',
    b"[]",
    b'{"format": 999, "file": "letters/x.xml", "key": "0", "problems": [], "facts": null, "letter": null}',
])
def test_a_damaged_cache_file_is_ignored(built, tmp_path, damage):
    tei, out = built
    cached = out / CACHE_DIR / "letters" / f"{LETTER}.json"
    cached.write_bytes(damage)
    cache = ValidationCache(tei, out)
    _reused_files, todo = cache.lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]
    _rebuild_equals_clean_build(tei, out, tmp_path)


@pytest.mark.parametrize("damage", ["deferred line missing", "deferred line not JSON", "line added"])
def test_a_cache_file_whose_deferred_lines_are_damaged_is_ignored(built, tmp_path, damage):
    """A letter's summary keeps its claims and views on the lines after the JSON (read as text,
    decoded when a build reads them): a file without them, or with a line that cannot be such
    JSON, or with more lines, is not a cache file of this format."""
    tei, out = built
    cached = out / CACHE_DIR / "letters" / f"{LETTER}.json"
    lines = cached.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 4 and lines[-1] == "" and lines[1][:1] == "[" and lines[2][:1] == "{"
    changed = {"deferred line missing": lines[:2] + [""], "deferred line not JSON": [lines[0], "claims", lines[2], ""],
               "line added": lines[:3] + ["[]", ""]}[damage]
    cached.write_text("\n".join(changed), encoding="utf-8")
    _reused_files, todo = ValidationCache(tei, out).lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]
    _rebuild_equals_clean_build(tei, out, tmp_path)


def test_a_cache_file_whose_key_the_manifest_does_not_record_is_ignored(built):
    tei, out = built
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["validation"][f"letters/{LETTER}"] = "0" * 64
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _reused_files, todo = ValidationCache(tei, out).lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]


def test_a_cached_result_is_the_result_of_a_full_validation(tmp_path):
    """The JSON form keeps everything: problems (here a file-id problem), facts, summary."""
    tei = copy_corpus(tmp_path)
    letter = tei / "letters" / LETTER
    letter.write_text(letter.read_text(encoding="utf-8").replace('xml:id="letter-2021-01-12-armenia"',
                                                                'xml:id="letter-2021-01-12-other"', 1),
                      encoding="utf-8")
    context = ValidationCache(tei, None).context
    for path in expand_paths([tei]):
        result = validate_keyed(path, True, str(tei.resolve()), context)
        relative = relative_name(path, tei)
        data = dumps(result, relative, path, tei.resolve())
        again = loads(data, relative, path, tei.resolve())
        assert again == result, path.name
        assert dumps(again, relative, path, tei.resolve()) == data
        assert loads(data, "letters/another.xml", path, tei.resolve()) is None
    assert any(p.rule == "file-id" for p in validate_keyed(letter, True, str(tei.resolve()), context).problems)


def test_a_cached_summary_of_another_shape_is_ignored(built):
    """A summary with a field LetterSummary does not have (or without one it has) is another
    version's: the letter is validated again."""
    tei, out = built
    cached = out / CACHE_DIR / "letters" / f"{LETTER}.json"
    first, deferred = cached.read_text(encoding="utf-8").split("\n", 1)  # the summary's claims and views follow
    value = json.loads(first)
    value["letter"]["added_by_another_version"] = []
    cached.write_text(json.dumps(value) + "\n" + deferred, encoding="utf-8")
    _reused_files, todo = ValidationCache(tei, out).lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]


def _record(tei: Path, out: Path) -> dict:
    """The files of the record of the inputs a build takes now (edition.fingerprint)."""
    from edition import fingerprint

    previous = fingerprint.read_record(out, fingerprint.INPUTS)
    return fingerprint.current_inputs(tei, True, *previous)[0]["files"]


def test_with_the_record_of_the_inputs_no_reused_file_is_read(built, monkeypatch):
    """The build gives the cache the digests of its record of the inputs: an edited letter is
    validated again, and no other file (nor its witness) is read to learn that it did not change."""
    from edition import load, validation_cache

    tei, out = built
    _sic_corr(tei / "letters" / LETTER)
    record = _record(tei, out)

    def read(*_args, **_kwargs):
        raise AssertionError("a file whose digest the record holds was read")

    cache = ValidationCache(tei, out, digests=record)  # (its context key reads the registers and schema)
    monkeypatch.setattr(load, "read_bytes", read)
    monkeypatch.setattr(validation_cache.Path, "read_bytes", read)
    reused, todo = cache.lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]
    assert len(reused) == len(_files(tei)) - 1


def test_with_the_record_of_the_inputs_a_changed_witness_invalidates_its_letter(built):
    tei, out = built
    name = json.loads((out / CACHE_DIR / "letters" / f"{LETTER}.json").read_text(encoding="utf-8").split("\n")[0])["facts"]["witness"][0]
    witness = tei / "witnesses" / name
    witness.write_bytes(witness.read_bytes() + b"\n")
    _reused_files, todo = ValidationCache(tei, out, digests=_record(tei, out)).lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]


def test_a_record_that_lacks_a_file_means_the_file_is_read(built):
    tei, out = built
    _sic_corr(tei / "letters" / LETTER)
    record = {name: value for name, value in _record(tei, out).items() if not name.endswith(LETTER)}
    _reused_files, todo = ValidationCache(tei, out, digests=record).lookup(_files(tei))
    assert todo == [tei / "letters" / LETTER]
