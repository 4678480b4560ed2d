"""Validate-on-save for `edition bench`: `edition validate FILE` on one real letter, in a new process.

An editor's save runs this command, so its wall time (interpreter start, imports, schemas
compiled, registers read) is what the editor waits for; it is measured as it is and with an
XSD error in the letter (an unknown attribute on the root), since errors used to cost more
(the error path once built a second, pure-Python schema validator).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3


def _best_of(command: list[str], cwd: Path) -> float:
    """The shortest wall time of RUNS runs (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    return min(times)


def save_seconds(source_tei: Path) -> tuple[float, float]:
    """(seconds for a valid letter, seconds for the same letter with an XSD error)."""
    letter = sorted((source_tei / "letters").glob("letter-*.xml"))[0]
    with tempfile.TemporaryDirectory(prefix="edition-bench-save-") as tmp:
        corpus = Path(tmp) / "tei"
        shutil.copytree(source_tei, corpus, symlinks=True)
        copy = corpus / "letters" / letter.name
        command = [sys.executable, "-m", "edition.cli", "validate", str(copy)]
        valid = _best_of(command, source_tei.parent)
        text = copy.read_text(encoding="utf-8")
        copy.write_text(text.replace("<TEI ", '<TEI bench-unknown="1" ', 1), encoding="utf-8")
        broken = _best_of(command, source_tei.parent)
    return valid, broken
