"""The claims view's data: every quantitative claim the letters make (guidelines §4.3), as rows.

A claim is a `measure` of a letter's text: what is counted (@type, the category, and
@commodity), its figure as written (a `num` with @value, @atLeast or @atMost; none for "tens of
thousands"), the date and the places the letter gives for it (@corresp: `#id` of a `date` of the
letter, `pl:` pointers) and, when the letter attributes the figure to someone else, that source
(@source). The claimant is derived, never encoded: the sender named in the header's
`correspAction type="sent"` (of the annexed letter's own `correspDesc` for a claim inside it).

`claims_of` reads one letter's claims from the tree validation has parsed anyway (it is called
by edition.corpus.summary_of, so the build parses no letter again); `rows` joins them across the
corpus with the registers' headwords and sorts them by category, then date; `write_view_data`
writes them as `views/claims.csv` and `views/claims.json` and, for the stylesheet
(xslt/claims.xsl), as XML. Nothing here interprets or reconciles a figure: each row is one
claim, with its words as written.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from lxml import etree

from edition.load import TEI_NS, parse

T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# The categories of schema/edition.xsd (measure/@type), in the order the view groups them, with
# the heading each group gets (tests/test_claims.py checks the list against the schema).
CATEGORIES = {
    "killed": "Killed", "injured": "Injured", "killed-or-injured": "Killed or injured (one figure)",
    "missing": "Missing", "detained": "Detained: prisoners of war, hostages, captured persons",
    "displaced": "Displaced, expelled or deported", "destroyed": "Destroyed",
    "damaged": "Damaged", "destroyed-or-damaged": "Destroyed or damaged (one figure)",
    "mines": "Mines and explosive devices", "forces": "Forces deployed",
    "access": "Passage and humanitarian access", "participants": "Participants",
}
# The columns of claims.csv (and the keys of each claim in claims.json), in order.
COLUMNS = ("claim", "category", "commodity", "figure", "value", "at_least", "at_most", "words",
           "date_from", "date_to", "date_text", "places", "place_ids", "claimant", "claimant_ids",
           "attributed_to", "attributed_ids", "letter", "letter_date", "passage")
# Elements whose words the reader does not see in the reading text: the witness's reading beside
# a correction, footnotes.
_UNSEEN = {f"{T}sic", f"{T}orig", f"{T}note"}
_DATE_STARTS = ("when", "from", "notBefore")
_DATE_ENDS = ("when", "to", "notAfter")


def reading(element: etree._Element) -> str:
    """The words of an element as the reading text gives them (corrections over the witness's
    readings, footnotes left out), whitespace collapsed."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in _UNSEEN:
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def claims_of(root: etree._Element) -> list[dict]:
    """The claims of one letter (its tree), in document order, as plain data (picklable: the
    validation's worker processes send them back with the letter's summary)."""
    text = root.find(f"{T}text")
    if text is None:
        return []
    ids = {e.get(XML_ID): e for e in root.iter(f"{T}date") if e.get(XML_ID)}
    return [_claim(measure, ids, _claimant(root, measure)) for measure in text.iter(f"{T}measure")]


def _bound(dates: list[etree._Element], attributes: tuple[str, ...]) -> list[str]:
    """The first of `attributes` each date has (its start or its end), sorted."""
    return sorted(v for v in (next((d.get(a) for a in attributes if d.get(a)), "") for d in dates) if v)


def _figure(num: etree._Element | None) -> dict:
    """The figure of a claim: its words, and the number or bound the letter gives."""
    if num is None:
        return {"figure": "", "value": "", "at_least": "", "at_most": ""}
    return {"figure": reading(num), "value": num.get("value", ""), "at_least": num.get("atLeast", ""),
            "at_most": num.get("atMost", "")}


def _claim(measure: etree._Element, dates: dict[str, etree._Element], claimant: list[tuple[str, str]]) -> dict:
    tokens = (measure.get("corresp") or "").split()
    pointed = [dates[t[1:]] for t in tokens if t.startswith("#") and t[1:] in dates]
    starts, ends = _bound(pointed, _DATE_STARTS), _bound(pointed, _DATE_ENDS)
    return {
        "claim": measure.get(XML_ID) or "",
        "category": measure.get("type") or "",
        "commodity": measure.get("commodity") or "",
        **_figure(measure.find(f"{T}num")),
        "words": reading(measure),
        "date_from": starts[0] if starts else "",
        "date_to": ends[-1] if ends else "",
        "date_text": " and ".join(reading(d) for d in pointed),
        "place_ids": [t for t in tokens if t.startswith("pl:")],
        "claimant_ids": [ref for ref, _name in claimant],
        "claimant_names": [name for _ref, name in claimant],
        "attributed_ids": (measure.get("source") or "").split(),
    }


def _claimant(root: etree._Element, measure: etree._Element) -> list[tuple[str, str]]:
    """(pointer, name as the header writes it) of each sender of the letter the claim is in: the
    annexed letter's own correspDesc (corresp="#annex-id") if it has one, else the letter's."""
    descs = root.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc")
    by_annex = {" ".join((d.get("corresp") or "").split()).lstrip("#"): d for d in descs if d.get("corresp")}
    desc = next((by_annex[a.get(XML_ID)] for a in measure.iterancestors(f"{T}div") if a.get(XML_ID) in by_annex),
                next((d for d in descs if not d.get("corresp")), None))
    sent = desc.find(f"{T}correspAction[@type='sent']") if desc is not None else None
    if sent is None:
        return []
    return [(" ".join((e.get("ref") or "").split()), reading(e)) for e in sent if e.tag in (f"{T}persName", f"{T}orgName")]


