"""Checks that need more than one file, which a single-document Schematron cannot see.

Each file is reduced to a small picklable summary (`FileFacts`: its ids, agenda items and
register pointers), so that the summaries can be computed in worker processes and the
comparison done once, in the parent:

- `xml-id-unique`: an xml:id is used once in the whole corpus (letters and registers);
- `agenda-consistent`: an agenda item (GA session + item number) has the same title in
  every letter;
- `source-listed`: every web address an editorial note cites is in the list of editorial
  sources (edition.sourcelist).

- `witness-unique`: no two letters name the same witness (edition.witness);
- `entry-used`, `variant-used`, `register-symbol-links` (edition.coverage): every register
  entry and every form of it is used by some letter of the corpus, checked when a register is
  among the files validated (the letters' uses travel in their summaries).

`file-id` (root id = file name) needs only one file and is checked in `facts()` directly.
Where pointers lead (`ptr-declared`, `ptr-resolves`, `ptr-kind`) is checked per file against the
registers of the corpus, parsed once per process (edition.pointers).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition import sourcelist
from edition.load import TEI_NS
from edition.report import Problem

T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass
class FileFacts:
    """What the cross-file checks need to know about one file."""

    path: Path
    corpus: Path
    root_id: str | None
    is_register: bool
    ids: list[tuple[str, int]] = field(default_factory=list)  # (xml:id, line)
    agenda: list[tuple[str, str, str, int]] = field(default_factory=list)  # (session, item, title, line)
    witness: tuple[str, int] | None = None  # (witness file name, line) of a letter
    uses: "object | None" = None  # a letter's edition.coverage.Uses
    cited_sources: list[tuple[str, int]] = field(default_factory=list)  # (web address a note cites, line)
    listed_sources: list[str] = field(default_factory=list)  # addresses of the list of editorial sources


def real_paths(paths) -> list[Path]:
    """Path.resolve() of each of `paths`, in order, with each folder resolved once: a file is
    then looked at alone (one lstat: is it a link?) instead of every folder above it (a corpus
    of 10,000 letters is resolved several times a build). Folders are keyed by their text, not
    by Path (hashing a new Path costs more than the lstat)."""
    folders: dict[str, Path] = {}
    found = []
    for path in paths:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.islink(text):
            found.append(Path(text).resolve())
            continue
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = Path(folder or ".").resolve()
        found.append(real / name)
    return found


def corpus_of(path: Path) -> Path:
    """The corpus folder a file belongs to: the parent of its letters/ or registers/ folder."""
    parent = Path(path).resolve().parent
    return parent.parent if parent.name in ("letters", "registers") else parent


def facts(tree: etree._ElementTree, path: Path) -> tuple[FileFacts, list[Problem]]:
    """The file's summary for the cross-file checks, and its `file-id` problem if any."""
    root = tree.getroot()
    path = Path(path)
    is_register = root.find(f"{T}standOff") is not None and root.find(f"{T}text") is None
    result = FileFacts(path=path, corpus=corpus_of(path), root_id=root.get(XML_ID), is_register=is_register,
                       cited_sources=sourcelist.cited(root), listed_sources=sourcelist.listed(root))
    problems = []
    if result.root_id != path.stem:
        problems.append(Problem(path, root.sourceline or 1, 1, f'the root xml:id is "{result.root_id or ""}" but the file is named {path.name}: the TEI/@xml:id must be the file name without .xml ("{path.stem}"); rename the file or correct the id', "file-id"))
    for element in root.iter(etree.Element):
        value = element.get(XML_ID)
        if value is not None:
            result.ids.append((value, element.sourceline or 1))
    if not is_register:
        _letter_facts(tree, path, result)
    return result, problems


def _letter_facts(tree: etree._ElementTree, path: Path, result: FileFacts) -> None:
    """What only a letter has: its witness, its uses of the registers, its agenda items."""
    from edition import coverage, witness

    root = tree.getroot()
    name = witness.source_name(tree)
    if name:
        result.witness = (name, witness.source_element(tree).sourceline or 1)
    result.uses = coverage.uses(path, tree)
    scopes = f"{T}teiHeader/{T}fileDesc/{T}sourceDesc/{T}bibl[@type='UNDocument']/{T}biblScope"
    session = root.find(f"{scopes}[@unit='session']")
    if session is not None and session.get("n"):
        for item in root.iterfind(f"{scopes}[@unit='agendaItem']"):
            title = " ".join("".join(item.itertext()).split())
            result.agenda.append((session.get("n"), item.get("n") or "", title, item.sourceline or 1))


