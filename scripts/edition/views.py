"""The views of the corpus: contested names, correspondence and citations, timeline.

Each view is a fact of the whole corpus, computed here from the letters' summaries, their
mentions (edition.enrich) and, for the timeline, the dates of their texts; nothing is kept by
hand. Each view is written three ways: as XML for its entry stylesheet (xslt/view-*.xsl, which
renders the page), and as CSV and JSON for readers who want the data (sorted, fixed separators,
"\\n" line ends: the same corpus gives the same bytes).

Contested names (`contested`). An entry of the places register is a contested name when
  (a) letters of two or more parties (senders) name it and the names they use differ, or
  (b) its headword gives two forms, "A / B" (headword policy, guidelines §7.2, step 3: the
      parties name it differently and no United Nations usage was found), or
  (c) no letter uses its headword and no form the letters use shares a word with it (the
      letters use another name than the nationally standardized one, step 2).
A form's *names* are the entry's forms it contains as whole words and that contain no other
form ("Nagorno-Karabakh (Artsakh)" names Nagorno-Karabakh and Artsakh; "Republic of Azerbaijan"
names Azerbaijan), so that an addition or a long form of the same name is not a difference.
Spelling variants of one name used by one party (Fizuli, Fuzuli) are not contested.

Correspondence (`correspondence`): the letters and the documents they cite (mentions of the
documents register) or answer (correspContext), as nodes and edges, with a deterministic
layout: letters in a column in date order, documents in a second column in the order of their
first citation.

Timeline (`timeline`): the letters and the dates their texts name (`date` with @when, or a span
with @from and @to, outside
the masthead, the headings and the datelines, which give the letter's own dates), each with the anchor of the date on the letter page ("d1", "d2", … in document
order, as xslt/partials/dates.xsl numbers them) and the certainty the encoding gives it.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.corpus import LetterSummary
from edition.load import _PARSER as PARSER
from edition.load import TEI_NS, parse
from edition.model import model

NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# The views, in the order of the views index: (name, file stem under views/).
VIEWS = ("contested-names", "correspondence", "timeline")
# The register of toponyms, the only one whose names the contested-names view compares.
PLACES = "places"
# Words that do not make a name ("Republic of Armenia" and "Armenia" name the same State).
_GENERIC = {"of", "the", "and", "republic", "district", "region", "road", "city", "town", "village"}
# Layout of the correspondence graph (SVG user units).
ROW = 22
LETTER_X, DOC_X, WIDTH, TOP = 190, 330, 680, 30


# ===== the corpus facts the views share ===================================================

@dataclass
class Letter:
    """A letter as the views see it: id, file, date, certainty of the date, sender, label."""

    id: str
    file: str
    date: str
    sender: str
    label: str
    date_cert: tuple[str, str] = ("", "")

    @property
    def href(self) -> str:
        return f"letters/{Path(self.file).stem}.html"


def letters_of(summaries: list[LetterSummary]) -> list[Letter]:
    """The letters, in date order, with a short label ("1 October 2020")."""
    return [Letter(s.id, s.file, s.sort_key[0], s.sender, _date_label(s.sort_key[0]), s.date_cert) for s in summaries]


def headwords(register: Path) -> dict[str, str]:
    """xml:id -> headword (the name or title of type "main", else the first) of each entry."""
    found = {}
    for entry in parse(register).getroot().iter():
        entry_id = entry.get(XML_ID) if isinstance(entry.tag, str) else None
        if not entry_id or entry.getparent() is None or entry.getparent().tag == f"{{{TEI_NS}}}TEI":
            continue
        main = entry.xpath("*[@type='main'][1] | tei:title[1]", namespaces=NS)
        if main:
            found.setdefault(entry_id, " ".join("".join(main[0].itertext()).split()))
    return found


def party_names(tei_dir: Path, letters: list[Letter]) -> dict[str, str]:
    """Sender pointer -> the sender's headword in its register ("org:pm-armenia" ->
    "Permanent Mission of Armenia to the United Nations"): the parties as they name themselves."""
    names: dict[str, str] = {}
    registers: dict[str, dict[str, str]] = {}  # each register read once
    for sender in sorted({letter.sender for letter in letters}):
        kind = model().by_prefix(sender.split(":", 1)[0]) if ":" in sender else None
        if kind is None:
            names[sender] = sender
            continue
        if kind.name not in registers:
            registers[kind.name] = headwords(kind.register_file(tei_dir))
        names[sender] = registers[kind.name].get(kind.id_prefix + sender.split(":", 1)[1], sender)
    return names


# ===== contested names ====================================================================

@dataclass
class FormUse:
    """One party's use of one form of an entry: in which letters, how often, first and last."""

    party: str
    form: str
    letters: list[str] = field(default_factory=list)  # letter ids, date order
    count: int = 0
    first: str = ""
    last: str = ""


