"""edition.crossfile.real_paths: Path.resolve() of many files, each folder resolved once."""
from __future__ import annotations

import os
from pathlib import Path

from edition.crossfile import real_paths


def test_real_paths_are_what_resolve_gives_links_included(tmp_path):
    real = tmp_path / "real"
    (real / "letters").mkdir(parents=True)
    for name in ("a.xml", "b.xml"):
        (real / "letters" / name).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)  # a folder that is a link
    os.symlink(real / "letters" / "a.xml", real / "letters" / "c.xml")  # a file that is a link
    given = [tmp_path / "linked" / "letters" / "a.xml", real / "letters" / "c.xml", Path(os.path.relpath(real / "letters" / "b.xml")),
             real / "letters" / "missing.xml", real / "letters" / ".."]
    assert real_paths(given) == [path.resolve() for path in given]
    assert real_paths(given)[1] == (real / "letters" / "a.xml").resolve()