def check(checked: list[FileFacts], context: list[FileFacts]) -> list[Problem]:
    """Problems across files. `checked` are the files being validated (problems are reported
    in them); `context` are further files they are compared with (the corpus registers)."""
    reported = set(real_paths(f.path for f in checked))
    everything = checked + [c for c in context if c.path.resolve() not in reported]
    return (_unique_ids(everything, reported) + _consistent_agenda(checked) + _unique_witnesses(checked)
            + _register_usage(checked) + sourcelist.unlisted(checked, everything))


def _unique_ids(everything: list[FileFacts], reported: set[Path]) -> list[Problem]:
    """xml-id-unique: every xml:id once in the corpus (a register's use comes first)."""
    problems = []
    first_use: dict[tuple[str, str], tuple[Path, int]] = {}
    for file in sorted(everything, key=lambda f: (f.is_register is False, str(f.path))):
        corpus = str(file.corpus)  # keyed by its text: hashing a Path for each id cost more than the check
        for value, line in file.ids:
            key = (corpus, value)
            if key not in first_use:
                first_use[key] = (file.path, line)
            elif file.path.resolve() in reported:
                other_path, other_line = first_use[key]
                problems.append(Problem(file.path, line, 1, f'the xml:id "{value}" is already used in {other_path.name} (line {other_line}): ids must be unique across the corpus; give this one the file\'s own prefix', "xml-id-unique"))
    return problems


def _consistent_agenda(checked: list[FileFacts]) -> list[Problem]:
    """agenda-consistent: an agenda item has the same title in every letter."""
    problems = []
    agenda_titles: dict[tuple[Path, str, str], tuple[str, Path]] = {}
    for file in sorted(checked, key=lambda f: str(f.path)):
        for session, item, title, line in file.agenda:
            key = (file.corpus, session, item)
            if key in agenda_titles and agenda_titles[key][0] != title:
                other_title, other_path = agenda_titles[key]
                problems.append(Problem(file.path, line, 1, f'agenda item {item} of session {session} is titled "{title}" here but "{other_title}" in {other_path.name}: use the same title, as the session\'s agenda gives it', "agenda-consistent"))
            agenda_titles.setdefault(key, (title, file.path))
    return problems


def _unique_witnesses(checked: list[FileFacts]) -> list[Problem]:
    """witness-unique: no two letters encode the same witness."""
    problems = []
    witnesses: dict[tuple[Path, str], Path] = {}
    for file in sorted(checked, key=lambda f: str(f.path)):
        if file.witness is None:
            continue
        name, line = file.witness
        other = witnesses.setdefault((file.corpus, name), file.path)
        if other != file.path:
            problems.append(Problem(file.path, line, 1, f'the witness "{name}" is already encoded by {other.name}: each '
                                    "witness is encoded by one letter; correct the file name", "witness-unique"))
    return problems


def _register_usage(checked: list[FileFacts]) -> list[Problem]:
    """entry-used, variant-used, register-symbol-links for the registers being checked, against
    every letter of their corpus (letters not being checked are read for their uses)."""
    from edition import coverage

    registers = [f for f in checked if f.is_register]
    if not registers:
        return []
    problems: list[Problem] = []
    with_uses = [f for f in checked if not f.is_register and f.uses is not None]
    letters = dict(zip(real_paths(f.path for f in with_uses), (f.uses for f in with_uses)))
    # (a letter that failed to load has no facts: it is read again below, and fails again)
    for corpus in sorted({f.corpus for f in registers}):
        index = coverage.index_for(corpus)
        uses = _corpus_uses(corpus, letters) if index is not None else None
        if uses is None:
            continue
        for register in (f for f in registers if f.corpus == corpus):
            path = register.path
            problems.extend(coverage.register_problems(
                path, index, uses, lambda line, message, rule, path=path: Problem(path, line or 1, 1, message, rule)))
    return problems


def _corpus_uses(corpus: Path, known: dict) -> list | None:
    """What the letters of `corpus` use, merged once for all its registers (not once a register):
    the uses already known by real path (`known`), the other letters read; None when a letter
    cannot be read (what it uses is unknown, so nothing is judged)."""
    from edition import coverage, load

    uses = []
    found = sorted((corpus / "letters").glob("*.xml"))
    for letter, real in zip(found, real_paths(found)):
        if real in known:
            uses.append(known[real])
            continue
        try:
            uses.append(coverage.uses(letter, load.parse(letter)))
        except load.LoadError:
            return None
    return [coverage.Uses(set().union(*(u.entries for u in uses)), set().union(*(u.forms for u in uses)))]
