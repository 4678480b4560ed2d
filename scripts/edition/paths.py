"""Where things live in the repository.

Every path the code needs is derived here from the repository root, so that the rest of
the code never guesses a location and tests can point the tools at a copy of the corpus.
"""
from __future__ import annotations

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
    the letters themselves.
    """
    registers = sorted((tei_dir / "registers").glob("*.xml"))
    letters = sorted((tei_dir / "letters").glob("*.xml"))
    return registers + letters
