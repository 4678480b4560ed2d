"""Whether the output is already what a build would make: decided up front, from the files'
states, so that `edition build` with nothing changed does nothing at all.

A build reads the corpus folder (letters, registers, witnesses), the stylesheets with their
config and assets (xslt/), the schema folder, the package's own code and templates, and the
versions of the tools that parse, validate, transform and index. It records two files in its
output, plain JSON whose bytes depend on the inputs and the output only (so a clean build and
an incremental one still write the same bytes):

- INPUTS: every input file (name, size, SHA-256) and the versions (`environment`). Its
  modification time is set to the *inputs stamp*: the moment just before the build looked at
  the inputs, less MARGIN_NS (file times come from a coarser clock than ours, and some file
  systems keep seconds only);
- OUTPUTS: every file of the output (name, size). Its modification time is set to the *output
  stamp*, once the output is in place and the output it replaced is removed.

Like git's index, the next build trusts the files' states before their bytes: an input whose
size is the recorded one and whose times (modification and change time: any write, copy,
rename or touch sets the change time, and no tool can set it back) are older than the inputs
stamp is taken as unchanged; any other input is hashed and compared (`current_inputs`). The
output must hold the recorded files, no other, each of the recorded size and changed no later
than the output stamp. Only when the inputs are the recorded ones and the output
is intact is the build skipped; and a build reuses none of the files changed by hand
(`output_changes`). Anything unusual (a link or a pipe among the inputs, a record that does not
parse, of another FORMAT, or missing) means: build; without a list of the output to check it
against, the build reuses nothing from it.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path

from edition import paths

INPUTS = ".edition-cache/inputs.json"
OUTPUTS = ".edition-cache/outputs.json"
# Bump when the records' layout or meaning changes: a record of another format is ignored.
FORMAT = 1
MARGIN_NS = 2_000_000_000
# A record larger than this is not read (it cannot be ours).
MAX_RECORD_BYTES = 256 * 1024 * 1024
# The distributions whose code the build runs (their versions are part of the inputs).
_DISTRIBUTIONS = ("un-letters-edition", "lxml", "xmlschema", "saxonche", "pagefind-bin")


def input_roots(tei_dir: Path) -> list[tuple[str, Path]]:
    """The folders the build reads, each with the label its files are recorded under."""
    return [("tei", Path(tei_dir)), ("xslt", paths.XSLT), ("schema", paths.SCHEMA),
            ("package", Path(__file__).resolve().parent)]


def environment(tei_dir: Path, validated: bool) -> dict[str, str]:
    """What besides the files makes the output: the versions of Python and of the distributions
    the build runs, the corpus folder's name (messages and the validation cache name it), and
    whether the build validated first (only then does the output keep the validation results)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version, "corpus folder": Path(tei_dir).resolve().name, "validated": str(bool(validated))}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def listing(root: Path, folders: bool = False) -> dict[str, os.stat_result] | None:
    """Every file below `root` (relative name -> lstat), and with `folders` every folder too
    ("name/": a folder named like a letter is an input the validation reports), __pycache__
    folders left out; {} when `root` does not exist; None when something there is neither a
    file nor a folder (a link, a pipe) or cannot be listed: its state says nothing of what it
    stands for."""
    found: dict[str, os.stat_result] = {}
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            with os.scandir(os.path.join(root, relative)) as entries:
                entries = list(entries)
        except FileNotFoundError:
            if relative:
                return None
            return {}
        except OSError:
            return None
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append(name)
                    if folders:
                        found[f"{name}/"] = entry.stat(follow_symlinks=False)
            elif entry.is_file(follow_symlinks=False):
                found[name] = entry.stat(follow_symlinks=False)
            else:
                return None
    return found


