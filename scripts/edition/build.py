"""`edition build`: validate the corpus, then write the reading editions.

Output (stable URLs, relative to the output directory):

    index.html                       introduction, editorial principles, table of letters
    letters/{id}.html|.xml|.txt      letter page, TEI copy, plain-text edition
    letters/{id}.bib|.ris|.csl.json  the letter's citation (BibTeX, RIS, CSL-JSON; edition.citation)
    registers/{kind}.html|.xml       persons, places, organisations, documents: the index of headwords (+ TEI)
    registers/{kind}/{entry}.html    one page per entry: in brief (#card, read by the entity cards), replies,
                                     its mentions in context ({entry}.page2.html …)
    index-{year}.html                the table of one year's letters, when the index is split (> 500 letters)
    guidelines.html                  encoding guidelines generated from the schema and Schematron
    sources.html                     the editorial sources (+ registers/sources.xml)
    search.html                      full-text search of the letters with facets (needs JavaScript)
    pagefind/                        the search index (Pagefind, in shards over the letter pages: edition.search)
    about.html                       the edition's imprint: editors, version, licence, how to cite it
    downloads/tei-corpus.zip         the TEI corpus with its schema
    downloads/corpus.txt             plain-text edition of the whole corpus
    downloads/cmif.xml               CMIF v1.1 correspondence metadata
    assets/                          the stylesheet (CSS), the site icon, cards.js (entity cards, highlighting toggle)
    views/claims.html|.csv|.json     the quantitative claims of the letters compared, by category and date
    views.html                       the index of the views of the corpus
    views/contested-names.html|.csv|.json   contested place names: each party's forms, letters, counts
    views/correspondence.html|.json  letters, replies and cited documents as a graph (inline SVG),
                                     with views/correspondence-nodes.csv and -edges.csv
    views/timeline.html|.csv|.json   the letters and the dates their texts name, in date order

The build refuses an invalid corpus, writes into a staging directory that replaces the previous
output only when everything succeeded, and is deterministic (same input, same bytes). It
rebuilds only what changed: each output is keyed on what it is made from and reused from the
previous output when its key is unchanged (edition.incremental), and so is each file's
validation result (edition.validation_cache). When no input changed and the output is as it
was built, the build does nothing and says so (edition.fingerprint). Letters are rendered in a
small process pool when enough of them changed (see edition.render); their mentions become the
corpus facts (edition.enrich), from which the corpus-level pages (edition.pages) are rendered
whole, spread over the same workers while this process zips the corpus.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import sys
import time
from multiprocessing import get_context
from pathlib import Path

from edition import citation, fingerprint, pages, paths, search, views
from edition import facts_cache
from edition.enrich import (FACTS_DIR, Mentions, entry_page_name, entry_pages, facts_file, letter_record,
                            wanted_file, write_letters, year_of)
from edition.incremental import Reuse, digest, global_key, mentions_cache
from edition.claims import WORK_FILE as CLAIMS_WORK_FILE, prepare as prepare_claims
from edition.corpus import LetterSummary, context_xml, document_symbols, relate, selection_xml, summarise
from edition.load import LoadError, check_file
from edition.render import (REGISTER_KINDS, LetterRenderer, Setup, init_worker, new_saxon, page_in_worker,
                            render_in_worker, summarise_in_worker)
from edition.report import one_line, printable
from edition.transform import TransformError
from edition.validation_cache import recorded_digest
from edition.write import (copy_tei, deterministic_zip, discard, locked, recover, refusal,
                           staging_dir, swap_in, zip_settings)

CONFIG = paths.XSLT / "config.xml"
ASSETS = paths.XSLT / "assets"
# Below this many letters a process pool costs more than it saves: render in this process.
POOL_THRESHOLD = 64
# Report progress every this many letters (when not --quiet).
PROGRESS_EVERY = 500


class BuildError(Exception):
    """The build cannot go on; the message says what is wrong and what to do."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=paths.OUTPUT, help="output directory (default: output/)")
    parser.add_argument("--tei", type=Path, default=paths.TEI, help="the corpus folder (default: tei/)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes for the letters (default: one per core)")


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        print("edition build: --jobs must be 1 or more", file=sys.stderr)
        return 2
    return build(args.tei, args.out, jobs=args.jobs, quiet=args.quiet)


