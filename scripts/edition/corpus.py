"""The corpus as a whole: a small summary of each letter and the relations between letters.

A letter page needs to know its neighbours (previous/next by date) and the letters that answer
it, which only the whole corpus can tell. Rather than keeping every letter in memory, the build
first reads each letter's header into a `LetterSummary` (a pruned copy of the teiHeader plus the
few values needed to sort and relate letters); the stylesheets then format these summaries.
Nothing here renders anything: it only selects and relates data.
"""
from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.claims import claims_of
from edition.load import TEI_NS, parse

NS = {"tei": TEI_NS}
# Header parts the summary leaves out: long, and not needed to list or relate letters.
# Header elements whose content is elements only (TEI content models): their whitespace is layout.
_ELEMENT_ONLY = tuple(f"{{{TEI_NS}}}{name}" for name in (
    "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "availability", "sourceDesc",
    "profileDesc", "correspDesc", "correspAction", "correspContext", "langUsage", "revisionDesc", "listChange"))
_PRUNED = ("tei:fileDesc/tei:notesStmt", "tei:encodingDesc", "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='transcription']")


@dataclass
class LetterSummary:
    """What the corpus-level pages need to know about one letter."""

    id: str
    file: str
    sort_key: tuple[str, str]
    symbols: list[str]
    # (type, target) of each correspContext/ref, e.g. ("replyTo", "doc:a-75-710").
    context_refs: list[tuple[str, str]] = field(default_factory=list)
    # <letter id=… file=…><teiHeader …/></letter>, the form the stylesheets receive.
    xml: str = ""
    # The sender's pointer (the sending office's orgName, else the person), e.g. "org:pm-armenia".
    sender: str = ""
    # The @cert and @evidence of the letter's date ("" when the date is not an inference).
    date_cert: tuple[str, str] = ("", "")
    # The letter's quantitative claims (edition.claims.claims_of), for the claims view.
    claims: list[dict] = field(default_factory=list)
    # What the views need of the letter's text (edition.views.text_facts): the dates it names and
    # its inferred citations, read from the tree validation parsed (no second parse).
    views: dict = field(default_factory=dict)


# The fields of a summary kept as JSON text by the validation cache (edition.validation_cache)
# until they are read: two thirds of a summary's JSON, and a rebuild reads them of few letters
# (the claims when the claims view is made again, the views' facts when the views are).
DEFERRED = ("claims", "views")


def field_json(summary: LetterSummary, name: str) -> str:
    """The canonical JSON of one field of `summary` (sorted keys, ASCII, compact; a tuple as a
    list), what the validation cache keeps of a DEFERRED field: taken as kept when the field was
    not decoded yet, so that keying on it (edition.claims.prepare) decodes nothing."""
    pending = summary.__dict__.get("_deferred")
    if pending is not None and name in pending:
        return pending[name]
    return json.dumps(getattr(summary, name), sort_keys=True, ensure_ascii=True, separators=(",", ":"))


class DeferredSummary(LetterSummary):
    """A LetterSummary read back from the validation cache, whose DEFERRED fields (JSON text in
    `deferred`) are decoded when first read: reading them is reading a LetterSummary's."""

    def __init__(self, deferred: dict[str, str] | None = None, /, **fields):
        # (`deferred` is positional only: dataclasses.replace gives every field by name)
        for name, value in fields.items():
            setattr(self, name, value)
        self._deferred = {name: text for name, text in (deferred or {}).items() if name not in fields}

    def __eq__(self, other):
        """Equal to a LetterSummary of the same fields (decoding the deferred ones)."""
        if not isinstance(other, LetterSummary):
            return NotImplemented
        names = [f.name for f in dataclasses.fields(LetterSummary)]
        return [getattr(self, n) for n in names] == [getattr(other, n) for n in names]

    __hash__ = None

    def __getattr__(self, name: str):
        # called only for an attribute not set: a deferred field not decoded yet
        pending = self.__dict__.get("_deferred")
        if pending is None or name not in pending:
            raise AttributeError(name)
        value = json.loads(pending[name])
        if not isinstance(value, (list, dict)):
            raise TypeError(f"the cached {name} of a letter summary is not a list or an object")
        setattr(self, name, value)
        del pending[name]
        return value