def _hash(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def current_inputs(tei_dir: Path, validated: bool, previous: dict | None = None,
                   stamp: int | None = None) -> tuple[dict, int] | None:
    """The record of the inputs as they are now, and its stamp (see the module); the files
    whose state predates the `previous` record's `stamp` keep their recorded digest, the others
    are hashed. None when an input cannot be recorded (the build then records nothing)."""
    now = time.time_ns() - MARGIN_NS
    known = previous.get("files", {}) if previous else {}
    files: dict[str, list] = {}
    for label, root in input_roots(tei_dir):
        listed = listing(root, folders=True)
        if listed is None:
            return None
        for relative, state in listed.items():
            name = f"{label}/{relative}"
            if name.endswith("/"):
                files[name] = [0, "folder"]
                continue
            old = known.get(name)
            if (stamp is not None and isinstance(old, list) and len(old) == 2 and old[0] == state.st_size
                    and max(state.st_mtime_ns, state.st_ctime_ns) < stamp):
                files[name] = old
                continue
            sha = _hash(root / relative)
            if sha is None:
                return None
            files[name] = [state.st_size, sha]
    return {"format": FORMAT, "environment": environment(tei_dir, validated),
            "files": dict(sorted(files.items()))}, now


def read_record(out_dir: Path, name: str) -> tuple[dict, int] | None:
    """A record kept in the output (INPUTS or OUTPUTS) and its stamp, or None if there is none
    to trust."""
    path = Path(out_dir) / name
    try:
        state = os.lstat(path)
        if not stat.S_ISREG(state.st_mode) or state.st_size > MAX_RECORD_BYTES:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return None
    return data, state.st_mtime_ns


def output_changes(out_dir: Path) -> set[str] | None:
    """The files of the output changed, removed or added since it was built (relative names):
    a file not of the recorded size, or changed after the output stamp (see the module). None
    when there is no list to check against: then every file is suspect. A build reuses no
    suspect file (edition.incremental.Reuse, edition.validation_cache)."""
    found = read_record(out_dir, OUTPUTS)
    listed = listing(Path(out_dir))
    if found is None or listed is None:
        return None
    record, stamp = found
    listed.pop(OUTPUTS, None)
    sizes = record["files"]
    changed = {name for name in sizes if name not in listed}
    for name, state in listed.items():
        if sizes.get(name) != state.st_size or state.st_ctime_ns > stamp or state.st_mtime_ns > stamp:
            changed.add(name)
    return changed


def up_to_date(tei_dir: Path, out_dir: Path, validated: bool):
    """(whether `out_dir` is what a build of `tei_dir` would make; the record of the inputs now
    and its stamp, for the build to keep, None when they cannot be recorded; the output's
    files changed by hand, see `output_changes`)."""
    previous = read_record(out_dir, INPUTS)
    inputs = current_inputs(tei_dir, validated, *(previous or (None, None)))
    changes = output_changes(out_dir)
    same = inputs is not None and previous is not None and inputs[0] == previous[0] and changes == set()
    return same, inputs, changes


def letter_count(record: dict) -> int:
    """The number of letters an inputs record holds."""
    return sum(1 for name in record["files"] if name.startswith("tei/letters/") and name.endswith(".xml")
               and "/" not in name[len("tei/letters/"):])


def _write(path: Path, data: dict, stamp: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        handle.write("\n")
    if stamp is not None:
        os.utime(path, ns=(stamp, stamp))


def write_inputs(stage: Path, inputs: tuple[dict, int]) -> None:
    """The inputs record in the staging folder, stamped (see the module)."""
    record, stamp = inputs
    _write(Path(stage) / INPUTS, record, stamp)


def write_outputs(stage: Path) -> None:
    """The list of the output's files, written last into the staging folder (its stamp is set by
    `seal` once the output is in place)."""
    listed = listing(Path(stage))
    if listed is None:  # not a plain tree of files: no list, the next build builds
        return
    listed.pop(OUTPUTS, None)
    _write(Path(stage) / OUTPUTS, {"format": FORMAT, "files": {name: state.st_size
                                                                 for name, state in sorted(listed.items())}}, None)


def seal(out_dir: Path) -> None:
    """Stamp the output list now: the output is in place and the one it replaced is removed
    (removing it changed the files the two shared). Without this stamp, the next build builds."""
    path = Path(out_dir) / OUTPUTS
    if path.is_file() and not path.is_symlink():
        now = time.time_ns()
        os.utime(path, ns=(now, now))
