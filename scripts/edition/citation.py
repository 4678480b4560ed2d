"""A letter's citation as files to download: CSL-JSON, BibTeX and RIS.

The stylesheets own the facts of a citation (xslt/partials/cite.xsl, e:citation-data: sender as
author, editors, title, edition, date, version, stable URL, what the editors inferred); the
build gets them once per letter as one CSL-JSON item (xslt/letter-cite.xsl) and this module only
writes that item out in the three formats reference managers import. It adds no fact and drops
none that the format can hold; whatever a format has no field for goes into its note, so an
inference stays visible. Output is deterministic (keys sorted, "\n" line ends) and holds no
access date (the reader adds it).
"""
from __future__ import annotations

import json
from pathlib import Path

# The files written for each letter, beside its page: letters/{id}{suffix}.
SUFFIXES = (".csl.json", ".bib", ".ris")

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_item(text: str, what: str) -> dict:
    """The CSL-JSON item the stylesheet wrote; a ValueError naming `what` if it is not one."""
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{what}: the citation data is not JSON ({exc})") from None
    if not isinstance(item, dict) or not item.get("id") or not item.get("title"):
        raise ValueError(f"{what}: the citation data has no id or title")
    return item


def csl_json(item: dict) -> str:
    """A CSL-JSON file: an array holding the one item (what Zotero and citeproc read)."""
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _name(name: dict, *, braced: bool) -> str:
    """'Aliyev, Yashar' for a person with family and given names, else the literal name (braced
    in BibTeX, so that it is not split into first and last names)."""
    if "family" in name:
        return f"{name['family']}, {name.get('given', '')}".rstrip(", ")
    literal = name.get("literal", "")
    return "{" + literal + "}" if braced else literal


def _date_parts(item: dict) -> list[int]:
    parts = item.get("issued", {}).get("date-parts", [[]])
    return [int(p) for p in parts[0]] if parts else []


def _notes(item: dict) -> list[str]:
    """What has no field of its own in BibTeX and RIS: the UN symbol, the version, the inferences."""
    notes = []
    if item.get("number"):
        notes.append(f"UN document {item['number']}.")
    if item.get("version"):
        notes.append(f"Version of {item['version']}.")
    if item.get("note"):
        notes.append(item["note"])
    return notes


def _bib_escape(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in value)


def bibtex(item: dict) -> str:
    """A BibTeX @misc entry (read by BibTeX, biber and Zotero); values escaped, the title braced
    so that its capitals are kept."""
    fields: list[tuple[str, str]] = []

    def names(key: str, people: list[dict]) -> None:
        if people:
            fields.append((key, " and ".join(_name({k: _bib_escape(v) for k, v in n.items()}, braced=True)
                                             for n in people)))

    names("author", item.get("author", []))
    fields.append(("title", "{" + _bib_escape(item["title"]) + "}"))
    names("editor", item.get("editor", []))
    fields.append(("howpublished", _bib_escape(item.get("container-title", ""))))
    fields.append(("publisher", _bib_escape(item.get("publisher", ""))))
    date = _date_parts(item)
    if date:
        fields.append(("year", str(date[0])))
        if len(date) > 1:
            fields.append(("month", _MONTHS[date[1] - 1]))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))))
    if item.get("version"):
        fields.append(("version", _bib_escape(item["version"])))
    fields.append(("url", item.get("URL", "")))
    if item.get("language"):
        fields.append(("language", _bib_escape(item["language"])))
    notes = _notes(item)
    if notes:
        fields.append(("note", _bib_escape(" ".join(notes))))
    body = ",\n".join(f"  {key} = {value}" if key == "month" else f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{{item['id']},\n{body}\n}}\n"


def ris(item: dict) -> str:
    """A RIS record (type PCOMM, as Zotero exports a letter); one tag per line, "\n" line ends."""
    lines = [("TY", "PCOMM")]
    lines += [("AU", _name(n, braced=False)) for n in item.get("author", [])]
    lines.append(("TI", item["title"]))
    lines += [("ED", _name(n, braced=False)) for n in item.get("editor", [])]
    lines.append(("T2", item.get("container-title", "")))
    lines.append(("PB", item.get("publisher", "")))
    date = _date_parts(item)
    if date:
        lines.append(("PY", str(date[0])))
        lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date)) + "/" * (4 - len(date))))
    lines.append(("UR", item.get("URL", "")))
    if item.get("language"):
        lines.append(("LA", item["language"]))
    lines += [("N1", note) for note in _notes(item)]
    lines.append(("ID", item["id"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}".rstrip() + "\n" if tag != "ER" else "ER  - \n"
                   for tag, value in lines)


def write(folder: Path, stem: str, text: str, what: str) -> None:
    """letters/{stem}.csl.json, .bib and .ris from the stylesheet's CSL-JSON item `text`."""
    item = parse_item(text, what)
    for suffix, content in zip(SUFFIXES, (csl_json(item), bibtex(item), ris(item))):
        with open(folder / f"{stem}{suffix}", "w", encoding="utf-8", newline="") as file:
            file.write(content)
