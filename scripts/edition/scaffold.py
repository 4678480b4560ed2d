"""`edition new`: start a new letter file from the shared template.

An editor should never begin from an empty file or from a copy of another letter (copies
carry the other letter's facts along). The scaffold fills in only what follows from the
options and the rules of the encoding guidelines (§2 file name and id, §6 Security
Council year), reads names from the registers (facts live there, not here), and leaves
every other field as a visible `{PLACEHOLDER}`. `edition validate` flags each one left
([todo-left]), so the editor gets a to-do list with line numbers, and a letter cannot be
built until it is complete.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from edition import paths
from edition.load import TEI_NS, LoadError, parse

TEMPLATE = Path(__file__).resolve().parent / "templates" / "letter.xml"

# Examples for messages. Any State with an entry pl-SENDER in the places register can send a
# letter (guidelines §2: the file name's SENDER part is that id).
SENDERS = ("azerbaijan", "armenia")

PLACEHOLDER = re.compile(r"\{[A-Z][A-Z0-9_]*\}")
_REGISTER_ID = re.compile(r"[a-z0-9][a-z0-9\-]*")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS_CARDINAL = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_ORDINAL = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                 "eightieth", "ninetieth")


class ScaffoldError(Exception):
    """A request the scaffold refuses, with a message that says what to do instead."""


@dataclass
class LetterRequest:
    """What the editor asked for; everything else stays a placeholder."""

    date: dt.date
    sender: str
    title: str
    signatory: str | None = None  # persons register id without prefix, e.g. "aliyev-yashar"
    sender_org: str | None = None  # organisations register id without prefix; default "pm-{sender}"
    source_file: str | None = None
    session: int | None = None
    agenda_items: tuple[int, ...] = ()
    distribution_date: dt.date | None = None
    number: int = 1  # 2 for the second letter of the same day and sender (guidelines §2)
    today: dt.date | None = None


def ordinal_words(n: int) -> str:
    """English ordinal in words, capitalised as on UN mastheads: 75 -> "Seventy-fifth".

    UN mastheads spell sessions and years out ("Seventy-fifth session", "Seventy-sixth
    year"); a table of a few numbers would break at the next session.
    """
    if not 1 <= n <= 99:
        raise ValueError(f"ordinal out of range: {n}")
    if n < 10:
        word = _UNITS[n]
    elif n < 20:
        word = _TEENS[n - 10]
    elif n % 10 == 0:
        word = _TENS_ORDINAL[n // 10]
    else:
        word = f"{_TENS_CARDINAL[n // 10]}-{_UNITS[n % 10]}"
    return word[0].upper() + word[1:]


def date_text(day: dt.date) -> str:
    """A date as the letters print it: "1 October 2020"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def letter_id(day: dt.date, sender: str, number: int = 1) -> str:
    """File id per guidelines §2: letter-YYYY-MM-DD-SENDER, with -N from the second letter on."""
    suffix = f"-{number}" if number > 1 else ""
    return f"letter-{day.isoformat()}-{sender}{suffix}"


def _escape(value: str) -> str:
    """Escape a value for both element content and double-quoted attributes of the template."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _register_entry(tei_dir: Path, register: str, entry_id: str):
    """The register element with `xml:id` = entry_id, or None (the register must be readable)."""
    path = tei_dir / "registers" / register
    try:
        tree = parse(path)
    except LoadError as exc:
        raise ScaffoldError(f"cannot read the register {exc.path}: {exc.message}") from None
    found = tree.getroot().xpath("//*[@xml:id = $id]", id=entry_id)
    return found[0] if found else None


def _main_name(entry, element: str) -> str:
    """The headword of a register entry (`persName`/`orgName` type="main"), spaces normalised."""
    names = entry.xpath(f"tei:{element}[@type='main']", namespaces={"tei": TEI_NS})
    return " ".join("".join(names[0].itertext()).split()) if names else ""


def _agenda_titles(tei_dir: Path, session: int) -> dict[int, str]:
    """Agenda-item titles of `session` already encoded in other letters (key: item number).

    The same session + number must carry the same title everywhere ([agenda-consistent]),
    so an existing letter is the authority; unknown items stay placeholders.
    """
    titles: dict[int, str] = {}
    for path in sorted((tei_dir / "letters").glob("*.xml")):
        try:
            root = parse(path).getroot()
        except LoadError:
            continue  # a broken letter is the validator's business, not a reason to refuse
        ns = {"tei": TEI_NS}
        for bibl in root.xpath("//tei:sourceDesc/tei:bibl[@type='UNDocument']", namespaces=ns):
            if bibl.xpath("string(tei:biblScope[@unit='session']/@n)", namespaces=ns) != str(session):
                continue
            for scope in bibl.xpath("tei:biblScope[@unit='agendaItem']", namespaces=ns):
                n = scope.get("n", "")
                if n.isdigit():
                    titles.setdefault(int(n), " ".join("".join(scope.itertext()).split()))
    return titles


def render(request: LetterRequest, tei_dir: Path = paths.TEI, template: Path = TEMPLATE) -> str:
    """The text of the new letter file: the template with every derivable field filled in."""
    title = _checked_title(request, tei_dir)
    values: dict[str, str] = {
        "LETTER_ID": letter_id(request.date, request.sender, request.number),
        "TITLE": title,
        "DATE": request.date.isoformat(),
        "DATE_TEXT": date_text(request.date),
        "TODAY": (request.today or dt.date.today()).isoformat(),
    }
    values.update(_document_values(request))
    values.update(_sender_values(request, tei_dir))
    values["TITLE_MARKED"] = marked_title(title, tei_dir, request.signatory)
    text = template.read_text(encoding="utf-8")
    if request.agenda_items:
        if request.session is None:
            raise ScaffoldError("--agenda-items needs --session: an agenda item is keyed by session and number")
        text = _expand_agenda_items(text, request.agenda_items, _agenda_titles(tei_dir, request.session))
    raw = {"TITLE_MARKED"}  # already XML
    return PLACEHOLDER.sub(lambda m: (values[m.group()[1:-1]] if m.group()[1:-1] in raw else _escape(values[m.group()[1:-1]]))
                           if m.group()[1:-1] in values else m.group(), text)


def _checked_title(request: LetterRequest, tei_dir: Path) -> str:
    """The request's title, whitespace normalised, once its ids are checked (ScaffoldError if not)."""
    if not _REGISTER_ID.fullmatch(request.sender) or _register_entry(tei_dir, "places.xml", f"pl-{request.sender}") is None:
        raise ScaffoldError(f"--sender '{request.sender}': no entry pl-{request.sender} in the places register "
                            f"(tei/registers/places.xml); give the sending State's id without prefix "
                            f"(e.g. {', '.join(SENDERS)}), or add the State there first")
    if request.number < 1:
        raise ScaffoldError("--number must be 1 or more (2 for the second letter of the same day and sender)")
    for option, value in (("--signatory", request.signatory), ("--sender-org", request.sender_org)):
        if value is not None and not _REGISTER_ID.fullmatch(value):
            raise ScaffoldError(f"{option} '{value}' is not a register id: give it without prefix, in lower case, e.g. aliyev-yashar")
    title = " ".join(request.title.split())
    if not title:
        raise ScaffoldError("--title is empty: give the UN title formula as printed, e.g. \"Letter dated 1 October 2020 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General\"")
    return title


def _document_values(request: LetterRequest) -> dict[str, str]:
    """The UN document's fields: Security Council year, distribution date, session, witness."""
    values = {}
    # Guidelines §6: the Security Council year is the calendar year - 1945 (of the
    # document's issue, so the distribution date when known).
    issued = request.distribution_date or request.date
    values["SC_YEAR"] = str(issued.year - 1945)
    values["SC_YEAR_TEXT"] = f"{ordinal_words(issued.year - 1945)} year"
    if request.distribution_date:
        if request.distribution_date < request.date:
            raise ScaffoldError(f"the distribution date {request.distribution_date} is earlier than the letter's date {request.date}")
        values["DISTRIBUTION_DATE"] = request.distribution_date.isoformat()
        values["DISTRIBUTION_DATE_TEXT"] = date_text(request.distribution_date)
    if request.session is not None:
        if not 1 <= request.session <= 99:
            raise ScaffoldError(f"--session {request.session} is not a General Assembly session number (e.g. 75)")
        # Not derivable from the date (guidelines §6): only from the editor's option.
        values["SESSION"] = str(request.session)
        values["SESSION_TEXT"] = f"{ordinal_words(request.session)} session"
    if request.source_file:
        values["SOURCE_FILE"] = request.source_file
    return values


def _sender_values(request: LetterRequest, tei_dir: Path) -> dict[str, str]:
    """The sending mission and the signatory, from the registers."""
    values = {}
    org_id = request.sender_org or f"pm-{request.sender}"
    org = _register_entry(tei_dir, "organisations.xml", f"org-{org_id}")
    if org is not None:
        values["SENDER_ORG"] = org_id
        values["SENDER_ORG_NAME"] = _main_name(org, "orgName")
    elif request.sender_org:
        raise ScaffoldError(f"--sender-org '{org_id}': no entry org-{org_id} in tei/registers/organisations.xml; add it there first")
    if request.signatory:
        person = _register_entry(tei_dir, "persons.xml", f"pers-{request.signatory}")
        if person is None:
            raise ScaffoldError(f"--signatory '{request.signatory}': no entry pers-{request.signatory} in tei/registers/persons.xml; add the person there first")
        values["SENDER_PERSON"] = request.signatory
        values["SENDER_NAME"] = _main_name(person, "persName")
    return values


# A written date of the title formula ("3 November 2020"), which the head must mark.
_TITLE_DATE = re.compile(r"(?<!\w)(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})(?!\w)")
# Register entry kinds -> the name element a mention of them uses in a letter.
_NAME_ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName"}


def marked_title(title: str, tei_dir: Path, signatory: str | None = None) -> str:
    """The title formula as the head's XML content: dates and register names marked.

    The rules require every written date and every register form in the text to be marked,
    the head included (`date-marked`, `name-marked`). A date becomes `<date when>`; a register
    form becomes a mention of the entry that has it, longest form first, with the forms inside
    it marked too ("Permanent Representative of <placeName>Azerbaijan</placeName> …"). A form
    of several entries points to the signatory's entry if it is one of them, else it stays
    unmarked for the editor to decide (validate then names it). A mention gets the @cert and
    @evidence that the letters already give the same form of the same entry (an identification
    by office is an inference, marked as such wherever it is made).
    """
    from edition import coverage

    index = coverage.index_for(tei_dir)
    if index is None:
        return _escape(title)
    owners: dict[str, list] = {}
    for entry in index.entries.values():
        if entry.kind in _NAME_ELEMENTS:
            for form in entry.forms:
                owners.setdefault(form, []).append(entry)
    chosen = {}
    for form, entries in owners.items():
        if len(entries) == 1:
            chosen[form] = entries[0]
        elif signatory:
            mine = [e for e in entries if e.id == f"pers-{signatory}"]
            if mine:
                chosen[form] = mine[0]
    inferred = _attributes_in_letters(tei_dir)

    def mark(text: str, outer) -> str:
        """`text` with its dates and names marked; inside a mention, none of the same entry."""
        forms = sorted((f for f in chosen if f and chosen[f] is not outer and f in text), key=lambda f: (-len(f), f))
        spans = [(m.start(), m.end(), "date", m) for m in _TITLE_DATE.finditer(text)]
        for form in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                if not any(m.start() < end and start < m.end() for start, end, *_ in spans):
                    spans.append((m.start(), m.end(), form, m))
        out, done = [], 0
        for start, end, form, m in sorted(spans, key=lambda span: span[0]):
            out.append(_escape(text[done:start]))
            if form == "date":
                when = dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))).isoformat()
                out.append(f'<date when="{when}">{_escape(m.group())}</date>')
            else:
                entry = chosen[form]
                element = _NAME_ELEMENTS[entry.kind]
                prefix, _, local = entry.id.partition("-")
                pointer = f"{prefix}:{local}"
                extra = "".join(f' {name}="{_escape(value)}"' for name, value in inferred.get((pointer, form), ()))
                out.append(f'<{element} ref="{pointer}"{extra}>{mark(form, entry)}</{element}>')
            done = end
        out.append(_escape(text[done:]))
        return "".join(out)

    return mark(title, None)


