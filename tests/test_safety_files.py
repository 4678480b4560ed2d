"""What is read, what validate accepts and the build builds, and what leaves the edition.

- The file policy (edition.load.read_bytes): only regular files whose real path lies inside
  the corpus folder, size-capped; pipes, devices, folders named *.xml, links out of the corpus,
  unreadable folders are located errors, never a hang or a silent skip; no TEI file is an error.
  A named pipe stands for "anything read": reading it would hang, so a test that passes read
  nothing there (the subprocess timeout turns a hang into a failure).
- What validate accepts the build builds: a paragraph of a megabyte; the build parser's limits
  (edition.load.check_limits) are refused by validate, located, and what stays under them builds.
- Pointers and processing instructions that leave the edition.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from edition import load
from edition.build import build
from edition.validate import validate
from test_site_support import tree_digest

LETTER = "letter-2020-10-01-azerbaijan.xml"
EDITION = [sys.executable, "-m", "edition.cli"]


def _validate_cli(*args: str) -> subprocess.CompletedProcess:
    result = run_cli("validate", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if line]


def _edit_letter(corpus: Path, change) -> Path:
    letter = corpus / "letters" / LETTER
    letter.write_text(change(letter.read_text(encoding="utf-8")), encoding="utf-8")
    return letter


def _in_first_paragraph(text: str, addition: str) -> str:
    end = text.index("</p>", text.index("<body>"))
    return text[:end] + addition + text[end:]


def _supplied_in_first_paragraph(text: str, words: str) -> str:
    """Words added to the letter's first paragraph as supplied by the editors: the text is held to
    its witness, which does not have them (supplied words are an encoded difference)."""
    return _in_first_paragraph(text, f' <supplied reason="lost">{words}</supplied>')


# ---------------------------------------------------------------- 3. files that are not regular files

def test_named_pipe_is_refused_without_reading_it(corpus):
    regular = len(list(corpus.rglob("*.xml")))
    os.mkfifo(corpus / "letters" / "pipe.xml")
    result = _validate_cli(str(corpus))
    assert result.returncode == 1
    assert re.search(r"letters/pipe\.xml:1:1: error: this is a named pipe, not a regular file: .*\[file-not-regular\]$",
                     result.stdout, re.M), result.stdout
    assert f"{regular + 1} files checked, 1 error" in result.stderr


def test_link_to_a_device_is_refused(corpus):
    (corpus / "letters" / "zero.xml").symlink_to("/dev/zero")
    (problem,) = validate([corpus])
    assert (problem.path.name, problem.line, problem.col, problem.rule) == ("zero.xml", 1, 1, "file-outside-corpus")
    assert "/dev/zero" in problem.message and "copy the file into the corpus" in problem.message


def test_link_to_a_letter_outside_the_corpus_is_neither_validated_nor_published(corpus, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    stray = outside / "letter-2020-10-02-azerbaijan.xml"
    stray.write_text((corpus / "letters" / LETTER).read_text(encoding="utf-8").replace(
        "letter-2020-10-01-azerbaijan", "letter-2020-10-02-azerbaijan"), encoding="utf-8")
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True) == 0
    previous = tree_digest(out)
    (corpus / "letters" / stray.name).symlink_to(stray)
    result = _validate_cli(str(corpus))
    assert result.returncode == 1
    assert _problem_lines(result) == [
        f"{corpus / 'letters' / stray.name}:1:1: error: the file is a link to {stray}, outside the corpus folder "
        f"{corpus}: only files inside the corpus are read; copy the file into the corpus instead of linking it "
        "[file-outside-corpus]"]
    built = subprocess.run(EDITION + ["build", "--tei", str(corpus), "--out", str(out), "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 1 and "[file-outside-corpus]" in built.stderr and "Traceback" not in built.stderr
    assert tree_digest(out) == previous, "the previous output is intact"
    assert stray.stem not in (out / "index.html").read_text(encoding="utf-8")


def test_a_link_to_a_pipe_outside_is_never_opened(corpus, tmp_path):
    pipe = tmp_path / "outside.fifo"
    os.mkfifo(pipe)
    (corpus / "registers" / "more.xml").symlink_to(pipe)
    result = _validate_cli(str(corpus / "registers" / "more.xml"))
    assert result.returncode == 1 and result.stdout.rstrip().endswith("[file-outside-corpus]")


def test_a_link_inside_the_corpus_is_read(corpus):
    """The policy is about where the real file is: a link from one corpus file to another is fine."""
    (corpus / "letters" / "copy").mkdir()
    link = corpus / "letters" / "copy" / LETTER
    link.symlink_to(corpus / "letters" / LETTER)
    assert load.read_bytes(link) == (corpus / "letters" / LETTER).read_bytes()


def test_folder_named_xml_is_reported_not_dropped(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True) == 0
    previous = tree_digest(out)
    (corpus / "letters" / "letter-2099-01-01-armenia.xml").mkdir()
    (problem,) = validate([corpus])
    assert (problem.path.name, problem.line, problem.col, problem.rule) == (
        "letter-2099-01-01-armenia.xml", 1, 1, "file-not-regular")
    assert problem.message.startswith("this is a folder (or a link to one), not a TEI file")
    capsys.readouterr()
    assert build(corpus, out, quiet=True) == 1
    err = capsys.readouterr().err
    assert "[file-not-regular]" in err and "was not built" in err and "Traceback" not in err
    assert tree_digest(out) == previous, "the previous output is intact"


def test_unreadable_folder_is_reported_not_skipped(corpus, monkeypatch):
    """Simulated (the tests may run as root, who can read any folder): listing it fails."""
    hidden = corpus / "letters" / "drafts"
    hidden.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = validate([corpus])
    assert [(p.path, p.rule) for p in problems] == [(hidden, "folder-unreadable")]
    assert "make it readable" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_for_real(corpus):
    hidden = corpus / "letters" / "drafts"
    hidden.mkdir()
    (hidden / "x.xml").write_text("<TEI/>", encoding="utf-8")
    hidden.chmod(0)
    try:
        result = _validate_cli(str(corpus))
    finally:
        hidden.chmod(0o755)
    assert result.returncode == 1 and result.stdout.rstrip().endswith("[folder-unreadable]")


def test_oversized_file_is_refused_before_reading(corpus):
    huge = corpus / "letters" / "letter-2099-01-01-armenia.xml"
    with open(huge, "wb") as file:
        file.truncate(load.MAX_BYTES + 1)  # sparse: costs no disk
    (problem,) = validate([corpus])
    assert (problem.path.name, problem.rule) == (huge.name, "file-too-large")
    assert "larger than 16 MiB" in problem.message


def test_dangling_link_is_reported(corpus):
    (corpus / "letters" / "gone.xml").symlink_to(corpus / "letters" / "missing.xml")
    result = _validate_cli(str(corpus / "letters" / "gone.xml"))
    assert result.returncode == 1 and result.stdout.rstrip().endswith("[file-read]")


def test_no_tei_file_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    (empty / "letters").mkdir(parents=True)
    result = _validate_cli(str(empty))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"edition validate: no TEI file (*.xml) found in {empty}: give the corpus folder (tei/) or TEI files"]
    built = subprocess.run(EDITION + ["build", "--tei", str(empty), "--out", str(tmp_path / "out"), "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 1 and "no TEI file" in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- 4. what validate accepts, the build builds

def test_a_paragraph_of_a_megabyte_validates_and_builds(corpus, tmp_path):
    words = " ".join(f"word{n}" for n in range(150_000))
    _edit_letter(corpus, lambda text: _supplied_in_first_paragraph(text, words))
    assert validate([corpus]) == []
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True) == 0
    text = (out / "letters" / LETTER.replace(".xml", ".txt")).read_text(encoding="utf-8")
    assert "word149999" in text
    wrapped = [line for line in text.splitlines() if re.search(r"\bword\d+\b", line)]
    assert len(wrapped) > 15_000 and max(len(line) for line in wrapped) <= 72


@pytest.mark.parametrize("count, accepted", [(load.MAX_ENTITY_REFERENCES, True), (load.MAX_ENTITY_REFERENCES + 1, False)])
def test_entity_references_both_accept_or_validate_refuses(corpus, tmp_path, capsys, count, accepted):
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True) == 0
    previous = tree_digest(out)
    letter = _edit_letter(corpus, lambda text: _supplied_in_first_paragraph(text, "&amp;" * count))
    problems = validate([corpus])
    if accepted:
        assert problems == []
        assert build(corpus, out, jobs=1, quiet=True) == 0
        return
    (problem,) = problems
    line = next(n for n, text in enumerate(letter.read_text(encoding="utf-8").splitlines(), 1) if "&amp;&amp;" in text)
    first = letter.read_text(encoding="utf-8").splitlines()[line - 1].index("&amp;")
    assert (problem.rule, problem.line, problem.col) == ("xml-limit", line, first + 1 + 5 * load.MAX_ENTITY_REFERENCES)
    assert "more than 100,000 references such as &amp;" in problem.message
    capsys.readouterr()
    assert build(corpus, out, jobs=1, quiet=True) == 1
    assert "[xml-limit]" in capsys.readouterr().err
    assert tree_digest(out) == previous, "the previous output is intact"


@pytest.mark.parametrize("case", ["depth", "name", "attributes"])
def test_parser_limits_are_refused_located(corpus, case):
    if case == "depth":
        addition = "<hi>" * 96 + "x" + "</hi>" * 96  # the innermost hi is at depth 101
    elif case == "name":
        addition = f'<?{"a" * (load.MAX_NAME + 1)} x?>'
    else:
        addition = '<hi xmlns:q="urn:q" ' + " ".join(f'q:a{n}="x"' for n in range(load.MAX_ATTRIBUTES)) + ">x</hi>"
    letter = _edit_letter(corpus, lambda text: _in_first_paragraph(text, addition))
    (problem,) = validate([corpus])
    source = letter.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source, 1) if addition in text)
    column = source[line - 1].index(addition) + 1 + (95 * 4 if case == "depth" else 0)
    assert (problem.rule, problem.line, problem.col) == ("xml-limit", line, column), problem
    assert "more than the build's parser takes" in problem.message


def test_under_the_limits_the_build_parser_accepts(corpus, tmp_path):
    """One below each limit: validate accepts, so the build must too."""
    addition = ("<hi>" * 95 + "x" + "</hi>" * 95 + f'<?{"a" * load.MAX_NAME} x?>'
                + '<hi xmlns:q="urn:q" ' + " ".join(f'q:a{n}="x"' for n in range(load.MAX_ATTRIBUTES - 1)) + ">x</hi>")
    _edit_letter(corpus, lambda text: _in_first_paragraph(text, addition))
    assert [p.rule for p in validate([corpus]) if p.rule == "xml-limit"] == []
    from edition.transform import Saxon
    from edition import paths

    Saxon(paths.XSLT).parse_file(corpus / "letters" / LETTER)  # raises TransformError if refused


# ---------------------------------------------------------------- 5. pointers and processing instructions

@pytest.mark.parametrize("pattern", ["{outside}#pers-$1", "http://127.0.0.1:9/persons.xml#pers-$1",
                                     "../../elsewhere/persons.xml#pers-$1"])
def test_replacement_pattern_leaving_the_edition(corpus, tmp_path, pattern):
    """The schema refuses it, located; nothing reads the target (a pipe: no hang): pointers expand
    by the model (edition.model.expand), never by the file's declaration, so they still resolve."""
    (tmp_path / "elsewhere").mkdir()
    os.mkfifo(tmp_path / "elsewhere" / "persons.xml")
    outside = tmp_path / "outside.fifo"
    os.mkfifo(outside)
    value = pattern.format(outside=outside)
    letter = _edit_letter(corpus, lambda text: text.replace(
        'replacementPattern="../registers/persons.xml#pers-$1"', f'replacementPattern="{value}"'))
    result = _validate_cli(str(corpus))
    assert result.returncode == 1
    line = next(n for n, text in enumerate(letter.read_text(encoding="utf-8").splitlines(), 1) if value in text)
    assert f"{LETTER}:{line}:" in result.stdout and f'replacementPattern="{value}" is not allowed' in result.stdout
    assert "[xsd-value]" in result.stdout and "[ptr-resolves]" not in result.stdout


