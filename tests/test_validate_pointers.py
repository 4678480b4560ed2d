"""The pointer checks (edition.pointers): one implementation for single pointers and lists,
against the registers of the corpus, parsed once per process and read again when they change."""
from __future__ import annotations

import os

from edition import load, pointers

LETTER = "letters/letter-2020-10-01-azerbaijan.xml"


def _replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _findings(corpus):
    return [(f.rule, f.message) for f in pointers.problems(load.parse(corpus / LETTER), corpus)]


def test_the_valid_corpus_has_no_pointer_problem(corpus):
    for file in sorted(corpus.rglob("*.xml")):
        assert pointers.problems(load.parse(file), corpus) == [], file


def test_a_single_pointer_and_the_same_pointer_in_a_list_get_the_same_message(corpus):
    _replace(corpus / LETTER, '<persName ref="pers:aliyev-yashar">', '<persName ref="pers:nobody-known">')
    (single,) = _findings(corpus)
    _replace(corpus / LETTER, '<persName ref="pers:nobody-known">',
             '<rs type="person" ref="pers:aliyev-yashar pers:nobody-known">')
    _replace(corpus / LETTER, "</persName>", "</rs>")
    assert _findings(corpus) == [single]
    assert single[0] == "ptr-resolves" and '"pers:nobody-known"' in single[1] and "registers/persons.xml" in single[1]


def test_a_changed_register_is_read_again(corpus):
    """The registers are cached per process, keyed on their files' state: an entry added on save
    makes a pointer resolve on the next validation."""
    _replace(corpus / LETTER, 'ref="pers:aliyev-yashar"', 'ref="pers:aliyev-yashar-two"', -1)
    assert [rule for rule, _ in _findings(corpus)] == ["ptr-resolves", "ptr-resolves"]
    register = corpus / "registers" / "persons.xml"
    _replace(register, 'xml:id="pers-aliyev-yashar"', 'xml:id="pers-aliyev-yashar-two"')
    stat = register.stat()
    os.utime(register, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _findings(corpus) == []


def test_the_kind_message_names_the_kinds_of_the_model(corpus):
    _replace(corpus / LETTER, '<persName ref="pers:aliyev-yashar">', '<persName ref="pl:azerbaijan">')
    (found,) = _findings(corpus)
    assert found[0] == "ptr-kind"
    assert "leads to a place entry" in found[1] and "must point to a person entry" in found[1]
    assert "pers: for persons" in found[1] and "letter: for letters" in found[1]


def test_a_reference_target_is_checked_like_any_pointer(corpus):
    """ref/@target ("Ibid." in a note, correspContext) leads to a cited document or a letter."""
    _replace(corpus / LETTER, '<rs type="document" ref="doc:un-charter">Charter of the United Nations</rs>',
             '<ref target="pers:aliyev-yashar">Ibid.</ref>')
    (found,) = _findings(corpus)
    assert found[0] == "ptr-kind" and "leads to a person entry" in found[1] and "must point to a document or letter entry" in found[1]