def _attributes_in_letters(tei_dir: Path) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(pointer, form) -> the @cert/@evidence the letters give that mention (first found)."""
    from edition.registers_index import mentions

    found: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    for path in sorted((tei_dir / "letters").glob("*.xml")):
        try:
            tree = parse(path)
        except LoadError:
            continue
        for mention in mentions(tree):
            attributes = tuple((name, mention.element.get(name)) for name in ("cert", "evidence")
                               if mention.element.get(name))
            for pointer in mention.pointers:
                for form in mention.forms:
                    found.setdefault((pointer, form), attributes)
    return found


def _expand_agenda_items(text: str, items: tuple[int, ...], titles: dict[int, str]) -> str:
    """Repeat the template's agenda-item line once per item, in masthead order."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if 'unit="agendaItem"' in line:
            break
    else:
        raise ScaffoldError(f"the template {TEMPLATE} has no agendaItem line to repeat")
    expanded = []
    for n in items:
        title = _escape(titles[n]) if n in titles else "{ITEM_TITLE}"
        expanded.append(lines[index].replace("{ITEM}", str(n)).replace("{ITEM_TITLE}", title))
    return "".join(lines[:index] + expanded + lines[index + 1:])


def placeholders_left(text: str) -> list[tuple[int, str]]:
    """(line, placeholder) for every placeholder still in the text, in order."""
    return [(text.count("\n", 0, m.start()) + 1, m.group()) for m in PLACEHOLDER.finditer(text)]


