"""The preview of `edition serve`: a saved letter's page in the served site within a second.

A full build after a one-word save makes the indexes, views, downloads and the search index
again, which takes seconds to minutes on a large corpus. The editor wants to see the letter
first. So `edition serve` keeps one warm `Preview` (one LetterRenderer: stylesheets compiled
once, registers parsed once; the validator's schemas compiled once) and, when only letters
changed, it

1. validates each saved letter in this process (what `edition validate FILE` runs);
2. renders the valid ones into a private folder and swaps each of their files into the served
   output atomically (a temporary file beside the target, then os.replace), the page last;

then `edition serve` runs the usual incremental build, which brings everything else up to date.

The page's context (its neighbours by date, the letters that answer it) comes from a summary of
every letter kept here and made again only for the files whose (modification time, size)
changed, so the previewed page is the one the build makes. Its key is taken out of the
output's manifest before the swap: the next build then makes the letter again instead of
reusing the previewed files (they would be stale if the letter were saved back unchanged
before that build), so after the build the output equals a clean build's.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from edition import citation, paths
from edition.incremental import MANIFEST, read_manifest
from edition.report import cap_per_file, printable

# What a letter's render writes beside its page (as edition.build's _render_letters lists them);
# the page is swapped in last, so that when it shows, the rest is there.
SUFFIXES = (".txt", ".xml") + citation.SUFFIXES + (".html",)
# More letters saved at once than this (a branch checked out): the build renders them in its
# pool faster than the preview would one by one.
MAX_LETTERS = 8


class Summaries:
    """Every letter's summary (edition.corpus), without its header copy and claims (only the
    letters related to a previewed one need those, and they are read again then), kept current
    by each file's (modification time, size) as `edition serve` sees them."""

    def __init__(self, letters_dir: Path):
        self.letters_dir = letters_dir
        self.known: dict[str, tuple[tuple[int, int], object]] = {}  # path -> (signature, summary)

    def refresh(self, seen: dict[str, tuple[int, int]]) -> None:
        """Summarise again the letters whose signature in `seen` (edition.serve.snapshot) changed."""
        from edition.corpus import summarise
        from edition.load import LoadError

        folder = str(self.letters_dir)  # strings, not Paths: this runs over every file of the corpus
        letters = {path: signature for path, signature in seen.items()
                   if path.endswith(".xml") and os.path.dirname(path) == folder}
        for path in [p for p in self.known if p not in letters]:
            del self.known[path]
        for path, signature in letters.items():
            if path in self.known and self.known[path][0] == signature:
                continue
            try:
                summary = summarise(Path(path))
            except (LoadError, OSError):  # invalid: the build reports it; it relates to nothing
                self.known.pop(path, None)
                continue
            self.known[path] = (signature, dataclasses.replace(summary, xml="", claims=[]))

    def context(self, path: Path, documents: dict) -> str | None:
        """The corpus context of the letter at `path` as the build computes it
        (edition.corpus.context_xml), or None if its id is not that of one letter only."""
        from edition.corpus import context_xml, relate, summarise

        ordered = sorted((summary for _signature, summary in self.known.values()), key=lambda s: s.sort_key)
        mine = self.known.get(str(path))
        if mine is None or sum(1 for s in ordered if s.id == mine[1].id) != 1:
            return None
        relations = relate(ordered, documents)
        by_id = {s.id: s for s in ordered}
        related = {other: summarise(self.letters_dir / by_id[other].file)
                   for _role, _target, other in relations.get(mine[1].id, [])}
        return context_xml(mine[1].id, relations, related)