def build(tei_dir: Path, out_dir: Path, *, jobs: int | None = None, quiet: bool = True,
          validate_first: bool = True) -> int:
    """Validate `tei_dir` and build the editions into `out_dir`. Returns the exit status.

    `validate_first=False` skips validation (the benchmark times the two phases separately);
    the build itself still refuses DOCTYPEs and malformed XML.
    """
    tei_dir, out_dir = Path(tei_dir), Path(out_dir)
    started = time.perf_counter()
    refused = refusal(out_dir, tei_dir=tei_dir, root=paths.ROOT)
    if refused:
        print(f"edition build: {printable(refused)}", file=sys.stderr)
        return 2
    current, inputs, changed = _up_to_date(tei_dir, out_dir, validate_first, quiet)
    if current:
        if not quiet:
            print(f"edition build: {printable(str(out_dir))}/ is up to date "
                  f"({fingerprint.letter_count(inputs[0])} letters)", file=sys.stderr)
        return 0
    summaries = validation = None
    if validate_first:
        valid, summaries, validation = _validate(tei_dir, jobs, out_dir, changed, inputs)
        if not valid:
            return 1
    staged: list[Path] = []  # the staging folder, once made: removed if anything fails
    try:
        count = _build_locked(tei_dir, out_dir, jobs=jobs, quiet=quiet, known=summaries,
                              check_files=not validate_first, staged=staged, validation=validation,
                              inputs=inputs, changed=changed)
    except BaseException as exc:
        if staged:
            discard(staged[0])
        if not isinstance(exc, Exception):  # interrupted: cleaned up; let the interruption through
            raise
        print(f"edition build: {_failure(exc)}", file=sys.stderr)
        return 1
    if count is None:
        return 2
    if not quiet:
        print(f"edition build: {count} letters built into {printable(str(out_dir))} in {time.perf_counter() - started:.2f} s",
              file=sys.stderr)
    return 0


def _waiting(out_dir: Path, quiet: bool):
    """What to say while another build holds the lock on the output's folder."""
    return None if quiet else lambda: print(
        f"edition build: another build is writing beside {out_dir}; waiting for it to finish",
        file=sys.stderr, flush=True)


def _up_to_date(tei_dir: Path, out_dir: Path, validated: bool, quiet: bool):
    """Whether the output is already what this build would make, decided before any work from
    the inputs' and the output's states (edition.fingerprint), under the lock on the output's
    folder; and the record of the inputs as they are now (their digests, for the new output)."""
    with locked(out_dir, waiting=_waiting(out_dir, quiet)):
        recover(out_dir)
        return fingerprint.up_to_date(tei_dir, out_dir, validated)


def _build_locked(tei_dir: Path, out_dir: Path, *, jobs: int | None, quiet: bool, known, check_files: bool,
                  staged: list[Path], validation=None, inputs=None, changed=frozenset()) -> int | None:
    """Under the lock on the output's folder: build into a staging folder (appended to
    `staged`) and swap it in. Returns the number of letters, or None if the output is refused.
    `validation`: the validation results to keep for the next build (edition.validation_cache);
    `inputs`: the record of the inputs taken before they were read, `changed`: the previous
    output's files changed by hand (edition.fingerprint)."""
    with locked(out_dir, waiting=_waiting(out_dir, quiet)):
        # Under the lock: a build killed earlier may have left staging folders (or, between
        # two renames, the previous output set aside); no other build is running now.
        recover(out_dir)
        refused = refusal(out_dir, tei_dir=tei_dir, root=paths.ROOT)  # checked again under the lock
        if refused:
            print(f"edition build: {printable(refused)}", file=sys.stderr)
            return None
        if check_files:  # not validated: Saxon opens the files itself: none may be a pipe, a link out, …
            for file in paths.corpus_files(tei_dir):
                check_file(file)
        staged.append(staging_dir(out_dir))
        count = _build_into(tei_dir, staged[0], jobs=jobs or os.cpu_count() or 1, quiet=quiet, known=known,
                            previous=_previous(out_dir), validation=validation, changed=changed,
                            digests=inputs[0]["files"] if inputs is not None else None)
        if inputs is not None:  # the records that let the next build see that nothing changed
            fingerprint.write_inputs(staged[0], inputs)
            fingerprint.write_outputs(staged[0])
        swap_in(staged[0], out_dir)
        fingerprint.seal(out_dir)
        return count