def create(request: LetterRequest, tei_dir: Path = paths.TEI) -> Path:
    """Write the new letter under tei_dir/letters and return its path; never overwrites."""
    text = render(request, tei_dir)
    target = tei_dir / "letters" / f"{letter_id(request.date, request.sender, request.number)}.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x" creates the file or fails if it exists: no window in which another file
        # could be overwritten between a check and the write.
        with open(target, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{target} already exists: nothing was written. Open it to continue, or, for a second "
            f"letter of the same day and sender, add --number {request.number + 1}"
        ) from None
    return target


def _iso_date(value: str) -> dt.date:
    """argparse type for YYYY-MM-DD (a real calendar date)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD (e.g. 2020-10-01)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a calendar date") from None


def _item_list(value: str) -> tuple[int, ...]:
    """argparse type for agenda items "35,40,86,135" (masthead order kept)."""
    parts = [p.strip() for p in value.split(",")]
    if not parts or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"'{value}' is not a comma-separated list of agenda item numbers (e.g. 35,40,86,135)")
    return tuple(int(p) for p in parts)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="the letter's date, YYYY-MM-DD")
    parser.add_argument("--sender", required=True, metavar="STATE", help="the sending State: its places-register id without prefix, e.g. azerbaijan (pl-azerbaijan)")
    parser.add_argument("--title", required=True, help="the UN title formula, exactly as printed")
    parser.add_argument("--signatory", metavar="PERSON", help="persons register id of the signatory without prefix, e.g. aliyev-yashar")
    parser.add_argument("--sender-org", metavar="ORG", help="organisations register id of the sending office (default: pm-SENDER)")
    parser.add_argument("--source-file", metavar="PATH", help="the source transcription (witness), e.g. ../shared/sources/005_0123456789abcdef.txt: copied into tei/witnesses/ with its checksum recorded (a name already there is used as it is)")
    parser.add_argument("--session", type=int, metavar="N", help="General Assembly session (not derivable from the date), e.g. 75")
    parser.add_argument("--agenda-items", type=_item_list, default=(), metavar="N,N,…", help="agenda item numbers in masthead order; titles are taken from letters of the same session")
    parser.add_argument("--distribution-date", type=_iso_date, metavar="YYYY-MM-DD", help="the date of the masthead's Distr. line, if known")
    parser.add_argument("--number", type=int, default=1, metavar="N", help="2 for the second letter of the same day and sender (file id gets -2)")
    parser.add_argument("--tei-dir", type=Path, default=paths.TEI, metavar="DIR", help="the corpus folder holding letters/ and registers/ (default: the repository's tei/)")


def _witness_source(given: str, tei_dir: Path) -> tuple[Path | None, str]:
    """(file to copy or None if already in place, witness name) for --source-file, or ScaffoldError.

    A path to a file copies that file into the corpus's witnesses/ folder; a bare name that is
    already there is used as it is. A different file of the same name is never overwritten.
    """
    from edition import witness

    source = Path(given)
    name = source.name
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ScaffoldError(f"--source-file '{given}': the witness's file name may hold only letters, digits, '.', '_' "
                            "and '-': rename the file")
    in_place = witness.witness_folder(tei_dir) / name
    if source.is_file():
        if in_place.is_file():
            if in_place.read_bytes() != source.read_bytes():
                raise ScaffoldError(f"--source-file '{given}': a different witness named {name} is already in {in_place.parent}; "
                                    "nothing was written. Rename your file, or give the name of the one already there")
            return None, name
        return source, name
    if in_place.is_file():
        return None, name
    raise ScaffoldError(f"--source-file '{given}': no such file (give the path of the source transcription, e.g. "
                        "../shared/sources/005_0123456789abcdef.txt; it is copied into tei/witnesses/)")


def _add_witness(copy_from: Path | None, name: str, tei_dir: Path) -> None:
    """Copy the witness into witnesses/ (never over another file) and record its checksum."""
    import shutil

    from edition import witness

    folder = witness.witness_folder(tei_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if copy_from is not None:
        with open(copy_from, "rb") as source, open(folder / name, "xb") as target:
            shutil.copyfileobj(source, target)
    if witness.recorded_checksums(tei_dir).get(name) is None:
        witness.record_checksum(tei_dir, name)


NEXT_STEPS = (
    "encode the text from the witness (docs/encoding-guidelines.md; add any new entity to its register once)",
    "edition validate {path}   (until it reports 0 errors)",
    "UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py   (then review the golden files' diff)",
    "python -m pytest   (or .ci/run), then commit the letter, its witness and the golden files",
)


def still_to_do(target: Path) -> list[str]:
    """What the editor still has to do for the letter, in order, as lines to print."""
    from edition.validate import validate

    shown = _display(target)
    problems = validate([target], jobs=1)
    lines = [f"still to do for {shown}, in order:"]
    if problems:
        lines.append(f"  1. fix what edition validate reports ({len(problems)} error{'s' if len(problems) != 1 else ''}, "
                     "placeholders first):")
        lines += [f"     {problem.format_text()}" for problem in problems]
    else:
        lines.append("  1. edition validate: 0 errors, the letter is complete")
    lines += [f"  {number}. {step.format(path=shown)}" for number, step in enumerate(NEXT_STEPS[2:], start=2)]
    return lines


def run(args: argparse.Namespace) -> int:
    request = LetterRequest(
        date=args.date, sender=args.sender, title=args.title, signatory=args.signatory,
        sender_org=args.sender_org, source_file=None, session=args.session,
        agenda_items=args.agenda_items, distribution_date=args.distribution_date, number=args.number,
    )
    try:
        copy_from = name = None
        if args.source_file:
            copy_from, name = _witness_source(args.source_file, args.tei_dir)
            request.source_file = name
        target = create(request, args.tei_dir)
    except ScaffoldError as exc:
        print(f"edition new: {exc}", file=sys.stderr)
        existing = args.tei_dir / "letters" / f"{letter_id(request.date, request.sender, request.number)}.xml"
        if "already exists" in str(exc) and existing.is_file():
            print("\n".join(still_to_do(existing)))
        return 1
    if name:
        _add_witness(copy_from, name, args.tei_dir)
    left = placeholders_left(target.read_text(encoding="utf-8"))
    shown = _display(target)
    print(f"created {shown}")
    if name:
        print(f"witness: {_display(args.tei_dir / 'witnesses' / name)} (checksum recorded in "
              f"{_display(args.tei_dir / 'witnesses' / 'SHA256SUMS')})")
    if left:
        print(f"{len(left)} placeholders to fill in (edition validate {shown} lists them as errors until they are gone):")
        for line, placeholder in left:
            print(f"  {shown}:{line}: {placeholder}")
    print("next, in order (run edition new again with the same options to see what is left):")
    for number, step in enumerate(NEXT_STEPS, start=1):
        print(f"  {number}. {step.format(path=shown)}")
    return 0


def _display(path: Path) -> str:
    """The path relative to the working directory when possible (clickable in terminals)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
