"""Hostile and broken input: a located error with a rule id, exit 1, never a traceback.

Nothing is ever resolved: no DTD is loaded, no entity expanded, no file or URL fetched.
"""
from __future__ import annotations


import pytest

from conftest import HOSTILE, overlay, run_cli
from edition import load
from edition.validate import validate

# file -> (rule, line, column)
HOSTILE_FILES = {
    "malformed.xml": ("xml-wellformed", 5, 14),
    "undefined-entity.xml": ("xml-wellformed", 3, 30),
    "doctype-external-entity.xml": ("xml-doctype", 3, 1),
    "doctype-external-dtd.xml": ("xml-doctype", 2, 1),
    "billion-laughs.xml": ("xml-doctype", 2, 1),
    "latin1-declared.xml": ("xml-encoding", 1, 1),
    "latin1-undeclared.xml": ("xml-encoding", 4, 9),
    "utf16.xml": ("xml-encoding", 1, 1),
    "empty.xml": ("xml-empty", 1, 1),
    "whitespace-only.xml": ("xml-empty", 1, 1),
    "not-tei-root.xml": ("tei-root", 3, 1),
    "tei-without-namespace.xml": ("tei-root", 2, 1),
}


def test_every_hostile_file_is_listed():
    assert {p.name for p in HOSTILE.glob("*.xml")} == set(HOSTILE_FILES)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_loader_refuses_with_location(name):
    rule, line, col = HOSTILE_FILES[name]
    with pytest.raises(load.LoadError) as caught:
        load.parse(HOSTILE / name)
    assert (caught.value.rule, caught.value.line, caught.value.col) == (rule, line, col)
    assert caught.value.message


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_validate_reports_one_located_problem(name):
    rule, line, col = HOSTILE_FILES[name]
    (problem,) = validate([HOSTILE / name])
    assert (problem.path.name, problem.rule, problem.line, problem.col) == (name, rule, line, col)


@pytest.mark.parametrize("name", ["doctype-external-entity.xml", "billion-laughs.xml", "malformed.xml", "utf16.xml", "empty.xml", "not-tei-root.xml"])
def test_cli_exit_1_without_traceback(name):
    rule, line, col = HOSTILE_FILES[name]
    result = run_cli("validate", str(HOSTILE / name))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{name}:{line}:{col}: error: " in result.stdout and result.stdout.rstrip().endswith(f"[{rule}]")
    assert "1 file checked, 1 error" in result.stderr


def test_external_entity_content_never_appears():
    """The XXE file points at /etc/passwd: none of its content may reach any output."""
    result = run_cli("validate", str(HOSTILE / "doctype-external-entity.xml"))
    assert "root:" not in result.stdout + result.stderr
    assert "/bin/" not in result.stdout + result.stderr


def test_hostile_register_is_not_read_through_a_pointer(corpus):
    """A register with an XXE DOCTYPE is refused, also when the Schematron follows a pointer
    into it: its entries do not resolve and nothing of /etc/passwd is read."""
    persons = corpus / "registers" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(
        text.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', 1)
        .replace("Permanent Representative of Azerbaijan to the United Nations.</note>", "&xxe;</note>"),
        encoding="utf-8",
    )
    problems = validate([corpus])
    rules = {(p.path.name, p.rule) for p in problems}
    assert ("persons.xml", "xml-doctype") in rules
    assert ("letter-2020-10-01-azerbaijan.xml", "ptr-resolves") in rules
    assert not any("root:" in p.message for p in problems)




def test_unknown_element_via_cli(corpus):
    overlay(corpus, "xsd-element")
    result = run_cli("validate", str(corpus))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[xsd-element]" in result.stdout and "<foo>" in result.stdout


def test_dangling_pointer_via_cli(corpus):
    overlay(corpus, "ptr-resolves")
    result = run_cli("validate", str(corpus))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[ptr-resolves]" in result.stdout and "pl:atlantis" in result.stdout


def test_broken_register_behind_a_pointer_does_not_stop_the_run(corpus):
    """A register that is not well-formed gets its located error, the letter's pointers into it
    do not resolve, and the run goes on (following the pointer used to end in a traceback)."""
    persons = corpus / "registers" / "persons.xml"
    persons.write_bytes(persons.read_bytes()[:-40])
    problems = validate([corpus])
    rules = {(p.path.name, p.rule) for p in problems}
    assert ("persons.xml", "xml-wellformed") in rules
    assert ("letter-2020-10-01-azerbaijan.xml", "ptr-resolves") in rules
