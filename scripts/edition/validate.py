"""`edition validate`: check letters and registers, layer by layer, and report located problems.

Layers, each with stable rule ids:

1. hardened parsing (edition.load): `xml-wellformed`, `xml-doctype`, `xml-encoding`,
   `xml-empty`, `tei-root`;
2. the project XSD (edition.xsd, via xmlschema): `xsd-element`, `xsd-attribute`,
   `xsd-value`, `xsd-content`;
3. the Schematron (schema/edition.sch), the rules about one document: the assert ids, e.g.
   `date-valid`;
4. pointers against the model and the corpus' registers (edition.pointers): `ptr-declared`,
   `ptr-resolves`, `ptr-kind`, `undocs-target`; cross-file checks (edition.crossfile): `file-id`,
   `xml-id-unique`, `agenda-consistent`,
   `witness-unique`, and, when a register is checked, `entry-used`, `variant-used`,
   `register-symbol-links`;
5. coverage of each letter by the registers (edition.coverage): `variant-registered`,
   `name-marked`, `symbol-marked`, `date-value`, `date-marked`;
6. fidelity of each letter to its witness (edition.witness): `witness-missing`,
   `witness-checksum`, `witness-text`, `witness-footnotes`, `witness-links`.

So "validate passes" means what CI checks about the corpus passes (tests/test_validate_agrees.py).

`validate(paths)` is the API the build and the benchmark use: it compiles the schemas once
per process and can spread chunks of files over a process pool (`jobs`), never one process
per file. Registers are taken from the corpus each file belongs to, so a copy of the corpus
in a temporary folder validates on its own.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from edition import paths as project_paths
from edition.report import Problem, cap_per_file, printable

if TYPE_CHECKING:
    from edition import corpus, crossfile
    from edition.validation_cache import ValidationCache

__all__ = ["Problem", "validate", "validate_and_summarise", "validate_file", "add_arguments", "run"]

# Below this many files a process pool costs more than it saves.
POOL_THRESHOLD = 200


@dataclass
class FileResult:
    """The problems of one file and its summary for the cross-file checks (picklable, so
    that worker processes can send it back); for a letter, also the summary the build needs
    (edition.corpus), made from the same parsed tree so the build does not parse it again.
    `key`: the digest of what the result was judged on, when the build asked for it
    (edition.validation_cache)."""

    problems: list[Problem] = field(default_factory=list)
    facts: "crossfile.FileFacts | None" = None
    letter: "corpus.LetterSummary | None" = None
    key: str | None = None


def missing_schemas() -> list[Path]:
    """Schema files that do not exist (their layer is then skipped, and the CLI says so)."""
    return [p for p in (project_paths.XSD, project_paths.SCHEMATRON) if not p.is_file()]


def validate_file(path: Path, summarise: bool = False, data: bytes | None = None) -> FileResult:
    """All single-file layers for one file; never raises for bad input.

    `summarise`: also return the letter's summary (edition.corpus) if the file is a letter.
    `data`: the file's bytes, already read by the caller through edition.load.read_bytes.
    """
    from edition import corpus, crossfile, load, pointers, report, schematron, xsd

    path = Path(path)
    try:
        data = load.read_bytes(path) if data is None else data  # the file policy: regular files inside the corpus, size-capped
        tree = load.parse_bytes(path, data)
    except OSError as exc:
        return FileResult([Problem(path, 1, 1, f"cannot read the file: {exc.strerror or exc}", "file-read")])
    except load.LoadError as exc:
        return FileResult([Problem(path, exc.line, exc.col, exc.message, exc.rule)])

    lines: list[str] | None = None

    def located(element, attribute, message: str, rule: str) -> Problem:
        nonlocal lines
        if lines is None:
            lines = report.source_lines(data)  # CR-only line ends count as libxml2 counts them
        if element is None:
            return Problem(path, 1, 1, message, rule)
        return Problem(path, element.sourceline or 1, report.element_column(element, lines, attribute), message, rule)

    problems = []
    # The two schema layers report alike: each finding has element, attribute, message and rule.
    for schema, check in ((project_paths.XSD, xsd.errors), (project_paths.SCHEMATRON, schematron.failures)):
        if not schema.is_file():
            continue
        try:
            for found in check(tree, schema):
                problems.append(located(found.element, found.attribute, found.message, found.rule))
        except report.SchemaBroken as broken:
            problems.append(broken.problem)
    facts, file_problems = crossfile.facts(tree, path)
    for found in pointers.problems(tree, facts.corpus):
        problems.append(located(found.element, found.attribute, found.message, found.rule))
    problems.extend(file_problems)
    if not facts.is_register:
        problems.extend(_letter_layers(path, tree, facts.corpus, located))
    letter = corpus.summary_of(tree.getroot(), path) if summarise and not facts.is_register else None
    return FileResult(problems, facts, letter)


def _letter_layers(path: Path, tree, corpus: Path, located) -> list[Problem]:
    """The coverage and witness layers of one letter (the registers are parsed once per process)."""
    from edition import coverage, witness

    problems = []
    index = coverage.index_for(corpus)
    if index is not None:
        problems.extend(coverage.letter_problems(path, tree, index, located))
    problems.extend(witness.problems(path, tree, corpus, located))
    return problems


def _validate_chunk(chunk: list[Path], summarise: bool = False,
                    keyed: tuple[str, str] | None = None) -> list[FileResult]:
    """Worker job: one chunk of files, reusing the compiled schemas of this process.

    `keyed`: (corpus folder, context key) when each result must carry its key
    (edition.validation_cache.validate_keyed)."""
    if keyed is None:
        return [validate_file(path, summarise) for path in chunk]
    from edition.validation_cache import validate_keyed

    return [validate_keyed(path, summarise, *keyed) for path in chunk]


def expand_paths(given: list[Path]) -> list[Path]:
    """Files to check: files as given, folders searched for *.xml; sorted, no duplicates.

    Whatever is named *.xml is listed, also when it is not a regular file (a folder, a pipe, a
    link), and so is a sub-folder that cannot be opened: the file policy (edition.load.read_bytes)
    then reports each with a located error instead of skipping it. Links to folders are not
    followed. Raises FileNotFoundError for a path that does not exist (a usage error).
    """
    found: dict[Path, Path] = {}
    for path in map(Path, given):
        if path.is_dir() and not path.name.endswith(".xml"):  # a folder named *.xml is reported, not searched
            for file in project_paths.xml_entries(path, recursive=True):
                found.setdefault(Path(os.path.abspath(file)), file)
        elif os.path.lexists(path):
            found.setdefault(Path(os.path.abspath(path)), path)
        else:
            raise FileNotFoundError(str(path))
    return sorted(found.values(), key=lambda p: str(p))


# At most this many files per chunk: the last chunks finish while the other workers are idle,
# so on a large corpus chunks must stay short (a few tenths of a second of work).
MAX_CHUNK = 64


def _chunks(files: list[Path], jobs: int) -> list[list[Path]]:
    """Contiguous chunks, several per worker so that uneven files balance out, none long."""
    count = max(1, min(len(files), jobs * 4))
    size = min(MAX_CHUNK, -(-len(files) // count))
    return [files[i:i + size] for i in range(0, len(files), size)]


def _register_facts(corpora: set[Path], checked: set[Path]) -> list:
    """Summaries of the registers of the given corpora that are not being checked themselves."""
    from edition import crossfile, load

    context = []
    for corpus in sorted(corpora):
        for register in sorted((corpus / "registers").glob("*.xml")):
            if register.resolve() in checked:
                continue
            try:
                context.append(crossfile.facts(load.parse(register), register)[0])
            except load.LoadError:
                continue  # its entries then do not resolve (edition.pointers)
    return context


def _ignore_interrupts() -> None:
    """Pool initializer: Ctrl-C is the parent's to report (one line, status 130). A terminal sends
    SIGINT to the whole process group; a worker that took it would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _validate_in_pool(chunks: list[list[Path]], jobs: int, summarise: bool,
                      keyed: tuple[str, str] | None = None) -> list[FileResult]:
    """The chunks validated by `jobs` worker processes, each compiling the schemas once.

    Interrupted, the workers are stopped at once instead of finishing the queue."""
    from concurrent.futures import ProcessPoolExecutor  # imported only when needed: ~10 ms on save

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        done = pool.map(_validate_chunk, chunks, [summarise] * len(chunks), [keyed] * len(chunks))
        results = [r for chunk in done for r in chunk]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()
    return results


