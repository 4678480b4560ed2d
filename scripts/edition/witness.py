"""The witness layer of `edition validate`: a letter's text is its witness's text.

Every letter names the source transcription it is encoded from
(`sourceDesc/bibl[@type='transcription']/idno[@type='sourceFile']`). The witness lives inside
the edition, in the `witnesses/` folder of the letter's corpus (`tei/witnesses/`), so that the
check never depends on anything outside the repository, and `witnesses/SHA256SUMS` records the
checksum of each witness so that a witness cannot change unnoticed (`edition new
--source-file` copies the witness there and records its checksum).

Rules (each a stable id in docs/encoding-guidelines.md):

- `witness-missing`: the witness named in the header is not in `witnesses/`;
- `witness-checksum`: the witness is not listed in `witnesses/SHA256SUMS`, or its bytes
  changed;
- `witness-text`: a word of the main text differs from the witness (after the normalisations
  of guidelines §5, see edition.fidelity);
- `witness-footnotes`: the footnotes (numbers and words) differ;
- `witness-links`: a page-bottom URL of the witness is no link target, or a converter's
  Markdown link target was reproduced;
- `witness-unique` (cross-file, see edition.crossfile): two letters name the same witness.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition import fidelity
from edition.report import Problem

WITNESSES = "witnesses"
CHECKSUMS = "SHA256SUMS"
_PLACEHOLDER = re.compile(r"\{[A-Z][A-Z0-9_]*\}")  # the template's (edition.scaffold.PLACEHOLDER)
_CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64})  (\S+)$", re.M)
# Differences shown per letter: an editor fixes the first ones and validates again.
MAX_SHOWN = 12


def witness_folder(corpus: Path) -> Path:
    return Path(corpus) / WITNESSES


_SOURCE = etree.XPath("/tei:TEI/tei:teiHeader//tei:sourceDesc/tei:bibl[@type='transcription']"
                      "/tei:idno[@type='sourceFile']", namespaces=fidelity.NS)
_last_source: list = [None, None]  # [root, its idno]: validation asks four times per letter


def source_element(tree: etree._ElementTree) -> etree._Element | None:
    """The header's idno naming the witness, if any."""
    root = tree.getroot()
    if _last_source[0] is not root:
        found = _SOURCE(tree)
        _last_source[:] = [root, found[0] if found else None]
    return _last_source[1]


def source_name(tree: etree._ElementTree) -> str | None:
    """The witness's file name, or None when the header names none (or still a placeholder)."""
    element = source_element(tree)
    name = " ".join("".join(element.itertext()).split()) if element is not None else ""
    return name if name and "{" not in name else None


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# The readings of the witnesses read in this process, by the SHA-256 of their bytes: a witness
# is read (and hashed) on every validation anyway, normalising it costs ten times more, and the
# digest names the very bytes, so an edited witness is never judged by an old reading.
_READINGS: dict[str, fidelity.Reading] = {}
_MAX_READINGS = 64


def _reading(digest: str, data: bytes) -> fidelity.Reading:
    """The §5 reading of a witness's bytes (UnicodeDecodeError if they are not UTF-8)."""
    reading = _READINGS.get(digest)
    if reading is None:
        reading = fidelity.read_source_text(data.decode("utf-8"))
        if len(_READINGS) >= _MAX_READINGS:
            _READINGS.pop(next(iter(_READINGS)))  # the oldest
        _READINGS[digest] = reading
    return reading


@lru_cache(maxsize=16)
def _recorded(checksums: Path, mtime_ns: int) -> dict[str, str]:
    return {name: digest for digest, name in _CHECKSUM_LINE.findall(checksums.read_text(encoding="utf-8"))}


def recorded_checksums(corpus: Path) -> dict[str, str]:
    """name -> SHA-256 as recorded in witnesses/SHA256SUMS ({} when there is no such file)."""
    checksums = witness_folder(corpus) / CHECKSUMS
    try:
        return _recorded(checksums, checksums.stat().st_mtime_ns)
    except OSError:
        return {}


def record_checksum(corpus: Path, name: str) -> None:
    """Add (or keep) the line of witness `name` in SHA256SUMS, lines sorted by file name."""
    folder = witness_folder(corpus)
    checksums = folder / CHECKSUMS
    lines = dict((n, d) for d, n in _CHECKSUM_LINE.findall(checksums.read_text(encoding="utf-8"))) if checksums.is_file() else {}
    lines[name] = sha256(folder / name)
    checksums.write_text("".join(f"{digest}  {n}\n" for n, digest in sorted(lines.items())), encoding="utf-8")