def test_foreign_processing_instructions_are_not_published(corpus, tmp_path):
    stylesheet = '<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>'
    letter = _edit_letter(corpus, lambda text: text.replace("<TEI ", stylesheet + "\n<TEI ", 1))
    _edit_letter(corpus, lambda text: _in_first_paragraph(text, "<?php echo 1; ?>"))
    persons = corpus / "registers" / "persons.xml"
    persons.write_text(persons.read_text(encoding="utf-8").replace("<TEI ", stylesheet + "\n<TEI ", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True) == 0
    with zipfile.ZipFile(out / "downloads" / "tei-corpus.zip") as archive:
        published = {
            "letter": (out / "letters" / LETTER).read_text(encoding="utf-8"),
            "register": (out / "registers" / "persons.xml").read_text(encoding="utf-8"),
            "zipped letter": archive.read(f"tei/letters/{LETTER}").decode("utf-8"),
            "zipped register": archive.read("tei/registers/persons.xml").decode("utf-8"),
        }
    for name, text in published.items():
        assert "xml-stylesheet" not in text and "<?php" not in text, name
        assert "<?xml-model" in text, f"{name}: the schema links are kept"
    source = letter.read_text(encoding="utf-8")
    expected = source.replace("\n" + stylesheet, "").replace("<?php echo 1; ?>", "")
    assert published["letter"] == expected, "nothing else of the letter changes"


def test_the_build_without_validation_still_refuses_a_pipe(corpus, tmp_path, capsys):
    """The benchmark builds without validating first: a pipe named *.xml must not hang Saxon."""
    os.mkfifo(corpus / "letters" / "letter-2099-01-01-armenia.xml")
    out = tmp_path / "out"
    assert build(corpus, out, jobs=1, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert "letter-2099-01-01-armenia.xml:1:1: this is a named pipe" in err and "[file-not-regular]" in err
    assert not out.exists()