def validate(paths: list[Path], jobs: int | None = None) -> list[Problem]:
    """Validate files and/or folders; return every problem, sorted by file and position.

    `jobs`: worker processes (None: automatic, 1: in this process). Files are sent to the
    workers in chunks; each worker compiles the XSD and Schematron once.
    """
    return validate_and_summarise(paths, jobs, summarise=False)[0]


def _file_results(files: list[Path], jobs: int | None, summarise: bool,
                  keyed: tuple[str, str] | None = None) -> list[FileResult]:
    """The single-file layers of every file: in this process, or in a pool for many files."""
    if jobs is None:
        jobs = 1 if len(files) < POOL_THRESHOLD else (os.cpu_count() or 1)
    if jobs <= 1 or len(files) < 2:
        return _validate_chunk(files, summarise, keyed)
    return _validate_in_pool(_chunks(files, jobs), jobs, summarise, keyed)


def _cached_results(files: list[Path], jobs: int | None, summarise: bool,
                    cache: "ValidationCache") -> list[FileResult]:
    """Every file's result: reused from `cache` where the file's key is unchanged, the others
    validated (with their keys, which the cache keeps for the next build)."""
    reused, todo = cache.lookup(files)
    fresh = iter(_file_results(todo, jobs, summarise, (str(cache.corpus), cache.context)))
    results = []
    for index, path in enumerate(files):
        if index in reused:
            results.append(reused[index])
        else:
            results.append(next(fresh))
            cache.add(results[-1], path)
    return results


