"""Validation keyed on the file: the build reuses a file's validation result while nothing it
was judged on has changed.

`edition build` validates the corpus before it writes anything. Most of that work is the same
from one build to the next: a letter that did not change, judged by the same code against the
same schema and registers, gets the same result. So the build keeps each file's result (its
problems, its cross-file facts and, for a letter, its summary; see edition.validate.FileResult)
in the output it writes, one JSON file per TEI file under CACHE_DIR, and the next build reuses
it when the file's key is unchanged. The key is a digest of everything the single-file layers
read:

- the file's bytes (their SHA-256) and its name in the corpus;
- the context shared by every file (`context_key`): this module's FORMAT, the Python, lxml and
  xmlschema versions, the package's version and source (edition.incremental.package_parts),
  the project's schema/ folder (XSD, Schematron, model), the corpus's registers, the names of
  its letters (a `letter:` pointer is checked against the letter files that exist), and the
  corpus folder's name (messages name its witnesses/ folder so);
- for a letter, its witness (`witness_state`): the witness file's name, its bytes (their
  SHA-256), and the checksum witnesses/SHA256SUMS records for it.

The SHA-256 of a file and of its witness come, when the build has it, from the record of the
inputs it took before looking at them (edition.fingerprint.current_inputs, which hashes only
the files whose state changed since the previous build): then a file whose result is reused is
not read at all, and a rebuild after a small edit hashes what changed, not the whole corpus.
The record holds no link (it is not made when the corpus has one), so a file it lists is a
plain file inside the corpus, as the file policy (edition.load) wants. Without a record, each
file and its witness are read and hashed.

The corpus-level checks (edition.crossfile) then run on every file's facts, reused or not, so
a build reports exactly what a full validation reports. `edition validate` never reads this
cache: it always validates everything.

The output folder is not trusted code, so the cache is plain JSON, never pickle; a cache file
that does not parse, has another FORMAT, or whose key differs is ignored (the file is validated
again). The keys are also recorded in the output's manifest (edition.incremental), and a cache
file is reused only when the manifest, the cache file and the file's current key all agree.
The JSON holds no absolute path (paths are relative to the corpus), so a clean build and an
incremental one write the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import sys
import zlib
from pathlib import Path

from edition import load, paths
from edition.incremental import _folder_digest, digest, package_parts, read_manifest

# Where the results are kept in the output, one file per TEI file: {CACHE_DIR}/letters/{name}.json
CACHE_DIR = ".edition-cache/validation"
# Bump when the JSON layout or the key changes: a cache file of another format is ignored.
# (2: the key holds the SHA-256 of the file's bytes, not the bytes; a letter's uses grouped by file;
# 3: a summary's claims and views kept as JSON text, each on a line after the JSON, edition.corpus.DEFERRED)
FORMAT = 3
# A cache file larger than this is not read (it cannot be ours).
MAX_CACHE_BYTES = 8 * 1024 * 1024


def context_key(corpus: Path) -> str:
    """What every file's single-file validation reads besides the file and its witness."""
    import lxml.etree

    corpus = Path(corpus)
    letters = sorted(p.name for p in (corpus / "letters").glob("*.xml"))
    return digest(str(FORMAT), sys.version, repr(lxml.etree.LXML_VERSION), repr(lxml.etree.LIBXML_VERSION),
                  repr(lxml.etree.LIBXSLT_VERSION), _xmlschema_version(), *package_parts(),
                  *_folder_digest(paths.SCHEMA), *_folder_digest(corpus / "registers", "*.xml"),
                  "letters", *letters, "corpus folder", corpus.name)