def summarise(path: Path) -> LetterSummary:
    """Read one letter and return its summary (raises edition.load.LoadError on bad input)."""
    return summary_of(parse(path).getroot(), path)


def summary_of(root: etree._Element, path: Path) -> LetterSummary:
    """The summary of a letter already parsed (validation computes it from the tree it checks)."""
    from edition.views import text_facts  # edition.views imports this module

    letter_id = root.get("{http://www.w3.org/XML/1998/namespace}id") or Path(path).stem
    header = root.find("tei:teiHeader", NS)
    if header is None:
        header = etree.Element(f"{{{TEI_NS}}}teiHeader")
    sent = header.xpath("tei:profileDesc/tei:correspDesc[not(@corresp)][1]/tei:correspAction[@type='sent']/tei:date", namespaces=NS)
    date = ""
    if sent:
        date = next((sent[0].get(a) for a in ("when", "from", "notBefore", "notAfter", "to") if sent[0].get(a)), "")
    sender = header.xpath("tei:profileDesc/tei:correspDesc[not(@corresp)][1]/tei:correspAction[@type='sent']"
                          "/*[self::tei:orgName or self::tei:persName][@ref]/@ref", namespaces=NS)
    orgs = header.xpath("tei:profileDesc/tei:correspDesc[not(@corresp)][1]/tei:correspAction[@type='sent']"
                        "/tei:orgName[@ref]/@ref", namespaces=NS)
    symbols = [
        " ".join(idno.text.split())
        for idno in header.xpath("tei:fileDesc/tei:sourceDesc/tei:bibl[@type='UNDocument']/tei:idno[@type='UNSymbol']", namespaces=NS)
        if idno.get("cert") != "unknown" and idno.text
    ]
    refs = [
        (ref.get("type", ""), target)
        for ref in header.xpath("tei:profileDesc/tei:correspDesc/tei:correspContext/tei:ref", namespaces=NS)
        for target in (ref.get("target") or "").split()
    ]
    pruned = copy.deepcopy(header)
    for path_expr in _PRUNED:
        for element in pruned.xpath(path_expr, namespaces=NS):
            element.getparent().remove(element)
    _drop_indentation(pruned)
    wrapper = etree.Element("letter", id=letter_id, file=Path(path).name)
    wrapper.append(pruned)
    return LetterSummary(
        id=letter_id,
        file=Path(path).name,
        sort_key=(date, letter_id),
        symbols=symbols,
        context_refs=refs,
        xml=etree.tostring(wrapper, encoding="unicode"),
        sender=" ".join(str((orgs or sender or [""])[0]).split()),
        date_cert=(sent[0].get("cert", ""), sent[0].get("evidence", "")) if sent else ("", ""),
        claims=claims_of(root),
        views=text_facts(root),
    )


def _drop_indentation(header: etree._Element) -> None:
    """Remove the indentation inside the header's element-only parts.

    Each letter page parses the summaries of its neighbours, and in the source's indentation
    half of those nodes are whitespace. Only elements that cannot hold text lose it (a space
    between two names in a title is text and stays).
    """
    for element in header.iter(*_ELEMENT_ONLY):
        if element.text is not None and not element.text.strip():
            element.text = None
        for child in element:
            if child.tail is not None and not child.tail.strip():
                child.tail = None


def document_symbols(documents_register: Path) -> dict[str, set[str]]:
    """Cited-document register: 'doc:a-75-710' -> {'A/75/710', 'S/2021/42'}.

    Lets the build see that a reply to a cited UN document is a reply to a letter of the
    edition when that letter carries the document's symbol.
    """
    root = parse(documents_register).getroot()
    result = {}
    for bibl in root.iter(f"{{{TEI_NS}}}bibl"):
        entry_id = bibl.get("{http://www.w3.org/XML/1998/namespace}id")
        if entry_id and entry_id.startswith("doc-"):
            symbols = {" ".join(i.text.split()) for i in bibl.findall(f"{{{TEI_NS}}}idno[@type='UNSymbol']") if i.text}
            result["doc:" + entry_id[len("doc-"):]] = symbols
    return result


def letter_pointer(letter_id: str) -> str:
    """The private URI of a letter as the encoding writes it: 'letter:2020-10-01-azerbaijan'."""
    return "letter:" + letter_id[len("letter-"):] if letter_id.startswith("letter-") else "letter:" + letter_id


