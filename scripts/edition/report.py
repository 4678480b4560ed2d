"""Problems found by the validator, and how they are printed.

One `Problem` per finding, with the file, line and column the editor must go to, the
message that says what to fix and a stable rule id. Two output formats: the compiler-style
line editors and terminals understand (`path:line:col: error: message [rule]`), and GitHub
workflow commands so that CI shows each problem inline in the pull request.
"""
from __future__ import annotations

import os
import re
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
        return f"{self.display_path()}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    def format_github(self) -> str:
        # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        props = f"file={_escape_property(self.display_path())},line={self.line},col={self.col},title={_escape_property(self.rule)}"
        return f"::{self.severity} {props}::{_escape_data(self.message)}"


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


def element_column(element: etree._Element, lines: list[str], attribute: str | None = None) -> int:
    """1-based column of the element's start tag (or of one of its attributes) on its line.

    lxml knows only the line; the column is found by looking for `<name` on that line,
    counting earlier elements of the same name that start on the same line. 1 when not found.
    """
    line_number = element.sourceline or 1
    if not (1 <= line_number <= len(lines)) or not isinstance(element.tag, str):
        return 1
    text = lines[line_number - 1]
    name = etree.QName(element).localname
    if element.prefix:
        name = f"{element.prefix}:{name}"
    same_line_before = 0
    for other in element.getroottree().getroot().iter(element.tag):
        if other is element:
            break
        if other.sourceline == line_number:
            same_line_before += 1
    starts = [m.start() for m in re.finditer(rf"<{re.escape(name)}(?=[\s/>])", text)]
    if len(starts) <= same_line_before:
        return 1
    start = starts[same_line_before]
    if attribute:
        shown = attribute.replace("{http://www.w3.org/XML/1998/namespace}", "xml:")
        found = re.compile(rf"\s{re.escape(shown)}\s*=").search(text, start)
        if found:
            return found.start() + 2
    return start + 1