def _xmlschema_version() -> str:
    """xmlschema's version, from its distribution's metadata: importing xmlschema only to read
    its __version__ cost a cold build ~0.4 s (nothing else in a build imports it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xmlschema")
    except PackageNotFoundError:
        return ""


def witness_state(corpus: Path, name: str | None, digests: dict | None = None,
                  checksums: dict[str, str] | None = None) -> str:
    """What the witness layer reads of a letter's witness `name` (edition.witness.problems).
    `digests`: the files of an inputs record (edition.fingerprint), whose SHA-256 of the witness
    is taken instead of reading it; `checksums`: edition.witness.recorded_checksums, if known."""
    from edition import witness

    if name is None:
        return ""
    recorded = (checksums if checksums is not None else witness.recorded_checksums(corpus)).get(name, "")
    if "/" in name or "\\" in name:
        return digest(name, recorded, "missing")
    known = recorded_digest(digests, f"{witness.WITNESSES}/{name}")
    if known is not None:
        return digest(name, recorded, known)
    try:
        return digest(name, recorded, hashlib.sha256((witness.witness_folder(corpus) / name).read_bytes()).hexdigest())
    except OSError:
        return digest(name, recorded, "missing")


def recorded_digest(digests: dict | None, relative: str) -> str | None:
    """The SHA-256 an inputs record (its "files", edition.fingerprint) gives the corpus file
    `relative`, or None when it has none (then the file is read)."""
    if digests is None:
        return None
    found = digests.get(f"tei/{relative}")
    return found[1] if isinstance(found, list) and len(found) == 2 and isinstance(found[1], str) \
        and len(found[1]) == 64 else None


def file_key(context: str, relative: str, sha256: str, witness: str) -> str:
    """The key of one file's result: `sha256`, the hex SHA-256 of its bytes."""
    return digest(context, relative, sha256, witness)


def relative_name(path: Path, corpus: Path) -> str | None:
    """`path` relative to the corpus folder (letters/x.xml), or None when it lies outside."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(corpus))
    if relative.startswith(".."):
        return None
    return Path(relative).as_posix()


def validate_keyed(path: Path, summarise: bool, corpus: str, context: str):
    """edition.validate.validate_file, and the key of the bytes it validated (None when the
    file could not be read or parsed: it is then never cached)."""
    from edition.validate import validate_file

    corpus_path = Path(corpus)
    try:
        data = load.read_bytes(path)
    except (OSError, load.LoadError):
        return validate_file(path, summarise)  # reports why the file cannot be read
    result = validate_file(path, summarise, data=data)
    relative = relative_name(path, corpus_path)
    if relative is not None and result.facts is not None:
        name = result.facts.witness[0] if result.facts.witness else None
        result.key = file_key(context, relative, hashlib.sha256(data).hexdigest(), witness_state(corpus_path, name))
    return result


# ---------------------------------------------------------------------------
# The JSON form of a FileResult
# ---------------------------------------------------------------------------

def dumps(result, relative: str, path: Path, corpus: Path) -> bytes:
    """The cache file of one result: sorted keys, no absolute path, so the bytes depend on the
    result only. One line of JSON, then, for a letter, its summary's DEFERRED fields
    (edition.corpus), each on a line of its own: read back as text, not parsed (JSON has no raw
    line end)."""
    from edition.corpus import DEFERRED, field_json

    facts, letter = result.facts, result.letter
    data = {
        "format": FORMAT,
        "file": relative,
        "key": result.key,
        "problems": [_problem_json(p, path, corpus) for p in result.problems],
        "facts": _facts_json(facts, corpus) if facts is not None else None,
        "letter": _letter_json(letter) if letter is not None else None,
    }
    lines = [json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))]
    if letter is not None:
        lines += [field_json(letter, name) for name in DEFERRED]
    return ("\n".join(lines) + "\n").encode("ascii")


def loads(data: bytes, relative: str, path: Path, corpus: Path, file_corpus: Path | None = None,
          known: dict[str, str] | None = None):
    """The FileResult a cache file holds for `path`, or None if it is not a cache file of this
    FORMAT for this file (whatever it holds, it raises nothing). `file_corpus`: the file's
    edition.crossfile.corpus_of, if the caller knows it; `known`: the paths of the register
    files named so far (see `_absolute_path`), kept from file to file by the caller."""
    from edition.corpus import DEFERRED
    from edition.validate import FileResult

    try:
        first, *rest = data.split(b"\n")
        value = json.loads(first)
        if not isinstance(value, dict) or value.get("format") != FORMAT or value.get("file") != relative:
            return None
        key = value["key"]
        if not isinstance(key, str):
            return None
        problems = [_problem_of(p, path, corpus) for p in value["problems"]]
        facts = _facts_of(value["facts"], path, corpus, file_corpus, known) if value["facts"] is not None else None
        letter = None
        if value["letter"] is not None:
            if len(rest) != len(DEFERRED) + 1 or rest[-1] or not all(line[:1] in (b"[", b"{") for line in rest[:-1]):
                return None
            letter = _letter_of(value["letter"], dict(zip(DEFERRED, (line.decode("ascii") for line in rest))))
        elif rest != [b""]:
            return None
        return FileResult(problems, facts, letter, key)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _relative_path(value: str | Path, corpus: Path) -> str:
    return os.path.relpath(os.path.normpath(value), corpus)


def _absolute_path(value: str, corpus: Path, known: dict[str, str] | None = None) -> str:
    """The path `value` (relative to the corpus) stands for; `known` remembers the few register
    files a letter's uses name (one string each, not one per use)."""
    if known is not None and value in known:
        return known[value]
    if not isinstance(value, str):
        raise TypeError("a path must be a string")
    found = os.path.normpath(os.path.join(corpus, value))
    if known is not None:
        known[value] = found
    return found