class Preview:
    """The warm renderer and validator of `edition serve`, and the summaries of the letters."""

    def __init__(self, tei_dir: Path, out_dir: Path, work_dir: Path):
        self.tei_dir, self.out_dir = Path(tei_dir), Path(out_dir)  # as given: the messages name it so
        self.work_dir = Path(work_dir)  # private: the renderer writes here, then files are swapped
        self.summaries = Summaries(self.tei_dir / "letters")
        self.renderer = None
        self.documents: dict | None = None

    def reset(self, schema_changed: bool) -> None:
        """Stylesheets, schema or registers changed: the next preview makes a new renderer (and,
        for the schema, compiles the validator's schemas again)."""
        self.renderer = self.documents = None
        if schema_changed:
            from edition import schematron, xsd

            xsd.compiled.cache_clear()
            schematron.compiled.cache_clear()

    def warm(self, seen: dict[str, tuple[int, int]]) -> None:
        """Read the letters' summaries (those that changed), and compile the stylesheets and the
        schemas now if they are not (by validating and rendering the first letter), so that the
        next save is previewed fast."""
        self.summaries.refresh(seen)
        first = sorted(self.summaries.known)[:1]
        if first and self.renderer is None:
            try:
                self._validate([Path(first[0])])
                self._render(Path(first[0]), self.summaries.context(Path(first[0]), self._documents()) or "<context/>")
            except Exception:  # noqa: BLE001 - a broken stylesheet is reported by the build
                self.renderer = None

    def letters(self, changed: list[Path], seen: dict[str, tuple[int, int]], started: float) -> bool:
        """Preview the saved letters `changed`; print what happened. False when the corpus
        cannot build (a saved letter has errors): nothing was swapped, the messages are printed."""
        if not (self.out_dir / MANIFEST).is_file():  # no build to update yet: the build does it all
            return True
        problems = self._validate(changed)
        errors = [p for p in problems if p.severity == "error"]
        for problem in cap_per_file(problems):
            print(problem.format_text(), file=sys.stderr)
        if errors:
            print(f"edition serve: {len(errors)} error(s) found; nothing was updated "
                  "(fix them and save again)", file=sys.stderr, flush=True)
            return False
        self.summaries.refresh(seen)
        updated = [f"letters/{path.stem}.html" for path in changed if self._update(path)]
        if updated:
            print(f"edition serve: {', '.join(printable(u) for u in updated)} updated in "
                  f"{time.perf_counter() - started:.2f} s; the rest of the site follows", file=sys.stderr, flush=True)
        return True

    def _update(self, path: Path) -> bool:
        """Render one valid letter and swap its files in; False (and why, in one line) if it
        could not be: the build that follows then reports it in full."""
        from edition.load import LoadError
        from edition.report import one_line
        from edition.transform import TransformError

        try:
            context = self.summaries.context(path, self._documents())
            if context is None:  # its id is another letter's too: the build says so
                return False
            self._render(path, context)
            self._swap(path.stem)
        except (TransformError, LoadError, OSError) as exc:
            print(f"edition serve: {printable(str(path))}: no preview ({one_line(str(exc))}); the build follows",
                  file=sys.stderr, flush=True)
            return False
        return True

    def _validate(self, files: list[Path]):
        """What `edition validate FILES` reports (edition.validate), in this process."""
        from edition.validate import validate

        return validate(files, jobs=1)

    def _documents(self) -> dict:
        if self.documents is None:
            from edition.corpus import document_symbols

            self.documents = document_symbols(self.tei_dir / "registers" / "documents.xml")
        return self.documents

    def _render(self, path: Path, context: str) -> None:
        if self.renderer is None:
            from edition.build import CONFIG
            from edition.render import LetterRenderer, Setup

            self.renderer = LetterRenderer(Setup(tei_dir=self.tei_dir.resolve(), stage_dir=self.work_dir,
                                                 xslt_dir=paths.XSLT, config=CONFIG))
        self.renderer.render((str(path), context))

    def _swap(self, stem: str) -> None:
        """The rendered files into the served output, one by one, each atomically, under the
        build's lock (so no `edition build` swaps the output meanwhile); the letter's key out of
        the manifest first."""
        from edition.write import locked

        with locked(self.out_dir):
            forget_letter(self.out_dir, f"{stem}.xml")
            target_dir = self.out_dir / "letters"
            target_dir.mkdir(exist_ok=True)
            for suffix in SUFFIXES:
                replace_file(self.work_dir / "letters" / f"{stem}{suffix}", target_dir / f"{stem}{suffix}")


def forget_letter(out_dir: Path, name: str) -> None:
    """Take the letter `name` out of the output's manifest (edition.incremental), so that the
    next build makes it again rather than reuse files it did not make."""
    manifest = read_manifest(out_dir)
    if name not in manifest.get("letters", {}):
        return
    del manifest["letters"][name]
    replace_bytes(Path(out_dir) / MANIFEST, json.dumps(manifest, sort_keys=True, ensure_ascii=True,
                                                        separators=(",", ":")).encode("ascii") + b"\n")


def replace_file(source: Path, target: Path) -> None:
    """Copy `source` over `target` atomically: readers see the old file or the new one."""
    replace_bytes(target, source.read_bytes())


def replace_bytes(target: Path, data: bytes) -> None:
    """Write `data` to a new file beside `target`, then rename it over `target` (a new file:
    an output file may be a hard link shared with an earlier output, never written through)."""
    temporary = target.with_name(f".{target.name}.preview-{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def work_folder() -> Path:
    """A private folder for the renderer's files (removed by `remove_work_folder`)."""
    return Path(tempfile.mkdtemp(prefix="edition-serve-"))


def remove_work_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