def headwords(registers: Path) -> dict[str, str]:
    """Short pointer ("pl:baku") -> register headword, for every entry of the entity registers."""
    from edition.model import model

    found: dict[str, str] = {}
    for kind in model().kinds:
        path = registers / f"{kind.name}.xml"
        if not path.is_file():
            continue
        for entry in parse(path).getroot().iter(f"{T}{kind.entry}"):
            main = entry.find(f"{T}*[@type='main']")
            if entry.get(XML_ID) and main is not None:
                found[f"{kind.prefix}:{entry.get(XML_ID)[len(kind.id_prefix):]}"] = reading(main)
    return found


def rows(letters: list[tuple[str, str, list[dict]]], names: dict[str, str]) -> list[dict]:
    """Every claim of the corpus as a row, sorted by category (in the order of CATEGORIES), then
    by the date given for the figure (undated last), then by the letter's date and place in it.
    `letters`: (letter id, letter date, its claims) of each letter; `names`: `headwords`."""
    order = {category: i for i, category in enumerate(CATEGORIES)}
    found = []
    for letter_id, letter_date, claims in letters:
        for position, claim in enumerate(claims):
            row = dict(claim)
            row.update(
                place_names=[names.get(p, p) for p in claim["place_ids"]],
                attributed_names=[names.get(p, p) for p in claim["attributed_ids"]],
            )
            row.update(
                places="; ".join(row["place_names"]),
                claimant=", ".join(claim["claimant_names"]),
                attributed_to="; ".join(row["attributed_names"]),
                letter=letter_id, letter_date=letter_date,
                passage=f"letters/{letter_id}.html#{claim['claim']}",
            )
            key = (order.get(claim["category"], len(order)), claim["date_from"] == "", claim["date_from"],
                   claim["date_to"], letter_date, letter_id, position)
            found.append((key, row))
    return [row for _key, row in sorted(found, key=lambda item: item[0])]


def csv_text(claim_rows: list[dict]) -> str:
    """claims.csv: one line per claim, the COLUMNS, lists joined by spaces, "\\n" line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in claim_rows:
        writer.writerow([" ".join(v) if isinstance(v, list) else v for v in (row[c] for c in COLUMNS)])
    return out.getvalue()


def json_text(claim_rows: list[dict]) -> str:
    """claims.json: {"columns": …, "claims": [{column: value}, …]} in the view's order."""
    numbers = ("value", "at_least", "at_most")  # numbers in JSON (null when the letter gives none)
    data = {"columns": list(COLUMNS),
            "claims": [{c: (int(row[c]) if row[c] else None) if c in numbers else row[c] for c in COLUMNS}
                       for row in claim_rows]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, separators=(",", ": ")) + "\n"


def write_xml(path: Path, claim_rows: list[dict]) -> None:
    """The stylesheet's input (xslt/claims.xsl), one <claim> per row in the view's order:

        <claims><claim id=… category=… value=… at-least=… letter=… letter-date=… passage=…>
          <words>…</words><figure>…</figure>
          <date from=… to=…>…</date><place ref="pl:baku">Baku</place>
          <claimant ref="org:…">…</claimant><source ref="org:…">…</source></claim>…</claims>
    """
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        with xf.element("claims", categories=" ".join(CATEGORIES)):
            for row in claim_rows:
                attributes = {k.replace("_", "-"): row[k] for k in ("category", "commodity", "value", "at_least", "at_most", "letter",
                                                  "letter_date", "passage") if row[k]}
                with xf.element("claim", id=row["claim"], **attributes):
                    _leaf(xf, "words", row["words"])
                    if row["figure"]:
                        _leaf(xf, "figure", row["figure"])
                    if row["date_from"] or row["date_text"]:
                        _leaf(xf, "date", row["date_text"], **{"from": row["date_from"], "to": row["date_to"]})
                    for element, ids, names in (("place", "place_ids", "place_names"), ("claimant", "claimant_ids", "claimant_names"),
                                                ("source", "attributed_ids", "attributed_names")):
                        for ref, name in zip(row[ids], row[names]):
                            _leaf(xf, element, name, ref=ref)


def _leaf(xf, name: str, text: str, **attributes: str) -> None:
    with xf.element(name, **attributes):
        xf.write(text)


# The stylesheet's input, a work file of the staging folder (removed when the build is done).
WORK_FILE = ".claims.xml"
# What the claims view writes, relative to the output.
OUTPUTS = ("views/claims.html", "views/claims.csv", "views/claims.json")


def prepare(tei_dir: Path, summaries, stage: Path, reuse, global_key: str) -> bool:
    """Before the page jobs run: reuse the view and its data when the claims, the letters' ids and
    dates and everything global are unchanged (edition.incremental); else write the CSV, the
    JSON and the stylesheet's input, and return True (the page job must run)."""
    from edition.corpus import field_json
    from edition.incremental import digest

    # keyed on what the rows are made of (the registers' headwords are in the global key), each
    # letter's claims in their canonical JSON (edition.corpus.field_json: a summary read back
    # from the validation cache has lists where a fresh one may have tuples, the same JSON; and
    # its claims are not decoded for it): the rows are not made to learn that they did not change
    made_of = [part for s in summaries for part in (s.id, s.sort_key[0], field_json(s, "claims"))]
    if reuse.output("claims", digest(global_key, "claims", *made_of), list(OUTPUTS)):
        return False
    letters = [(s.id, s.sort_key[0], s.claims) for s in summaries]
    claim_rows = rows(letters, headwords(Path(tei_dir) / "registers"))
    (stage / "views").mkdir(parents=True, exist_ok=True)
    for name, text in (("claims.csv", csv_text(claim_rows)), ("claims.json", json_text(claim_rows))):
        with open(stage / "views" / name, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    write_xml(stage / WORK_FILE, claim_rows)
    return True