def relate(summaries: list[LetterSummary], doc_symbols: dict[str, set[str]]) -> dict[str, list[tuple[str, str | None, str]]]:
    """Relations of every letter, as (role, encoded target or None, related letter id).

    - prev/next: neighbours in date order (the summaries must be sorted);
    - replyTo / repliedBy / furtherTo with a target: encoded pointers that resolve to a letter of the edition
      (a `letter:` pointer, or a `doc:` pointer whose symbols the letter carries);
    - repliedBy without a target: the reverse direction, computed from other letters' replyTo.
    """
    by_pointer = {letter_pointer(s.id): s.id for s in summaries}
    by_symbol = {sym: s.id for s in summaries for sym in s.symbols}

    def resolve(target: str) -> str | None:
        if target in by_pointer:
            return by_pointer[target]
        for symbol in sorted(doc_symbols.get(target, ())):
            if symbol in by_symbol:
                return by_symbol[symbol]
        return None

    relations: dict[str, list[tuple[str, str | None, str]]] = {s.id: [] for s in summaries}
    for i, summary in enumerate(summaries):
        rel = relations[summary.id]
        if i > 0:
            rel.append(("prev", None, summaries[i - 1].id))
        if i + 1 < len(summaries):
            rel.append(("next", None, summaries[i + 1].id))
        for ref_type, target in summary.context_refs:
            other = resolve(target)
            if other and other != summary.id and ref_type in ("replyTo", "repliedBy", "furtherTo"):
                rel.append((ref_type, target, other))
    # The reverse direction: B replies to A => A is replied to by B (unless A already says so).
    for summary in summaries:
        for role, _target, other in list(relations[summary.id]):
            if role == "replyTo":
                encoded = {o for r, _t, o in relations[other] if r == "repliedBy"}
                if summary.id not in encoded:
                    relations[other].append(("repliedBy", None, summary.id))
    return relations


def selection_xml(summaries: list[LetterSummary], relations: dict[str, list[tuple[str, str | None, str]]]) -> str:
    """The facts of the index page's statement of the selection, computed from the letters so
    that the statement cannot go stale when a letter is added: how many letters each sender
    sent (most first), the years they span, and each letter of the edition that answers a
    document not in the edition (its `replyTo` pointer that `relate` did not resolve to a
    letter), in date order. `summaries` must be sorted by date. Small whatever the corpus:
    one element per sender and per such answer.

        <selection letters="5" first="2020-10-01" last="2023-02-08">
          <sender ref="org:pm-azerbaijan" letters="4"/> …
          <answered ref="doc:a-75-710" by="letter-2021-02-08-azerbaijan" date="2021-02-08"/> …
        </selection>
    """
    counts: dict[str, int] = {}
    for summary in summaries:
        counts[summary.sender] = counts.get(summary.sender, 0) + 1
    resolved = {(letter, target) for letter, related in relations.items()
                for role, target, _other in related if role == "replyTo" and target}
    dates = [s.sort_key[0] for s in summaries if s.sort_key[0]]
    parts = [f'<selection letters="{len(summaries)}" first="{_attr(min(dates, default=""))}" '
             f'last="{_attr(max(dates, default=""))}">']
    for sender, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        parts.append(f'<sender ref="{_attr(sender)}" letters="{count}"/>')
    for summary in summaries:
        for ref_type, target in summary.context_refs:
            if ref_type == "replyTo" and target.startswith("doc:") and (summary.id, target) not in resolved:
                cert, evidence = summary.date_cert
                parts.append(f'<answered ref="{_attr(target)}" by="{_attr(summary.id)}" date="{_attr(summary.sort_key[0])}"'
                             + (f' cert="{_attr(cert)}"' if cert else "") + (f' evidence="{_attr(evidence)}"' if evidence else "")
                             + "/>")
    parts.append("</selection>")
    return "".join(parts)


def context_xml(letter_id: str, relations: dict, summaries_by_id: dict[str, LetterSummary]) -> str:
    """The $context document of one letter page: its related letters with their summaries."""
    parts = ["<context>"]
    for role, target, other in relations.get(letter_id, []):
        target_attr = f' target="{_attr(target)}"' if target else ""
        parts.append(f'<related role="{role}"{target_attr}>{summaries_by_id[other].xml}</related>')
    parts.append("</context>")
    return "".join(parts)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
