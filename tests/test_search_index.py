"""The search index (edition.search): what the letter pages give Pagefind, and the index the
build makes from them: deterministic, keyed for the incremental build, made in the staging
folder (a failure leaves the previous output whole). The search itself, in a browser, is in
test_browser_search.py.
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from edition import paths, search
from edition.build import build
from test_site_support import NS, built_site, copy_corpus, parse_html, tree_digest

SIG = b"pagefind_dcd"


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    assert len(data) < 24
    return bytes([0x60 + len(data)]) + data


def _filter_payload(name: str, values: list[tuple[str, int]]) -> bytes:
    """A Pagefind filter file's payload: CBOR [name, [[value, [page]], …]]."""
    items = b"".join(b"\x82" + _text(value) + b"\x81" + bytes([page]) for value, page in values)
    return SIG + b"\x82" + _text(name) + bytes([0x80 + len(values)]) + items


def test_a_filters_values_are_put_in_one_order():
    values = [("2023", 0), ("2020", 1), ("2021", 2)]
    one = search.sorted_filter(_filter_payload("year", values))
    other = search.sorted_filter(_filter_payload("year", list(reversed(values))))
    assert one == other
    assert one == _filter_payload("year", sorted(values))


def test_an_unknown_layout_is_refused_not_rewritten():
    with pytest.raises(ValueError):
        search.sorted_filter(b"not pagefind")
    with pytest.raises(ValueError):  # three items where a filter has two
        search.sorted_filter(SIG + b"\x83" + _text("a") + b"\x80" + b"\x00")


def _index(pages: list[Path], root: Path) -> Path:
    site = root / "site"
    (site / "letters").mkdir(parents=True)
    for page in pages:
        shutil.copyfile(page, site / "letters" / page.name)
    search.run_pagefind(site)
    return site / search.INDEX_DIR


def test_the_same_pages_give_the_same_index_bytes(tmp_path):
    """Pagefind alone writes each filter's values in a different order on each run; the index
    the build keeps is the same bytes, run after run (three runs: a shared order by chance
    would be one in millions)."""
    pages = sorted((built_site() / "letters").glob("*.html"))
    digests = [tree_digest(_index(pages, tmp_path / f"run{n}")) for n in range(3)]
    assert digests[0] == digests[1] == digests[2]
    names = set(digests[0])
    assert "pagefind.js" in names and any(n.startswith("filter/") for n in names)
    assert not any("ui" in n for n in names), "Pagefind's unused UIs are left out"


def test_each_letter_page_gives_its_text_and_facets():
    site = built_site()
    for page in sorted((site / "letters").glob("*.html")):
        doc = parse_html(page)
        assert len(doc.xpath("//*[@data-pagefind-body]")) == 1, page.name
        filters = {}
        for span in doc.xpath("//*[@data-pagefind-filter]"):
            filters.setdefault(span.get("data-pagefind-filter"), []).append(span.text_content())
        tei = etree.parse(str(paths.LETTERS / (page.stem + ".xml")))
        sent = tei.xpath("//tei:correspDesc[not(@corresp)]/tei:correspAction[@type='sent']/tei:date/@when", namespaces=NS)
        assert filters["year"] == [sent[0][:4]], page.name
        assert len(filters["sender"]) == 1
        places = tei.xpath("//tei:text//tei:placeName[@ref]", namespaces=NS)
        assert bool(places) == bool(filters.get("place")), page.name
        for key, values in filters.items():  # each value once; the entities sorted (agenda items: in the letter's order)
            assert len(values) == len(set(values)), f"{page.name}: {key} values repeated"
            assert key in ("agenda", "sender", "year") or values == sorted(values), f"{page.name}: {key} not sorted"


def test_the_index_is_made_again_only_when_a_letter_page_changed(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    entry = out / search.INDEX_DIR / "0" / "pagefind-entry.json"  # one shard: a small corpus
    inode = entry.stat().st_ino
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert entry.stat().st_ino == inode, "nothing changed: the index is reused (linked), not made again"
    # a new word in a letter: the index is made again and finds it
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    text = letter.read_text(encoding="utf-8")
    body = text.index("<body")
    changed = text[:body] + text[body:].replace("<p>", "<p>Zyzzogeton ", 1)
    assert changed != text
    letter.write_text(changed, encoding="utf-8")
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert entry.stat().st_ino != inode
    contents = [json.loads(gzip.decompress(f.read_bytes())[len(SIG):])["content"]
                for f in (out / search.INDEX_DIR / "0" / "fragment").iterdir()]
    assert any("Zyzzogeton" in c for c in contents)
    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=1, quiet=True, validate_first=False) == 0
    assert tree_digest(out / search.INDEX_DIR) == tree_digest(clean / search.INDEX_DIR)


