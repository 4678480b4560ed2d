"""`source-listed`: every web address an editorial note cites is in the list of editorial sources.

The editors cite public sources in their notes (a letter's header, the registers) by address,
`<ref target="https://…">`, and keep one published list of those sources, the register
`tei/registers/sources.xml` (rendered as sources.html). A source cited but not listed could not
be found from the list, and the list would silently stop being complete; so the validator
compares the two. The letters' own text (its footnotes, its links to UN documents) is the
letter's, not the editors', and is not checked here.

The facts are gathered per file (`cited`, `listed`, kept as FileFacts.cited_sources and
.listed_sources: small, picklable, made in the worker that parsed the file) and compared once per corpus in the parent (`unlisted`), with the other
cross-file checks (edition.crossfile).
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.load import TEI_NS
from edition.report import Problem

T = f"{{{TEI_NS}}}"
# The register that holds the list (its root xml:id, which is also its file name).
SOURCES_ID = "sources"


def _addresses(ref: etree._Element) -> list[str]:
    return [token for token in (ref.get("target") or "").split() if token.startswith(("http://", "https://"))]


def cited(root: etree._Element) -> list[tuple[str, int]]:
    """(address, line) of each web address the editors cite: every `ref` of a letter's header,
    every `ref` of a register other than the list itself."""
    if root.get("{http://www.w3.org/XML/1998/namespace}id") == SOURCES_ID:
        return []
    scope = root.find(f"{T}teiHeader") if root.find(f"{T}text") is not None else root
    if scope is None:
        return []
    return [(address, ref.sourceline or 1) for ref in scope.iter(f"{T}ref") for address in _addresses(ref)]


def listed(root: etree._Element) -> list[str]:
    """The addresses of the list of editorial sources (empty for any other file)."""
    if root.get("{http://www.w3.org/XML/1998/namespace}id") != SOURCES_ID or root.find(f"{T}standOff") is None:
        return []
    return [address for ref in root.find(f"{T}standOff").iter(f"{T}ref") for address in _addresses(ref)]


def unlisted(checked, everything) -> list[Problem]:
    """`source-listed` problems of the `checked` files (edition.crossfile.FileFacts), each
    compared with the list of its own corpus, found among `everything`."""
    lists: dict[Path, set[str]] = {}
    for file in everything:
        if file.listed_sources:
            lists.setdefault(file.corpus, set()).update(file.listed_sources)
    problems = []
    for file in checked:
        known = lists.get(file.corpus, set())
        for address, line in file.cited_sources:
            if address not in known:
                problems.append(Problem(
                    file.path, line, 1,
                    f"the note cites {address}, which is not in the list of editorial sources: add a bibl "
                    f"with this address to tei/registers/{SOURCES_ID}.xml (guidelines §9), or cite a source listed there",
                    "source-listed"))
    return problems
