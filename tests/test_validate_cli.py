"""`edition validate` on the command line: output formats, summary, exit codes, default corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import expected_problems, overlay, run_cli
from edition.report import Problem


def test_valid_corpus_exit_0_and_summary(corpus):
    result = run_cli("validate", str(corpus))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().endswith("edition validate: 6 files checked, 0 errors")


def test_text_format_relative_to_the_working_directory(corpus):
    expected = sum(expected_problems(overlay(corpus, "ptr-kind")).values())
    files = len(list(corpus.rglob("*.xml")))
    result = run_cli("validate", "tei", cwd=corpus.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("tei/letters/letter-2020-10-01-azerbaijan.xml:111:")
    assert ": error: " in first and first.endswith("]")
    # the errors the case's markers expect: those of the rule, and the coverage and witness layers'
    assert f"{files} files checked, {expected} errors" in result.stderr


def test_github_format(corpus):
    overlay(corpus, "ptr-resolves")
    result = run_cli("validate", "--format", "github", "tei", cwd=corpus.parent)
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if "title=ptr-resolves" in line]
    assert line.startswith("::error file=tei/letters/letter-2020-10-01-azerbaijan.xml,line=111,col=")
    assert ",title=ptr-resolves::The pointer " in line


def test_github_escaping():
    problem = Problem(Path("a,b:c.xml"), 3, 4, "50% done\nnext: line, more", "rule:x")
    assert problem.format_github() == "::error file=a%2Cb%3Ac.xml,line=3,col=4,title=rule%3Ax::50%25 done%0Anext: line, more"


def test_missing_path_is_a_usage_error():
    result = run_cli("validate", "no/such/file.xml")
    assert result.returncode == 2
    assert "no/such/file.xml: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_format_is_a_usage_error(corpus):
    result = run_cli("validate", "--format", "xml", str(corpus))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_output_is_deterministic(corpus):
    for case in ("todo-left", "agenda-consistent", "register-main"):
        overlay(corpus, case)
    first = run_cli("validate", str(corpus))
    second = run_cli("validate", "--jobs", "2", str(corpus))
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout != ""


def test_single_file_uses_its_corpus_registers(corpus):
    result = run_cli("validate", str(corpus / "letters" / "letter-2020-10-01-azerbaijan.xml"))
    assert result.returncode == 0, result.stdout
    assert "1 file checked, 0 errors" in result.stderr


@pytest.mark.corpus
def test_the_real_corpus_passes():
    """The edition's own letters and registers in tei/ (fails while letters are being encoded)."""
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