def validate_and_summarise(paths: list[Path], jobs: int | None = None, *, summarise: bool = True,
                           cache: "ValidationCache | None" = None,
                           ) -> tuple[list[Problem], dict[Path, "corpus.LetterSummary"]]:
    """`validate`, and the summary of every letter that could be read (by resolved path).

    The build uses this: validation has parsed each letter already, so the summaries the build
    needs to relate the letters come from the same parse. `cache` (the build's): the
    single-file results of files whose key is unchanged are reused from the previous output;
    the cross-file checks always run on every file's facts.
    """
    from edition import crossfile

    files = expand_paths(paths)
    if cache is None:
        results = _file_results(files, jobs, summarise)
    else:
        results = _cached_results(files, jobs, summarise, cache)
    problems = [p for r in results for p in r.problems]
    checked = [r.facts for r in results if r.facts is not None]
    # the registers not among the files checked are read for context: only the registers'
    # paths are compared (resolving every letter's path cost a corpus-sized pass)
    context = _register_facts({f.corpus for f in checked},
                              set(crossfile.real_paths(f.path for f in checked if f.is_register)))
    problems.extend(crossfile.check(checked, context))
    summarised = [r for r in results if r.letter is not None]
    letters = dict(zip(crossfile.real_paths(r.facts.path for r in summarised), (r.letter for r in summarised)))
    return sorted(set(problems)), letters


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check (default: the whole corpus, tei/)")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="text: path:line:col: error: message [rule]; github: workflow annotations")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: automatic; 1: no pool)")


def _usage_error(given: list[Path], jobs: int | None) -> str | None:
    """What is wrong with the command line (one line per missing path), or None."""
    missing = [p for p in given if not os.path.lexists(p)]
    if missing:
        return "\nedition validate: ".join(f"{printable(str(path))}: no such file or folder" for path in missing)
    if jobs is not None and jobs < 1:
        return "--jobs must be 1 or more"
    return None


def run(args: argparse.Namespace) -> int:
    """Print the problems (stdout) and a summary line (stderr); exit 1 on any error, 2 on usage errors."""
    given = args.paths or [project_paths.TEI]
    refused = _usage_error(given, args.jobs)
    if refused:
        print(f"edition validate: {refused}", file=sys.stderr)
        return 2
    for schema in missing_schemas():
        print(f"edition validate: note: {printable(str(schema))} not found, that layer is skipped", file=sys.stderr)
    files = expand_paths(given)
    count = len(files)
    if not files:
        shown = ", ".join(printable(str(p)) for p in given)
        print(f"edition validate: no TEI file (*.xml) found in {shown}: give the corpus folder (tei/) or TEI files", file=sys.stderr)
        return 2
    problems = validate(files, jobs=args.jobs)
    for problem in cap_per_file(problems):
        print(problem.format_github() if args.format == "github" else problem.format_text())
    errors = sum(1 for p in problems if p.severity == "error")
    print(f"edition validate: {count} file{'s' if count != 1 else ''} checked, {errors} error{'s' if errors != 1 else ''}", file=sys.stderr)
    return 1 if errors else 0
