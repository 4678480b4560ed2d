"""Fidelity of the letters to their witnesses: the normalisation rules as code.

The edition promises that a letter's reading text is its source transcription word for
word, except for the normalisations listed in `docs/encoding-guidelines.md` §5 (applied
silently) and the interventions the TEI encodes (`choice`, `supplied`). This module makes
that promise checkable. It turns

- a source transcription into a `Reading`: the main-text words, the footnotes (number and
  words, in page order) and the page-bottom link URLs the page-links rule removed;
- a TEI letter into a `Reading`: the words of `front`, `body` and `back` in document order
  without `note` content, the footnotes (`note[@place='foot']`, in document order) and the
  link targets (`@target` values) of the text;

and `compare()` lists every difference, as a short word diff located by line in both
files, with the §5 rule an encoder should look at when a difference is of a known kind.

Each §5 rule is one named function below (the `RULES` table maps the rule names the
guidelines use to them), so a difference can always be traced to a rule or to an encoding
error. The rules are generic: nothing in this module knows about a particular letter.

Comparison is by words (runs of non-space characters). That is deliberate: the witnesses
wrap lines and break paragraphs arbitrarily, the TEI pretty-prints, and neither matters to
the text; what matters is that no word is dropped, added or changed.

Other tests may reuse `comparable_words()` to compare any rendered text (for example a
plain-text edition) with a reading.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}


# ---------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------

class Word(NamedTuple):
    """A word with the line it comes from, so that a difference can be located.

    A named tuple: a letter has thousands of words, read on every save, and a tuple is made
    several times faster than a frozen dataclass."""

    text: str
    line: int


@dataclass
class Footnote:
    """A footnote: its number as printed (`n`) and its words."""

    n: str
    words: list[Word]
    line: int


@dataclass
class Reading:
    """What the comparison looks at, for a witness or for a TEI letter.

    `links` are, for a witness, the page-bottom URLs removed by the page-links rule (they
    must reappear as link targets in the TEI) and, for a TEI letter, every `@target` value
    of its text. `converter_targets` (witness only) are the targets of Markdown link
    syntax that markup-debris dropped: converter output, not the author's, so they must
    not reappear as TEI targets.
    """

    words: list[Word]
    footnotes: list[Footnote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    converter_targets: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Source side: one function per rule of guidelines §5
# ---------------------------------------------------------------------------

# Superscript digits as footnote markers (U+2070, U+00B9, U+00B2, U+00B3, U+2074-U+2079).
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A footnote marker in any of the forms the witnesses use: HTML <sup>N</sup>, the garbled
# re-wrapped escape <sup>&</sup>lt;sup>N</sup> (and its plain escaped form), or Unicode
# superscript digits.
_MARKER = (
    r"<sup>&</sup>lt;sup>(?P<garbled>\d+)</sup>"
    r"|&lt;sup&gt;(?P<escaped>\d+)&lt;/sup&gt;"
    r"|<sup>(?P<html>\d+)</sup>"
    rf"|(?P<unicode>[{SUPERSCRIPT_DIGITS}]+)"
)
_FOOTNOTE_LINE = re.compile(rf"^\s*(?:{_MARKER})\s+(?P<text>\S.*)$")
_INLINE_MARKER = re.compile(_MARKER)

_URL_ONLY_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# [text](target): the target may contain one level of parentheses (undocs URLs do).
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^>\s]+)>")
_SUP_TAG = re.compile(r"</?sup>")
_EMPHASIS_BETWEEN_WORDS = re.compile(r"(?<=\w)\*+(?=\w)")
_EMPHASIS = re.compile(r"\*+")

# Quotation marks that the TEI does not keep as characters (quotations are encoded).
QUOTATION_MARKS = "\"“”„‟«»‘"
_QUOTES_TABLE = str.maketrans({**{c: None for c in QUOTATION_MARKS}, "'": "’"})


def rule_page_links(lines: list[str]) -> tuple[list[str | None], list[str]]:
    """page-links: drop lines that consist only of a URL; return them separately.

    PDF-to-text dumps inject the PDF's link annotations as bare URLs at the page bottom.
    They are not text of the letter: the TEI turns them into the `@target` of the
    reference they belong to, which is why the URLs are returned (to be checked there).
    Dropped lines become None so that line numbers stay those of the file.
    """
    kept: list[str | None] = []
    urls: list[str] = []
    for line in lines:
        match = _URL_ONLY_LINE.match(line)
        if match:
            urls.append(match.group(1))
            kept.append(None)
        else:
            kept.append(line)
    return kept, urls


def footnote_marker_number(marker_match: re.Match) -> str:
    """The footnote number a marker stands for, as plain digits."""
    for name in ("garbled", "escaped", "html", "unicode"):
        value = marker_match.group(name)
        if value:
            return value.translate(_SUPERSCRIPT_TO_DIGIT)
    raise ValueError("not a footnote marker")  # pragma: no cover - the regex has four groups


def rule_note_markers(lines: list[str | None]) -> tuple[list[str | None], list[tuple[str, int, str]]]:
    """note-markers: take the footnotes out of the running text; remove inline markers.

    A footnote starts with a line that begins with a marker (`<sup>N</sup>`, superscript
    digits, or the garbled `<sup>&</sup>lt;sup>N</sup>`) and runs to the next blank line
    (a Markdown paragraph). Its text goes to the footnote list as (number, first line,
    text); the TEI has it in `note place="foot"` at its anchor. The anchor markers in the
    running text are removed: the TEI's `note/@n` replaces them.
    """
    kept: list[str | None] = []
    footnotes: list[tuple[str, int, str]] = []
    in_footnote = False
    for number, line in enumerate(lines, start=1):
        if line is None:
            kept.append(None)
            continue
        match = _FOOTNOTE_LINE.match(line)
        if match:
            footnotes.append((footnote_marker_number(match), number, match.group("text")))
            in_footnote = True
            kept.append(None)
        elif in_footnote and line.strip():
            n, first, text = footnotes[-1]
            footnotes[-1] = (n, first, text + "\n" + line)
            kept.append(None)
        else:
            in_footnote = False
            kept.append(remove_inline_note_markers(line))
    return kept, footnotes


def remove_inline_note_markers(text: str) -> str:
    """note-markers (anchors): delete footnote markers inside running text."""
    return _INLINE_MARKER.sub("", text)


def rule_markup_debris(line: str) -> str:
    """markup-debris: remove Markdown/HTML conversion debris from one line.

    `#` headings and `---` rules go; link syntax `[text](target)` keeps its text (the
    targets are converter output, some of them inventions); `<url>` autolinks keep the
    URL; `<sup>` tags go (numeric ones are footnote markers, handled by note-markers);
    `**`/`*` emphasis markers go. An emphasis marker glued between two word characters
    becomes a space instead, because one witness fuses two masthead lines with it
    ("Sustainable development**Prevention of armed conflict**"); elsewhere (e.g.
    "*Monitor*," before a comma) a space would split a word from its punctuation.
    """
    if _RULE_LINE.match(line):
        return ""
    line = _HEADING.sub("", line)
    line = _LINK.sub(lambda m: m.group("text"), line)
    line = _AUTOLINK.sub(lambda m: m.group("url"), line)
    line = _SUP_TAG.sub("", line)
    line = _EMPHASIS_BETWEEN_WORDS.sub(" ", line)
    return _EMPHASIS.sub("", line)


def markdown_link_targets(line: str) -> list[str]:
    """The targets that markup-debris drops from `[text](target)` links (except empty `#`)."""
    targets = []
    for match in _LINK.finditer(line):
        target = match.group()[len(match.group("text")) + 3:-1]
        if target not in ("", "#"):
            targets.append(target)
    return targets


def rule_quotes(word: str) -> str:
    """quotes: drop quotation-mark characters; normalise the apostrophe ' to ’ (U+2019).

    The TEI encodes quotations (`quote`, `q`, `soCalled`) instead of keeping the marks,
    and uses ’ for every apostrophe; the witnesses mix straight and curly forms.
    """
    return word.translate(_QUOTES_TABLE)


def rule_whitespace(text: str) -> list[str]:
    """whitespace: runs of spaces (and trailing spaces) are word separators, nothing more."""
    return text.split()


def rule_line_wraps(lines: list[str | None]) -> list[tuple[int, str]]:
    """line-wraps: a line end is a space; blank lines and page breaks carry no text.

    Joining hard-wrapped lines and rejoining paragraphs split by page breaks changes
    nothing in a word sequence except that a line end separates words, so the rule
    reduces to reading the remaining lines one after the other (with their numbers).
    """
    return [(number, line) for number, line in enumerate(lines, start=1) if line]


RULES = {
    "line-wraps": rule_line_wraps,
    "whitespace": rule_whitespace,
    "markup-debris": rule_markup_debris,
    "note-markers": rule_note_markers,
    "page-links": rule_page_links,
    "quotes": rule_quotes,
}


def comparable_words(text: str) -> list[str]:
    """Normalise any text into the words the comparison uses (whitespace and quotes rules).

    Use it on rendered text (plain-text editions, HTML text) to compare it with a
    `Reading`'s words: renderings add quotation marks, which this removes.
    """
    words = (rule_quotes(word) for word in rule_whitespace(text))
    return [word for word in words if word]


def _line_words(number: int, text: str) -> list[Word]:
    return [Word(word, number) for word in comparable_words(rule_markup_debris(text))]


def read_source_text(text: str) -> Reading:
    """Apply the §5 rules to a witness's text; see the module docstring."""
    lines = text.splitlines()
    lines_without_links, page_links = rule_page_links(lines)
    main_lines, raw_footnotes = rule_note_markers(lines_without_links)
    words: list[Word] = []
    for number, line in rule_line_wraps(main_lines):
        words.extend(_line_words(number, line))
    footnotes = []
    for n, first, note_text in raw_footnotes:
        note_words: list[Word] = []
        for offset, note_line in enumerate(note_text.split("\n")):
            note_words.extend(_line_words(first + offset, remove_inline_note_markers(note_line)))
        footnotes.append(Footnote(n, note_words, first))
    converter_targets = [target for line in lines for target in markdown_link_targets(line)]
    return Reading(words, footnotes, page_links, converter_targets)


