"""The benchmark (`edition bench`): its synthetic corpus is a valid corpus, and it reports figures.

No timing is asserted here (speed goals live in the benchmark, not in tests); these tests check
that the benchmark measures what it says: a valid corpus of exactly N letters, built for real.
"""
from __future__ import annotations

import json
import subprocess
import sys

from edition.bench import make_corpus
from edition.validate import validate
from test_site_support import REPO


def test_synthetic_corpus_has_n_valid_letters_with_fresh_ids(tmp_path):
    letters = make_corpus(REPO / "tei", tmp_path / "tei", 12)
    assert len(letters) == 12
    assert len({p.stem for p in letters}) == 12
    assert validate([tmp_path / "tei"], jobs=1) == []


def test_bench_reports_every_figure_for_each_size(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "edition.cli", "bench", "--letters", "6", "11", "--jobs", "1", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("real edition, cold build")
    rows = [json.loads(line) for line in lines[1:]]
    assert [row["letters"] for row in rows] == [6, 11]
    for row in rows:
        for key in ("validate_letters_per_s", "build_letters_per_s", "end_to_end_letters_per_s", "peak_memory_mib"):
            assert row[key] > 0, key