def _problem_json(problem, path: Path, corpus: Path) -> dict:
    where = None if Path(problem.path) == Path(path) else _relative_path(os.path.abspath(problem.path), corpus)
    return {"path": where, "line": problem.line, "col": problem.col, "message": problem.message,
            "rule": problem.rule, "severity": problem.severity}


def _problem_of(value: dict, path: Path, corpus: Path):
    from edition.report import Problem

    where = path if value["path"] is None else Path(_absolute_path(value["path"], corpus))
    return Problem(where, _int(value["line"]), _int(value["col"]), _str(value["message"]), _str(value["rule"]),
                   _str(value["severity"]))


def _facts_json(facts, corpus: Path) -> dict:
    uses = None
    if facts.uses is not None:
        uses = _uses_json(facts.uses, corpus)
    return {"root_id": facts.root_id, "is_register": facts.is_register, "ids": [list(i) for i in facts.ids],
            "agenda": [list(a) for a in facts.agenda], "witness": list(facts.witness) if facts.witness else None,
            "uses": uses, "cited_sources": [list(c) for c in facts.cited_sources],
            "listed_sources": list(facts.listed_sources)}


def _facts_of(value: dict, path: Path, corpus: Path, file_corpus: Path | None, known: dict[str, str] | None = None):
    from edition.crossfile import FileFacts, corpus_of

    uses = None if value["uses"] is None else _uses_of(value["uses"], corpus, known)
    witness = value["witness"]
    root_id = value["root_id"]
    return FileFacts(
        path=path, corpus=file_corpus if file_corpus is not None else corpus_of(path), root_id=None if root_id is None else _str(root_id),
        is_register=bool(value["is_register"]),
        ids=[(_str(v), _int(line)) for v, line in value["ids"]],
        agenda=[(_str(s), _str(i), _str(t), _int(line)) for s, i, t, line in value["agenda"]],
        witness=None if witness is None else (_str(witness[0]), _int(witness[1])),
        uses=uses,
        cited_sources=[(_str(url), _int(line)) for url, line in value["cited_sources"]],
        listed_sources=[_str(url) for url in value["listed_sources"]])


def _uses_json(uses, corpus: Path) -> dict:
    """A letter's uses (edition.coverage.Uses) grouped by register file: each file named once
    (the cache file is a third smaller than with a (file, entry) pair a use, and reads faster)."""
    entries: dict[str, list[str]] = {}
    forms: dict[str, dict[str, list[str]]] = {}
    for file, entry in sorted(uses.entries):
        entries.setdefault(_relative_path(file, corpus), []).append(entry)
    for file, entry, form in sorted(uses.forms):
        forms.setdefault(_relative_path(file, corpus), {}).setdefault(entry, []).append(form)
    return {"entries": entries, "forms": forms}


