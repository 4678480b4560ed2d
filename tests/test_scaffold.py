"""`edition new`: the scaffold derives what the rules allow, never overwrites, and hands the
editor a file that the validator turns into a to-do list until the letter is complete.

The `corpus` fixture (tests/conftest.py) is a temporary copy of the minimal valid corpus of
tests/data/valid (one letter of the 75th session, small registers), so these tests add letters
freely and do not depend on the state of the real corpus.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lxml import etree

from edition import paths, scaffold
from edition.cli import main

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
TITLE = "Letter dated 3 November 2020 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General"


def _new(corpus: Path, *extra: str) -> int:
    return main(["new", "--date", "2020-11-03", "--sender", "azerbaijan", "--title", TITLE, "--tei-dir", str(corpus), *extra])


def _root(path: Path) -> etree._Element:
    return etree.parse(str(path), PARSER).getroot()


@pytest.mark.parametrize(("n", "words"), [
    (1, "First"), (9, "Ninth"), (11, "Eleventh"), (20, "Twentieth"), (21, "Twenty-first"),
    (75, "Seventy-fifth"), (76, "Seventy-sixth"), (77, "Seventy-seventh"), (78, "Seventy-eighth"), (99, "Ninety-ninth"),
])
def test_ordinal_words_as_on_un_mastheads(n, words):
    assert scaffold.ordinal_words(n) == words


def test_ordinal_words_agrees_with_the_encoded_letters():
    """The masthead wording of every letter with a session or SC year is what the scaffold would write."""
    checked = 0
    for letter in sorted(paths.LETTERS.glob("*.xml")):
        for scope in _root(letter).xpath("//tei:sourceDesc//tei:biblScope[@unit='session' or @unit='scYear']", namespaces=NS):
            noun = "session" if scope.get("unit") == "session" else "year"
            text = " ".join("".join(scope.itertext()).split())
            if scope.get("n", "").isdigit() and not text.startswith("{"):
                assert text == f"{scaffold.ordinal_words(int(scope.get('n')))} {noun}", f"{letter.name}: {text}"
                checked += 1
    assert checked, "no encoded letter has a session or Security Council year to compare with"


def test_date_text_and_letter_id():
    assert scaffold.date_text(dt.date(2020, 10, 1)) == "1 October 2020"
    assert scaffold.letter_id(dt.date(2020, 10, 1), "azerbaijan") == "letter-2020-10-01-azerbaijan"
    assert scaffold.letter_id(dt.date(2020, 10, 1), "armenia", 2) == "letter-2020-10-01-armenia-2"


def test_scaffold_writes_a_well_formed_letter_with_what_is_derivable(corpus, capsys):
    assert _new(corpus, "--signatory", "aliyev-yashar") == 0
    target = corpus / "letters" / "letter-2020-11-03-azerbaijan.xml"
    out = capsys.readouterr().out
    assert "created" in out and "{TEXT}" in out, out

    text = target.read_text(encoding="utf-8")
    root = _root(target)
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == target.stem
    assert root.xpath("string(//tei:publicationStmt/tei:idno[@type='edition'])", namespaces=NS) == target.stem
    assert root.xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NS) == TITLE
    assert root.xpath("string(//tei:correspAction[@type='sent']/tei:date/@when)", namespaces=NS) == "2020-11-03"
    assert root.xpath("string(//tei:correspAction[@type='sent']/tei:date)", namespaces=NS) == "3 November 2020"
    # Guidelines §6: Security Council year = calendar year - 1945.
    assert root.xpath("string(//tei:biblScope[@unit='scYear']/@n)", namespaces=NS) == "75"
    assert root.xpath("string(//tei:biblScope[@unit='scYear'])", namespaces=NS) == "Seventy-fifth year"
    # The GA session is not derivable from the date: it stays a placeholder.
    assert root.xpath("string(//tei:biblScope[@unit='session']/@n)", namespaces=NS) == "{SESSION}"
    # Names come from the registers.
    sender = root.xpath("//tei:correspAction[@type='sent']/tei:persName", namespaces=NS)[0]
    assert sender.get("ref") == "pers:aliyev-yashar"
    person = _root(corpus / "registers" / "persons.xml").xpath("//tei:person[@xml:id='pers-aliyev-yashar']/tei:persName[@type='main']", namespaces=NS)[0]
    assert sender.text == " ".join("".join(person.itertext()).split())
    assert root.xpath("string(//tei:correspAction[@type='sent']/tei:orgName/@ref)", namespaces=NS) == "org:pm-azerbaijan"
    # The processing instructions of the template are kept.
    assert text.count("<?xml-model ") == 2
    assert re.search(r"\{[A-Z_]+\}", text), "a fresh scaffold must leave placeholders"


def test_session_and_agenda_titles_come_from_letters_of_the_same_session(corpus):
    assert _new(corpus, "--session", "75", "--agenda-items", "35,999") == 0
    root = _root(corpus / "letters" / "letter-2020-11-03-azerbaijan.xml")
    assert root.xpath("string(//tei:biblScope[@unit='session'])", namespaces=NS) == "Seventy-fifth session"
    items = root.xpath("//tei:sourceDesc//tei:biblScope[@unit='agendaItem']", namespaces=NS)
    assert [i.get("n") for i in items] == ["35", "999"]
    model_title = _root(corpus / "letters" / "letter-2020-10-01-azerbaijan.xml").xpath("string(//tei:sourceDesc//tei:biblScope[@unit='agendaItem'][@n='35'])", namespaces=NS)
    assert items[0].text == model_title
    assert items[1].text == "{ITEM_TITLE}", "an item no letter of the session has must stay a placeholder"


def test_scaffold_refuses_to_overwrite(corpus, capsys):
    target = corpus / "letters" / "letter-2020-10-01-azerbaijan.xml"
    before = target.read_bytes()
    status = main(["new", "--date", "2020-10-01", "--sender", "azerbaijan", "--title", TITLE, "--tei-dir", str(corpus)])
    err = capsys.readouterr().err
    assert status == 1
    assert "already exists" in err and "--number 2" in err and "Traceback" not in err
    assert target.read_bytes() == before
    assert main(["new", "--date", "2020-10-01", "--sender", "azerbaijan", "--title", TITLE, "--tei-dir", str(corpus), "--number", "2"]) == 0
    assert (corpus / "letters" / "letter-2020-10-01-azerbaijan-2.xml").is_file()


@pytest.mark.parametrize(("args", "expected"), [
    (["--date", "2020-02-30", "--sender", "azerbaijan"], "not a calendar date"),
    (["--date", "1/10/2020", "--sender", "azerbaijan"], "YYYY-MM-DD"),

])
def test_scaffold_rejects_bad_dates_and_senders(corpus, capsys, args, expected):
    before = sorted(p.name for p in (corpus / "letters").glob("*.xml"))
    with pytest.raises(SystemExit) as exit_info:
        main(["new", *args, "--title", TITLE, "--tei-dir", str(corpus)])
    assert exit_info.value.code != 0
    assert expected in capsys.readouterr().err
    assert sorted(p.name for p in (corpus / "letters").glob("*.xml")) == before


def test_any_state_of_the_places_register_can_send_a_letter(corpus):
    """Not only the two senders of the letters so far: any State with an entry pl-SENDER."""
    places = corpus / "registers" / "places.xml"
    assert 'xml:id="pl-tartar"' in places.read_text(encoding="utf-8")
    assert _new_from(corpus, "tartar") == 0  # the only other place of the test registers
    assert (corpus / "letters" / "letter-2020-11-03-tartar.xml").is_file()


def test_an_unknown_sender_is_refused_with_what_to_do(corpus, capsys):
    assert _new_from(corpus, "atlantis") == 1
    err = capsys.readouterr().err
    assert "no entry pl-atlantis in the places register" in err and "add the State there first" in err
    assert not (corpus / "letters" / "letter-2020-11-03-atlantis.xml").exists()


def _new_from(corpus: Path, sender: str) -> int:
    return main(["new", "--date", "2020-11-03", "--sender", sender, "--title", TITLE, "--tei-dir", str(corpus)])


def test_the_head_marks_the_date_and_the_names_as_the_letters_do(corpus):
    assert _new(corpus, "--signatory", "aliyev-yashar") == 0
    head = _root(corpus / "letters" / "letter-2020-11-03-azerbaijan.xml").xpath("//tei:head", namespaces=NS)[0]
    assert "".join(head.itertext()) == TITLE
    assert head.xpath("string(tei:date/@when)", namespaces=NS) == "2020-11-03"
    refs = [(etree.QName(e).localname, e.get("ref"), e.text) for e in head.iter() if e.get("ref")]
    assert ("placeName", "pl:azerbaijan", "Azerbaijan") in refs
    assert ("orgName", "org:un", "United Nations") in refs
    # an identification by office gets the @cert/@evidence the letters give it
    secretary = head.xpath("tei:persName[. = 'Secretary-General']", namespaces=NS)[0]
    assert (secretary.get("ref"), secretary.get("cert"), secretary.get("evidence")) == ("pers:guterres-antonio", "high", "external")


@pytest.mark.parametrize(("args", "expected"), [
    (["--signatory", "nobody-known"], "no entry pers-nobody-known"),
    (["--signatory", "Pers:Aliyev"], "not a register id"),
    (["--sender-org", "no-such-mission"], "no entry org-no-such-mission"),
    (["--agenda-items", "35"], "needs --session"),
    (["--distribution-date", "2020-11-01"], "earlier than the letter's date"),
])
def test_scaffold_refuses_what_it_cannot_honour(corpus, capsys, args, expected):
    assert _new(corpus, *args) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (corpus / "letters" / "letter-2020-11-03-azerbaijan.xml").exists()


def test_title_is_escaped_not_injected(corpus):
    assert main(["new", "--date", "2020-11-03", "--sender", "azerbaijan", "--title", 'A & B <i>"x"</i>', "--tei-dir", str(corpus)]) == 0
    root = _root(corpus / "letters" / "letter-2020-11-03-azerbaijan.xml")
    assert root.xpath("string(//tei:titleStmt/tei:title)", namespaces=NS) == 'A & B <i>"x"</i>'
    assert not root.xpath("//tei:i", namespaces=NS)


# --- the scaffold and the validator together -------------------------------------------

SOURCE_FILE = "005_0123456789abcdef.txt"
# The witness an editor would have: the source transcription of the letter FILLING encodes.
WITNESS = """# General Assembly Security Council