def _failure(exc: Exception) -> str:
    """The one line that says why a build failed (nothing was written in any case)."""
    if isinstance(exc, (BuildError, TransformError, LoadError, search.SearchIndexError)):
        return f"{one_line(str(exc))}\nedition build: nothing was written; the previous output is unchanged"
    if isinstance(exc, OSError):
        return f"cannot write the output: {one_line(str(exc))}"
    # a bug, not bad input: still no half-written output, no traceback
    return (f"internal error ({type(exc).__name__}: {one_line(str(exc))}); nothing was written, "
            "the previous output is unchanged; please report this")


def _previous(out_dir: Path) -> Path | None:
    """The output a build replaces, if there is one to reuse from."""
    return out_dir if out_dir.is_dir() and not out_dir.is_symlink() else None


def _validate(tei_dir: Path, jobs: int | None, out_dir: Path, changed: set[str] | None = frozenset(),
              inputs: tuple[dict, int] | None = None) -> tuple[bool, dict[Path, LetterSummary], object]:
    """Run the validator over the corpus; print its messages; False if any is an error.

    Also returns the letters' summaries, made by the validator from the trees it parsed, and the
    results to keep in the output: the files whose key is unchanged since the output `out_dir`
    was built are not validated again (edition.validation_cache), unless their result was changed
    by hand (`changed`, edition.fingerprint). `inputs`: the record of the inputs (edition.fingerprint),
    whose digests spare reading and hashing the files whose results are reused.
    """
    from edition.validate import validate_and_summarise
    from edition.validation_cache import ValidationCache

    from edition.report import cap_per_file

    files = paths.corpus_files(tei_dir)
    if not files:
        print(f"edition build: no TEI file (*.xml) found in {printable(str(tei_dir))}/letters or registers: "
              "give the corpus folder with --tei", file=sys.stderr)
        return False, {}, None
    cache = ValidationCache(tei_dir, _previous(out_dir), changed, inputs[0]["files"] if inputs is not None else None)
    problems, summaries = validate_and_summarise(files, jobs=jobs, cache=cache)
    for problem in cap_per_file(problems):
        print(problem.format_text() if hasattr(problem, "format_text") else problem, file=sys.stderr)
    errors = [p for p in problems if getattr(p, "severity", "error") == "error"]
    if errors:
        print(f"edition build: {len(errors)} error(s) found; the corpus was not built "
              "(fix them, check with `edition validate`, and build again)", file=sys.stderr)
        return False, {}, None
    return True, summaries, cache


def _build_into(tei_dir: Path, stage: Path, *, jobs: int, quiet: bool,
                known: dict[Path, LetterSummary] | None = None, previous: Path | None = None,
                validation=None, changed: set[str] | None = frozenset(), digests: dict | None = None) -> int:
    """Build into `stage`; `known`: letter summaries already made by the validation, by path;
    `previous`: the output this build replaces, whose unchanged files are reused (see
    edition.incremental) but for those changed by hand (`changed`, edition.fingerprint);
    `validation`: the validation results kept for the next build; `digests`: the files of the
    record of the inputs (edition.fingerprint), whose digests key the letters unread.
    The steps: summaries, letters, corpus pages, downloads."""
    letters = _letters(tei_dir)
    setup = Setup(tei_dir=tei_dir.resolve(), stage_dir=stage, xslt_dir=paths.XSLT, config=CONFIG)
    reuse = Reuse(previous, stage, changed)
    key = global_key(tei_dir, paths.XSLT, paths.SCHEMA)
    with _Workers(setup, jobs) as workers:
        summaries = _summaries(letters, known or {}, workers)
        relations = relate(summaries, document_symbols(tei_dir / "registers" / "documents.xml"))
        letter_keys, mentions = _render_letters(tei_dir, summaries, relations, key, reuse, workers,
                                                       _Progress(len(summaries), quiet), digests)
        facts = _CorpusFacts(key, summaries, relations, letter_keys, mentions, setup.stage_dir)
        page_jobs = _page_jobs(setup, facts, reuse)
        workers.run_pages(page_jobs, alongside=lambda: _write_downloads(setup, summaries, facts, reuse))
        if not facts.corpus_text_reused:
            _write_corpus_text(stage, summaries, reuse)
    # the search index, over the letter pages now in the stage (a Pagefind run for each shard
    # whose letters changed, up to `jobs` at once; the other shards reused)
    search.write_index(stage, key, {s.file: k for s, k in zip(summaries, facts.letter_keys)}, reuse, jobs)
    _remove_work_files(stage)
    reuse.validation = validation.write(stage) if validation is not None else {}
    reuse.write(key)
    return len(summaries)


