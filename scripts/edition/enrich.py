"""Enrich, then render: the corpus facts the corpus-level pages are made from, written as XML.

A letter page needs only its letter; a register page needs what the whole corpus says about
each entry: which letters mention it, where (the anchors of the mentions) and in which forms.
Those are facts of the corpus, not of one document, so they are gathered here, in Python, from
each letter's mentions (xslt/mentions.xsl gives them as XML elements), and written with an XML
writer (lxml's xmlfile): for each register, how many letters mention each entry
(`.facts/{kind}.xml`: <mentions kind="places"><entry id="pl-shusha" letters="3"/>…</mentions>),
and for each entry page that is made, what the letters say of the entry
(`.facts/{kind}/{entry}.{page}.xml`):

    <mentions kind="places">
      <entry id="pl-shusha" letters="230" page="2" pages="2">   (letters: how many mention it)
        <form f="Shusha">                          (the card: each form the letters use, in order of first use,
          <use p="Permanent Mission of …" n="3" first="1 October 2020" last="8 February 2023"/>
        </form>                                     each party that uses it: how many letters, first, last)
        <m id="letter-…" label="Letter of 1 October 2020, …" p="Permanent Mission of …"
           d="1 October 2020" a="m12 m40" f="Shusha">   (the letters of this page, in date order;
          <k a="m12" before="… the city of " form="Shusha" after=" was shelled."/>  p: the sending party,
        </m>                                                                         d: the date; k: each mention)
        <r id="letter-…" label="Letter of …" type="replyTo"/>   (first page: a letter that replies to it)
      </entry>
    </mentions>

A rebuild costs in proportion to what changed: of each letter, the build keeps a small record
(`letter_record`: which entries it mentions, a digest of each mention, the forms it uses, its
replies) for the next build (edition.facts_cache), so a letter that did not change is not
parsed again; the counts, the cards and the key of each entry page come from the records, and
the mentions in context are read again (`Mentions.gather`) only for the entry pages that are
made, from the letters listed on them: an edit of one letter makes again the one page of each
entry that lists it, whatever the number of letters that mention the entry.

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
    """The entry pages of register `kind` the build makes again: "{entry id} {page}", one a line."""
    return stage / FACTS_DIR / f"{kind}.wanted"


def entry_facts_file(stage: Path, kind: str, entry_id: str, page: int) -> Path:
    """The facts document of one page of an entry (see Mentions.write_page)."""
    return stage / FACTS_DIR / kind / f"{entry_id}.{page}.xml"


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


# Mentions kept in memory before they are appended to their pages' spill files (bytes of JSON).
SPILL_BYTES = 4 * 1024 * 1024


def letter_record(what: str, xml: str) -> dict:
    """What the corpus facts need of one letter's mentions (the output of mentions.xsl), small
    enough to keep for the next build (edition.facts_cache): "l", the letter's id, sending party
    and date as its mentions give them; "m", [kind, entry id, digest of the mention, its distinct
    forms (@f), [form, count] of the forms of its keywords in context] of each <m> in document order; "r", [kind,
    entry id, letter id, label, relation] of each <r>; "v", the digest of its forms (forms_digest). A letter whose record is kept is not parsed
    again to learn what it mentions, and the cards of the entry pages and the views are made from
    the records alone."""
    root = _parse_mentions_root(what, xml)
    mentions = _mentions(root)
    letter = [mentions[0][2][0], mentions[0][2][2], mentions[0][2][3]] if mentions else ["", "", ""]
    rows = [[kind, entry_id, mention_digest(mention), mention[5], _form_counts(mention)]
            for kind, entry_id, mention in mentions]
    return {"l": letter, "m": rows, "r": [[kind, entry_id, *reply] for kind, entry_id, reply in _replies(root)],
            "v": forms_digest(letter[0], rows)}


def _form_counts(mention: Mention) -> list[list]:
    """[form, how many of the mentions use it] of one letter's mentions of one entry, in order of
    first use (the views count mentions by form; a list of every mention's form was most of the
    records' size)."""
    counts: dict[str, int] = {}
    for context in mention[6]:
        counts[context[2]] = counts.get(context[2], 0) + 1
    return [[form, n] for form, n in counts.items()]


def forms_digest(letter_id: str, rows: list[list]) -> str:
    """A digest of the forms one letter uses of each entry (what the views read of its
    mentions), kept in its record: the views' key is made of these, not of every mention again."""
    return hashlib.sha256(repr((letter_id, [(row[0], row[1], row[4]) for row in rows])).encode("utf-8")).hexdigest()


def mention_digest(mention: Mention) -> str:
    """A digest of one letter's mentions of one entry (its repr: every field, every context)."""
    return hashlib.sha256(repr(mention).encode("utf-8")).hexdigest()[:32]


def page_count(letters: int) -> int:
    """How many pages an entry mentioned by `letters` letters has (at least one)."""
    return max(1, -(-letters // PER_PAGE))


class Mentions:
    """The letters' mentions, by register and entry, in the order the letters come (date order):
    each register's facts document (`write`), each entry page's (`write_page`), the key of each
    entry page (`page_digest`), the forms each letter uses of each entry (`forms_by_entry`, for
    the views).

    What is aggregated over the whole corpus is small: per letter its record (letter_record:
    which entries it mentions, a digest of each mention, the forms it uses, its replies), kept by
    the build for the next one, so that a letter that did not change is not parsed again. From the
    records come, per entry, the letters that mention it (hence its pages: PER_PAGE letters a
    page, in date order), its card (which party uses which form, when: `card`) and the letters
    that reply to it.

    The mentions themselves, with their keywords in context, are read again from the letters'
    fragments (`fragment_of(letter file)`, the mentions cache) only for the entry pages that are
    made (`gather`), and only from the letters listed on those pages: one edit makes again the
    page that lists the letter, not the entry's other pages. They are read in one pass, in date
    order, appending each wanted page's mentions to a spill file of that page in `spill_dir` (a
    few MiB at a time, one JSON array of mentions a line), so that memory does not grow with the
    corpus.
    """

    def __init__(self, kinds: tuple[str, ...], spill_dir: Path, fragment_of):
        self.spill_dir = Path(spill_dir)
        self.fragment_of = fragment_of
        self.counts: dict[str, dict[str, int]] = {kind: {} for kind in kinds}
        # the letters that reply to an entry (a cited document), by kind and entry, in date order
        self.replies: dict[str, dict[str, list[Reply]]] = {kind: {} for kind in kinds}
        self.records: dict[str, dict] = {}  # letter file -> its record, in the order added
        # entry -> (letter file, its row of the letter's record) of each letter that mentions it, in order
        self._rows: dict[tuple[str, str], list[tuple[str, list]]] = {}
        self._cards: dict[tuple[str, str], list] = {}
        self._card_digests: dict[tuple[str, str], str] = {}
        self._gathered: set[tuple[str, str, int]] = set()
        self._pending: dict[tuple[str, str, int], list[Mention]] = {}
        self._pending_bytes = 0

    def add(self, what: str, xml: str | None, record: dict | None = None) -> dict:
        """Add one letter (the next in date order): its record, or its mentions `xml` parsed
        into one. Returns the record."""
        if record is None:
            record = letter_record(what, xml)
        self.records[what] = record
        for row in record["m"]:
            kind, entry_id = row[0], row[1]
            entries = self._entries(self.counts, what, kind)
            entries[entry_id] = entries.get(entry_id, 0) + 1
            self._rows.setdefault((kind, entry_id), []).append((what, row))
        for kind, entry_id, letter_id, label, relation in record["r"]:
            self._entries(self.replies, what, kind).setdefault(entry_id, []).append((letter_id, label, relation))
        return record

    @staticmethod
    def _entries(table: dict, what: str, kind: str) -> dict:
        entries = table.get(kind)
        if entries is None:
            raise ValueError(f"{what}: a mention of an unknown register kind {kind!r}")
        return entries

    def pages(self, kind: str, entry_id: str) -> int:
        return page_count(self.counts[kind].get(entry_id, 0))

    def _page_rows(self, kind: str, entry_id: str, page: int) -> list[tuple[str, list]]:
        return self._rows.get((kind, entry_id), [])[(page - 1) * PER_PAGE:page * PER_PAGE]

    def card(self, kind: str, entry_id: str) -> list[tuple[str, list[tuple[str, int, str, str]]]]:
        """What the entry's card says of the letters: each form they use (in the order of its
        first use) with, for each sending party that uses it (same order), how many letters and
        the dates of the first and the last (the second, when there are two) — the same on every
        page of the entry, computed once from the records."""
        found = self._cards.get((kind, entry_id))
        if found is not None:
            return found
        uses: dict[str, dict[str, list]] = {}
        for what, row in self._rows.get((kind, entry_id), []):
            _letter_id, party, date = self.records[what]["l"]
            for form in row[3].split("\t") if row[3] else []:
                use = uses.setdefault(form, {}).setdefault(party, [0, date, date])
                use[0] += 1
                use[2] = date  # the last so far (of two letters: the second)
        found = [(form, [(party, n, first, last) for party, (n, first, last) in parties.items()])
                 for form, parties in uses.items()]
        self._cards[(kind, entry_id)] = found
        return found

    def _card_digest(self, kind: str, entry_id: str) -> str:
        found = self._card_digests.get((kind, entry_id))
        if found is None:
            found = hashlib.sha256(repr(self.card(kind, entry_id)).encode("utf-8")).hexdigest()
            self._card_digests[(kind, entry_id)] = found
        return found

    def page_digest(self, kind: str, entry_id: str, page: int) -> str:
        """A digest of what page `page` of an entry shows of the letters (the page's key): the
        number of letters and pages, the card, the digests of the mentions listed on the page
        (mention_digest) and, on the first page, the replies."""
        parts = (self.counts[kind].get(entry_id, 0), self.pages(kind, entry_id), self._card_digest(kind, entry_id),
                 [row[2] for _what, row in self._page_rows(kind, entry_id, page)],
                 self.replies[kind].get(entry_id, []) if page == 1 else [])
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()

    def forms_by_entry(self, kind: str) -> dict[str, list[tuple[str, list[list]]]]:
        """Every entry of register `kind` with, for each letter that mentions it (date order),
        the letter's id and [form, how many of its mentions use it] of each form it uses (for
        the views, edition.views)."""
        return {entry_id: [(self.records[what]["l"][0], row[4]) for what, row in self._rows[(kind, entry_id)]]
                for entry_id in sorted(self.counts.get(kind, {}))}

    def forms_digest(self) -> str:
        """A digest of what `forms_by_entry` gives for every register (part of the views' key):
        of each letter in order, its record's digest of its forms (letter_record's "v")."""
        hasher = hashlib.sha256()
        for record in self.records.values():
            hasher.update(record["v"].encode("ascii"))
        return hasher.hexdigest()

    def gather(self, wanted) -> None:
        """Read the mentions listed on the entry pages `wanted` ((kind, entry id, page) triples)
        from the letters on those pages (one pass, date order) into their spill files; a page
        already gathered is not read again."""
        wanted = {triple for triple in wanted if triple not in self._gathered}
        if not wanted:
            return
        self._gathered |= wanted
        needed: dict[str, dict[tuple[str, str], int]] = {}  # letter file -> (kind, entry) -> page
        for kind, entry_id, page in wanted:
            for what, _row in self._page_rows(kind, entry_id, page):
                needed.setdefault(what, {})[(kind, entry_id)] = page
        for what in self.records:
            pages = needed.get(what)
            if pages is None:
                continue
            for kind, entry_id, mention in _mentions(_parse_mentions_root(what, self.fragment_of(what))):
                page = pages.get((kind, entry_id))
                if page is not None:
                    self._pending.setdefault((kind, entry_id, page), []).append(mention)
                    self._pending_bytes += sum(len(part) for part in mention[:6]) + \
                        sum(len(part) for context in mention[6] for part in context)
            if self._pending_bytes > SPILL_BYTES:
                self._spill()
        self._spill()

    def _spill_file(self, kind: str, entry_id: str, page: int) -> Path:
        # named by a digest: an entry id from a letter's mentions is not trusted as a file name
        name = hashlib.sha256(entry_id.encode("utf-8")).hexdigest()
        return self.spill_dir / kind / f"{name}.{page}.jsonl"

    def _spill(self) -> None:
        for (kind, entry_id, page), mentions in self._pending.items():
            path = self._spill_file(kind, entry_id, page)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8", newline="\n") as handle:
                handle.write(json.dumps(mentions, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._pending.clear()
        self._pending_bytes = 0

    def mentions_on(self, kind: str, entry_id: str, page: int):
        """The mentions listed on one page of an entry, in date order, read back from its spill file."""
        self.gather({(kind, entry_id, page)})
        if not self._page_rows(kind, entry_id, page):
            return
        with open(self._spill_file(kind, entry_id, page), encoding="utf-8") as handle:
            for line in handle:
                for letter_id, label, party, date, anchors, forms, contexts in json.loads(line):
                    yield letter_id, label, party, date, anchors, forms, contexts

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

    def write_page(self, stage: Path, kind: str, entry_id: str, page: int) -> None:
        """Write the facts of one page of an entry (see the module): the entry's numbers and card,
        the letters listed on the page with each mention in its context, and on the first page
        the letters that reply to it; small, whatever the size of the corpus."""
        path = entry_facts_file(stage, kind, entry_id, page)
        path.parent.mkdir(parents=True, exist_ok=True)
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            with xf.element("mentions", kind=kind):
                with xf.element("entry", id=entry_id, letters=str(self.counts[kind].get(entry_id, 0)),
                                page=str(page), pages=str(self.pages(kind, entry_id))):
                    for form, uses in self.card(kind, entry_id):
                        element = etree.Element("form", f=form)
                        for party, n, first, last in uses:
                            etree.SubElement(element, "use", p=party, n=str(n), first=first, last=last)
                        xf.write(element)
                    for letter_id, label, party, date, anchors, forms, contexts in self.mentions_on(kind, entry_id, page):
                        m = etree.Element("m", id=letter_id, label=label, p=party, d=date, a=anchors, f=forms)
                        for anchor, before, form, after in contexts:
                            etree.SubElement(m, "k", a=anchor, before=before, form=form, after=after)
                        xf.write(m)
                    for letter_id, label, relation in self.replies[kind].get(entry_id, []) if page == 1 else []:
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
            for page in range(1, page_count(letters.get(entry_id, 0)) + 1)]


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI = "http://www.tei-c.org/ns/1.0"
