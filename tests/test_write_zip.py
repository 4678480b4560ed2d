"""The corpus zip (edition.write.deterministic_zip): a standard archive with fixed dates and
modes, and, on a rebuild, the members the caller knows unchanged copied from the earlier zip
instead of deflated again, giving the same bytes as a clean build."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from edition import write
from edition.write import ZIP_DATE, deterministic_zip


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    made = {}
    for number, text in enumerate(["first letter " * 50, "second letter " * 80, "register", ""]):
        path = folder / f"f{number}.xml"
        path.write_text(text, encoding="utf-8")
        made[f"tei/f{number}.xml"] = path
    (folder / "name.xml").write_text("a name that is not ASCII", encoding="utf-8")
    made["tei/ünï.xml"] = folder / "name.xml"
    return made


def test_the_zip_is_read_by_zipfile_with_the_fixed_fields(tmp_path):
    files = _files(tmp_path / "in")
    deterministic_zip(tmp_path / "a.zip", files)
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.testzip() is None
        assert archive.namelist() == sorted(files)
        for info in archive.infolist():
            assert archive.read(info) == files[info.filename].read_bytes()
            assert (info.date_time, info.external_attr >> 16, info.create_system, info.compress_type) == \
                (ZIP_DATE, 0o644, 3, zipfile.ZIP_DEFLATED)


def test_members_known_unchanged_are_copied_and_the_bytes_are_a_clean_zips(tmp_path, monkeypatch):
    files = _files(tmp_path / "in")
    deterministic_zip(tmp_path / "before.zip", files)
    files["tei/f1.xml"].write_text("second letter, edited " * 80, encoding="utf-8")
    deterministic_zip(tmp_path / "clean.zip", files)
    deflated = []
    original = write._deflated
    monkeypatch.setattr(write, "_deflated", lambda data: deflated.append(data) or original(data))
    unchanged = set(files) - {"tei/f1.xml"}
    deterministic_zip(tmp_path / "again.zip", files, earlier=(tmp_path / "before.zip", unchanged))
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "clean.zip").read_bytes()
    assert deflated == [files["tei/f1.xml"].read_bytes()]


def test_a_member_is_taken_from_the_earlier_zip_not_from_the_file(tmp_path):
    """What the caller declares unchanged is copied as it is (so the caller must know)."""
    files = _files(tmp_path / "in")
    deterministic_zip(tmp_path / "before.zip", files)
    files["tei/f0.xml"].write_text("changed behind the caller's back", encoding="utf-8")
    deterministic_zip(tmp_path / "again.zip", files, earlier=(tmp_path / "before.zip", {"tei/f0.xml"}))
    with zipfile.ZipFile(tmp_path / "again.zip") as archive:
        assert archive.read("tei/f0.xml") == b"first letter " * 50


@pytest.mark.parametrize("earlier", ["zipfile-defaults", "damaged", "missing", "not-a-zip"])
def test_an_earlier_zip_not_written_so_is_not_copied_from(tmp_path, earlier):
    files = _files(tmp_path / "in")
    deterministic_zip(tmp_path / "clean.zip", files)
    before = tmp_path / "before.zip"
    if earlier == "zipfile-defaults":  # another date and mode: its members are not ours
        with zipfile.ZipFile(before, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in files.items():
                archive.write(path, name)
    elif earlier == "damaged":  # a local header overwritten: that member is deflated again
        data = bytearray((tmp_path / "clean.zip").read_bytes())
        data[0:4] = b"XXXX"
        before.write_bytes(bytes(data))
    elif earlier == "not-a-zip":
        before.write_bytes(b"not a zip at all")
    deterministic_zip(tmp_path / "again.zip", files, earlier=(before, set(files)))
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "clean.zip").read_bytes()
