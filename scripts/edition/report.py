"""Problems found by the validator, and how they are printed.

One `Problem` per finding, with the file, line and column the editor must go to, the
message that says what to fix and a stable rule id. Two output formats: the compiler-style
line editors and terminals understand (`path:line:col: error: message [rule]`), and GitHub
workflow commands so that CI shows each problem inline in the pull request.

Every printed field is made safe to print (`printable`): one problem is one line whatever the
file name or the message holds, and control and bidirectional-override characters are shown
as visible escapes (`\u202e`), never echoed raw. A report is capped per file (`cap_per_file`),
and columns are found in time linear in the file (`element_column`), so that a file with
tens of thousands of errors is reported quickly.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from lxml import etree


@dataclass(frozen=True, order=True)
class Problem:
    """One error in one file; ordered by file, then position, so reports are deterministic."""

    path: Path
    line: int
    col: int
    message: str
    rule: str
    severity: str = "error"

    def display_path(self) -> str:
        """The path relative to the current directory when it lies below it, else as given."""
        try:
            return os.path.relpath(self.path) if Path(self.path).resolve().is_relative_to(Path.cwd()) else str(self.path)
        except (OSError, ValueError):
            return str(self.path)

    def format_text(self) -> str:
        return (f"{printable(self.display_path())}:{self.line}:{self.col}: {self.severity}: "
                f"{one_line(self.message)} [{printable(self.rule)}]")

    def format_github(self) -> str:
        # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        props = (f"file={_escape_property(printable(self.display_path()))},line={self.line},col={self.col},"
                 f"title={_escape_property(printable(self.rule))}")
        # GitHub shows %0A in a message as a line break inside the one annotation: kept.
        return f"::{self.severity} {props}::{_escape_data(printable(self.message, keep=chr(10) + chr(13)))}"


# C0 and C1 controls, DEL, and the characters that reorder or hide text on a terminal
# (bidirectional marks, embeddings, overrides and isolates; line and paragraph separators).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(value: str, keep: str = "") -> str:
    """`value` with every control or bidi character (but those in `keep`) written as a
    visible escape (\\x0a, \\u202e)."""
    def escape(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return _UNPRINTABLE.sub(escape, value)


def one_line(message: str) -> str:
    """A message on one line: line breaks (a parser's multi-line message) become spaces,
    other control and bidi characters visible escapes."""
    return printable(re.sub(r"\s*[\r\n]+\s*", " ", message).strip())


# At most this many problems are printed per file; the rest are counted in one line.
MAX_PER_FILE = 200


def cap_per_file(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """The first `limit` problems of each file, then one note per file counting the others."""
    shown: list[Problem] = []
    hidden: dict[Path, list[Problem]] = {}
    seen: dict[Path, int] = {}
    for problem in problems:
        seen[problem.path] = seen.get(problem.path, 0) + 1
        if seen[problem.path] <= limit:
            shown.append(problem)
        else:
            hidden.setdefault(problem.path, []).append(problem)
    for path, rest in hidden.items():
        first = rest[0]
        note = Problem(path, first.line, first.col, f"{len(rest)} more problems in this file are not shown: "
                       "fix the ones above and validate again", "report-capped", "note")
        last = max(i for i, p in enumerate(shown) if p.path == path)
        shown.insert(last + 1, note)
    return shown


class SchemaBroken(Exception):
    """A project schema (XSD or Schematron) that cannot be compiled: reported once, at the
    schema file, instead of a traceback; the letters' other layers still run."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(Path(path), 1, 1, f"the schema cannot be used: {' '.join(message.split())}: fix this file", "schema-broken")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def source_lines(data: bytes) -> list[str]:
    """The lines of a file as the XML parser counts them: CR LF, CR and LF each end a line
    (XML's end-of-line handling), and nothing else does (unlike str.splitlines)."""
    text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _ColumnIndex:
    """Where each element of one tree starts, found in one pass over the tree and its lines.

    For every line that holds start tags, the offsets of all `<name` on it (by name, and all
    together for bounding attribute searches); every element gets the offset of the k-th
    `<name` of its line, where k counts the elements of that name before it on the line.
    """

    _TAG = re.compile(r"<([^\s/>!?<]+)")

    def __init__(self, root: etree._Element, lines: list[str]):
        self.lines = lines
        self.tag_starts: dict[int, list[int]] = {}
        by_name: dict[int, dict[str, list[int]]] = {}
        used: dict[tuple[int, str], int] = {}
        self.starts: dict[etree._Element, int] = {}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            line = element.sourceline or 1
            if not 1 <= line <= len(lines):
                continue
            if line not in by_name:
                names: dict[str, list[int]] = {}
                starts = []
                for match in self._TAG.finditer(lines[line - 1]):
                    names.setdefault(match.group(1), []).append(match.start())
                    starts.append(match.start())
                by_name[line], self.tag_starts[line] = names, starts
            name = _qualified(element)
            k = used.get((line, name), 0)
            used[(line, name)] = k + 1
            offsets = by_name[line].get(name, [])
            if k < len(offsets):
                self.starts[element] = offsets[k]

    def column(self, element: etree._Element, attribute: str | None) -> int:
        start = self.starts.get(element)
        if start is None:
            return 1
        if attribute:
            line = element.sourceline
            text = self.lines[line - 1]
            starts = self.tag_starts[line]
            following = bisect_right(starts, start)
            end = starts[following] if following < len(starts) else len(text)
            shown = attribute.replace("{http://www.w3.org/XML/1998/namespace}", "xml:")
            found = re.compile(rf"\s{re.escape(shown)}\s*=").search(text, start, end)
            if found:
                return found.start() + 2
        return start + 1


def _qualified(element: etree._Element) -> str:
    name = etree.QName(element).localname
    return f"{element.prefix}:{name}" if element.prefix else name


# The index of the last file asked about (validation asks about one file at a time).
_LAST: tuple[list[str], etree._Element, _ColumnIndex] | None = None


def element_column(element: etree._Element, lines: list[str], attribute: str | None = None) -> int:
    """1-based column of the element's start tag (or of one of its attributes) on its line.

    lxml knows only the line; the column is found by looking for `<name` on that line,
    counting earlier elements of the same name that start on the same line. 1 when not found.
    The positions of the whole file are indexed once (linear time), on the first call for a
    given `lines` list and tree, so locating many problems in one file costs no more.
    """
    global _LAST
    root = element.getroottree().getroot()
    if _LAST is None or _LAST[0] is not lines or _LAST[1] is not root:
        _LAST = (lines, root, _ColumnIndex(root, lines))
    return _LAST[2].column(element, attribute)
