"""Enrich, then render: the corpus facts the corpus-level pages are made from, written as XML.

A letter page needs only its letter; a register page needs what the whole corpus says about
each entry: which letters mention it, where (the anchors of the mentions) and in which forms.
Those are facts of the corpus, not of one document, so they are gathered here, in Python, from
each letter's mentions (xslt/mentions.xsl gives them as XML elements), and written with an XML
writer (lxml's xmlfile): for each register, how many letters mention each entry
(`.facts/{kind}.xml`: <mentions kind="places"><entry id="pl-shusha" letters="3"/>…</mentions>),
and for each entry whose pages are made, what the letters say of it (`.facts/{kind}/{entry}.xml`):

    <mentions kind="places">
      <entry id="pl-shusha">
        <m id="letter-…" label="Letter of 1 October 2020, …" p="Permanent Mission of …"
           d="1 October 2020" a="m12 m40" f="Shusha">   (date order; p: the sending party, d: the date)
          <k a="m12" before="… the city of " form="Shusha" after=" was shelled."/>  (each mention)
        </m>
        <r id="letter-…" label="Letter of …" type="replyTo"/>   (a letter that replies to it, date order)
      </entry> …
    </mentions>

A rebuild costs in proportion to what changed: of each letter, the build keeps a small record
(`letter_record`: which entries it mentions, a digest of each mention, its replies) for the
next build (edition.facts_cache), so a letter that did not change is not parsed again; the
counts and the keys of the entry pages come from the records, and the mentions in context are
read again (`Mentions.gather`) only for the entries whose pages are made, from the letters
that mention them.

The register stylesheets render whole pages from the register (TEI) and these facts: no
piece of HTML is assembled outside a stylesheet. The letter summaries (edition.corpus) are
written the same way (`write_letters`), for the index, the CMIF file and the corpus text.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lxml import etree

# The build's own intermediate XML (Saxon's output, the summaries lxml wrote) is parsed with the
# parser of edition.load: entities, network and DTDs off.
from edition.load import _PARSER as PARSER

FACTS_DIR = ".facts"
# Letters listed on one page of an entry (an entry mentioned by more is paginated).
PER_PAGE = 200


def wanted_file(stage: Path, kind: str) -> Path:
    """The ids of the entries of register `kind` whose pages the build makes again (one a line)."""
    return stage / FACTS_DIR / f"{kind}.wanted"


def entry_facts_file(stage: Path, kind: str, entry_id: str) -> Path:
    """The facts document of one entry (see Mentions.write_entry)."""
    return stage / FACTS_DIR / kind / f"{entry_id}.xml"


def facts_file(stage: Path, kind: str) -> Path:
    """The facts document of one register (see the module)."""
    return stage / FACTS_DIR / f"{kind}.xml"


# One letter's mentions of one entry: letter id, label, sending party, date, anchors, forms, and
# each mention's keyword in context (anchor, before, form, after).
Mention = tuple[str, str, str, str, str, str, tuple[tuple[str, str, str, str], ...]]


# A letter that replies to an entry (a cited document) or is written further to it: letter id,
# label, relation ("replyTo", "furtherTo").
Reply = tuple[str, str, str]


def parse_replies(what: str, xml: str) -> list[tuple[str, str, Reply]]:
    """(kind, entry id, reply) of each <r> of one letter's mentions (the output of mentions.xsl)."""
    return _replies(_parse_mentions_root(what, xml))


def _replies(root: etree._Element) -> list[tuple[str, str, Reply]]:
    return [(r.get("k", ""), r.get("e", ""), (r.get("id", ""), r.get("label", ""), r.get("type", "")))
            for r in root.iter("r")]


def _parse_mentions_root(what: str, xml: str) -> etree._Element:
    root = _parse(xml)
    if root.tag != "mentions":
        raise ValueError(f"{what}: unexpected mentions document <{root.tag}>")
    return root


def parse_mentions(what: str, xml: str) -> list[tuple[str, str, Mention]]:
    """(kind, entry id, mention) of each <m> of one letter's mentions (the output of mentions.xsl)."""
    return _mentions(_parse_mentions_root(what, xml))


def _mentions(root: etree._Element) -> list[tuple[str, str, Mention]]:
    return [(m.get("k", ""), m.get("e", ""),
             (m.get("id", ""), m.get("label", ""), m.get("p", ""), m.get("d", ""), m.get("a", ""), m.get("f", ""),
              tuple((k.get("a", ""), k.get("before", ""), k.get("form", ""), k.get("after", "")) for k in m.iter("k"))))
            for m in root.iter("m")]


# Mentions kept in memory before they are appended to their entries' spill files (bytes of JSON).
SPILL_BYTES = 4 * 1024 * 1024