## Letter dated 3 November 2020 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General

On 2 November 2020, the Security Council was informed of the situation
in Azerbaijan.

*(Signed)* Yashar **Aliyev**
Ambassador
Permanent Representative
"""


@pytest.fixture
def witness_file(tmp_path: Path) -> Path:
    """The new letter's witness, outside the corpus (as in ../shared/sources/)."""
    path = tmp_path / "sources" / SOURCE_FILE
    path.parent.mkdir()
    path.write_text(WITNESS, encoding="utf-8")
    return path


FULL_OPTIONS = ("--signatory", "aliyev-yashar", "--session", "75", "--agenda-items", "35",
                "--distribution-date", "2020-11-04")
# What an editor would still type in after `edition new` with FULL_OPTIONS: a short text with
# pointers to register entries that exist (read from the copied registers by the validator).
FILLING = {
    "{EDITORIAL_NOTE}": "The UN document symbol of this letter is not known: no record of it was found.",
    "{SOURCE_STATE}": "Short text written for the test of the scaffold.",
    "{TEXT}": 'On <date when="2020-11-02">2 November 2020</date>, the <orgName ref="org:unsc">Security Council</orgName>'
              ' was informed of the situation in <placeName ref="pl:azerbaijan">Azerbaijan</placeName>.',
}


