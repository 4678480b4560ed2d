"""Checks that need more than one file, which a single-document Schematron cannot see.

Each file is reduced to a small picklable summary (`FileFacts`: its ids, agenda items and
register pointers), so that the summaries can be computed in worker processes and the
comparison done once, in the parent:

- `xml-id-unique`: an xml:id is used once in the whole corpus (letters and registers);
- `agenda-consistent`: an agenda item (GA session + item number) has the same title in
  every letter;
- `ptr-resolves` for the pointer lists of the registers (`corresp="letter:a letter:b"` on
  name variants), which XPath 1.0 cannot split into tokens;
- `ptr-declared`, `ptr-resolves` and `ptr-kind` for the pointer lists of `rs` in letters
  (`<rs type="person" ref="pers:a pers:b">`, one phrase designating several entities), for
  the same reason.
- `source-listed`: every web address an editorial note cites is in the list of editorial
  sources (edition.sourcelist).

- `witness-unique`: no two letters name the same witness (edition.witness);
- `entry-used`, `variant-used`, `register-symbol-links` (edition.coverage): every register
  entry and every form of it is used by some letter of the corpus, checked when a register is
  among the files validated (the letters' uses travel in their summaries).

`file-id` (root id = file name) needs only one file and is checked in `facts()` directly.
"""
from __future__ import annotations