def _letters(tei_dir: Path) -> list[Path]:
    """The letter files, once every register they need is known to be there."""
    for kind in REGISTER_KINDS + (pages.SOURCES,):
        if not (tei_dir / "registers" / f"{kind}.xml").is_file():
            raise BuildError(f"{tei_dir / 'registers' / (kind + '.xml')}: the register is missing")
    return sorted((tei_dir / "letters").glob("*.xml"))


def _summaries(letters: list[Path], known: dict[Path, LetterSummary], workers: "_Workers") -> list[LetterSummary]:
    """Every letter's summary in date order (those the validation made are not made again;
    `known` is keyed by real path, edition.crossfile.real_paths)."""
    from edition.crossfile import real_paths

    real = real_paths(letters)
    missing = [p for p, key in zip(letters, real) if key not in known]
    made = dict(zip([str(p) for p in missing], workers.map(summarise_in_worker, lambda p: _summarise(Path(p)),
                                         [str(p) for p in missing])))
    summaries = [known[key] if key in known else made[str(p)] for p, key in zip(letters, real)]
    summaries.sort(key=lambda s: s.sort_key)
    _check_unique(summaries)
    return summaries


def _render_letters(tei_dir: Path, summaries: list[LetterSummary], relations: dict, key: str, reuse: Reuse,
                    workers: "_Workers", progress: "_Progress", digests: dict | None = None,
                    ) -> tuple[list[str], Mentions]:
    """The letters' pages, texts and TEI copies, made again only when their key changed; their
    mentions gathered by register and entry (edition.enrich). Returns the letters' keys and the mentions.
    `digests`: the record of the inputs' files (edition.fingerprint), see `output_key`."""
    by_id = {s.id: s for s in summaries}
    tasks, keys = [], []
    for summary in summaries:
        path = tei_dir / "letters" / summary.file
        context = context_xml(summary.id, relations, by_id)
        keys.append(output_key(key, summary.file, path, context, digests))
        tasks.append((str(path), context))
    stems = [Path(s.file).stem for s in summaries]
    cached = [reuse.letter(s.file, k, [f"letters/{stem}{suffix}" for suffix in (".html", ".txt", ".xml") + citation.SUFFIXES])
              for s, k, stem in zip(summaries, keys, stems)]
    wanted = [task for task, reader in zip(tasks, cached) if reader is None]
    results = workers.map(render_in_worker, lambda task: workers.local().render(task), wanted)
    # what each letter mentions: kept from the previous build for a letter reused, else parsed
    # from its mentions (edition.facts_cache); the mentions themselves are read again from the
    # mentions cache only for the entries whose pages are made (Mentions.gather)
    kept = facts_cache.read(reuse.previous_dir, reuse.distrusted, key)
    mentions = Mentions(REGISTER_KINDS, reuse.stage / FACTS_DIR / "spill",
                        lambda name: (reuse.stage / mentions_cache(name)).read_text(encoding="utf-8"))
    for summary, letter_key, reader in zip(summaries, keys, cached):
        made = reader is None
        fragment = next(results) if made else None  # a reused letter's mentions: read if needed
        reuse.record_letter(summary.file, letter_key, fragment, made)
        record = None if made else facts_cache.record_for(kept, summary.file, letter_key)
        if record is None:
            fragment = reader() if fragment is None else fragment
            record = {"key": letter_key, **letter_record(summary.file, fragment), "s": summary_digest(summary)}
        mentions.add(summary.file, None, record)
        progress.step()
    facts_cache.write(reuse.stage, key, mentions.records)
    return keys, mentions


def output_key(key: str, name: str, path: Path, context: str, digests: dict | None) -> str:
    """The key of a letter's outputs: the global key, its name, the SHA-256 of its bytes and its
    corpus context. The SHA-256 is the one the record of the inputs gives (`digests`, taken before
    the build read anything; edition.fingerprint hashes only the files whose state changed), so an
    unchanged letter is not read at all; without a record, the file is read and hashed. A file
    that changes after the record was taken is newer than the record's stamp, so the next build
    hashes it again and makes it again."""
    sha256 = recorded_digest(digests, f"letters/{name}")
    if sha256 is None:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest(key, name, sha256, context)


def summary_digest(summary: LetterSummary) -> str:
    """A digest of every field of a letter's summary, as JSON: a summary read from the
    validation cache has lists for tuples, one made here tuples; JSON writes both alike. The
    fields are listed, not copied by dataclasses.asdict (its deep copies were most of the 12 %
    of a one-word rebuild's main-process time that views_inputs took at 2,000 letters)."""
    fields = [getattr(summary, field.name) for field in dataclasses.fields(summary)]
    return digest(json.dumps(fields, sort_keys=True, ensure_ascii=True))