def test_scaffolded_letter_fails_validation_with_a_todo_per_placeholder(corpus):
    from edition.validate import validate

    assert _new(corpus, "--signatory", "aliyev-yashar") == 0
    target = corpus / "letters" / "letter-2020-11-03-azerbaijan.xml"
    left = scaffold.placeholders_left(target.read_text(encoding="utf-8"))
    assert left

    problems = validate([target])
    todos = [p for p in problems if p.rule == "todo-left"]
    # every placeholder is reported on its own line, by name, with what to do
    for line, name in left:
        assert any(p.line == line and name in p.message for p in todos), f"no [todo-left] for {name} on line {line}: {[p.format_text() for p in problems]}"
    assert all(p.path.resolve() == target.resolve() for p in problems)
    assert all("replace the placeholder" in p.message for p in todos)


def test_scaffolded_letter_passes_once_filled(corpus, witness_file):
    from edition.validate import validate

    assert _new(corpus, *FULL_OPTIONS, "--source-file", str(witness_file)) == 0
    copied = corpus / "witnesses" / SOURCE_FILE
    assert copied.read_bytes() == witness_file.read_bytes()
    target = corpus / "letters" / "letter-2020-11-03-azerbaijan.xml"
    text = target.read_text(encoding="utf-8")
    assert {name for _, name in scaffold.placeholders_left(text)} == set(FILLING), "the options should leave exactly the text to write"
    for name, value in FILLING.items():
        text = text.replace(name, value)
    target.write_text(text, encoding="utf-8")

    problems = validate([target])
    assert not problems, "\n".join(p.format_text() for p in problems)
    # the whole copied corpus, with the new letter, still passes the cross-file checks
    # (unique ids, agenda titles consistent with the other letters of the session)
    problems = validate([corpus])
    assert not problems, "\n".join(p.format_text() for p in problems)