import re
from collections import defaultdict
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
    pointers: list[tuple[str, Path, str, int]] = field(default_factory=list)  # (pointer, file, fragment, line)
    witness: tuple[str, int] | None = None  # (witness file name, line) of a letter
    uses: "object | None" = None  # a letter's edition.coverage.Uses
    # rs pointer lists of a letter: (pointer, file, fragment, line, column, kind the entry must be)
    listed: list[tuple[str, Path, str, int, int, str]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # register entry id -> its element's local name
    cited_sources: list[tuple[str, int]] = field(default_factory=list)  # (web address a note cites, line)
    listed_sources: list[str] = field(default_factory=list)  # addresses of the list of editorial sources


# rs/@type -> the element a pointer of its list must lead to
RS_KINDS = {"person": "person", "place": "place", "org": "org", "document": "bibl"}


def corpus_of(path: Path) -> Path:
    """The corpus folder a file belongs to: the parent of its letters/ or registers/ folder."""
    parent = Path(path).resolve().parent
    return parent.parent if parent.name in ("letters", "registers") else parent


def _prefix_expander(root: etree._Element):
    """A function expanding `prefix:local` with the file's own listPrefixDef, as TEI defines it."""
    rules = {}
    for prefix_def in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{T}listPrefixDef/{T}prefixDef"):
        try:
            rules[prefix_def.get("ident")] = (re.compile(prefix_def.get("matchPattern", "")), prefix_def.get("replacementPattern", ""))
        except re.error:
            continue

    def expand(pointer: str) -> str | None:
        prefix, _, local = pointer.partition(":")
        if prefix not in rules:
            return None
        pattern, replacement = rules[prefix]
        match = pattern.fullmatch(local)
        if not match:
            return None
        return re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", replacement)

    return expand


def facts(tree: etree._ElementTree, path: Path) -> tuple[FileFacts, list[Problem]]:
    """The file's summary for the cross-file checks, and its `file-id` problem if any."""
    root = tree.getroot()
    path = Path(path)
    folder = path.resolve().parent
    is_register = root.find(f"{T}standOff") is not None and root.find(f"{T}text") is None
    result = FileFacts(path=path, corpus=corpus_of(path), root_id=root.get(XML_ID), is_register=is_register,
                       cited_sources=sourcelist.cited(root), listed_sources=sourcelist.listed(root))
    problems = []
    if result.root_id != path.stem:
        problems.append(Problem(path, root.sourceline or 1, 1, f'the root xml:id is "{result.root_id or ""}" but the file is named {path.name}: the TEI/@xml:id must be the file name without .xml ("{path.stem}"); rename the file or correct the id', "file-id"))
    for element in root.iter():
        value = element.get(XML_ID) if isinstance(element.tag, str) else None
        if value is not None:
            result.ids.append((value, element.sourceline or 1))
    if not is_register:
        from edition import coverage, witness

        name = witness.source_name(tree)
        if name:
            result.witness = (name, witness.source_element(tree).sourceline or 1)
        result.uses = coverage.uses(path, tree)
        _listed_pointers(root, folder, result)
        session = root.find(f"{T}teiHeader/{T}fileDesc/{T}sourceDesc/{T}bibl[@type='UNDocument']/{T}biblScope[@unit='session']")
        if session is not None and session.get("n"):
            for item in root.iterfind(f"{T}teiHeader/{T}fileDesc/{T}sourceDesc/{T}bibl[@type='UNDocument']/{T}biblScope[@unit='agendaItem']"):
                title = " ".join("".join(item.itertext()).split())
                result.agenda.append((session.get("n"), item.get("n") or "", title, item.sourceline or 1))
    else:
        expand = _prefix_expander(root)
        standoff = root.find(f"{T}standOff")
        for entry in standoff.iter(f"{T}person", f"{T}place", f"{T}org", f"{T}bibl"):
            if entry.get(XML_ID):
                result.kinds[entry.get(XML_ID)] = etree.QName(entry).localname
        for element in standoff.iter():
            if not isinstance(element.tag, str) or element.tag in (f"{T}ref", f"{T}bibl"):
                continue  # single pointers there are checked by the Schematron
            for pointer in (element.get("corresp") or "").split():
                if ":" not in pointer or pointer.startswith(("http:", "https:")):
                    continue
                url = expand(pointer)
                target, _, fragment = (url or "").partition("#")
                result.pointers.append((pointer, (folder / target).resolve() if url else Path(), fragment, element.sourceline or 1))
    return result, problems


def _listed_pointers(root: etree._Element, folder: Path, result: FileFacts) -> None:
    """The pointers of every rs whose @ref lists several (single pointers are the Schematron's)."""
    expand = _prefix_expander(root)
    for rs in root.iter(f"{T}rs"):
        tokens = (rs.get("ref") or "").split()
        if len(tokens) < 2:
            continue
        kind = RS_KINDS.get(rs.get("type") or "", "")
        for pointer in tokens:
            url = expand(pointer) if re.fullmatch(r"[a-z]+:[a-z0-9]+(-[a-z0-9]+)*", pointer) else None
            target, _, fragment = (url or "").partition("#")
            result.listed.append((pointer, (folder / target).resolve() if url else Path(), fragment,
                                  rs.sourceline or 1, 1, kind))


def check(checked: list[FileFacts], context: list[FileFacts]) -> list[Problem]:
    """Problems across files. `checked` are the files being validated (problems are reported
    in them); `context` are further files they are compared with (the corpus registers)."""
    problems: list[Problem] = []
    reported = {f.path.resolve() for f in checked}
    everything = checked + [c for c in context if c.path.resolve() not in reported]

    first_use: dict[tuple[Path, str], tuple[Path, int]] = {}
    for file in sorted(everything, key=lambda f: (f.is_register is False, str(f.path))):
        for value, line in file.ids:
            key = (file.corpus, value)
            if key in first_use:
                other_path, other_line = first_use[key]
                if file.path.resolve() in reported:
                    problems.append(Problem(file.path, line, 1, f'the xml:id "{value}" is already used in {other_path.name} (line {other_line}): ids must be unique across the corpus; give this one the file\'s own prefix', "xml-id-unique"))
            else:
                first_use[key] = (file.path, line)

    agenda_titles: dict[tuple[Path, str, str], tuple[str, Path]] = {}
    for file in sorted(checked, key=lambda f: str(f.path)):
        for session, item, title, line in file.agenda:
            key = (file.corpus, session, item)
            if key in agenda_titles and agenda_titles[key][0] != title:
                other_title, other_path = agenda_titles[key]
                problems.append(Problem(file.path, line, 1, f'agenda item {item} of session {session} is titled "{title}" here but "{other_title}" in {other_path.name}: use the same title, as the session\'s agenda gives it', "agenda-consistent"))
            agenda_titles.setdefault(key, (title, file.path))

    witnesses: dict[tuple[Path, str], Path] = {}
    for file in sorted(checked, key=lambda f: str(f.path)):
        if file.witness is None:
            continue
        name, line = file.witness
        other = witnesses.setdefault((file.corpus, name), file.path)
        if other != file.path:
            problems.append(Problem(file.path, line, 1, f'the witness "{name}" is already encoded by {other.name}: each '
                                    "witness is encoded by one letter; correct the file name", "witness-unique"))

    problems.extend(_register_usage(checked))

    ids_by_file: dict[Path, set[str]] = defaultdict(set)
    for file in everything:
        ids_by_file[file.path.resolve()].update(value for value, _ in file.ids)
    for file in checked:
        for pointer, target, fragment, line in file.pointers:
            if target == Path():
                problems.append(Problem(file.path, line, 1, f'the pointer "{pointer}" has no declared prefix or a malformed name: use a prefix of listPrefixDef (pers, pl, org, doc, letter) and a-z, 0-9, "-"', "ptr-declared"))
            elif not target.is_file() or (fragment and fragment not in (ids_by_file[target] if target in ids_by_file else _ids_of(target))):
                problems.append(Problem(file.path, line, 1, f'the pointer "{pointer}" does not resolve ({target.name}{"#" + fragment if fragment else ""} not found): correct it or remove it from corresp', "ptr-resolves"))
    kinds_by_file = {file.path.resolve(): file.kinds for file in everything if file.is_register}
    for file in checked:
        for pointer, target, fragment, line, col, kind in file.listed:
            if target == Path() or not fragment:
                problems.append(Problem(file.path, line, col, f'the pointer "{pointer}" in the list of rs/@ref has no declared prefix or a malformed name: write register pointers such as pers:aliyev-yashar, separated by spaces, with a prefix of listPrefixDef', "ptr-declared"))
                continue
            kinds = kinds_by_file.get(target)
            if kinds is None and target.is_file():
                kinds = _kinds_of(target)
            found = (kinds or {}).get(fragment)
            if found is None:
                problems.append(Problem(file.path, line, col, f'the pointer "{pointer}" in the list of rs/@ref does not resolve: there is no entry "{fragment}" in {target.name}. Correct the pointer, or add the entry to the register.', "ptr-resolves"))
            elif found != kind:
                problems.append(Problem(file.path, line, col, f'the pointer "{pointer}" in the list of rs/@ref leads to a {found} entry, but rs type="{kind and next(t for t, k in RS_KINDS.items() if k == kind)}" needs {kind or "a known type"} entries: every pointer of the list must be of the kind type says', "ptr-kind"))
    problems.extend(sourcelist.unlisted(checked, everything))
    return problems


def _kinds_of(path: Path) -> dict[str, str]:
    """Register entry id -> local name, for a register that is not among the files compared."""
    from edition import load

    try:
        root = load.parse(path).getroot()
    except load.LoadError:
        return {}
    return {e.get(XML_ID): etree.QName(e).localname for e in root.iter(f"{T}person", f"{T}place", f"{T}org", f"{T}bibl") if e.get(XML_ID)}


def _ids_of(path: Path) -> set[str]:
    """xml:ids of a file that is neither checked nor a corpus register (rare: read it safely)."""
    from edition import load

    try:
        return {e.get(XML_ID) for e in load.parse(path).getroot().iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    except load.LoadError:
        return set()


def _register_usage(checked: list[FileFacts]) -> list[Problem]:
    """entry-used, variant-used, register-symbol-links for the registers being checked, against
    every letter of their corpus (letters not being checked are read for their uses)."""
    from edition import coverage, load

    registers = [f for f in checked if f.is_register]
    if not registers:
        return []
    problems: list[Problem] = []
    letters = {f.path.resolve(): f.uses for f in checked if not f.is_register and f.uses is not None}
    # (a letter that failed to load has no facts: it is read again below, and fails again)
    for corpus in sorted({f.corpus for f in registers}):
        index = coverage.index_for(corpus)
        if index is None:
            continue
        uses = []
        for letter in sorted((corpus / "letters").glob("*.xml")):
            if letter.resolve() in letters:
                uses.append(letters[letter.resolve()])
                continue
            try:
                uses.append(coverage.uses(letter, load.parse(letter)))
            except load.LoadError:
                uses = None  # a letter that cannot be read: what it uses is unknown, so judge nothing
                break
        if uses is None:
            continue
        for register in (f for f in registers if f.corpus == corpus):
            path = register.path
            problems.extend(coverage.register_problems(
                path, index, uses, lambda line, message, rule, path=path: Problem(path, line or 1, 1, message, rule)))
    return problems