def test_a_failing_pagefind_leaves_the_previous_output_whole(tmp_path, monkeypatch, capsys):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    before = tree_digest(out)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: something went wrong' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_binary", lambda: fake)
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    letter.write_text(letter.read_text(encoding="utf-8").replace("<p>", "<p>Changed ", 1), encoding="utf-8")
    capsys.readouterr()
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert "Pagefind failed (exit status 3): Error: something went wrong" in err
    assert "previous output is unchanged" in err and "Traceback" not in err
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_without_pagefind_the_build_says_what_to_install(tmp_path, monkeypatch, capsys):
    import sys

    tei = copy_corpus(tmp_path)
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # as if the package were not installed
    assert build(tei, tmp_path / "out", jobs=1, quiet=True, validate_first=False) == 1
    err = capsys.readouterr().err
    assert "the search index needs Pagefind" in err and "pagefind[bin]" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_corpus_without_letters_gets_no_index_and_no_error(tmp_path):
    from edition.incremental import Reuse

    stage = tmp_path / "stage"
    (stage / "letters").mkdir(parents=True)
    assert search.write_index(stage, "key", {}, Reuse(None, stage)) == []
    assert not (stage / search.INDEX_DIR).exists()


# ---------------------------------------------------------------- shards

def test_a_letters_shard_depends_on_its_name_not_on_the_other_letters():
    names = [f"letter-2021-01-{day:02d}-armenia.xml" for day in range(1, 29)]
    count, before = search.shards(dict.fromkeys(names, "k"), per_shard=4)
    assert count == 8 and len(before) > 1, "28 letters, 4 a shard: 8 shards (a power of two)"
    shard = {name: n for n, members in before.items() for name in members}
    # another letter added, one removed: the count stays 8, every other letter stays where it was
    changed = names[1:] + ["letter-2022-05-05-azerbaijan.xml"]
    count_after, after = search.shards(dict.fromkeys(changed, "k"), per_shard=4)
    assert count_after == 8
    moved = [name for n, members in after.items() for name in members if name in shard and shard[name] != n]
    assert moved == []
    assert sum(len(members) for members in after.values()) == len(changed)


def test_the_number_of_shards_is_one_up_to_the_shard_size_then_a_power_of_two():
    assert search.shard_count(5) == 1
    assert search.shard_count(search.SHARD_LETTERS) == 1
    assert search.shard_count(search.SHARD_LETTERS + 1) == 2
    assert [search.shard_count(n, per_shard=10) for n in (0, 10, 11, 20, 21, 40, 41, 1000)] == [1, 1, 2, 2, 4, 4, 8, 128]


def _fragments(index: Path) -> list[dict]:
    return [json.loads(gzip.decompress(f.read_bytes())[len(SIG):])
            for f in sorted(index.glob("*/fragment/*.pf_fragment"))]


def _inodes(index: Path) -> dict[str, int]:
    return {p.relative_to(index).as_posix(): p.stat().st_ino for p in index.rglob("*") if p.is_file()}


def test_a_one_letter_change_remakes_only_its_shard_and_equals_a_clean_build(tmp_path, monkeypatch):
    """Shards of two letters (four shards for five letters): a word changed in one letter runs
    Pagefind once, over that letter's shard; the others are linked from the previous output; the
    index is the same bytes as a clean build's (made with two Pagefind runs at once)."""
    monkeypatch.setattr(search, "SHARD_LETTERS", 2)
    runs = []
    run = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda site, folder=None: (runs.append(folder.name), run(site, folder)))
    tei = copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    index = out / search.INDEX_DIR
    listed = json.loads((index / search.SHARDS_FILE).read_text(encoding="utf-8"))["shards"]
    assert len(listed) >= 2 and sorted(runs) == sorted(listed)
    assert sorted(p.name for p in index.iterdir() if p.is_dir()) == sorted(listed)
    urls = [f["url"] for f in _fragments(index)]  # each letter in one shard, by its own URL
    assert sorted(urls) == sorted(f"/letters/{p.stem}.html" for p in (tei / "letters").glob("*.xml"))

    letter = sorted((tei / "letters").glob("*.xml"))[0]
    count, members = search.shards(dict.fromkeys((p.name for p in (tei / "letters").glob("*.xml")), "k"), 2)
    own = str(next(n for n, names in members.items() if letter.name in names))
    before = _inodes(index)
    text = letter.read_text(encoding="utf-8")
    body = text.index("<body")
    letter.write_text(text[:body] + text[body:].replace("<p>", "<p>Zyzzogeton ", 1), encoding="utf-8")
    runs.clear()
    assert build(tei, out, jobs=1, quiet=True, validate_first=False) == 0
    assert runs == [own]
    after = _inodes(index)
    for name, inode in after.items():
        shard = name.split("/")[0]
        if shard in listed and shard != own:
            assert before.get(name) == inode, f"{name}: a shard whose letters did not change is reused (linked)"
    assert after[f"{own}/pagefind-entry.json"] != before[f"{own}/pagefind-entry.json"]
    found = [f["url"] for f in _fragments(index) if "Zyzzogeton" in f["content"]]
    assert found == [f"/letters/{letter.stem}.html"]
    assert not list(out.glob(".search-shard-*")), "the shards' temporary folders are removed"

    clean = tmp_path / "clean"
    assert build(tei, clean, jobs=2, quiet=True, validate_first=False) == 0
    assert tree_digest(index) == tree_digest(clean / search.INDEX_DIR)
