"""Where things live in the repository.

Every path the code needs is derived here from the repository root, so that the rest of
the code never guesses a location and tests can point the tools at a copy of the corpus.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