class _CorpusFacts:
    """The keys of the corpus-level outputs, from the facts each is made of."""

    def __init__(self, key: str, summaries: list[LetterSummary], relations: dict, letter_keys: list[str],
                 mentions: Mentions, stage: Path):
        self.key, self.summaries, self.letter_keys = key, summaries, letter_keys
        self.relations = relations
        self.mentions = mentions
        # the facts of each register, written for the register pages, and their digests
        self.mention_digests = {kind: mentions.write(stage, kind) for kind in REGISTER_KINDS}
        self.selection = selection_xml(summaries, relations)
        self.summaries_key = digest(*(s.xml for s in summaries))
        self.corpus_text_reused = False

    def page_key(self, name: str, argument: str) -> str:
        if name == "register":
            return digest(self.key, name, argument, self.mention_digests.get(argument, ""))
        if name == "index":
            return digest(self.key, name, self.summaries_key, self.selection, self.letter_keys[0] if self.letter_keys else "")
        if name == "about":  # the first letter's project description, the summaries' editors and changes
            return digest(self.key, name, self.summaries_key, self.letter_keys[0] if self.letter_keys else "")
        if name in ("cmif", "corpus-header", "index-year"):
            return digest(self.key, name, argument, self.summaries_key)
        return digest(self.key, name)

    def entry_page_key(self, kind: str, entry_id: str, page: int) -> str:
        return digest(self.key, "entry", kind, entry_id, str(page), self.mentions.page_digest(kind, entry_id, page))

    def views_inputs(self) -> str:
        """The key of what the views (edition.views.Corpus) are computed from besides the
        global key (registers, code): every field of the summaries (the relations are made from
        them; the text facts of each letter are in its summary) and the forms each letter uses
        of every entry (all the views read of the mentions: a change of a mention's context
        alone leaves them as they are)."""
        hasher = hashlib.sha256(self.key.encode("utf-8"))
        for summary in self.summaries:  # each summary's digest, kept with the letter's record
            hasher.update(self.mentions.records[summary.file]["s"].encode("ascii"))
        hasher.update(self.mentions.forms_digest().encode("ascii"))
        return hasher.hexdigest()

    def corpus_text_key(self) -> str:
        return digest(self.key, "corpus-text", self.summaries_key, *self.letter_keys)

    def zip_key(self) -> str:
        return digest(self.key, "zip", *self.letter_keys)


# What each page job writes (the corpus-text header is a work file: it is keyed with corpus.txt).
_PAGE_FILES = {"register": "registers/{}.html", "index": "index.html", "index-year": "index-{}.html", "guidelines": "guidelines.html",
               pages.SOURCES: "sources.html", "cmif": "downloads/cmif.xml", "about": "about.html",
               pages.SEARCH: "search.html"}


def _changed_entries(setup: Setup, facts: _CorpusFacts, reuse: Reuse, kinds: list[str]) -> dict[str, list[tuple[str, int]]]:
    """The entry pages of each register of `kinds` that must be made again (the others are
    reused): (entry id, page) pairs, with their facts (read in one pass over the letters listed
    on them) and the work file each register's entries job reads (edition.enrich.wanted_file)."""
    stage = setup.stage_dir
    changed: dict[str, list[tuple[str, int]]] = {}
    for kind in kinds:
        changed[kind] = []
        for entry_id, page in entry_pages(setup.tei_dir / "registers" / f"{kind}.xml", facts_file(stage, kind), kind):
            name = f"{kind}/{entry_page_name(entry_id, page)}"
            if not reuse.output(f"entry:{name}", facts.entry_page_key(kind, entry_id, page), [f"registers/{name}"]):
                changed[kind].append((entry_id, page))
    facts.mentions.gather({(kind, entry_id, page) for kind, pairs in changed.items() for entry_id, page in pairs})
    for kind, pairs in changed.items():
        for entry_id, page in pairs:
            facts.mentions.write_page(stage, kind, entry_id, page)
        wanted_file(stage, kind).write_text("".join(f"{entry_id} {page}\n" for entry_id, page in pairs), encoding="utf-8")
    return changed


