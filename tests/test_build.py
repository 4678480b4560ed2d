"""`edition build`: output layout, refusal of invalid input, atomic and deterministic output,
safety against hostile letters, and the process pool giving the same bytes as one process.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import edition.build as build_module
from edition.build import build
from edition.transform import Saxon, TransformError
from test_site_support import (REPO, built_site, copy_corpus, letter_ids, parse_html, tree_digest)

EDITION = [sys.executable, "-m", "edition.cli"]


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def _leftovers(out: Path) -> list[str]:
    """Staging or old directories the build left beside its output (there must be none)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


# ---------------------------------------------------------------- layout

def test_every_letter_has_page_text_and_tei(site):
    for letter_id in letter_ids():
        for suffix in (".html", ".txt", ".xml"):
            assert (site / "letters" / f"{letter_id}{suffix}").is_file(), f"letters/{letter_id}{suffix} missing"


def test_site_layout(site):
    expected = ["index.html", "guidelines.html", "sources.html", "registers/sources.xml", "downloads/tei-corpus.zip",
                "downloads/corpus.txt", "downloads/cmif.xml", "assets/edition.css"]
    expected += [f"registers/{kind}.{ext}" for kind in ("persons", "places", "organisations", "documents")
                 for ext in ("html", "xml")]
    missing = [name for name in expected if not (site / name).is_file()]
    assert not missing, f"missing from the site: {missing}"
    assert not list(site.rglob(".mentions*")), "the build's work file was left in the output"


def test_tei_copies_are_the_sources(site):
    for letter_id in letter_ids():
        source = REPO / "tei" / "letters" / f"{letter_id}.xml"
        assert (site / "letters" / f"{letter_id}.xml").read_bytes() == source.read_bytes()


def test_corpus_zip_holds_letters_registers_and_schema(site):
    import zipfile

    with zipfile.ZipFile(site / "downloads" / "tei-corpus.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names), "zip entries must be sorted (determinism)"
        assert {f"tei/letters/{i}.xml" for i in letter_ids()} <= set(names)
        assert {"tei/registers/persons.xml", "schema/edition.xsd", "schema/edition.sch"} <= set(names)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_corpus_zip_uses_the_fast_compression_level(site):
    """Level 1 (edition.write.ZIP_LEVEL): each entry is exactly what raw deflate at level 1 makes."""
    import zipfile
    import zlib

    with zipfile.ZipFile(site / "downloads" / "tei-corpus.zip") as archive:
        for info in archive.infolist():
            compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
            data = archive.read(info)
            assert info.compress_size == len(compressor.compress(data) + compressor.flush()), info.filename


# ---------------------------------------------------------------- determinism and the pool

def test_rebuild_is_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert build(REPO / "tei", again, quiet=True, validate_first=False) == 0
    assert tree_digest(again) == tree_digest(site)


def test_process_pool_gives_the_same_bytes(site, tmp_path, monkeypatch):
    # Force the pool for the small real corpus: workers compile the stylesheets themselves.
    monkeypatch.setattr(build_module, "POOL_THRESHOLD", 1)
    pooled = tmp_path / "pooled"
    assert build(REPO / "tei", pooled, jobs=2, quiet=True, validate_first=False) == 0
    assert tree_digest(pooled) == tree_digest(site)


# ---------------------------------------------------------------- refusing bad input, atomically

def _break_pointer(tei: Path) -> Path:
    """Make one letter point to a register entry that does not exist; return the letter."""
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    text = letter.read_text(encoding="utf-8")
    broken = re.sub(r'placeName ref="pl:[a-z0-9-]+"', 'placeName ref="pl:no-such-place"', text, count=1)
    assert broken != text
    letter.write_text(broken, encoding="utf-8")
    return letter


def test_invalid_corpus_is_refused_and_previous_output_kept(tmp_path, capsys):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    before = tree_digest(out)
    letter = _break_pointer(tei)
    capsys.readouterr()
    assert build(tei, out, quiet=True) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(letter.name)}:\d+:\d+: error: .*no-such-place.*\[ptr-resolves\]", err), err
    assert "was not built" in err
    assert tree_digest(out) == before, "a refused build changed the previous output"
    assert _leftovers(out) == []


