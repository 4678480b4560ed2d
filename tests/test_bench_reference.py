"""The TEI Stylesheets comparison of `edition bench` (edition.bench_reference).

No timing is asserted (speed lives in the benchmark). These tests check that the figure is
skipped with a message when no TEI Stylesheets are given or the folder is not theirs, and that,
given a folder laid out like theirs, both sides of each pair really run on every letter.
"""
from __future__ import annotations

from pathlib import Path

from edition import bench_reference, paths

TEXT_SHEET = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="count(//*)"/></xsl:template>
</xsl:stylesheet>"""


def test_skipped_with_a_message_when_not_given(monkeypatch):
    monkeypatch.delenv(bench_reference.ENV, raising=False)
    lines = bench_reference.report(paths.TEI, None)
    assert len(lines) == 1
    assert "skipped: no TEI Stylesheets given" in lines[0] and bench_reference.ENV in lines[0]


def test_skipped_when_the_folder_is_not_the_tei_stylesheets(tmp_path, monkeypatch):
    monkeypatch.setenv(bench_reference.ENV, str(tmp_path))
    lines = bench_reference.report(paths.TEI, None)
    assert lines == [f"TEI Stylesheets comparison skipped: {tmp_path} has no txt/tei-to-text.xsl, "
                     "html/html.xsl (is it a checkout of the TEI Stylesheets?)"]


def test_both_sides_run_on_every_letter(tmp_path, monkeypatch):
    for name in ("txt/tei-to-text.xsl", "html/html.xsl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT_SHEET, encoding="utf-8")
    calls: list[str] = []
    original = bench_reference._cpu_ms

    def counting(action, items, rounds):
        calls.append(f"{getattr(action, '__name__', '?')}:{len(items)}x{rounds}")
        return original(action, items, rounds)

    monkeypatch.setattr(bench_reference, "_cpu_ms", counting)
    rows = bench_reference.measure(paths.TEI, tmp_path, rounds=1)
    letters = len(list((paths.TEI / "letters").glob("letter-*.xml")))
    assert [row["figure"] for row in rows] == ["plain text", "HTML page"]
    assert calls == [f"run_ours:{letters}x1", f"run_theirs:{letters}x1"] * 2
    assert all(row["ours_ms"] > 0 and row["theirs_ms"] > 0 and row["ratio"] is not None for row in rows)
    lines = bench_reference.report(paths.TEI, tmp_path, rounds=1)
    assert lines[0].startswith("per letter against the TEI Stylesheets")
    assert [line.split()[0] for line in lines[1:]] == ["plain", "HTML"]
