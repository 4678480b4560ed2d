"""The benchmark (`edition bench`): its synthetic corpus is a valid corpus, and it reports figures.

No timing is asserted here (speed goals live in the benchmark, not in tests); these tests check
that the benchmark measures what it says: a valid corpus of exactly N letters, built for real.
Nothing assumes how many letters the edition has: the sizes are taken from the corpus.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from edition.bench import CorpusTooSmall, make_corpus
from edition.validate import validate
from test_site_support import REPO

LETTERS = len(list((REPO / "tei" / "letters").glob("letter-*.xml")))


def test_synthetic_corpus_has_n_valid_letters_with_fresh_ids(tmp_path):
    n = 2 * LETTERS + 1  # every letter, a copy of each, and one more: copies of copies' ids never clash
    letters = make_corpus(REPO / "tei", tmp_path / "tei", n)
    assert len(letters) == n
    assert len({p.stem for p in letters}) == n
    assert validate([tmp_path / "tei"], jobs=1) == []


def test_a_corpus_smaller_than_the_edition_is_refused_with_a_message(tmp_path):
    with pytest.raises(CorpusTooSmall, match=f"fewer than the {LETTERS} letters"):
        make_corpus(REPO / "tei", tmp_path / "tei", LETTERS - 1)
    result = subprocess.run([sys.executable, "-m", "edition.cli", "bench", "--letters", str(LETTERS - 1)],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"edition bench: --letters {LETTERS - 1} is fewer than the {LETTERS} letters of the edition, which every "
        f"synthetic corpus contains: give {LETTERS} or more"]


def test_bench_reports_every_figure_for_each_size(tmp_path):
    sizes = [LETTERS, LETTERS + 1]
    result = subprocess.run(
        [sys.executable, "-m", "edition.cli", "bench", "--letters", *map(str, sizes), "--jobs", "1", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("this: real edition, cold build")
    rows = [json.loads(line) for line in lines[1:]]
    assert [row["letters"] for row in rows] == sizes
    assert {row["version"] for row in rows} == {"this"}
    for row in rows:
        for key in ("validate_letters_per_s", "build_letters_per_s", "end_to_end_letters_per_s", "peak_memory_mib",
                    "rebuild_nothing_changed_s", "rebuild_one_word_s"):
            assert row[key] > 0, key


def _bench_steps(*extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "edition.cli", "bench", "--steps", *extra],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )


def test_bench_steps_times_every_step_and_the_total_is_their_sum():
    from edition.bench_steps import FIGURES, REFERENCES, SUMMED

    result = _bench_steps(str(LETTERS), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    figures = report["ms_per_letter"]
    assert report["letters"] == LETTERS
    assert sorted(figures) == sorted(key for key, _ in FIGURES + REFERENCES)
    # every step is measured on its own, so none can come out negative
    assert all(value >= 0 for value in figures.values()), figures
    # every step really ran: each costs some CPU
    for key in ("validate", "validate_xsd", "validate_schematron", "validate_coverage", "validate_witness",
                "saxon_parse", "letter_html", "letter_text", "mentions", "reference_copy", "reference_spans"):
        assert figures[key] > 0, key
    assert abs(report["total_ms"] - sum(figures[key] for key in SUMMED)) < 0.02
    assert abs(report["ceiling_letters_per_s"] - report["cores"] * 1000 / report["total_ms"]) < 0.1


def test_bench_steps_prints_a_table_with_the_ceiling():
    from edition.bench_steps import FIGURES, REFERENCES

    result = _bench_steps(str(LETTERS))
    assert result.returncode == 0, result.stderr
    for _, label in FIGURES + REFERENCES:
        assert label.strip() in result.stdout
    assert "letters/s end to end on" in result.stdout


def test_bench_steps_refuses_a_corpus_of_no_letters():
    result = _bench_steps("0")
    assert result.returncode == 2
    assert "--steps must be 1 or more" in result.stderr


def test_the_one_word_rebuild_changes_a_word_of_the_text(tmp_path):
    """The rebuild the bench times follows an edit an editor would make: a word of the text
    replaced (so the text, the search index and the contexts of mentions change), and built."""
    from edition import paths
    from edition.bench import REBUILD_WORD, _rebuild_seconds, make_corpus
    from edition.build import build

    tei = tmp_path / "tei"
    make_corpus(paths.TEI, tei, LETTERS)
    out = tmp_path / "output"
    assert build(tei, out, jobs=1, quiet=True) == 0
    nothing, edit = _rebuild_seconds(tei, out, 1)
    assert nothing > 0 and edit > 0
    letters = sorted((tei / "letters").glob("*.xml"))
    middle = letters[len(letters) // 2].stem
    assert REBUILD_WORD in (out / "letters" / f"{middle}.txt").read_text(encoding="utf-8")
    assert sum(REBUILD_WORD in (out / "letters" / f"{p.stem}.txt").read_text(encoding="utf-8") for p in letters) == 1