def test_transform_failure_keeps_previous_output(tmp_path, capsys):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    before = tree_digest(out)
    letter = sorted((tei / "letters").glob("*.xml"))[-1]
    letter.write_text(letter.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    capsys.readouterr()
    assert build(tei, out, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert letter.name in err and "previous output is unchanged" in err
    assert "Traceback" not in err
    assert tree_digest(out) == before
    assert _leftovers(out) == []


def test_unexpected_exception_keeps_previous_output(tmp_path, capsys, monkeypatch):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    before = tree_digest(out)
    letter = sorted((tei / "letters").glob("*.xml"))[0]  # a change, so that the build has work to do
    letter.write_text(letter.read_text(encoding="utf-8") + "<!-- changed -->\n", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("simulated failure half-way")

    # (the zip would be reused from the previous output: fail on a file every build writes)
    monkeypatch.setattr(build_module, "copy_tei", explode)
    capsys.readouterr()
    assert build(tei, out, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert "simulated failure half-way" in err and "Traceback" not in err
    assert tree_digest(out) == before
    assert _leftovers(out) == []


def test_cli_reports_invalid_corpus_without_traceback(tmp_path):
    tei = copy_corpus(tmp_path)
    _break_pointer(tei)
    out = tmp_path / "out"
    result = subprocess.run(EDITION + ["build", "--tei", str(tei), "--out", str(out), "--quiet"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    assert "[ptr-resolves]" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_builds_quietly(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(EDITION + ["build", "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    assert (out / "index.html").is_file()


def test_progress_is_reported_unless_quiet(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(build_module, "PROGRESS_EVERY", 2)
    assert build(REPO / "tei", tmp_path / "a", quiet=False, validate_first=False) == 0
    err = capsys.readouterr().err
    assert re.search(r"edition build: 2/\d+ letters", err), err
    assert "letters built into" in err
    assert build(REPO / "tei", tmp_path / "b", quiet=True, validate_first=False) == 0
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- security

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "{secret}">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader/><text><body><p>&secret;</p></body></text></TEI>
"""


def test_doctype_letter_is_refused_and_never_leaks(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-1234", encoding="utf-8")
    tei = copy_corpus(tmp_path)
    hostile = tei / "letters" / "letter-2099-01-01-azerbaijan.xml"
    hostile.write_text(HOSTILE.format(secret=secret.as_uri(), id=hostile.stem), encoding="utf-8")
    out = tmp_path / "out"
    for validate in (True, False):  # the validator refuses it, and so does the build's own parsing
        capsys.readouterr()
        assert build(tei, out, quiet=True, validate_first=validate) == 1
        err = capsys.readouterr().err
        assert "DOCTYPE" in err and "TOP-SECRET" not in err
        assert not out.exists()
        assert _leftovers(out) == []


def test_saxon_refuses_doctype_also_in_doc_calls(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-5678", encoding="utf-8")
    evil = tmp_path / "evil.xml"
    evil.write_text(HOSTILE.format(secret=secret.as_uri(), id="x"), encoding="utf-8")
    saxon = Saxon(REPO / "xslt")
    with pytest.raises(TransformError, match="DOCTYPE"):
        saxon.parse_file(evil)
    # A stylesheet reading the file with doc() gets the same refusal from the same processor.
    sheet = tmp_path / "reader.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text"/><xsl:param name="uri"/>'
        '<xsl:template name="xsl:initial-template"><xsl:value-of select="doc($uri)"/></xsl:template>'
        '</xsl:stylesheet>', encoding="utf-8")
    executable = saxon.compiler.compile_stylesheet(stylesheet_file=str(sheet))
    executable.set_parameter("uri", saxon.processor.make_string_value(evil.as_uri()))
    try:
        result = executable.call_template_returning_string("xsl:initial-template")
    except Exception as exc:  # refused: fine, as long as nothing leaked
        result = str(exc)
    assert "TOP-SECRET" not in (result or "")


def test_javascript_targets_are_never_links(tmp_path):
    tei = copy_corpus(tmp_path)
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    text = letter.read_text(encoding="utf-8")
    note = ('<note place="foot" n="99"><ref target="javascript:alert(1)">click</ref> '
            '<ref target="JavaScript:alert(2)">again</ref> <ref target="data:text/html,x">data</ref> '
            '<ref target="//evil.example/x">protocol-relative</ref> '
            '<ref target="https://example.org/ok">fine</ref></note>')
    body = text.index("<body>")
    end_of_paragraph = text.index("</p>", body)
    text = text[:end_of_paragraph] + note + text[end_of_paragraph:]
    letter.write_text(text, encoding="utf-8")
    registers = tei / "registers" / "places.xml"
    registers.write_text(registers.read_text(encoding="utf-8").replace(
        "</place>", '<idno type="Wikidata">javascript:alert(3)</idno></place>', 1), encoding="utf-8")
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    hrefs = [a.get("href") for page in out.rglob("*.html") for a in parse_html(page).iter("a")]
    assert not [h for h in hrefs if h and re.match(r"\s*(javascript|data|vbscript):", h, re.I)]
    assert not [h for h in hrefs if h and h.startswith("//")]
    assert "https://example.org/ok" in hrefs, "an http(s) target in the data should still be linked"
    page = (out / "letters" / f"{letter.stem}.html").read_text(encoding="utf-8")
    assert "click" in page and "again" in page, "the words of an unsafe link are kept as text"


# ---------------------------------------------------------------- data over code

def test_a_new_letter_appears_everywhere(tmp_path):
    tei = copy_corpus(tmp_path)
    model = sorted((tei / "letters").glob("*.xml"))[0]
    new_id = model.stem + "-2"
    (tei / "letters" / f"{new_id}.xml").write_text(
        model.read_text(encoding="utf-8").replace(model.stem, new_id), encoding="utf-8")
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    for suffix in (".html", ".txt", ".xml"):
        assert (out / "letters" / f"{new_id}{suffix}").is_file()
    assert f"letters/{new_id}.html" in (out / "index.html").read_text(encoding="utf-8")
    registers = "".join(page.read_text(encoding="utf-8") for page in sorted((out / "registers").glob("*/*.html")))
    assert f"../../letters/{new_id}.html#m" in registers, "the entry pages do not link back to the new letter"
    assert f"letters/{new_id}.html" in (out / "downloads" / "cmif.xml").read_text(encoding="utf-8")
    assert f"tei/letters/{new_id}.xml" in __import__("zipfile").ZipFile(out / "downloads" / "tei-corpus.zip").namelist()


def test_reply_is_linked_in_both_directions(tmp_path):
    tei = copy_corpus(tmp_path)
    letters = sorted((tei / "letters").glob("*.xml"))
    earlier, later = letters[0], letters[-1]
    text = later.read_text(encoding="utf-8")
    pointer = "letter:" + earlier.stem[len("letter-"):]
    context = f'<correspContext><ref type="replyTo" target="{pointer}">the earlier letter</ref></correspContext>'
    if "<correspContext>" in text:
        text = text.replace("<correspContext>", context[:-len("</correspContext>")], 1)
    else:
        text = text.replace("</correspDesc>", context + "</correspDesc>", 1)
    later.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    later_page = parse_html(out / "letters" / f"{later.stem}.html")
    earlier_page = parse_html(out / "letters" / f"{earlier.stem}.html")

    def related(page, label):
        found = [dt for dt in page.iter("dt") if dt.text_content().strip() == label]
        assert found, f"no '{label}' entry"
        dd = found[0].getnext()
        links = []
        while dd is not None and dd.tag == "dd":
            links += [a.get("href") for a in dd.iter("a")]
            dd = dd.getnext()
        return links

    assert f"{earlier.stem}.html" in related(later_page, "In reply to")
    assert f"{later.stem}.html" in related(earlier_page, "Replied to by")


def test_each_stylesheet_is_compiled_once_per_build(tmp_path, monkeypatch):
    import edition.transform as transform

    processors, compiled = [], []
    original_init = transform.Saxon.__init__

    def counting_init(self, xslt_dir):
        original_init(self, xslt_dir)
        processors.append(self)
        compile_stylesheet = self.compiler.compile_stylesheet

        class Counting:
            def __getattr__(self, name):
                return getattr(compiler, name)

            def compile_stylesheet(self, **kwargs):
                compiled.append(Path(kwargs["stylesheet_file"]).name)
                return compile_stylesheet(**kwargs)

        compiler = self.compiler
        self.compiler = Counting()

    monkeypatch.setattr(transform.Saxon, "__init__", counting_init)
    assert build(REPO / "tei", tmp_path / "out", jobs=1, quiet=True, validate_first=False) == 0
    assert len(processors) == 1, "one Saxon processor per build (per process)"
    assert sorted(compiled) == sorted(set(compiled)), f"a stylesheet was compiled twice: {compiled}"
    assert set(compiled) == set(transform.STYLESHEETS.values())


def test_relations_prev_next_and_replies_through_document_symbols():
    from edition.corpus import LetterSummary, relate

    def summary(letter_id, date, symbols=(), refs=()):
        return LetterSummary(id=letter_id, file=f"{letter_id}.xml", sort_key=(date, letter_id),
                             symbols=list(symbols), context_refs=list(refs))

    a = summary("letter-2021-01-12-armenia", "2021-01-12", symbols=["A/75/710", "S/2021/42"])
    b = summary("letter-2021-02-08-azerbaijan", "2021-02-08", refs=[("replyTo", "doc:a-75-710")])
    c = summary("letter-2021-03-01-armenia", "2021-03-01", refs=[("replyTo", "letter:2021-02-08-azerbaijan")])
    relations = relate([a, b, c], {"doc:a-75-710": {"A/75/710", "S/2021/42"}})
    assert ("next", None, b.id) in relations[a.id] and ("prev", None, a.id) in relations[b.id]
    assert not any(role == "prev" for role, _t, _o in relations[a.id])
    assert ("replyTo", "doc:a-75-710", a.id) in relations[b.id]
    assert ("repliedBy", None, b.id) in relations[a.id], "the reverse direction is computed"
    assert ("replyTo", "letter:2021-02-08-azerbaijan", b.id) in relations[c.id]
    assert ("repliedBy", None, c.id) in relations[b.id]
    # a reply to a document that is not a letter of the edition relates nothing
    lone = relate([summary("letter-x", "2020-01-01", refs=[("replyTo", "doc:unknown")])], {})
    assert lone["letter-x"] == []


def test_a_broken_register_fails_cleanly_in_the_pool(tmp_path, monkeypatch, capsys):
    # A worker that cannot start (here: a register that is not XML) must fail the build with a
    # message, not hang the pool restarting workers.
    monkeypatch.setattr(build_module, "POOL_THRESHOLD", 1)
    tei = copy_corpus(tmp_path)
    (tei / "registers" / "places.xml").write_text("<TEI", encoding="utf-8")
    out = tmp_path / "out"
    assert build(tei, out, jobs=2, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert "places.xml" in err and "Traceback" not in err
    assert not out.exists() and _leftovers(out) == []


def test_other_languages_are_marked_for_readers(tmp_path):
    tei = copy_corpus(tmp_path)
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    text = letter.read_text(encoding="utf-8")
    body = text.index("<body>")
    place = re.compile(r'<placeName ref="(pl:[a-z0-9-]+)">')
    match = place.search(text, body)
    text = text[:match.start()] + f'<placeName ref="{match.group(1)}" xml:lang="az">' + text[match.end():]
    letter.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build(tei, out, quiet=True, validate_first=False) == 0
    page = parse_html(out / "letters" / f"{letter.stem}.html")
    marked = page.xpath("//span[@lang='az']/a[contains(@class, 'ent-places')]")
    assert marked, "the place name in Azerbaijani is not marked lang='az'"


def test_the_build_takes_the_letter_summaries_from_the_validation(tmp_path, monkeypatch):
    """Validation parses every letter already; the build must not parse them again to summarise them."""
    from edition.corpus import summarise
    from edition.validate import validate_and_summarise

    _, summaries = validate_and_summarise([REPO / "tei"], jobs=1)
    letters = sorted((REPO / "tei" / "letters").glob("*.xml"))
    assert set(summaries) == {p.resolve() for p in letters}
    for letter in letters:
        assert summaries[letter.resolve()] == summarise(letter), letter.name

    def no_second_parse(path):
        raise AssertionError(f"{path} was summarised again")

    monkeypatch.setattr(build_module, "summarise", no_second_parse)
    assert build(REPO / "tei", tmp_path / "out", jobs=1, quiet=True) == 0


# ---------------------------------------------------------------- pages that grow with the corpus

def test_the_table_of_letters_is_split_by_year_when_it_grows(tmp_path, monkeypatch):
    import edition.pages as pages

    monkeypatch.setattr(pages, "INDEX_SPLIT", 2)
    out = tmp_path / "out"
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    index = parse_html(out / "index.html")
    assert not index.xpath("//table[@class='letters']"), "the split index still holds the whole table"
    years = index.xpath("//ul[@class='years']/li/a/@href")
    expected = sorted({f"index-{letter_id[len('letter-'):][:4]}.html" for letter_id in letter_ids()})
    assert years == expected
    listed = []
    for href in years:
        page = parse_html(out / href)
        year = href[len("index-"):-len(".html")]
        rows = page.xpath("//table[@class='letters']/tbody/tr")
        assert rows and page.xpath("string(//h1)") == f"Letters of {year}"
        listed += [row.xpath("string(td[3]/a/@href)") for row in rows]
    # every letter once, in date order, across the year pages
    assert listed == [f"letters/{letter_id}.html" for letter_id in letter_ids()]


def test_an_entry_mentioned_by_many_letters_is_paginated(tmp_path, monkeypatch):
    import edition.enrich as enrich

    monkeypatch.setattr(enrich, "PER_PAGE", 2)
    out = tmp_path / "out"
    assert build(REPO / "tei", out, quiet=True, validate_first=False) == 0
    # pl-azerbaijan is mentioned by every letter of the corpus
    first = parse_html(out / "registers" / "places" / "pl-azerbaijan.html")
    pages = first.xpath("//nav[@class='pages'][1]//a/@href")
    count = -(-len(letter_ids()) // 2)
    assert pages == [f"pl-azerbaijan.page{n}.html" for n in range(2, count + 1)]
    linked = []
    for n in range(1, count + 1):
        name = "pl-azerbaijan.html" if n == 1 else f"pl-azerbaijan.page{n}.html"
        page = parse_html(out / "registers" / "places" / name)
        items = page.xpath("//ol[@class='mentions']/li")
        assert 1 <= len(items) <= 2
        linked += [item.xpath("string(a[1]/@href)") for item in items]
    assert linked == [f"../../letters/{letter_id}.html" for letter_id in letter_ids()]
