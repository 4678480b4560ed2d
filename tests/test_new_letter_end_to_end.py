"""A new letter, end to end, as an editor adds it following CONTRIBUTING.md.

In a temporary copy of the repository (its tracked files: no output/, no venv), with the
commands an editor types, run inside the copy (the tools find the repository from the current
directory, like git): `edition new` with the witness -> fill in a short body naming entities ->
`edition validate` -> the golden refresh -> the tests a new letter concerns -> `edition build`;
then the letter is in the index, has its page and its text edition, is in the CMIF file and in
the back-links of the registers. The first letter names only entities already in the registers
and touches no file but the letter, its witness (and checksum) and its golden files; the second
names a new place and adds its one register entry.

Nothing here assumes how many letters the edition has, nor which.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_site_support import REPO

TITLE = ("Letter dated 15 March 2021 from the Permanent Representative of Armenia to the United Nations "
         "addressed to the Secretary-General")
LETTER_ID = "letter-2021-03-15-armenia"
# Encoded by the editor in place of the scaffold's placeholders (the text names existing entries).
FILLING = {
    "{EDITORIAL_NOTE}": "Test letter of the end-to-end test; its UN document symbol is not known.",
    "{SOURCE_STATE}": "Markdown transcription written for the end-to-end test.",
    "{TEXT}": 'Since <date when="2020-09-27">27 September 2020</date>, <placeName ref="pl:azerbaijan">Azerbaijan</placeName>'
              ' has not respected the ceasefire in <placeName ref="pl:nagorno-karabakh">Artsakh</placeName>.',
}
WITNESS = """# General Assembly Security Council

## Letter dated 15 March 2021 from the Permanent Representative of Armenia to the United Nations addressed to the Secretary-General

Since 27 September 2020, Azerbaijan has not respected the ceasefire
in Artsakh.

