"""edition.citation: the CSL-JSON item the stylesheet makes, written as CSL-JSON, BibTeX and RIS.

The item here is written by hand in the shape e:citation-data produces (tests/test_xslt_cite.py
tests that shape); the expected files were worked out from the formats' rules.
"""
from __future__ import annotations

import json

import pytest

from edition import citation

ITEM = {
    "id": "letter-2020-10-13-azerbaijan", "type": "letter", "genre": "Letter",
    "title": "Letter dated 13 October 2020 {draft} 50% & more_", "author": [{"family": "Aliyev", "given": "Yashar"},
                                                                           {"literal": "Permanent Mission"}],
    "editor": [{"literal": "the editors of the UN Letters edition"}], "container-title": "UN Letters edition",
    "publisher": "UN Letters edition", "URL": "https://example.org/letters/letter-2020-10-13-azerbaijan.html",
    "issued": {"date-parts": [[2020, 10, 3]]}, "version": "2026-11-22", "language": "en",
    "number": "A/75/1-S/2020/2", "note": "Date of the letter inferred by the editors.",
}


def test_csl_json_is_an_array_of_the_item_sorted_and_deterministic():
    text = citation.csl_json(ITEM)
    assert json.loads(text) == [ITEM]
    assert text == citation.csl_json(dict(reversed(list(ITEM.items())))), "key order must not depend on the input's"
    assert text.endswith("}\n]\n")


def test_bibtex_entry_fields_and_escaping():
    bib = citation.bibtex(ITEM)
    assert bib.startswith("@misc{letter-2020-10-13-azerbaijan,\n")
    assert "  author = {Aliyev, Yashar and {Permanent Mission}},\n" in bib
    assert r"  title = {{Letter dated 13 October 2020 \{draft\} 50\% \& more\_}}," in bib
    assert "  editor = {{the editors of the UN Letters edition}},\n" in bib
    assert "  year = {2020},\n  month = oct,\n  date = {2020-10-03},\n" in bib
    assert "  url = {https://example.org/letters/letter-2020-10-13-azerbaijan.html},\n" in bib
    assert ("  note = {UN document A/75/1-S/2020/2. Version of 2026-11-22. "
            "Date of the letter inferred by the editors.}\n}\n") in bib
    assert bib.count("{") == bib.count("}") + bib.count(r"\}") - bib.count(r"\{")


def test_ris_record_tags_in_order():
    lines = citation.ris(ITEM).split("\n")
    assert lines[0] == "TY  - PCOMM"
    assert lines[1:3] == ["AU  - Aliyev, Yashar", "AU  - Permanent Mission"]
    assert "ED  - the editors of the UN Letters edition" in lines
    assert "DA  - 2020/10/03/" in lines and "PY  - 2020" in lines
    assert "N1  - Date of the letter inferred by the editors." in lines
    assert lines[-2:] == ["ER  - ", ""]
    assert all(len(line) >= 5 and line[2:6] == "  - " for line in lines[:-1])


def test_a_year_only_date_and_no_note():
    item = {k: v for k, v in ITEM.items() if k not in ("note", "number", "version")}
    item["issued"] = {"date-parts": [[2021]]}
    assert "DA  - 2021///" in citation.ris(item).split("\n")
    bib = citation.bibtex(item)
    assert "month" not in bib and "note" not in bib and "  date = {2021},\n" in bib


@pytest.mark.parametrize("text", ["not json", "[]", '{"id": "x"}'])
def test_bad_citation_data_is_a_clear_error(text):
    with pytest.raises(ValueError, match="^letters/x.xml: the citation data"):
        citation.parse_item(text, "letters/x.xml")


def test_write_makes_the_three_files(tmp_path):
    citation.write(tmp_path, "letter-x", json.dumps(ITEM), "letter-x.xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter-x.bib", "letter-x.csl.json", "letter-x.ris"]
