"""The declared model (schema/model.xml, edition.model) and the TEI files agree.

The TEI files declare the pointer scheme for other TEI software (listPrefixDef); the package
expands pointers by the model. These tests hold the two to each other, so a prefix changed in
one place only fails here instead of resolving differently in the validator and the build.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition import model as edition_model
from edition import paths

T = "{http://www.tei-c.org/ns/1.0}"
TEI_FILES = sorted((paths.TEI / "letters").glob("*.xml")) + sorted((paths.TEI / "registers").glob("*.xml"))


def test_every_kind_has_its_register_file():
    for kind in edition_model.model().kinds:
        assert kind.register_file(paths.TEI).is_file(), kind


@pytest.mark.parametrize("tei_file", TEI_FILES, ids=lambda p: p.name)
def test_declared_prefixes_expand_as_the_model_does(tei_file: Path):
    root = etree.parse(str(tei_file)).getroot()
    declared = root.findall(f"{T}teiHeader/{T}encodingDesc/{T}listPrefixDef/{T}prefixDef")
    assert declared, "every TEI file declares the pointer scheme"
    for prefix_def in declared:
        prefix = prefix_def.get("ident")
        target = edition_model.expand(f"{prefix}:example-1")
        assert target is not None, f"{prefix}: declared in {tei_file.name} but not in schema/model.xml"
        replaced = prefix_def.get("replacementPattern").replace("$1", "example-1")
        file_part, _, fragment = replaced.partition("#")
        # replacement patterns are relative to the declaring file (letters/ or registers/)
        resolved = (tei_file.parent / file_part).resolve().relative_to(paths.TEI.resolve()).as_posix()
        assert (resolved, fragment) == (target.file, target.fragment)


def test_expand_refuses_what_is_not_one_pointer():
    for bad in ("", "pers", "pers:", "unknown:x", "pers:Upper", "pers:a b", "pers:a/../b"):
        assert edition_model.expand(bad) is None, bad


def test_a_row_added_to_the_table_is_a_new_kind(tmp_path: Path):
    table = (paths.SCHEMA / "model.xml").read_text(encoding="utf-8").replace(
        "<letters ", '<kind name="events" prefix="ev" id-prefix="ev-" entry="event" names="name"'
                    ' rs-type="event" singular="event" title="Events"/>\n  <letters ')
    (tmp_path / "model.xml").write_text(table, encoding="utf-8")
    changed = edition_model.load(tmp_path / "model.xml")
    assert changed.names[-1] == "events"
    target = edition_model.expand("ev:black-january", changed)
    assert (target.file, target.fragment, target.kind.singular) == ("registers/events.xml", "ev-black-january", "event")


def test_an_entry_is_named_by_its_kinds_name_element_unless_the_row_says_otherwise(tmp_path: Path):
    """kind/@entry-name: TEI's event has no name element, so a kind of events names its entries
    with label; without the column, the first name element (title for documents, named by none)."""
    named = {kind.entry: kind.entry_name for kind in edition_model.model().kinds}
    assert (named["person"], named["bibl"]) == ("persName", "title")
    table = (paths.SCHEMA / "model.xml").read_text(encoding="utf-8").replace(
        "<letters ", '<kind name="events" prefix="ev" id-prefix="ev-" entry="event" names="name" entry-name="label"'
                    ' rs-type="event" singular="event" title="Events"/>\n  <letters ')
    (tmp_path / "model.xml").write_text(table, encoding="utf-8")
    assert edition_model.load(tmp_path / "model.xml").by_name("events").entry_name == "label"


def test_every_kind_has_the_form_the_schema_admits_without_knowing_it():
    """The XSD checks prefixDef/@ident as [a-z]+ and its address as NAME.xml#IDPREFIX$1, not the
    list of kinds: a row outside that form could never be declared in a valid file."""
    for kind in edition_model.model().kinds:
        assert re.fullmatch("[a-z]+", kind.name) and re.fullmatch("[a-z]+", kind.prefix), kind
        assert re.fullmatch("[a-z]+-", kind.id_prefix), kind