@dataclass
class Contested:
    """A contested name: the entry, its headword, why it is listed, the forms each party uses."""

    entry: str
    headword: str
    reasons: list[str]
    uses: list[FormUse]
    unused: list[str]  # the register's names no letter uses (type="alt")


def word_set(text: str) -> set[str]:
    """The words of a name that make it that name (lower case, generic words left out)."""
    return {w for w in re.split(r"[^\w]+", text.lower()) if len(w) > 1 and w not in _GENERIC}


def names_in(form: str, forms: set[str]) -> set[str]:
    """The names a form uses: the forms of the entry it contains as whole words and that
    contain no other such form; a form that contains none is a name of its own."""
    def contains(outer: str, inner: str) -> bool:
        return re.search(r"(?<!\w)" + re.escape(inner) + r"(?!\w)", outer) is not None

    inside = {other for other in forms if contains(form, other)}
    minimal = {name for name in inside if not any(o != name and contains(name, o) for o in inside)}
    return minimal or {form}


def contested(entries: dict[str, list], letters: list[Letter], register: Path) -> list[Contested]:
    """The contested names of the places register, from the letters' mentions of its entries
    (edition.enrich.Mentions.forms_by_entry("places"): entry id -> [(letter id, [[form, how many
    of its mentions use it], …])]) and the register's headwords; see the module for the rule."""
    by_id = {letter.id: letter for letter in letters}
    root = parse(register).getroot()
    found = []
    for entry_id in sorted(entries):
        element = root.xpath("//*[@xml:id = $id]", id=entry_id)
        if not element:
            continue
        headword = " ".join("".join(element[0].xpath("*[@type='main'][1]")[0].itertext()).split())
        unused = [" ".join("".join(n.itertext()).split()) for n in element[0].xpath("*[@type='alt']")]
        uses = _form_uses(entries[entry_id], by_id)
        reasons = _reasons(headword, uses)
        if reasons:
            found.append(Contested(entry_id, headword, reasons, uses, unused))
    return found


def _form_uses(mentions: list, by_id: dict[str, Letter]) -> list[FormUse]:
    """Each (party, form) of an entry's mentions, with its letters, count, first and last use."""
    uses: dict[tuple[str, str], FormUse] = {}
    for letter_id, forms in mentions:
        letter = by_id[letter_id]
        for form, count in forms:
            use = uses.setdefault((letter.sender, form), FormUse(letter.sender, form))
            use.count += count
            if letter_id not in use.letters:
                use.letters.append(letter_id)
                use.first = min(use.first or letter.date, letter.date)
                use.last = max(use.last, letter.date)
    return [uses[key] for key in sorted(uses)]


def _reasons(headword: str, uses: list[FormUse]) -> list[str]:
    """Why an entry is a contested name (module docstring, rules a–c); [] when it is not."""
    forms = {use.form for use in uses}
    by_party: dict[str, set[str]] = {}
    for use in uses:
        by_party.setdefault(use.party, set()).update(names_in(use.form, forms))
    reasons = []
    if len(by_party) > 1 and len({frozenset(names) for names in by_party.values()}) > 1:
        reasons.append("parties-differ")
    if len([part for part in headword.split(" / ") if part.strip()]) == 2:
        reasons.append("headword-both-forms")
    if forms and headword not in forms and not any(word_set(form) & word_set(headword) for form in forms):
        reasons.append("other-name")
    return reasons


# ===== correspondence and citations =======================================================

@dataclass
class Node:
    id: str
    kind: str  # "letter", or "cited": a document the letters cite or answer
    label: str
    title: str
    href: str
    x: int = 0
    y: int = 0
    date: str = ""
    party: str = ""


@dataclass
class Edge:
    source: str
    target: str
    type: str  # "cites", "replyTo", "furtherTo"
    count: int = 1
    inferred: int = 0  # how many of the citations the editors inferred (a pointer with @cert)
    cert: str = ""  # their @cert values, or the @cert of the encoded reply