*(Signed)* Mher **Margaryan**
Ambassador
Permanent Representative
"""
# The whole suite runs in the copy, except this file (it would run itself again) and the browser
# tests: they drive a second Chromium beside the one the outer run keeps open, and what they check
# (links, layout, keyboard) is the stylesheets', which the outer run checks on the same pages.
SUITE = ["tests", f"--ignore=tests/{Path(__file__).name}", "-m", "not browser"]


def _tracked_copy(target: Path) -> Path:
    """The repository's tracked files (as a fresh clone has them), copied to `target`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the tracked files")
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _run(copy: Path, *command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(list(command), cwd=copy, capture_output=True, text=True, timeout=900,
                            env={**os.environ, **(env or {})})
    return result


def _edition(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(copy, sys.executable, "-m", "edition.cli", *args)


def _changed_files(copy: Path) -> set[str]:
    """Files of the copy that differ from the repository or are new (output/ aside)."""
    changed = set()
    for path in copy.rglob("*"):
        relative = path.relative_to(copy).as_posix()
        if not path.is_file() or relative.startswith(("output/", ".pytest_cache/")) or "__pycache__" in relative:
            continue
        original = REPO / relative
        if not original.is_file() or original.read_bytes() != path.read_bytes():
            changed.add(relative)
    return changed


def _add_letter(copy: Path, sources: Path, filling: dict[str, str], witness: str) -> Path:
    """`edition new` with the witness, then the editor's filling; returns the letter."""
    sources.mkdir(parents=True, exist_ok=True)
    witness_file = sources / "005_e2e0000000000000.txt"
    witness_file.write_text(witness, encoding="utf-8")
    created = _edition(copy, "new", "--date", "2021-03-15", "--sender", "armenia", "--title", TITLE,
                       "--signatory", "margaryan-mher", "--session", "75", "--distribution-date", "2021-03-16",
                       "--source-file", str(witness_file))
    assert created.returncode == 0, created.stdout + created.stderr
    assert f"created tei/letters/{LETTER_ID}.xml" in created.stdout
    letter = copy / "tei" / "letters" / f"{LETTER_ID}.xml"
    text = letter.read_text(encoding="utf-8")
    # the session's agenda items are not the test's business: the letter gives none
    text = "\n".join(line for line in text.splitlines() if 'unit="agendaItem"' not in line) + "\n"
    for placeholder, value in filling.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value)
    letter.write_text(text, encoding="utf-8")
    return letter


def _assert_published(copy: Path, out: Path, register_pages: list[str]) -> None:
    """The letter is in the index, has its page and text, is in the CMIF file and the back-links."""
    page = f"letters/{LETTER_ID}.html"
    assert (out / page).is_file() and (out / f"letters/{LETTER_ID}.txt").is_file()
    assert "15 March 2021" in (out / f"letters/{LETTER_ID}.txt").read_text(encoding="utf-8")
    assert page in (out / "index.html").read_text(encoding="utf-8")
    assert LETTER_ID in (out / "downloads" / "cmif.xml").read_text(encoding="utf-8")
    for register in register_pages:  # the back-links are on the register's entry pages
        kind = register[:-len(".html")]
        entry_pages = "".join(p.read_text(encoding="utf-8") for p in sorted((out / "registers" / kind).glob("*.html")))
        assert f"../../{page}" in entry_pages, register


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return _tracked_copy(tmp_path / "repo")


def test_a_letter_naming_existing_entities_goes_through(copy, tmp_path):
    letter = _add_letter(copy, tmp_path / "sources", FILLING, WITNESS)

    validated = _edition(copy, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert validated.stdout == ""

    golden = _run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_golden.py",
                  env={"UPDATE_GOLDEN": "1"})
    assert golden.returncode == 0, golden.stdout + golden.stderr
    # only the letter, its witness with its checksum, and golden files (its own, and its neighbours'
    # pages, whose previous/next links now lead to it): no register, nothing else
    changed = _changed_files(copy)
    assert {p for p in changed if not p.startswith("tests/golden/")} == {
        f"tei/letters/{LETTER_ID}.xml", "tei/witnesses/005_e2e0000000000000.txt", "tei/witnesses/SHA256SUMS"}
    assert {f"tests/golden/letters/{LETTER_ID}.html", f"tests/golden/letters/{LETTER_ID}.txt"} <= changed

    tests = _run(copy, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *SUITE)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert LETTER_ID in _run(copy, sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "tests/test_fidelity.py").stdout, "the per-letter tests must include the new letter"

    out = copy / "output"
    built = _edition(copy, "build", "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    _assert_published(copy, out, ["places.html", "persons.html", "organisations.html"])
    assert letter.is_file()


NEW_PLACE = """   <place xml:id="pl-exampleville">
    <placeName type="main">Exampleville</placeName>
    <placeName type="variant">Exampleville</placeName>
    <note type="identification">Test entry of the end-to-end test (no such place).</note>
   </place>
"""


def test_a_letter_naming_a_new_place_adds_its_one_register_entry(copy, tmp_path):
    filling = {**FILLING, "{TEXT}": FILLING["{TEXT}"].replace(
        "ceasefire in", 'ceasefire near <placeName ref="pl:exampleville">Exampleville</placeName> and in')}
    _add_letter(copy, tmp_path / "sources", filling, WITNESS.replace("ceasefire\nin", "ceasefire\nnear Exampleville and in"))

    refused = _edition(copy, "validate")
    assert refused.returncode == 1 and "[ptr-resolves]" in refused.stdout, refused.stdout
    places = copy / "tei" / "registers" / "places.xml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("  </listPlace>", NEW_PLACE + "  </listPlace>", 1), encoding="utf-8")

    validated = _edition(copy, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    golden = _run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_golden.py",
                  env={"UPDATE_GOLDEN": "1"})
    assert golden.returncode == 0, golden.stdout + golden.stderr
    assert "tei/registers/places.xml" in _changed_files(copy)

    out = copy / "output"
    built = _edition(copy, "build", "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    _assert_published(copy, out, ["places.html", "persons.html"])
    places_page = (out / "registers" / "places.html").read_text(encoding="utf-8")
    entry_page = (out / "registers" / "places" / "pl-exampleville.html").read_text(encoding="utf-8")
    assert 'id="pl-exampleville"' in places_page and "“Exampleville”" in entry_page
