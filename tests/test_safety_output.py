"""The build never destroys what it did not make, and a killed build never leaves no output.

`--out` may only name a new or empty folder or one the build made itself (it holds the
marker file); everything else is refused with one line and exit status 2, and left as it was.
Tests that point the build at the real repository run it in a subprocess whose staging and
swap functions are replaced by an exit, so that a regression can never touch the worktree.

The swap is killed (SIGKILL) at named steps (edition.write.checkpoint) in a subprocess; the
output must then be the old or the new complete site, and the next build removes any leftover.
"""
from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition import write
from edition.build import build
from test_site_support import REPO, copy_corpus, tree_digest

EDITION = [sys.executable, "-m", "edition.cli"]

# Runs `edition build` with the parts that write replaced by an exit (status 99): a refusal
# that does not happen can then never delete anything.
GUARDED = """
import sys
import edition.build as b
def stop(*args, **kwargs):
    print("REACHED-THE-WRITING-STEP", file=sys.stderr)
    raise SystemExit(99)
b.staging_dir = b.swap_in = b.recover = stop
from edition.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Builds `tei` into `out` (no validation) and SIGKILLs itself at the named step.
KILLED = """
import os, signal, sys
from pathlib import Path
import edition.build as b
import edition.write as w
tei, out, step, mode = sys.argv[1:5]
def kill(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
w.checkpoint = lambda name: kill() if name == step else None
if mode == "two-renames":
    w._exchange = lambda first, second: False
if step == "rendering":  # half-way through writing the staging folder
    b._write_corpus_text = kill
sys.exit(b.build(Path(tei), Path(out), jobs=1, quiet=True, validate_first=False))
"""


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _one_line_refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "REACHED-THE-WRITING-STEP" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _guarded(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", GUARDED, "build", "--quiet", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


# ---------------------------------------------------------------- --out refusals (the real repository)

@pytest.mark.parametrize("out", [".", "..", "tei", "tei/letters", "docs", "schema", "README.md"])
def test_out_in_the_repository_is_refused(out):
    before = sorted(p.name for p in REPO.iterdir())
    line = _one_line_refusal(_guarded("--out", out))
    assert line.startswith(f"edition build: {out} ") and "--out" in line
    assert sorted(p.name for p in REPO.iterdir()) == before


def test_refusal_reasons():
    tei = REPO / "tei"
    assert "is the repository" in write.refusal(REPO, tei_dir=tei, root=REPO)
    assert "is the repository" in write.refusal(REPO.parent, tei_dir=tei, root=REPO)
    assert "is the corpus" in write.refusal(tei, tei_dir=tei, root=REPO)
    assert "inside the corpus" in write.refusal(tei / "letters" / "site", tei_dir=tei, root=REPO)
    # docs/ is refused as git-tracked in a clone; in a copy without .git (the end-to-end test's),
    # as a folder the build did not make
    reason = write.refusal(REPO / "docs", tei_dir=tei, root=REPO)
    assert ("tracked by git" if (REPO / ".git").exists() else "was not made by `edition build`") in reason
    assert "is a file" in write.refusal(REPO / "README.md", tei_dir=tei, root=REPO)
    assert write.refusal(REPO / "no-such-output-folder", tei_dir=tei, root=REPO) is None


# ---------------------------------------------------------------- --out refusals (folders of a test)

def test_a_folder_holding_a_corpus_or_git_is_refused(tmp_path):
    project = tmp_path / "project"
    tei = copy_corpus(project)
    (project / ".git").mkdir()
    (project / "notes.txt").write_text("an editor's notes", encoding="utf-8")
    before = tree_digest(project)
    line = _one_line_refusal(_guarded("--tei", str(tei), "--out", str(project)))
    assert "corpus" in line
    elsewhere = tmp_path / "other"
    (elsewhere / ".git").mkdir(parents=True)
    line = _one_line_refusal(_guarded("--tei", str(tei), "--out", str(elsewhere)))
    assert "holds .git/" in line
    assert tree_digest(project) == before


def test_a_file_is_refused(tmp_path):
    target = tmp_path / "some-file.txt"
    target.write_text("keep me", encoding="utf-8")
    line = _one_line_refusal(_guarded("--out", str(target)))
    assert "is a file, not a folder" in line
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_symbolic_link_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    line = _one_line_refusal(_guarded("--out", str(tmp_path / "link")))
    assert "symbolic link" in line
    assert (real / "keep.txt").read_text(encoding="utf-8") == "keep me"


def test_a_folder_not_made_by_the_build_is_refused(tmp_path, capsys):
    out = tmp_path / "papers"
    (out / "letters").mkdir(parents=True)
    (out / "index.html").write_text("my own page", encoding="utf-8")
    (out / "draft.docx").write_bytes(b"draft")
    before = tree_digest(out)
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 2
    err = capsys.readouterr().err
    assert "not made by `edition build`" in err and write.MARKER in err
    assert tree_digest(out) == before and _leftovers(out) == []


def test_a_tracked_folder_is_refused(tmp_path, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    site = repo / "site"
    site.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (site / write.MARKER).write_text(write.MARKER_TEXT, encoding="utf-8")  # even with the marker
    (site / "page.html").write_text("tracked", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "site"], check=True)
    assert build(REPO / "tei", site, quiet=True, validate_first=False) == 2
    assert "tracked by git" in capsys.readouterr().err
    assert (site / "page.html").read_text(encoding="utf-8") == "tracked"


def test_empty_folder_gets_the_site_and_the_marker(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    assert (out / "index.html").is_file()
    assert (out / write.MARKER).read_text(encoding="utf-8") == write.MARKER_TEXT
    assert oct(out.stat().st_mode & 0o777) == oct(0o755)


def test_an_output_of_an_earlier_version_is_replaced(tmp_path):
    """An output made before the marker existed (only the site's own files) is still replaced."""
    out = tmp_path / "output"
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    new = tree_digest(out)
    (out / write.MARKER).unlink()
    (out / ".edition-manifest.json").unlink()  # nor the manifest and cache of the incremental builds
    __import__("shutil").rmtree(out / ".edition-cache")
    __import__("shutil").rmtree(out / "views")  # nor the views, which came later still
    (out / "views.html").unlink()
    (out / "index.html").write_text("old", encoding="utf-8")
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == new


# ---------------------------------------------------------------- killed builds

@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """Two corpora that differ in one letter, and their sites: (tei_old, old, tei_new, new)."""
    root = tmp_path_factory.mktemp("two-sites")
    tei_old = copy_corpus(root / "a")
    tei_new = copy_corpus(root / "b")
    letter = sorted((tei_new / "letters").glob("*.xml"))[0]
    text = letter.read_text(encoding="utf-8")
    # an editorial note of the header: the site changes, the text (held to its witness) does not
    end = text.index("</note>", text.index("<notesStmt>"))
    letter.write_text(text[:end] + " A sentence only the new site has." + text[end:], encoding="utf-8")
    old, new = root / "old-site", root / "new-site"
    assert build(tei_old, old, jobs=1, quiet=True, validate_first=False) == 0
    assert build(tei_new, new, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(old) != tree_digest(new)
    return tei_old, tree_digest(old), old, tei_new, tree_digest(new)


def _killed_build(tei: Path, out: Path, step: str, mode: str) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED, str(tei), str(out), step, mode],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)


@pytest.mark.parametrize("step, expected", [
    ("rendering", "old"),   # half-way through the staging folder
    ("staged", "old"),      # staging complete, not swapped yet
    ("exchanged", "new"),   # swapped, the previous output not removed yet
    ("cleaned", "new"),     # everything done but the exit
])
def test_killed_build_leaves_a_complete_site(tmp_path, two_sites, step, expected):
    _tei_old, old_digest, old_site, tei_new, new_digest = two_sites
    out = tmp_path / "output"
    shutil.copytree(old_site, out)
    _killed_build(tei_new, out, step, "exchange")
    assert tree_digest(out) == {"old": old_digest, "new": new_digest}[expected]
    # The next build removes whatever the killed one left beside the output.
    assert build(tei_new, out, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == new_digest
    assert _leftovers(out) == []


@pytest.mark.parametrize("step", ["staged", "between-renames", "renamed"])
def test_killed_two_rename_swap_is_recovered(tmp_path, two_sites, step):
    """Where the system cannot exchange two folders atomically, a build killed between the two
    renames leaves the previous output set aside; the next build (its first step) puts it back."""
    _tei_old, old_digest, old_site, tei_new, new_digest = two_sites
    out = tmp_path / "output"
    shutil.copytree(old_site, out)
    _killed_build(tei_new, out, step, "two-renames")
    removed = write.recover(out)
    assert tree_digest(out) == (new_digest if step == "renamed" else old_digest)
    assert removed and _leftovers(out) == []
    assert build(tei_new, out, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == new_digest


def test_the_first_build_killed_leaves_no_half_output(tmp_path, two_sites):
    _tei_old, _old, _site, tei_new, new_digest = two_sites
    out = tmp_path / "output"
    _killed_build(tei_new, out, "rendering", "exchange")
    assert not out.exists() and len(_leftovers(out)) == 1
    assert build(tei_new, out, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out) == new_digest and _leftovers(out) == []


def test_only_the_builds_own_leftovers_are_removed(tmp_path, capsys):
    out = tmp_path / "output"
    stale = tmp_path / ".output.building-abcd1234"
    stale.mkdir()
    (stale / "index.html").write_text("half", encoding="utf-8")
    mine = [tmp_path / ".output.building-notes", tmp_path / ".output.mine", tmp_path / "output-old"]
    for folder in mine:
        folder.mkdir()
        (folder / "keep.txt").write_text("keep", encoding="utf-8")
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    assert not stale.exists()
    assert all((folder / "keep.txt").is_file() for folder in mine)


# ---------------------------------------------------------------- concurrent builds

def test_a_second_build_waits_for_the_lock(tmp_path, two_sites):
    _tei_old, _old, _site, tei_new, new_digest = two_sites
    out = tmp_path / "output"
    with write.locked(out):
        process = subprocess.Popen(EDITION + ["build", "--tei", str(tei_new), "--out", str(out), "--jobs", "1"],
                                   cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            waited = ""
            deadline = time.monotonic() + 120
            while "waiting" not in waited and time.monotonic() < deadline:
                ready, _, _ = select.select([process.stderr], [], [], 1)
                if ready:
                    waited += process.stderr.readline()
            assert "another build is writing beside" in waited, waited
            assert process.poll() is None and not out.exists(), "the build did not wait for the lock"
        except BaseException:
            process.kill()
            raise
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert tree_digest(out) == new_digest and _leftovers(out) == []


def test_concurrent_builds_both_succeed(tmp_path, two_sites):
    tei_old, old_digest, _site, tei_new, new_digest = two_sites
    out = tmp_path / "output"
    processes = [subprocess.Popen(EDITION + ["build", "--tei", str(tei), "--out", str(out), "--jobs", "1", "--quiet"],
                                  cwd=REPO, stderr=subprocess.PIPE, text=True) for tei in (tei_old, tei_new)]
    errors = [p.communicate(timeout=300)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], errors
    assert tree_digest(out) in (old_digest, new_digest)
    assert _leftovers(out) == []
    assert os.listdir(out)


def test_refusal_of_a_forged_path_stays_on_one_line(tmp_path):
    target = tmp_path / "x\nedition build: 3 letters built\u202e.txt"
    target.write_text("keep me", encoding="utf-8")
    line = _one_line_refusal(_guarded("--out", str(target)))
    assert "x\\x0aedition build: 3 letters built\\u202e.txt is a file" in line
    assert target.read_text(encoding="utf-8") == "keep me"