def _page_jobs(setup: Setup, facts: _CorpusFacts, reuse: Reuse) -> list[tuple[str, str]]:
    """The page jobs whose output changed (the others are reused), with the work files they read."""
    summaries, stage = facts.summaries, setup.stage_dir
    wanted = []
    years = sorted({year_of(s.sort_key[0]) for s in summaries}) if len(summaries) > pages.INDEX_SPLIT else []
    jobs = pages.jobs(REGISTER_KINDS, summaries[0].file if summaries else None, years)
    entries = _changed_entries(setup, facts, reuse, [argument for name, argument in jobs if name == "entries"])
    for name, argument in jobs:
        if name == "corpus-header":  # kept in the output, read to write corpus.txt again
            facts.corpus_text_reused = reuse.output("corpus-text", facts.corpus_text_key(), [CORPUS_TEXT, CORPUS_TEXT_PARTS])
            if not reuse.output(name, facts.page_key(name, argument), [pages.CORPUS_HEADER_FILE]):
                wanted.append((name, argument))
            continue
        if name == pages.CLAIMS:  # the view and its data, made from the letters' claims
            if prepare_claims(setup.tei_dir, summaries, stage, reuse, facts.key):
                wanted.append((name, argument))
            continue
        if name == "entries":  # one job per register, for the entries whose page changed
            if entries[argument]:
                wanted.append((name, argument))
            continue
        files = [_PAGE_FILES[name].format(argument)]
        if not reuse.output(f"{name}:{argument}" if name in ("register", "index-year") else name,
                            facts.page_key(name, argument), files):
            wanted.append((name, argument))
    wanted += _view_jobs(setup, facts, reuse)
    names = {name for name, _argument in wanted}
    if names & {"index", "index-year", "cmif", "corpus-header", "about"}:
        write_letters(stage / pages.LETTERS_FILE, ((s.xml, year_of(s.sort_key[0])) for s in summaries))
    if "index" in names:
        (stage / pages.SELECTION_FILE).write_text(facts.selection, encoding="utf-8")
    return wanted


def _view_jobs(setup: Setup, facts: _CorpusFacts, reuse: Reuse) -> list[tuple[str, str]]:
    """The views index and the views (edition.views) whose data changed. When none of what the
    views are computed from changed (the summaries, with each letter's text facts, and the
    mentions: `views_inputs`), their outputs are reused without computing their data; else each
    view's data is computed and the view is made again only if its data changed."""
    stage = setup.stage_dir
    wanted = [] if reuse.output("views", digest(facts.key, "views"), ["views.html"]) else [("views", "")]
    if reuse.group("views-data", facts.views_inputs(), {f"view:{name}": views.outputs(name) for name in views.VIEWS}):
        return wanted
    corpus = views.Corpus(setup.tei_dir, facts.summaries, facts.relations, facts.mentions,
                          {summary.id: summary.views for summary in facts.summaries})
    for name in views.VIEWS:
        data = corpus.data(name)
        if not reuse.output(f"view:{name}", digest(facts.key, "view", name, *(data[part] for part in sorted(data))),
                            views.outputs(name)):
            views.write(stage, name, data)
            wanted.append(("view", name))
    return wanted


def _remove_work_files(stage: Path) -> None:
    for work_file in (stage / pages.SELECTION_FILE, stage / pages.LETTERS_FILE,
                      stage / CLAIMS_WORK_FILE):
        work_file.unlink(missing_ok=True)
    shutil.rmtree(stage / FACTS_DIR, ignore_errors=True)