def correspondence(letters: list[Letter], relations: dict, documents: dict[str, list], summaries: list[LetterSummary],
                   doc_titles: dict[str, str], parties: dict[str, str],
                   inferred: dict[tuple[str, str], list[str]] | None = None) -> tuple[list[Node], list[Edge]]:
    """The graph: each letter, each document a letter cites or answers; an edge for each
    citation (with the number of mentions, and how many of them the editors inferred:
    `inferred`, see inferred_citations), reply and "further to" (see the module). `documents`:
    edition.enrich.Mentions.forms_by_entry("documents"), document id -> [(letter id, [[form, how
    many of its mentions of the document use it], …])]."""
    inferred = inferred or {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for doc_id, mentions in documents.items():
        for letter_id, forms in mentions:
            certs = inferred.get((letter_id, doc_id), [])
            edges[(letter_id, doc_id, "cites")] = Edge(letter_id, doc_id, "cites", sum(n for _form, n in forms) or 1, len(certs),
                                                       " ".join(sorted(set(certs))))
    resolved = {(source, target): other for source, related in relations.items()
                for role, target, other in related if target}
    for summary in summaries:
        certs = _context_certs(summary)
        for ref_type, target in summary.context_refs:
            if ref_type not in ("replyTo", "furtherTo"):
                continue
            other = resolved.get((summary.id, target)) or _doc_entry(target)
            if other:
                cert = certs.get((ref_type, target), "")
                edges[(summary.id, other, ref_type)] = Edge(summary.id, other, ref_type, 1, 1 if cert else 0, cert)
    letter_nodes = [Node(l.id, "letter", f"{l.label} · {_short_party(parties.get(l.sender, l.sender))}",
                         f"Letter of {l.label}, {parties.get(l.sender, l.sender)}", l.href, date=l.date,
                         party=parties.get(l.sender, l.sender)) for l in letters]
    order = {l.id: i for i, l in enumerate(letters)}
    cited: dict[str, int] = {}
    for edge in sorted(edges.values(), key=lambda e: (order.get(e.source, 0), e.target)):
        if edge.target not in order:
            cited.setdefault(edge.target, order.get(edge.source, 0))
    doc_ids = sorted(cited, key=lambda d: (cited[d], d))
    doc_nodes = [Node(d, "cited", _shorten(doc_titles.get(d, d), 50), doc_titles.get(d, d),
                      f"registers/documents/{d}.html") for d in doc_ids]
    _layout(letter_nodes, doc_nodes)
    return letter_nodes + doc_nodes, sorted(edges.values(), key=lambda e: (order.get(e.source, 0), e.source, e.type, e.target))


def _context_certs(summary: LetterSummary) -> dict[tuple[str, str], str]:
    """(type, target) -> @cert of each correspContext/ref of a letter that carries one."""
    if not summary.xml:
        return {}
    root = etree.fromstring(summary.xml.encode("utf-8"), PARSER)
    return {(ref.get("type", ""), target): ref.get("cert", "")
            for ref in root.iterfind(".//tei:correspContext/tei:ref[@cert]", NS) for target in ref.get("target", "").split()}


def inferred_citations(facts: dict[str, dict]) -> dict[tuple[str, str], list[str]]:
    """(letter id, document entry id) -> the @cert of each pointer of the letter's text to the
    document that the editors inferred (e.g. "the resolutions adopted in 1993", pointing to four
    resolutions with cert="high"), from the letters' facts (text_facts): an inference stays
    visible in the graph too."""
    found: dict[tuple[str, str], list[str]] = {}
    for letter_id in sorted(facts):
        for doc_id, cert in facts[letter_id]["inferred"]:
            found.setdefault((letter_id, doc_id), []).append(cert)
    return found


def _doc_entry(target: str) -> str | None:
    """'doc:a-75-710' -> 'doc-a-75-710' (the documents register's entry a pointer leads to)."""
    kind = model().by_prefix(target.split(":", 1)[0]) if ":" in target else None
    return kind.id_prefix + target.split(":", 1)[1] if kind is not None and kind.name == "documents" else None


def _layout(letter_nodes: list[Node], doc_nodes: list[Node]) -> None:
    """Letters in the left column in date order (their labels to the left of their dots),
    spread over the height of the documents' column; documents one a row on the right. No randomness: same corpus, same picture."""
    rows = max(len(doc_nodes), len(letter_nodes), 1)
    for i, node in enumerate(doc_nodes):
        node.x, node.y = DOC_X, TOP + i * ROW
    step = (rows - 1) * ROW / max(len(letter_nodes) - 1, 1)
    for i, node in enumerate(letter_nodes):
        node.x, node.y = LETTER_X, TOP + round(i * step)


def graph_height(nodes: list[Node]) -> int:
    return max((n.y for n in nodes), default=TOP) + ROW


# ===== timeline ===========================================================================

@dataclass
class Event:
    date: str
    letter: str
    anchor: str  # "d3": the date's id on the letter page
    text: str  # the date as the letter writes it
    context: str  # the sentence around it
    cert: str = ""
    evidence: str = ""
    to: str = ""  # the end of a span (@from … @to), else ""


def text_facts(root: etree._Element) -> dict:
    """What the views need of one letter's text (its tree, root `TEI`), as plain JSON data: the
    dates it names with their anchors on the letter page (outside its own dates: masthead, title,
    datelines), and its inferred citations. Part of the letter's summary (edition.corpus), so
    computed from the tree the validation parses anyway and cached with its result."""
    text = root.find("tei:text", NS)
    events, inferred = [], []
    for number, date in enumerate(text.iter(f"{{{TEI_NS}}}date") if text is not None else (), start=1):
        start = date.get("when") or date.get("from")
        if start and not date.xpath(_OWN_DATES, namespaces=NS):
            events.append([start, f"d{number}", _plain(date), _context(date),
                           date.get("cert", ""), date.get("evidence", ""), "" if date.get("when") else date.get("to", "")])
    for element in text.iter() if text is not None else ():
        if isinstance(element.tag, str) and element.get("cert") is not None:
            for target in f"{element.get('ref', '')} {element.get('corresp', '')}".split():
                if _doc_entry(target):
                    inferred.append([_doc_entry(target), element.get("cert", "")])
    return {"events": events, "inferred": inferred}


def timeline(facts: dict[str, dict], letters: list[Letter]) -> list[Event]:
    """The dates the letters' texts name (text_facts), in date order, then letter and page order."""
    events = [Event(when, letter.id, anchor, text, context, cert, evidence, to)
              for letter in letters for when, anchor, text, context, cert, evidence, to in facts.get(letter.id, {}).get("events", [])]
    order = {l.id: i for i, l in enumerate(letters)}
    return sorted(events, key=lambda e: (e.date, order[e.letter], int(e.anchor[1:])))


# The document's own dates (its masthead, title and datelines): the letter itself, not events it names.
_OWN_DATES = "ancestor::tei:front or ancestor::tei:head or ancestor::tei:dateline"
_BLOCKS = ("p", "head", "item", "note", "cell", "l", "salute", "signed", "quote")
_HIDDEN = {f"{{{TEI_NS}}}{name}" for name in ("sic", "orig", "note")}


def _plain(element: etree._Element, skip_notes: bool = True) -> str:
    """The text of an element as the reader sees it (the editors' reading, no notes)."""
    parts = []

    def walk(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str) or (child.tag in _HIDDEN and (skip_notes or child.tag != f"{{{TEI_NS}}}note")):
                pass
            elif child.tag == f"{{{TEI_NS}}}lb":
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(element)
    return " ".join("".join(parts).split())


def _context(date: etree._Element) -> str:
    """The sentence around a date in its paragraph, at most ~120 characters on each side of it."""
    block = next((a for a in date.iterancestors() if etree.QName(a).localname in _BLOCKS), date.getparent())
    marker = "\ue000"
    saved = date.tail
    date.tail = marker + (saved or "")
    try:
        line = _plain(block)
    finally:
        date.tail = saved
    before, _, after = line.partition(marker)
    # a sentence ends at . ! ? followed by a capital (not at "p. 4" or "I.C.J. Reports")
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z“‘(\"])", before)[-1]
    after = re.split(r"(?<=[.!?])\s+(?=[A-Z“‘(\"])", after, maxsplit=1)[0]
    if len(before) > 120:
        before = "… " + before[-120:].split(" ", 1)[-1]
    if len(after) > 120:
        after = after[:120].rsplit(" ", 1)[0] + " …"
    return (before + after).strip()


# ===== writing ============================================================================

def contested_xml(groups: list[Contested], parties: dict[str, str], letters: list[Letter]) -> bytes:
    root = etree.Element("view", name="contested-names")
    by_id = {l.id: l for l in letters}
    for group in groups:
        g = etree.SubElement(root, "group", entry=group.entry, headword=group.headword, reasons=" ".join(group.reasons),
                             href=f"registers/{PLACES}/{group.entry}.html")
        for name in group.unused:
            etree.SubElement(g, "unused", form=name)
        for use in group.uses:
            u = etree.SubElement(g, "use", party=use.party, name=parties.get(use.party, use.party), form=use.form,
                                 count=str(use.count), first=use.first, last=use.last)
            for letter_id in use.letters:
                etree.SubElement(u, "letter", id=letter_id, href=by_id[letter_id].href, date=by_id[letter_id].date,
                                 label=by_id[letter_id].label)
    return _xml(root)


def contested_rows(groups: list[Contested], parties: dict[str, str], letters: list[Letter]) -> list[dict]:
    files = {l.id: l for l in letters}
    return [{"entry": g.entry, "headword": g.headword, "reasons": " ".join(g.reasons), "party": parties.get(u.party, u.party),
             "form": u.form, "mentions": u.count, "letters": " ".join(u.letters), "first": u.first, "last": u.last,
             "letter_pages": " ".join(files[i].href for i in u.letters)}
            for g in groups for u in g.uses]


def correspondence_xml(nodes: list[Node], edges: list[Edge]) -> bytes:
    root = etree.Element("view", name="correspondence", width=str(WIDTH), height=str(graph_height(nodes)))
    for node in nodes:
        etree.SubElement(root, "node", id=node.id, kind=node.kind, label=node.label, title=node.title, href=node.href,
                         x=str(node.x), y=str(node.y), date=node.date, party=node.party)
    for edge in edges:
        etree.SubElement(root, "edge", source=edge.source, target=edge.target, type=edge.type, count=str(edge.count),
                         inferred=str(edge.inferred) if edge.inferred else "", cert=edge.cert)
    return _xml(root)


def timeline_xml(events: list[Event], letters: list[Letter], parties: dict[str, str]) -> bytes:
    root = etree.Element("view", name="timeline")
    for letter in letters:
        etree.SubElement(root, "letter", id=letter.id, date=letter.date, label=letter.label, href=letter.href,
                         party=parties.get(letter.sender, letter.sender), cert=letter.date_cert[0], evidence=letter.date_cert[1])
    for event in events:
        etree.SubElement(root, "event", date=event.date, to=event.to, letter=event.letter, anchor=event.anchor,
                         text=event.text, context=event.context, cert=event.cert, evidence=event.evidence)
    return _xml(root)


def timeline_rows(events: list[Event], letters: list[Letter], parties: dict[str, str]) -> list[dict]:
    by_id = {l.id: l for l in letters}
    rows = [{"date": l.date, "to": "", "type": "letter", "letter": l.id, "page": l.href, "party": parties.get(l.sender, l.sender),
             "text": f"Letter of {l.label}", "context": "", "cert": l.date_cert[0], "evidence": l.date_cert[1]} for l in letters]
    rows += [{"date": e.date, "to": e.to, "type": "named date", "letter": e.letter, "page": f"{by_id[e.letter].href}#{e.anchor}",
              "party": parties.get(by_id[e.letter].sender, ""), "text": e.text, "context": e.context,
              "cert": e.cert, "evidence": e.evidence} for e in events]
    # stable: the letters in date order, then the events in the order timeline() gives them
    return sorted(rows, key=lambda r: (r["date"], r["type"] != "letter"))


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """CSV with a header row, "\\n" line ends, every field as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # DictWriter's checks of each row cost as much again
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return buffer.getvalue()


def json_text(data) -> str:
    """JSON, sorted keys, fixed separators, non-ASCII kept, one final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, separators=(",", ": ")) + "\n"