def _uses_of(value: dict, corpus: Path, known: dict[str, str] | None = None):
    """The Uses of `_uses_json`. The ids and forms recur from letter to letter: interned, one
    string each (memory); sys.intern also refuses anything but a string. `known`: the register
    files' paths worked out for earlier letters."""
    from edition.coverage import Uses

    intern = sys.intern
    known = {} if known is None else known
    files = {file: _absolute_path(file, corpus, known) for file in (*value["entries"], *value["forms"])}
    entries = {(files[file], intern(entry)) for file, ids in value["entries"].items() for entry in _list(ids)}
    forms = {(files[file], intern(entry), intern(form)) for file, by_entry in value["forms"].items()
             for entry, names in by_entry.items() for form in _list(names)}
    return Uses(entries, forms)


def _list(value) -> list:
    if not isinstance(value, list):
        raise TypeError("a list was expected")
    return value


def _letter_json(letter) -> dict:
    """Every field of the summary (a field added to edition.corpus.LetterSummary is kept too; its
    value must be JSON: strings, numbers, lists, dicts) but the DEFERRED ones, which `dumps`
    writes after it as JSON text (edition.corpus.field_json), decoded only when a build reads them."""
    from dataclasses import fields

    from edition.corpus import DEFERRED

    return {f.name: getattr(letter, f.name) for f in fields(letter) if f.name not in DEFERRED}


def _letter_of(value: dict, deferred: dict[str, str]):
    """The summary of `_letter_json` and its `deferred` fields' JSON text, its pairs as tuples
    again, its DEFERRED fields decoded when read (edition.corpus.DeferredSummary); None-like
    (TypeError) when the fields are not those of edition.corpus.LetterSummary."""
    from dataclasses import fields

    from edition.corpus import DEFERRED, DeferredSummary, LetterSummary

    if not isinstance(value, dict) or set(value) | set(DEFERRED) != {f.name for f in fields(LetterSummary)} \
            or set(value) & set(DEFERRED) or set(deferred) != set(DEFERRED):
        raise TypeError("another summary")
    date, letter_id = value["sort_key"]
    cert, evidence = value["date_cert"]
    return DeferredSummary({name: _str(deferred[name]) for name in DEFERRED},
                           **{**value, "id": _str(value["id"]), "file": _str(value["file"]),
                              "sort_key": (_str(date), _str(letter_id)), "symbols": [_str(s) for s in value["symbols"]],
                              "context_refs": [(_str(t), _str(r)) for t, r in value["context_refs"]],
                              "xml": _str(value["xml"]), "sender": _str(value["sender"]),
                              "date_cert": (_str(cert), _str(evidence))})


def _str(value) -> str:
    if not isinstance(value, str):
        raise TypeError("a string was expected")
    return value


