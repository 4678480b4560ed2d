"""The repository is found from where you stand, like git (edition.paths.find_root)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from edition import paths


def _clone_skeleton(root: Path) -> Path:
    """The files by which a folder is recognised as a clone of the edition."""
    (root / "schema").mkdir(parents=True)
    (root / "schema" / "edition.xsd").write_text("<schema/>", encoding="utf-8")
    (root / "tei" / "letters").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def test_the_clone_is_found_from_any_folder_inside_it(tmp_path):
    root = _clone_skeleton(tmp_path / "clone")
    assert paths.find_root(root) == root.resolve()
    assert paths.find_root(root / "tei" / "letters") == root.resolve()


def test_outside_every_clone_the_installed_one_is_used(tmp_path):
    assert paths.find_root(tmp_path) == paths.INSTALLED_ROOT


def test_edition_run_in_another_clone_works_on_that_clone(tmp_path):
    """A venv installed from this clone, run inside another: it validates the other clone's letters."""
    root = _clone_skeleton(tmp_path / "other")
    (root / "tei" / "letters" / "letter-2020-01-01-x.xml").write_text("<not-tei/>", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "edition.cli", "validate"], cwd=root / "tei",
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.startswith("letters/letter-2020-01-01-x.xml:1:1: error: ")
    assert "1 file checked" in result.stderr