class _Workers:
    """The process pool (started only when there are enough letters to make again) or, for a
    small piece of work, one renderer in this process; both made when first needed."""

    def __init__(self, setup: Setup, jobs: int):
        self.setup, self.jobs = setup, jobs
        self.pool = None
        self.renderer = None

    def __enter__(self) -> "_Workers":
        return self

    def __exit__(self, exc_type, *_rest) -> bool:
        if self.pool is not None:
            if exc_type is not None:  # a failed letter or page: stop the other workers now
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
        return False

    def local(self) -> LetterRenderer:
        if self.renderer is None:
            self.renderer = LetterRenderer(self.setup, new_saxon(self.setup))
        return self.renderer

    def map(self, in_pool, here, items: list):
        """`in_pool` over `items` in the pool when there are enough of them, else `here` in this
        process; results lazily, in order."""
        if self.pool is None and self.jobs > 1 and len(items) >= POOL_THRESHOLD:
            self.pool = _start_pool(self.jobs, self.setup)
        if self.pool is not None and len(items) >= POOL_THRESHOLD:
            chunk = max(1, min(64, len(items) // (self.jobs * 8) or 1))
            return self.pool.imap(in_pool, items, chunksize=chunk)
        return (here(item) for item in items)

    def run_pages(self, page_jobs: list[tuple[str, str]], alongside) -> None:
        """The page jobs, in the pool if there is one, while this process runs `alongside()`."""
        if self.pool is not None and page_jobs:
            pending = self.pool.map_async(page_in_worker, page_jobs, chunksize=1)
            alongside()
            pending.get()
            return
        if page_jobs:
            writer = pages.PageWriter(self.local().saxon, self.setup.tei_dir, self.setup.stage_dir)
            for job in page_jobs:
                writer.run(job)
        alongside()


def _start_pool(jobs: int, setup: Setup):
    """The worker processes, started with Ctrl-C ignored (inherited across exec, kept by Python
    and by edition/__init__): on Ctrl-C in a terminal, which reaches every process of the group,
    only this process reports it, once, and stops the workers (no traceback from each worker).

    SIGINT is also blocked while the workers start: an ignored signal is discarded, so a Ctrl-C
    in that window (long on a busy machine) was lost and the build ran to its end. A blocked
    one stays pending (on Linux, even while ignored) and reaches this process's own handler
    once it is back, when the signal is unblocked. (The mask is this thread's: the build has no
    other thread at that moment, which could take the signal while it is ignored.)"""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    pool = None
    try:
        pool = get_context("spawn").Pool(jobs, initializer=init_worker, initargs=(setup,))
    finally:
        signal.signal(signal.SIGINT, previous)
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is raised here
        except BaseException:
            if pool is not None:
                pool.terminate()
            raise
    return pool


def _summarise(path: Path) -> LetterSummary:
    from edition.load import LoadError

    try:
        return summarise(path)
    except LoadError as exc:
        raise BuildError(str(exc)) from None


def _check_unique(summaries: list[LetterSummary]) -> None:
    seen = {}
    for summary in summaries:
        if summary.id in seen:
            raise BuildError(f"{summary.file}: the letter id {summary.id} is also used by {seen[summary.id]}")
        seen[summary.id] = summary.file


ZIP_FILE = "downloads/tei-corpus.zip"


def _write_downloads(setup: Setup, summaries: list[LetterSummary], facts: "_CorpusFacts", reuse: Reuse) -> None:
    """The corpus zip (letters, registers, schema), unless unchanged; the registers' TEI, the assets."""
    stage, tei_dir = setup.stage_dir, setup.tei_dir
    (stage / "registers").mkdir(exist_ok=True)
    for kind in REGISTER_KINDS + (pages.SOURCES,):
        copy_tei(tei_dir / "registers" / f"{kind}.xml", stage / "registers" / f"{kind}.xml")
    _write_zip(stage, summaries, facts, reuse)
    (stage / "assets").mkdir(exist_ok=True)
    for asset in sorted(ASSETS.glob("*")):
        if asset.is_file():
            shutil.copyfile(asset, stage / "assets" / asset.name)


def _write_zip(stage: Path, summaries: list[LetterSummary], facts: "_CorpusFacts", reuse: Reuse) -> None:
    """The corpus zip, unless unchanged, from the TEI as published in the stage
    (edition.write.publishable_tei: the letters' copies were written with their pages, the
    registers' by _write_downloads), not made again. A letter whose copy was linked from the
    previous output is the member the previous zip holds: copied from it, not deflated again,
    when that zip was deflated as this build deflates (a record of the manifest)."""
    same_deflate = reuse.output("tei-corpus.zip:deflate", digest(zip_settings()), [])
    if reuse.output("tei-corpus.zip", digest(facts.zip_key(), zip_settings()), [ZIP_FILE]):
        return
    copies = {f"tei/letters/{s.file}": f"letters/{Path(s.file).stem}.xml" for s in summaries}
    files = {name: stage / copy for name, copy in copies.items()}
    files.update({f"tei/registers/{k}.xml": stage / "registers" / f"{k}.xml" for k in REGISTER_KINDS + (pages.SOURCES,)})
    files.update({f"schema/{p.name}": p for p in (paths.XSD, paths.SCHEMATRON) if p.is_file()})
    earlier = reuse.earlier(ZIP_FILE) if same_deflate else None
    unchanged = {name for name, copy in copies.items() if copy in reuse.linked}
    deterministic_zip(stage / ZIP_FILE, files, earlier=(earlier, unchanged) if earlier is not None else None)


CORPUS_TEXT = "downloads/corpus.txt"
# The record of corpus.txt's parts (each letter's file stem and the size of its text, in order),
# kept with it: the next build copies the unchanged letters' parts from it instead of reading
# each letter's text again.
CORPUS_TEXT_PARTS = ".edition-cache/corpus-text.json"


def _write_corpus_text(stage: Path, summaries: list[LetterSummary], reuse: Reuse) -> None:
    """The corpus text: its header (corpus-text.xsl), then each letter's plain text in date
    order, each after a line end; and the record of its parts. A letter whose text was linked
    from the previous output (its key unchanged) has the bytes the previous corpus.txt holds for
    it: these are copied from there in runs (`_earlier_parts`), the other letters' texts read."""
    earlier, previous = _earlier_parts(reuse)
    parts = []
    with open(stage / CORPUS_TEXT, "wb", buffering=0) as corpus, \
            (open(previous, "rb", buffering=0) if previous is not None else contextlib.nullcontext()) as source:
        _write_all(corpus.fileno(), (stage / pages.CORPUS_HEADER_FILE).read_bytes())
        run = None  # (offset, length): the parts to copy next from the previous corpus text
        for summary in summaries:
            stem = Path(summary.file).stem
            found = earlier.get(stem) if f"letters/{stem}.txt" in reuse.linked else None
            if found is not None and run is not None and run[0] + run[1] == found[0]:
                run = (run[0], run[1] + 1 + found[1])
                parts.append([stem, found[1]])
                continue
            if run is not None:
                _copy_range(source.fileno(), corpus.fileno(), *run)
                run = None
            if found is not None:
                run = (found[0], 1 + found[1])
                parts.append([stem, found[1]])
                continue
            text = (stage / "letters" / f"{stem}.txt").read_bytes()
            _write_all(corpus.fileno(), b"\n" + text)
            parts.append([stem, len(text)])
        if run is not None:
            _copy_range(source.fileno(), corpus.fileno(), *run)
    header = (stage / pages.CORPUS_HEADER_FILE).stat().st_size
    with open(stage / CORPUS_TEXT_PARTS, "w", encoding="utf-8", newline="\n") as record:
        json.dump({"format": 1, "header": header, "parts": parts}, record, ensure_ascii=True, separators=(",", ":"))
        record.write("\n")


def _earlier_parts(reuse: Reuse) -> tuple[dict[str, tuple[int, int]], Path | None]:
    """Where each letter's part lies in the previous corpus.txt (stem -> offset of the line end
    before its text, size of its text) and that file; ({}, None) when the previous output has
    no record to trust: either file changed by hand (Reuse.earlier), a record that does not
    parse or does not add up to the file's size."""
    record_file, previous = reuse.earlier(CORPUS_TEXT_PARTS), reuse.earlier(CORPUS_TEXT)
    if record_file is None or previous is None:
        return {}, None
    try:
        record = json.loads(record_file.read_bytes())
        offset = record["header"]
        found = {}
        for stem, size in record["parts"]:
            if not isinstance(stem, str) or not isinstance(size, int) or not isinstance(offset, int) or size < 0:
                return {}, None
            found[stem] = (offset, size)
            offset += 1 + size
        if record["format"] != 1 or offset != previous.stat().st_size:
            return {}, None
    except (OSError, ValueError, TypeError, KeyError):
        return {}, None
    return found, previous


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _copy_range(source: int, target: int, offset: int, length: int) -> None:
    """`length` bytes of `source` from `offset` appended to `target` (in the kernel where it can:
    copy_file_range; else read and written)."""
    end = offset + length
    while offset < end:
        try:
            copied = os.copy_file_range(source, target, end - offset, offset)
        except (AttributeError, OSError):
            copied = 0
        if copied == 0:  # not supported here (or another file system): read and write
            data = os.pread(source, min(end - offset, 1 << 20), offset)
            if not data:
                raise OSError(f"{CORPUS_TEXT}: the previous corpus text is shorter than its record says")
            _write_all(target, data)
            copied = len(data)
        offset += copied


class _Progress:
    """Progress on stderr for long builds: every PROGRESS_EVERY letters, unless quiet."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done = total, 0
        self.enabled = not quiet and total >= PROGRESS_EVERY

    def step(self) -> None:
        self.done += 1
        if self.enabled and (self.done % PROGRESS_EVERY == 0 or self.done == self.total):
            print(f"edition build: {self.done}/{self.total} letters", file=sys.stderr, flush=True)