def problems(path: Path, tree: etree._ElementTree, corpus: Path, located) -> list[Problem]:
    """The witness layer for one letter. `located(element, attribute, message, rule)` makes a
    Problem at an element (the validator's helper, which computes the column)."""
    element = source_element(tree)
    name = source_name(tree)
    if name is None:
        return []  # no witness named yet: the template's placeholder is reported as todo-left
    folder = witness_folder(corpus)
    witness = folder / name
    if "/" in name or "\\" in name or not witness.is_file():
        return [located(element, None, f'the witness "{name}" is not in {_shown(folder)}/: copy the source '
                        f"transcription there (edition new --source-file does it) and record its checksum in "
                        f"{WITNESSES}/{CHECKSUMS}, or correct the file name", "witness-missing")]
    found = []
    recorded = recorded_checksums(corpus).get(name)
    try:
        data = witness.read_bytes()
    except OSError as exc:
        return [located(element, None, f'the witness "{name}" cannot be read as UTF-8 text ({exc}): '
                        "copy the original file again", "witness-missing")]
    actual = hashlib.sha256(data).hexdigest()
    if recorded is None:
        found.append(located(element, None, f'the witness "{name}" has no checksum in {WITNESSES}/{CHECKSUMS}: add the '
                             f'line "{actual}  {name}" (sha256sum prints it)', "witness-checksum"))
    elif recorded != actual:
        found.append(located(element, None, f'the witness "{name}" is not the file whose checksum {WITNESSES}/{CHECKSUMS} '
                             "records: witnesses are never edited; restore the original file", "witness-checksum"))
    try:
        source = _reading(actual, data)
    except UnicodeDecodeError as exc:
        return found + [located(element, None, f'the witness "{name}" cannot be read as UTF-8 text ({exc}): '
                                "copy the original file again", "witness-missing")]
    tei = fidelity.read_tei_tree(tree)
    if _PLACEHOLDER.search(" ".join([word.text for word in tei.words])):  # (no placeholder holds a space)
        return found  # a scaffold still being filled in: its placeholders (todo-left) come first
    found += _text_problems(path, name, source, tei)
    found += _footnote_problems(path, name, source, tei, located, tree)
    for url in source.links:
        if url not in set(tei.links):
            found.append(located(element, None, f"the witness {name} has the page-bottom URL {url}, which is no @target "
                                 "in the letter: make it the @target of the reference it belongs to (guidelines §5, "
                                 "page-links)", "witness-links"))
    targets = set(tei.links)
    for url in dict.fromkeys(source.converter_targets):
        if url in targets:
            line = next((el.sourceline for el in tree.iter() if isinstance(el.tag, str) and url in (el.get("target") or "").split()), 1)
            found.append(Problem(path, line or 1, 1, f"the @target {url} is only a Markdown link target in the witness "
                                 f"{name} (converter output, not the letter's): remove it; link UN symbols to undocs.org",
                                 "witness-links"))
    return found


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(words) + '"' if words else "nothing"


def _difference_message(name: str, difference: fidelity.Difference, where: str = "the text") -> str:
    context = " ".join(difference.before[-3:])
    return (f"{where} differs from the witness {name} (line {difference.source_line})"
            f"{' after “' + context + '”' if context else ''}: the witness has {_quoted(difference.removed)}, "
            f"the letter {_quoted(difference.added)}; {difference.explanation}")


def _text_problems(path: Path, name: str, source: fidelity.Reading, tei: fidelity.Reading) -> list[Problem]:
    if [w.text for w in source.words] == [w.text for w in tei.words]:
        return []
    found = fidelity.differences(source.words, tei.words, source)
    shown = [Problem(path, d.tei_line or 1, 1, _difference_message(name, d), "witness-text") for d in found[:MAX_SHOWN]]
    if len(found) > MAX_SHOWN:
        shown[-1] = Problem(shown[-1].path, shown[-1].line, 1, shown[-1].message
                            + f" (and {len(found) - MAX_SHOWN} more differences after this one)", "witness-text")
    return shown


def _footnote_problems(path, name, source, tei, located, tree) -> list[Problem]:
    found = []
    source_numbers = [note.n for note in source.footnotes]
    tei_numbers = [note.n for note in tei.footnotes]
    if source_numbers != tei_numbers:
        text = tree.getroot().find(f"{{{fidelity.TEI_NS}}}text")
        found.append(located(text, None, f"the footnotes are numbered {tei_numbers or 'none'} but the witness {name} has "
                             f"{source_numbers or 'none'}: every footnote of the witness is a note place=\"foot\" n=\"…\" "
                             "at its anchor (guidelines §5, note-markers)", "witness-footnotes"))
    for source_note, tei_note in zip(source.footnotes, tei.footnotes):
        if [w.text for w in source_note.words] != [w.text for w in tei_note.words]:
            for d in fidelity.differences(source_note.words, tei_note.words, source)[:3]:
                found.append(Problem(path, d.tei_line or tei_note.line or 1, 1,
                                     _difference_message(name, d, f"footnote {source_note.n}"), "witness-footnotes"))
    return found


def _shown(folder: Path) -> str:
    """The folder as an editor would type it (relative to the corpus's parent when possible)."""
    return f"{folder.parent.name}/{folder.name}"