def _int(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("a number was expected")
    return value


# ---------------------------------------------------------------------------
# The cache of a build
# ---------------------------------------------------------------------------

def cache_file(relative: str) -> str:
    """Where the result of the corpus file `relative` (letters/x.xml) is kept in the output."""
    return f"{CACHE_DIR}/{relative}.json"


class ValidationCache:
    """The results the previous output offers one build's validation, and those it will keep.

    `lookup(files)` splits the files into results reused (their key unchanged) and files to
    validate; `add(result, path)` takes a fresh result; `write(stage)` writes the cache files of
    the new output and returns their keys, for its manifest.
    """

    def __init__(self, tei_dir: Path, previous_dir: Path | None, distrusted: set[str] | None = frozenset(),
                 digests: dict | None = None):
        from edition import witness

        self.corpus = Path(tei_dir).resolve()
        # the files of the record of the inputs (edition.fingerprint), None: read and hash them
        self.digests = digests
        self.context = context_key(self.corpus)
        # `distrusted`: the previous output's files changed by hand (never read), None when it
        # cannot tell (nothing is read): edition.fingerprint.output_changes
        if distrusted is None:
            previous_dir = None
        self.distrusted = distrusted or frozenset()
        self.previous_dir = Path(previous_dir) if previous_dir is not None else None
        manifest = read_manifest(self.previous_dir) if self.previous_dir is not None else {}
        recorded = manifest.get("validation")
        self.previous: dict = recorded if isinstance(recorded, dict) else {}
        self.keys: dict[str, str] = {}
        # relative name -> cache file bytes made by this build, compressed (held until the
        # output is written: ~9 KB a letter, ~2 KB compressed)
        self.fresh: dict[str, bytes] = {}
        self.linked: dict[str, os.stat_result] = {}  # relative name -> the previous cache file's state
        self.reused = 0
        self.corpora: dict[str, Path] = {}
        self.folders: dict[str, str | None] = {}  # folder -> its relative_name
        self.register_paths: dict[str, str] = {}  # the register files the letters' uses name (`loads`)
        self.checksums = witness.recorded_checksums(self.corpus)  # read once, not once a letter

    def lookup(self, files: list[Path]) -> tuple[dict[int, object], list[Path]]:
        """(index in `files` -> reused FileResult, the files to validate)."""
        reused, todo = {}, []
        for index, path in enumerate(files):
            result = self._reusable(path)
            if result is None:
                todo.append(path)
            else:
                reused[index] = result
        self.reused = len(reused)
        return reused, todo

    def _reusable(self, path: Path):
        relative = self._relative(path)
        if relative is None or self.previous_dir is None or not isinstance(self.previous.get(relative), str) \
                or cache_file(relative) in self.distrusted:
            return None
        cached = os.path.join(self.previous_dir, cache_file(relative))
        path = path if isinstance(path, Path) else Path(path)
        try:
            state = os.lstat(cached)
            if not stat.S_ISREG(state.st_mode) or state.st_size > MAX_CACHE_BYTES:
                return None
            with open(cached, "rb") as handle:  # its size asked, not the cap (a read allocates what it asks)
                result = loads(handle.read(state.st_size + 1), relative, path, self.corpus, self._corpus_of(path),
                               self.register_paths)
            if result is None or result.facts is None or result.key != self.previous[relative]:
                return None
            sha256 = recorded_digest(self.digests, relative)
            if sha256 is None:
                sha256 = hashlib.sha256(load.read_bytes(path, self.corpus)).hexdigest()
        except (OSError, load.LoadError):
            return None
        witness = result.facts.witness[0] if result.facts.witness else None
        if file_key(self.context, relative, sha256, witness_state(self.corpus, witness, self.digests, self.checksums)) \
                != result.key:
            return None
        self.keys[relative] = result.key
        self.linked[relative] = state
        return result

    def _relative(self, path: Path) -> str | None:
        """relative_name, its folder's part worked out once per folder."""
        folder, name = os.path.split(path)
        if folder not in self.folders:
            self.folders[folder] = relative_name(Path(folder), self.corpus)  # "letters", "." or None
        inside = self.folders[folder]
        return None if inside is None else name if inside == "." else f"{inside}/{name}"

    def _corpus_of(self, path: Path) -> Path:
        """edition.crossfile.corpus_of, once per folder (it resolves the folder's path)."""
        from edition.crossfile import corpus_of

        folder = os.path.abspath(path.parent)
        if folder not in self.corpora:
            self.corpora[folder] = corpus_of(path)
        return self.corpora[folder]

    def add(self, result, path: Path) -> None:
        """A result validated by this build (kept if it has a key: the file could be parsed)."""
        relative = self._relative(path)
        if result.key is None or relative is None:
            return
        self.keys[relative] = result.key
        self.fresh[relative] = zlib.compress(dumps(result, relative, Path(path), self.corpus), 1)

    def write(self, stage: Path) -> dict[str, str]:
        """The cache files of the new output in `stage` (reused ones hard-linked from the previous
        output while they are still the files that were read); returns the keys by file."""
        made = set()  # the folders made (once each, not once a file)
        stage = os.fspath(stage)
        for relative in sorted(self.keys):
            # paths as text: a Path a file cost more than the link (~10,000 a build)
            target = os.path.join(stage, cache_file(relative))
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            if relative in self.fresh:
                with open(target, "wb") as handle:
                    handle.write(zlib.decompress(self.fresh[relative]))
            elif not self._link(relative, target):
                raise OSError(f"{cache_file(relative)}: the previous output changed during the build; build again")
        return dict(self.keys)

    def _link(self, relative: str, target: str) -> bool:
        source = os.path.join(self.previous_dir, cache_file(relative))
        try:
            now = os.lstat(source)
        except OSError:
            return False
        read = self.linked[relative]
        if (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) != (read.st_ino, read.st_dev, read.st_size,
                                                                       read.st_mtime_ns):
            return False
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed: copy
            shutil.copyfile(source, target)
        return True