def read_source(path: Path) -> Reading:
    """The reading of a source transcription file (UTF-8)."""
    return read_source_text(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# TEI side
# ---------------------------------------------------------------------------

# Elements that separate words: their start and end are word boundaries even when the
# file has no whitespace there (e.g. `<lb/>` between a name and a role, two `ab` in a row).
BLOCK_ELEMENTS = frozenset({
    "front", "body", "back", "div", "head", "p", "ab", "list", "item", "label",
    "opener", "closer", "dateline", "salute", "signed", "postscript", "trailer",
    "byline", "docDate", "lg", "l", "table", "row", "cell", "listBibl", "floatingText",
    "lb", "pb", "cb", "milestone",
})

# Inside `choice`, the witness's reading (sic, orig, abbr) is the text; the editors'
# alternative is not. `supplied` text is not in the witness at all.
EDITORIAL_ALTERNATIVES = frozenset({"corr", "reg", "expan"})
EDITORIAL_ADDITIONS = frozenset({"supplied"})


def local_name(element: etree._Element) -> str:
    """The element's name without namespace ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]  # what etree.QName(element).localname gives, at a fraction of the cost


def parse_xml(path: Path) -> etree._ElementTree:
    """Parse XML the hardened way the project requires (edition.load: no entities, DTD or network).

    Raises edition.load.LoadError for a file that is not well-formed or not TEI.
    """
    from edition import load

    return load.parse(path)


class Piece(NamedTuple):
    """A run of text with the line it starts on and the element it belongs to (a named tuple,
    like Word, for speed)."""

    text: str
    line: int
    owner: etree._Element


def _end_line(element: etree._Element) -> int:
    """The line on which an element's end tag is (where its tail starts).

    The end of the last child (or the start tag) plus the line breaks after it: linear in the
    size of the letter, where serialising every element again would be quadratic, and this
    runs on every save. (A line break inside a start tag is not counted: the files have none.)
    """
    children = [child for child in element]
    if not children:
        return (element.sourceline or 0) + (element.text or "").count("\n")
    last = children[-1]
    if isinstance(last.tag, str):
        end = _end_line(last)
    else:  # a comment or processing instruction
        end = (last.sourceline or 0) + (last.text or "").count("\n")
    return end + (last.tail or "").count("\n")


_BLOCK_TAGS: dict[str, bool] = {}


def _is_block(tag: str) -> bool:
    """Whether an element of this tag is one of BLOCK_ELEMENTS (by local name, remembered per tag)."""
    block = _BLOCK_TAGS.get(tag)
    if block is None:
        block = _BLOCK_TAGS[tag] = tag.rpartition("}")[2] in BLOCK_ELEMENTS
    return block


def text_pieces(element: etree._Element, skip) -> list[Piece]:
    """The text of `element` in document order, without the elements `skip(el)` is true for.

    `skip` is asked about descendants only, so a note can be read on its own with the
    same predicate that skips notes inside the running text. A skipped element
    contributes nothing, but the text after it (its tail) is kept. Block elements
    contribute a space at their start and end (see BLOCK_ELEMENTS).
    """
    pieces: list[Piece] = []
    append = pieces.append
    new = tuple.__new__  # Piece(...) as the named tuple's _make makes it: thousands per letter

    def walk(el: etree._Element) -> int:
        """Add the pieces of `el`; return the line of its end tag (what _end_line says, found on
        the way instead of walking each child's last descendants again for its tail)."""
        line = el.sourceline or 0
        block = _is_block(el.tag)
        if block:
            append(new(Piece, (" ", line, el)))
        text = el.text
        if text:
            append(new(Piece, (text, line, el)))
        end = line + text.count("\n") if text else line
        for child in el:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                end = (child.sourceline or 0) + (child.text or "").count("\n")
            else:
                end = _end_line(child) if skip(child) else walk(child)
            tail = child.tail
            if tail:
                append(new(Piece, (tail, end, el)))
                end += tail.count("\n")
        if block:
            append(new(Piece, (" ", line, el)))
        return end

    walk(element)
    return pieces


def words_of_pieces(pieces: list[Piece]) -> list[Word]:
    """Split pieces into words, each with the line it starts on.

    The words of the pieces' text joined (`text.split()`), found piece by piece and line by line
    (str.split in C, no search per word): a word that runs on from one piece into the next
    ("X<hi>Y</hi>") is joined up and keeps the line it starts on."""
    words: list[Word] = []
    new = tuple.__new__  # Word(...) as the named tuple's _make makes it: thousands per letter
    open_word = False  # whether the text so far ends inside a word
    for piece in pieces:
        text = piece.text
        if not text:
            continue
        line = piece.line
        for number, segment in enumerate(text.split("\n") if "\n" in text else (text,)):
            parts = segment.split()
            if parts and open_word and number == 0 and not segment[0].isspace():
                last = words[-1]
                words[-1] = Word(last.text + parts[0], last.line)
                del parts[0]
            words.extend([new(Word, (part, line)) for part in parts])
            open_word = bool(segment) and not segment[-1].isspace() and bool(words)
            line += 1
    return words


_SKIPPED_TAGS: dict[str, bool] = {}


def _skip_in_reading(element: etree._Element) -> bool:
    """Notes, the editors' alternatives and additions are no words of the reading (remembered
    per tag: this is asked of every element of every letter)."""
    tag = element.tag
    skipped = _SKIPPED_TAGS.get(tag)
    if skipped is None:
        name = local_name(element)
        skipped = _SKIPPED_TAGS[tag] = name == "note" or name in EDITORIAL_ALTERNATIVES or name in EDITORIAL_ADDITIONS
    return skipped


def read_tei_tree(tree: etree._ElementTree) -> Reading:
    """The reading of a TEI letter: text words, footnotes and link targets (see module doc)."""
    root = tree.getroot()
    text = root.find("tei:text", NS)
    if text is None:
        return Reading([])
    words = words_of_pieces(text_pieces(text, _skip_in_reading))
    footnotes = [
        Footnote(note.get("n", ""), words_of_pieces(text_pieces(note, _skip_in_reading)), note.sourceline or 0)
        for note in text.iterfind(".//tei:note[@place='foot']", NS)
    ]
    links = [target for value in text.xpath(".//@target") for target in value.split()]
    return Reading(words, footnotes, links)


def read_tei(path: Path) -> Reading:
    """The reading of a TEI letter file."""
    return read_tei_tree(parse_xml(path))


def source_file_name(tree: etree._ElementTree) -> str | None:
    """The witness a letter is encoded from, as the letter's header names it."""
    names = tree.xpath(
        "/tei:TEI/tei:teiHeader//tei:sourceDesc/tei:bibl[@type='transcription']"
        "/tei:idno[@type='sourceFile']/text()",
        namespaces=NS,
    )
    return names[0].strip() if names else None


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

CONTEXT_WORDS = 6
MAX_DIFFERENCES_SHOWN = 12


def explain(removed: list[str], added: list[str], source: Reading) -> str:
    """Name the §5 rule or encoding device that accounts for a known kind of difference.

    `removed` are source words missing from the TEI, `added` TEI words not in the source.
    """
    return _explain_marks(added, source) or _explain_words(removed, added, source)


def _explain_marks(added: list[str], source: Reading) -> str | None:
    """A difference made by a character or a piece of markup the TEI writes differently."""
    added_text = " ".join(added)
    if any(c in added_text for c in QUOTATION_MARKS):
        return ("quotes: the TEI keeps a quotation mark as a character; encode the quotation "
                "(quote/q/soCalled) and drop the mark")
    if "'" in added_text:
        return "quotes: apostrophes are ’ (U+2019) in the TEI, not '"
    if any(c in added_text for c in SUPERSCRIPT_DIGITS) or "<sup>" in added_text:
        return "note-markers: a footnote marker is text in the TEI; use note place='foot' n='…' at the anchor"
    if any(word in source.links for word in added):
        return "page-links: a page-bottom URL is text in the TEI; make it the @target of its reference"
    if re.search(r"\*|^#|\]\(|^-{3,}$", added_text):
        return "markup-debris: conversion debris (** * # [..](..) ---) is text in the TEI; remove it"
    return None


def _explain_words(removed: list[str], added: list[str], source: Reading) -> str:
    """A difference of whole words: split, dropped, added or changed."""
    added_text = " ".join(added)
    removed_text = " ".join(removed)
    if removed and added and "".join(removed) == "".join(added):
        if len(removed) > len(added):
            return ("the witness splits a word here: encode <choice><sic>"
                    f"{removed_text}</sic><corr>{added_text}</corr></choice> (the test reads sic), "
                    "or, if an element boundary added/removed a space, fix the whitespace")
        return ("whitespace: the TEI splits a word of the witness (a space at an element boundary? "
                "e.g. `<placeName>X</placeName> ’s` for `X’s`)")
    note_words = {w.text for note in source.footnotes for w in note.words}
    if removed and not added and all(word in note_words for word in removed) and len(removed) > 3:
        return "note-markers: this looks like footnote text; it belongs in note place='foot' (the reading skips notes)"
    if added and not removed:
        return ("words the witness does not have: if the editors supplied them, wrap them in "
                "<supplied>; otherwise remove them")
    if removed and not added:
        return ("words of the witness missing from the TEI: nothing may be dropped "
                "(check for a note, corr or supplied element swallowing them)")
    return ("unexplained change: reproduce the witness's wording; an intervention must be "
            "encoded as <choice><sic>witness</sic><corr>edition</corr></choice>")


@dataclass(frozen=True)
class Difference:
    """One difference between the witness's words and the TEI's, located in both files."""

    source_line: int
    tei_line: int
    before: list[str]
    removed: list[str]
    added: list[str]
    after: list[str]
    explanation: str


def differences(source_words: list[Word], tei_words: list[Word], source: Reading) -> list[Difference]:
    """Every difference of two word sequences, with context words and the rule that explains it."""
    a = [w.text for w in source_words]
    b = [w.text for w in tei_words]
    found = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        source_line = source_words[min(i1, len(a) - 1)].line if a else 0
        tei_line = tei_words[min(j1, len(b) - 1)].line if b else 0
        found.append(Difference(source_line, tei_line, a[max(0, i1 - CONTEXT_WORDS):i1], a[i1:i2], b[j1:j2],
                                a[i2:i2 + CONTEXT_WORDS], explain(a[i1:i2], b[j1:j2], source)))
    return found


def word_diff(source_words: list[Word], tei_words: list[Word], source_name: str, tei_name: str,
              source: Reading) -> list[str]:
    """A short unified diff of two word sequences: one hunk per difference, with context.

    Each hunk names the lines in both files, the context words (` `), the witness's words
    (`-`), the TEI's words (`+`) and the rule or device that accounts for that kind of
    difference.
    """
    a = [w.text for w in source_words]
    b = [w.text for w in tei_words]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    hunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        source_line = source_words[min(i1, len(a) - 1)].line if a else 0
        tei_line = tei_words[min(j1, len(b) - 1)].line if b else 0
        before = a[max(0, i1 - CONTEXT_WORDS):i1]
        after = a[i2:i2 + CONTEXT_WORDS]
        hunk = [f"@@ {source_name}:{source_line}  {tei_name}:{tei_line} @@"]
        if before:
            hunk.append("  " + " ".join(before))
        if i2 > i1:
            hunk.append("- " + " ".join(a[i1:i2]))
        if j2 > j1:
            hunk.append("+ " + " ".join(b[j1:j2]))
        if after:
            hunk.append("  " + " ".join(after))
        hunk.append("  => " + explain(a[i1:i2], b[j1:j2], source))
        hunks.append("\n".join(hunk))
    if len(hunks) > MAX_DIFFERENCES_SHOWN:
        rest = len(hunks) - MAX_DIFFERENCES_SHOWN
        hunks = hunks[:MAX_DIFFERENCES_SHOWN] + [f"... and {rest} more difference(s)"]
    return hunks


def compare_main_text(source: Reading, tei: Reading, source_name: str, tei_name: str) -> list[str]:
    """Differences between the main-text words of witness and TEI ([] when identical)."""
    if [w.text for w in source.words] == [w.text for w in tei.words]:
        return []
    return word_diff(source.words, tei.words, source_name, tei_name, source)


def compare_footnotes(source: Reading, tei: Reading, source_name: str, tei_name: str) -> list[str]:
    """Differences between the footnotes (number and words, in order) of witness and TEI."""
    problems = []
    source_numbers = [note.n for note in source.footnotes]
    tei_numbers = [note.n for note in tei.footnotes]
    if source_numbers != tei_numbers:
        problems.append(
            f"footnote numbers differ: {source_name} has {source_numbers}, "
            f"{tei_name} has note[@place='foot']/@n {tei_numbers} "
            "(note-markers: every footnote of the witness is a note place='foot' n='…' at its anchor)"
        )
    for source_note, tei_note in zip(source.footnotes, tei.footnotes):
        if [w.text for w in source_note.words] != [w.text for w in tei_note.words]:
            hunks = word_diff(source_note.words, tei_note.words, source_name, tei_name, source)
            problems.append(f"footnote {source_note.n} ({source_name}:{source_note.line}, "
                            f"{tei_name}:{tei_note.line}) differs:\n" + "\n".join(hunks))
    return problems


def compare_links(source: Reading, tei: Reading, source_name: str, tei_name: str) -> list[str]:
    """Page-bottom URLs of the witness that are not a link target in the TEI."""
    targets = set(tei.links)
    return [
        f"page-links: {source_name} has the page-bottom URL {url}, which is no @target in {tei_name}"
        for url in source.links if url not in targets
    ]


def compare_converter_targets(source: Reading, tei: Reading, source_name: str, tei_name: str) -> list[str]:
    """Markdown link targets of the witness (converter output) that the TEI uses as targets."""
    targets = set(tei.links)
    return [
        f"markup-debris: {tei_name} uses {url} as a @target, but it is only a Markdown link target in "
        f"{source_name} (converter output, not in the letter; guidelines §5): link UN symbols to undocs.org"
        for url in dict.fromkeys(source.converter_targets) if url in targets
    ]


def compare(source: Reading, tei: Reading, source_name: str = "source", tei_name: str = "tei") -> list[str]:
    """Every difference between a witness and a TEI letter, as messages ([] = faithful)."""
    return (compare_main_text(source, tei, source_name, tei_name)
            + compare_footnotes(source, tei, source_name, tei_name)
            + compare_links(source, tei, source_name, tei_name)
            + compare_converter_targets(source, tei, source_name, tei_name))
