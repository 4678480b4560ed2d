"""Where things live in the repository.

Every path the code needs is derived here from the repository root, so that the rest of
the code never guesses a location and tests can point the tools at a copy of the corpus.

The root is found like git finds its repository: from the current directory upward, the
first folder that is a clone of the edition (it has `pyproject.toml`, `schema/edition.xsd`
and `tei/`). So `edition` run inside any clone works on that clone, whichever clone its venv
was installed from; outside every clone it falls back to the clone it was installed from.
"""
from __future__ import annotations

import os
from pathlib import Path

INSTALLED_ROOT = Path(__file__).resolve().parents[2]


def is_edition_root(folder: Path) -> bool:
    """Whether `folder` is the top of a clone of the edition (the files every clone has)."""
    return ((folder / "pyproject.toml").is_file() and (folder / "schema" / "edition.xsd").is_file()
            and (folder / "tei").is_dir())


def find_root(start: Path | None = None) -> Path:
    """The clone that `start` (default: the current directory) lies in, else the installed one."""
    try:
        here = Path(start if start is not None else Path.cwd()).resolve()
    except OSError:  # the current directory was deleted
        return INSTALLED_ROOT
    for folder in (here, *here.parents):
        if is_edition_root(folder):
            return folder
    return INSTALLED_ROOT


ROOT = find_root()
TEI = ROOT / "tei"
LETTERS = TEI / "letters"
REGISTERS = TEI / "registers"
SCHEMA = ROOT / "schema"
XSD = SCHEMA / "edition.xsd"
SCHEMATRON = SCHEMA / "edition.sch"
XSLT = ROOT / "xslt"
DOCS = ROOT / "docs"
OUTPUT = ROOT / "output"


def corpus_files(tei_dir: Path = TEI) -> list[Path]:
    """All TEI files of the corpus (registers first, then letters), in a stable order.

    Registers come first so that a report lists the files every letter depends on before
    the letters themselves. Every entry named *.xml is listed, whatever it is, so that the
    file policy (edition.load.read_bytes) refuses a pipe, a folder or a link out of the corpus
    with a located error; a letters/ or registers/ folder that cannot be opened is listed
    itself, for the same reason.
    """
    return xml_entries(tei_dir / "registers") + xml_entries(tei_dir / "letters")


def xml_entries(folder: Path, recursive: bool = False) -> list[Path]:
    """Entries named *.xml in `folder` (and its sub-folders if `recursive`, not following links),
    sorted; a folder that cannot be listed is returned itself so that it is reported, not skipped."""
    folder = Path(folder)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except FileNotFoundError:
        return []
    except OSError:
        return [folder]
    found = []
    for entry in entries:
        if entry.name.endswith(".xml"):
            found.append(Path(folder, entry.name))
        elif recursive and entry.is_dir(follow_symlinks=False):
            found.extend(xml_entries(Path(folder, entry.name), recursive=True))
    return found