def _filled_with_a_change(corpus: Path, witness_file: Path, old: str, new: str) -> list[str]:
    """Scaffold the letter, fill it with FILLING changed by one replacement, and return the rule
    ids `edition validate` reports on it."""
    from edition.validate import validate

    assert _new(corpus, *FULL_OPTIONS, "--source-file", str(witness_file)) == 0
    target = corpus / "letters" / "letter-2020-11-03-azerbaijan.xml"
    text = target.read_text(encoding="utf-8")
    for name, value in FILLING.items():
        text = text.replace(name, value.replace(old, new))
    target.write_text(text, encoding="utf-8")
    return [p.rule for p in validate([target])]


def test_filled_letter_with_a_wrong_pointer_is_still_refused(corpus, witness_file):
    """Guard for the test above: the validator does read the filled text and the registers."""
    rules = _filled_with_a_change(corpus, witness_file, "pl:azerbaijan", "pl:no-such-place")
    assert "ptr-resolves" in rules, rules


def test_a_filled_letter_that_departs_from_its_witness_is_refused(corpus, witness_file):
    """Guard: the copied witness is the one the validator compares the letter with."""
    assert _filled_with_a_change(corpus, witness_file, "was informed", "was told") == ["witness-text"]


def test_source_file_records_the_checksum_and_never_overwrites_another_witness(corpus, witness_file, capsys):
    from edition import witness

    assert _new(corpus, "--source-file", str(witness_file)) == 0
    assert witness.recorded_checksums(corpus)[SOURCE_FILE] == witness.sha256(witness_file)
    other = witness_file.parent / "other" / SOURCE_FILE
    other.parent.mkdir()
    other.write_text(WITNESS + "changed\n", encoding="utf-8")
    status = main(["new", "--date", "2020-11-05", "--sender", "azerbaijan", "--title", TITLE, "--tei-dir", str(corpus),
                   "--source-file", str(other)])
    assert status == 1 and "a different witness named" in capsys.readouterr().err
    assert (corpus / "witnesses" / SOURCE_FILE).read_bytes() == witness_file.read_bytes()
    assert not (corpus / "letters" / "letter-2020-11-05-azerbaijan.xml").exists()


def test_running_it_again_lists_what_is_still_to_do_in_order(corpus, witness_file, capsys):
    assert _new(corpus, *FULL_OPTIONS, "--source-file", str(witness_file)) == 0
    capsys.readouterr()
    assert _new(corpus, *FULL_OPTIONS, "--source-file", str(witness_file)) == 1
    captured = capsys.readouterr()
    assert "already exists: nothing was written" in captured.err
    lines = captured.out.splitlines()
    assert lines[0].startswith("still to do for ") and lines[1].startswith("  1. fix what edition validate reports")
    assert any("{TEXT}" in line and "[todo-left]" in line for line in lines)
    assert lines[-2].startswith("  2. UPDATE_GOLDEN=1") and lines[-1].startswith("  3. python -m pytest")
