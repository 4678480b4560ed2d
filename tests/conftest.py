"""Shared fixtures for the validator tests.

The tests never use the real corpus (except the one test marked `corpus`): they copy the
minimal valid corpus of tests/data/valid (one letter and four small registers) into a
temporary folder and overlay one deliberately bad case from tests/data/invalid/<case>/ on
it. Each bad file marks the lines where an error is expected with a comment
`<!-- expect: RULE [RULE…] -->` at the end of the line, so the expected line numbers live
next to the mistake they belong to instead of in a table that drifts.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
HOSTILE = DATA / "hostile"
REPO = TESTS.parent

_EXPECT = re.compile(r"<!-- expect: ([\w -]+) -->")


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: checks the real corpus in tei/ (fails until every letter is encoded)")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid corpus (letters/ and registers/) in a temp folder."""
    target = tmp_path / "tei"
    shutil.copytree(VALID, target)
    return target


def overlay(corpus: Path, case: str) -> list[Path]:
    """Copy the files of tests/data/invalid/<case>/ over the corpus (witnesses included); return
    the copied XML files (the ones that carry expect markers)."""
    source = INVALID / case
    copied = []
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = corpus / file.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, destination)
        if file.suffix == ".xml":
            copied.append(destination)
    return copied


def expected_problems(files: list[Path]) -> Counter:
    """(file name, line, rule) for every `<!-- expect: … -->` marker, counted."""
    expected: Counter = Counter()
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            for found in _EXPECT.finditer(line):
                for rule in found.group(1).split():
                    expected[(file.name, number, rule)] += 1
    return expected


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `edition …` as a separate process, as an editor or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "edition.cli", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


# The browser tests' fixtures (site, base_url, browser, page), registered here once for every
# tests/test_browser*.py module: see browser_support.
from browser_support import base_url, browser, page, site  # noqa: E402,F401
