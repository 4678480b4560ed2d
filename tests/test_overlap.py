"""edition.overlap: a small build validates in a forked child while Saxon starts; same result.

The overlap runs only in a fresh process (never once saxonche is loaded, as it is in this test
run), so each build here runs in a new Python process, which records whether the overlap was
taken. The output must be the same bytes as a build without it, and a corpus the validation
refuses (an error, a register that is a pipe) must be refused the same way, without hanging.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from edition.build import build
from test_site_support import REPO, copy_corpus, tree_digest

# Builds like `edition build --quiet`, and says on its last line whether the overlap was taken.
BUILD = """
import sys
from pathlib import Path
from edition import overlap
taken = []
original = overlap.validate_while_warming
def recorded(*args):
    taken.append(True)
    return original(*args)
overlap.validate_while_warming = recorded
from edition.build import build
status = build(Path(sys.argv[1]), Path(sys.argv[2]), quiet=True)
print("overlap" if taken else "no overlap")
sys.exit(status)
"""


def _build_in_new_process(tei: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BUILD, str(tei), str(out)], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_the_overlap_gives_the_same_bytes(tmp_path):
    tei = copy_corpus(tmp_path)
    result = _build_in_new_process(tei, tmp_path / "overlapped")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["overlap"]
    # this process has saxonche loaded: no overlap here, validation then build
    assert build(tei, tmp_path / "sequential", quiet=True) == 0
    assert tree_digest(tmp_path / "overlapped") == tree_digest(tmp_path / "sequential")


def test_an_invalid_corpus_is_refused_through_the_overlap(tmp_path):
    tei = copy_corpus(tmp_path)
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    letter.write_text(letter.read_text(encoding="utf-8").replace("</body>", "<unknownElement/></body>", 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    result = _build_in_new_process(tei, out)
    assert result.returncode == 1
    assert result.stdout.split() == ["overlap"]
    assert f"{letter}:" in result.stderr and "[xsd-element]" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_register_that_is_a_pipe_is_refused_not_waited_for(tmp_path):
    tei = copy_corpus(tmp_path)
    register = sorted((tei / "registers").glob("*.xml"))[0]
    register.unlink()
    os.mkfifo(register)  # Saxon would wait for a writer forever: the warm-up must not open it
    result = _build_in_new_process(tei, tmp_path / "out")  # the timeout fails the test if it hangs
    assert result.returncode == 1
    assert result.stdout.split() == ["overlap"]
    assert f"{register}:" in result.stderr and "Traceback" not in result.stderr