def letter_record(what: str, xml: str) -> dict:
    """What the corpus facts need of one letter's mentions (the output of mentions.xsl), small
    enough to keep for the next build (edition.facts_cache): "m", [kind, entry id, digest of the
    mention] of each <m> in document order; "r", [kind, entry id, letter id, label, relation] of
    each <r>. A letter whose record is kept is not parsed again to learn what it mentions."""
    root = _parse_mentions_root(what, xml)
    return {"m": [[kind, entry_id, mention_digest(mention)] for kind, entry_id, mention in _mentions(root)],
            "r": [[kind, entry_id, *reply] for kind, entry_id, reply in _replies(root)]}


def mention_digest(mention: Mention) -> str:
    """A digest of one letter's mentions of one entry (its repr: every field, every context)."""
    return hashlib.sha256(repr(mention).encode("utf-8")).hexdigest()[:32]


class Mentions:
    """The letters' mentions, by register and entry, in the order the letters come (date order):
    each register's facts document (`write`), each entry's (`write_entry`), the key of each
    entry's pages (`entry_digest`).

    What is aggregated over the whole corpus is small: per letter its record (letter_record:
    which entries it mentions, a digest of each mention, its replies), kept by the build for the
    next one, so that a letter that did not change is not parsed again. From the records come,
    per entry, the number of letters that mention it, the digest of what they say (the key of its
    pages) and the letters that reply to it (a cited document: a few per entry).

    The mentions themselves, with their keywords in context, are read again from the letters'
    fragments (`fragment_of(letter file)`, the mentions cache) only for the entries whose pages
    are made (`gather`), and only from the letters that mention them: one pass over those
    letters, in date order, appending each wanted entry's mentions to a spill file of that entry
    in `spill_dir` (a few MiB at a time, one JSON array of mentions a line), so that memory does
    not grow with the corpus.
    """

    def __init__(self, kinds: tuple[str, ...], spill_dir: Path, fragment_of):
        self.spill_dir = Path(spill_dir)
        self.fragment_of = fragment_of
        self.counts: dict[str, dict[str, int]] = {kind: {} for kind in kinds}
        # the letters that reply to an entry (a cited document), by kind and entry, in date order
        self.replies: dict[str, dict[str, list[Reply]]] = {kind: {} for kind in kinds}
        self.records: dict[str, dict] = {}  # letter file -> its record, in the order added
        self._parts: dict[tuple[str, str], list[str]] = {}  # entry -> its mentions' digests, in order
        self._gathered: set[tuple[str, str]] = set()
        self._pending: dict[tuple[str, str], list[Mention]] = {}
        self._pending_bytes = 0

    def add(self, what: str, xml: str | None, record: dict | None = None) -> dict:
        """Add one letter (the next in date order): its record, or its mentions `xml` parsed
        into one. Returns the record."""
        if record is None:
            record = letter_record(what, xml)
        self.records[what] = record
        for kind, entry_id, mention in record["m"]:
            entries = self._entries(self.counts, what, kind)
            entries[entry_id] = entries.get(entry_id, 0) + 1
            self._parts.setdefault((kind, entry_id), []).append(mention)
        for kind, entry_id, letter_id, label, relation in record["r"]:
            self._entries(self.replies, what, kind).setdefault(entry_id, []).append((letter_id, label, relation))
        return record

    @staticmethod
    def _entries(table: dict, what: str, kind: str) -> dict:
        entries = table.get(kind)
        if entries is None:
            raise ValueError(f"{what}: a mention of an unknown register kind {kind!r}")
        return entries

    def gather(self, wanted) -> None:
        """Read the mentions of the entries `wanted` ((kind, entry id) pairs) from the letters
        that mention them (one pass, date order) into their spill files; an entry already
        gathered is not read again."""
        wanted = {pair for pair in wanted if pair not in self._gathered}
        if not wanted:
            return
        self._gathered |= wanted
        for what, record in self.records.items():
            if not any((kind, entry_id) in wanted for kind, entry_id, _digest in record["m"]):
                continue
            for kind, entry_id, mention in _mentions(_parse_mentions_root(what, self.fragment_of(what))):
                if (kind, entry_id) in wanted:
                    self._pending.setdefault((kind, entry_id), []).append(mention)
                    self._pending_bytes += sum(len(part) for part in mention[:6]) + \
                        sum(len(part) for context in mention[6] for part in context)
            if self._pending_bytes > SPILL_BYTES:
                self._spill()
        self._spill()

    def _spill_file(self, kind: str, entry_id: str) -> Path:
        # named by a digest: an entry id from a letter's mentions is not trusted as a file name
        return self.spill_dir / kind / f"{hashlib.sha256(entry_id.encode('utf-8')).hexdigest()}.jsonl"

    def _spill(self) -> None:
        for (kind, entry_id), mentions in self._pending.items():
            path = self._spill_file(kind, entry_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8", newline="\n") as handle:
                handle.write(json.dumps(mentions, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._pending.clear()
        self._pending_bytes = 0

    def _mentions_of(self, kind: str, entry_id: str):
        """The mentions of one entry, in the order they came, read back from its spill file."""
        self.gather({(kind, entry_id)})
        if not self.counts[kind].get(entry_id):
            return
        with open(self._spill_file(kind, entry_id), encoding="utf-8") as handle:
            for line in handle:
                for letter_id, label, party, date, anchors, forms, contexts in json.loads(line):
                    yield letter_id, label, party, date, anchors, forms, contexts

    def by_entry(self, kind: str) -> dict[str, list[Mention]]:
        """Every entry of register `kind` with its mentions, read back from the spill files (for
        the views of the whole corpus, edition.views; the entry pages read one entry at a time)."""
        self.gather({(kind, entry_id) for entry_id in self.counts.get(kind, {})})
        return {entry_id: list(self._mentions_of(kind, entry_id)) for entry_id in sorted(self.counts.get(kind, {}))}

    def entry_digest(self, kind: str, entry_id: str) -> str:
        """A digest of what the letters say of one entry (the key of its pages): the digests of
        its mentions in date order (mention_digest), and its replies."""
        return hashlib.sha256(repr((self._parts.get((kind, entry_id), []),
                                    self.replies[kind].get(entry_id, []))).encode("utf-8")).hexdigest()

    def write(self, stage: Path, kind: str) -> str:
        """Write the index facts of register `kind` (how many letters mention each entry, for the
        register page and the entry pages' count); return the SHA-256 of the file (its key)."""
        path = facts_file(stage, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            with xf.element("mentions", kind=kind):
                for entry_id in sorted(self.counts[kind]):
                    xf.write(etree.Element("entry", id=entry_id, letters=str(self.counts[kind][entry_id])))
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def write_entry(self, stage: Path, kind: str, entry_id: str) -> None:
        """Write the facts of one entry (every letter that mentions it, with each mention in its
        context), for its pages: small, whatever the size of the corpus."""
        path = entry_facts_file(stage, kind, entry_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            with xf.element("mentions", kind=kind):
                with xf.element("entry", id=entry_id):
                    for letter_id, label, party, date, anchors, forms, contexts in self._mentions_of(kind, entry_id):
                        m = etree.Element("m", id=letter_id, label=label, p=party, d=date, a=anchors, f=forms)
                        for anchor, before, form, after in contexts:
                            etree.SubElement(m, "k", a=anchor, before=before, form=form, after=after)
                        xf.write(m)
                    for letter_id, label, relation in self.replies[kind].get(entry_id, []):
                        xf.write(etree.Element("r", id=letter_id, label=label, type=relation))


def write_letters(path: Path, letters) -> None:
    """The letter summaries (an iterable of (`<letter>` document as a string, year), in date
    order) as one document `<letters><letter year="2020" …>…</letter>…</letters>`, written
    element by element with an XML writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        with xf.element("letters"):
            for xml, year in letters:
                letter = _parse(xml)
                letter.set("year", year)
                xf.write(letter)


def year_of(date: str) -> str:
    """The year a letter is listed under on the split index: its date's, or "undated"."""
    return date[:4] if len(date) >= 4 and date[:4].isdigit() else "undated"


def _parse(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"), PARSER)
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DOCTYPE in the build's own XML")
    return root


def entry_page_name(entry_id: str, page: int) -> str:
    """The file name of page `page` of an entry (register-entry.xsl's e:entry-page-name)."""
    return f"{entry_id}.html" if page == 1 else f"{entry_id}.page{page}.html"


def entry_pages(register: Path, facts: Path, kind: str) -> list[tuple[str, int]]:
    """(entry id, page number) of every entry page of a register: each entry of the register
    (the model's entry element with an xml:id) has a page, and one more per PER_PAGE letters
    that mention it beyond the first PER_PAGE."""
    from edition.load import parse
    from edition.model import model

    the_kind = model().by_name(kind)
    letters: dict[str, int] = {}
    for entry in _parse(facts.read_text(encoding="utf-8")).iter("entry"):
        letters[entry.get("id", "")] = int(entry.get("letters", "0"))
    ids = [element.get(XML_ID) for element in parse(register).getroot().iter(f"{{{TEI}}}{the_kind.entry}")
           if element.get(XML_ID)]
    return [(entry_id, page) for entry_id in sorted(ids)
            for page in range(1, max(1, -(-letters.get(entry_id, 0) // PER_PAGE)) + 1)]


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI = "http://www.tei-c.org/ns/1.0"
