"""Enrich, then render: the corpus facts the corpus-level pages are made from, written as XML.

A letter page needs only its letter; a register page needs what the whole corpus says about
each entry: which letters mention it, where (the anchors of the mentions) and in which forms.
Those are facts of the corpus, not of one document, so they are gathered here, in Python, from
each letter's mentions (xslt/mentions.xsl gives them as XML elements), and written with an XML
writer (lxml's xmlfile) as one facts document per register:

    <mentions kind="places">
      <entry id="pl-shusha">
        <m id="letter-…" label="Letter of 1 October 2020, …" a="m12 m40" f="Shusha">   (date order)
          <k a="m12" before="… the city of " form="Shusha" after=" was shelled."/>  (each mention)
        </m>
      </entry> …
    </mentions>

The register stylesheet renders the whole page from the register (TEI) and these facts: no
piece of HTML is assembled outside a stylesheet. The letter summaries (edition.corpus) are
written the same way (`write_letters`), for the index, the CMIF file and the corpus text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

# The build's own intermediate XML (Saxon's output, the summaries lxml wrote) is parsed with the
# parser of edition.load: entities, network and DTDs off.
from edition.load import _PARSER as PARSER

FACTS_DIR = ".facts"


def facts_file(stage: Path, kind: str) -> Path:
    """The facts document of one register (see the module)."""
    return stage / FACTS_DIR / f"{kind}.xml"


# One letter's mentions of one entry: letter id, label, anchors, forms, and each mention's
# keyword in context (anchor, before, form, after).
Mention = tuple[str, str, str, str, tuple[tuple[str, str, str, str], ...]]


def parse_mentions(what: str, xml: str) -> list[tuple[str, str, Mention]]:
    """(kind, entry id, mention) of each <m> of one letter's mentions (the output of mentions.xsl)."""
    root = _parse(xml)
    if root.tag != "mentions":
        raise ValueError(f"{what}: unexpected mentions document <{root.tag}>")
    return [(m.get("k", ""), m.get("e", ""),
             (m.get("id", ""), m.get("label", ""), m.get("a", ""), m.get("f", ""),
              tuple((k.get("a", ""), k.get("before", ""), k.get("form", ""), k.get("after", "")) for k in m.iter("k"))))
            for m in root.iter("m")]


class Mentions:
    """Every letter's mentions, gathered by register and entry in the order the letters come
    (date order); then each register's facts document (`write`)."""

    def __init__(self, kinds: tuple[str, ...]):
        self.by_kind: dict[str, dict[str, list[Mention]]] = {kind: {} for kind in kinds}

    def add(self, what: str, xml: str) -> None:
        for kind, entry_id, mention in parse_mentions(what, xml):
            entries = self.by_kind.get(kind)
            if entries is None:
                raise ValueError(f"{what}: a mention of an unknown register kind {kind!r}")
            entries.setdefault(entry_id, []).append(mention)

    def count(self, kind: str, entry_id: str) -> int:
        """How many letters mention the entry."""
        return len(self.by_kind[kind].get(entry_id, ()))

    def write(self, stage: Path, kind: str) -> str:
        """Write the facts of register `kind`; return the SHA-256 of the file (its key)."""
        path = facts_file(stage, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            with xf.element("mentions", kind=kind):
                for entry_id in sorted(self.by_kind[kind]):
                    with xf.element("entry", id=entry_id):
                        for letter_id, label, anchors, forms, contexts in self.by_kind[kind][entry_id]:
                            m = etree.Element("m", id=letter_id, label=label, a=anchors, f=forms)
                            for anchor, before, form, after in contexts:
                                etree.SubElement(m, "k", a=anchor, before=before, form=form, after=after)
                            xf.write(m)
        return hashlib.sha256(path.read_bytes()).hexdigest()


def write_letters(path: Path, summaries_xml) -> None:
    """The letter summaries (an iterable of `<letter>` documents as strings, in date order) as
    one document `<letters>…</letters>`, written element by element with an XML writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        with xf.element("letters"):
            for xml in summaries_xml:
                xf.write(_parse(xml))


def _parse(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"), PARSER)
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DOCTYPE in the build's own XML")
    return root
