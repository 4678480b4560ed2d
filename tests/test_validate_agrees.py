"""`edition validate` and the test suite never disagree on a document.

The corpus checks that once lived only in pytest (coverage of the registers, fidelity to the
witness) are layers of `edition validate`; the test suite's corpus tests run those layers on
every letter and register. This test feeds every deliberately bad document of
tests/data/invalid/ (and the valid corpus) to both sides and asserts that they agree file by
file: the suite's per-file corpus tests fail on a file exactly when `edition validate` reports
one of their rules there (that `edition validate` rejects every bad document, with the
expected rule and line, is tests/test_validate_rules.py).
"""
from __future__ import annotations

import pytest

import test_coverage
import test_fidelity
from conftest import INVALID, overlay
from edition.validate import validate

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
SUITE_RULES = test_coverage.COVERAGE_RULES | test_fidelity.WITNESS_RULES - {"witness-unique"}


def _suite_fails(path) -> bool:
    """Whether the test suite's per-file corpus tests fail on this file."""
    tests = ([test_coverage.test_every_register_entry_and_form_is_used] if path.parent.name == "registers"
             else [test_coverage.test_letter_is_covered_by_the_registers, test_fidelity.test_letter_is_faithful_to_its_witness])
    for test in tests:
        try:
            test(path)
        except AssertionError:
            return True
    return False


@pytest.mark.parametrize("case", [None, *CASES])
def test_validate_and_the_suite_agree_on_every_file(corpus, case):
    if case is not None:
        overlay(corpus, case)
    files = sorted(corpus.glob("letters/*.xml")) + sorted(corpus.glob("registers/*.xml"))
    reported = {p.path.resolve() for p in validate([corpus], jobs=1) if p.rule in SUITE_RULES}
    for path in files:
        assert _suite_fails(path) == (path.resolve() in reported), path.name