def _xml(root: etree._Element) -> bytes:
    """The facts as bytes; an empty value is left out (no @cert="" that would read as a certainty)."""
    for element in root.iter():
        for name in [name for name, value in element.attrib.items() if value == ""]:
            del element.attrib[name]
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _date_label(iso: str) -> str:
    """'2020-10-01' -> '1 October 2020' (year or year-month alone as they are; '' stays 'undated')."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso or "undated"


def _short_party(name: str) -> str:
    """The State of "Permanent Mission of X to the United Nations" for a node's short label."""
    match = re.match(r"Permanent Mission of (.+?) to the United Nations$", name)
    return match.group(1) if match else name


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


# ===== the build's part ===================================================================

def view_file(stage: Path, name: str) -> Path:
    """The XML facts of one view, the input of its stylesheet (a work file of the build)."""
    return stage / ".facts" / f"view-{name}.xml"


def outputs(name: str) -> list[str]:
    """The files one view writes (paths in the output): its page, then its data."""
    if name == "correspondence":
        return [f"views/{name}.html", f"views/{name}-nodes.csv", f"views/{name}-edges.csv", f"views/{name}.json"]
    return [f"views/{name}.html", f"views/{name}.csv", f"views/{name}.json"]


class Corpus:
    """What the views are computed from: the corpus folder, the letters' summaries (date
    order), their relations (edition.corpus.relate), mentions (edition.enrich.Mentions) and
    the facts of their texts (text_facts, in each summary)."""

    def __init__(self, tei_dir: Path, summaries: list[LetterSummary], relations: dict, mentions,
                 facts: dict[str, dict]):
        self.tei_dir, self.summaries, self.relations, self.mentions = tei_dir, summaries, relations, mentions
        self.facts = facts  # letter id -> text_facts()
        self.letters = letters_of(summaries)
        self._parties: dict[str, str] | None = None

    @property
    def parties(self) -> dict[str, str]:
        if self._parties is None:
            self._parties = party_names(self.tei_dir, self.letters)
        return self._parties

    def data(self, name: str) -> dict[str, bytes]:
        """The facts XML ("xml") and data files (by output path) of one view."""
        registers = self.tei_dir / "registers"
        if name == "contested-names":
            groups = contested(self.mentions.forms_by_entry(PLACES), self.letters, registers / f"{PLACES}.xml")
            rows = contested_rows(groups, self.parties, self.letters)
            return {"xml": contested_xml(groups, self.parties, self.letters),
                    f"views/{name}.csv": csv_text(rows, list(_CONTESTED_COLUMNS)).encode(),
                    f"views/{name}.json": json_text({"rule": CONTESTED_RULE, "names": rows}).encode()}
        if name == "correspondence":
            nodes, edges = correspondence(self.letters, self.relations, self.mentions.forms_by_entry("documents"),
                                          self.summaries, headwords(registers / "documents.xml"), self.parties,
                                          inferred_citations(self.facts))
            node_rows = [{k: getattr(n, k) for k in _NODE_COLUMNS} for n in nodes]
            edge_rows = [{k: getattr(e, k) for k in _EDGE_COLUMNS} for e in edges]
            return {"xml": correspondence_xml(nodes, edges),
                    f"views/{name}-nodes.csv": csv_text(node_rows, list(_NODE_COLUMNS)).encode(),
                    f"views/{name}-edges.csv": csv_text(edge_rows, list(_EDGE_COLUMNS)).encode(),
                    f"views/{name}.json": json_text({"nodes": node_rows, "edges": edge_rows}).encode()}
        if name == "timeline":
            events = timeline(self.facts, self.letters)
            rows = timeline_rows(events, self.letters, self.parties)
            return {"xml": timeline_xml(events, self.letters, self.parties),
                    f"views/{name}.csv": csv_text(rows, list(_TIMELINE_COLUMNS)).encode(),
                    f"views/{name}.json": json_text({"events": rows}).encode()}
        raise ValueError(f"unknown view {name!r}")


def write(stage: Path, name: str, data: dict[str, bytes]) -> None:
    """Write a view's facts (for its page job) and its data files into the staging folder."""
    for relative, content in data.items():
        path = view_file(stage, name) if relative == "xml" else stage / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


CONTESTED_RULE = ("An entry of the places register is listed when (a) letters of two or more parties name it and "
                  "the names they use differ, (b) its headword gives two forms, \"A / B\" (headword policy, step 3), "
                  "or (c) no letter uses its headword and no form the letters use shares a word with it (step 2).")
_CONTESTED_COLUMNS = ("entry", "headword", "reasons", "party", "form", "mentions", "letters", "first", "last", "letter_pages")
_NODE_COLUMNS = ("id", "kind", "label", "title", "href", "date", "party", "x", "y")
_EDGE_COLUMNS = ("source", "target", "type", "count", "inferred", "cert")
_TIMELINE_COLUMNS = ("date", "to", "type", "letter", "page", "party", "text", "context", "cert", "evidence")


def index_names() -> list[str]:
    """The views the views index lists: those of this module and the claims register
    (views/claims.html, made by edition.claims)."""
    return list(VIEWS) + ["claims"]
