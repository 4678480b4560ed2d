"""Rebuild only what changed: content keys for every output, and a manifest kept in the output.

Each output of the build is keyed on the content it depends on, as a SHA-256 digest:

- every output shares the *global key*: the package (its version and its Python source), the
  stylesheets and their assets and config (xslt/), the schema folder (schema/: XSD, Schematron,
  model) and the registers (tei/registers/*.xml);
- a letter's page, plain text and TEI copy (and its mention index) add the letter's bytes and
  its corpus context (the summaries of the letters it links to: neighbours, replies);
- a corpus-level page adds the facts it is made from (the letter summaries, the mentions of
  its register's entries, ...), see `edition.build`.

The keys of a build are written to MANIFEST in the output (with the keys of the validation
results the build keeps, see edition.validation_cache), and each letter's mentions to
MENTIONS_CACHE (so a letter that did not change is not rendered again to learn what it mentions). The next build
reads the manifest of the output it replaces: an output whose key is unchanged is hard-linked
(or copied, where links are not possible) from the previous output into the staging folder,
and everything else is made as by a clean build. The manifest itself is written from the keys
alone, so an incremental build and a clean build give the same bytes, manifest included.
Nothing here decides what a page looks like; it only decides whether to make it again.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable

from edition.write import MARKER

MANIFEST = ".edition-manifest.json"
# Each letter's mentions (the output of mentions.xsl), kept so that an unchanged letter is not
# rendered again to learn what it mentions: one file per letter, reused like any other output.
MENTIONS_CACHE = ".edition-cache/mentions"
# Bump when the manifest's layout changes: a manifest of another version is ignored.
FORMAT = 2


def digest(*parts: str | bytes) -> str:
    """SHA-256 over `parts`, each prefixed with its length (so ("ab", "c") != ("a", "bc"))."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def _folder_digest(folder: Path, pattern: str = "*") -> list[str]:
    """(relative name, bytes digest) of every file in `folder` matching `pattern`, sorted."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        found += [path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()]
    return found


def package_parts() -> list[str]:
    """The package's version and its Python source and templates, as digest parts: the code
    that made an output (the build's global key; the validation cache, edition.validation_cache)."""
    try:
        from importlib.metadata import version

        package_version = version("un-letters-edition")
    except Exception:  # noqa: BLE001 - not installed as a distribution: the source still counts
        package_version = ""
    package = Path(__file__).resolve().parent
    return [package_version, *_folder_digest(package, "*.py"), *_folder_digest(package / "templates")]


def global_key(tei_dir: Path, xslt_dir: Path, schema_dir: Path) -> str:
    """What every output depends on: package, stylesheets, schema, registers (see the module)."""
    return digest(str(FORMAT), *package_parts(),
                  *_folder_digest(xslt_dir), *_folder_digest(schema_dir),
                  *_folder_digest(Path(tei_dir) / "registers", "*.xml"))


def read_manifest(out_dir: Path) -> dict:
    """The manifest of a previous output, or an empty one when there is none to trust.

    Only an output made by the build (it holds MARKER) is reused, and only a manifest of this
    format; a manifest that does not parse is ignored (the build is then a clean build).
    """
    out_dir = Path(out_dir)
    manifest = out_dir / MANIFEST
    if not (out_dir / MARKER).is_file() or not manifest.is_file() or manifest.is_symlink():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    return data


def mentions_cache(letter_file: str) -> str:
    """Where a letter's mentions are cached in the output (relative path)."""
    return f"{MENTIONS_CACHE}/{letter_file}"


class Reuse:
    """What the previous output offers this build, and the keys this build writes.

    `letter(name, key)` / `output(name, key, files)` link the previous files into the staging
    folder when their key is the same and say whether they did; either way the key is recorded
    for the new manifest.
    """

    def __init__(self, previous_dir: Path | None, stage: Path, distrusted: set[str] | None = frozenset()):
        # `distrusted`: the previous output's files changed by hand since it was built (never
        # reused), None when it cannot tell (nothing is reused): edition.fingerprint.output_changes
        if distrusted is None:
            previous_dir = None
        self.distrusted = distrusted or frozenset()
        self.previous_dir = Path(previous_dir) if previous_dir is not None else None
        self.stage = stage
        self.previous = read_manifest(self.previous_dir) if self.previous_dir is not None else {}
        self.letters: dict[str, dict] = {}
        self.outputs: dict[str, str] = {}
        # The keys of the validation results kept in the output (edition.validation_cache).
        self.validation: dict[str, str] = {}
        self.reused = self.made = 0
        # The files linked (or copied) from the previous output: the same bytes as there.
        self.linked: set[str] = set()
        self.folders: set[str] = set()  # the stage's folders known to exist

    def letter(self, name: str, key: str, files: list[str]) -> Callable[[], str] | None:
        """Reuse a letter's outputs (`files` and its cached mentions) when its key is unchanged:
        if all were linked, returns what reads its mentions (read only when asked: a build that
        has the letter's mention record, edition.facts_cache, never reads them), else None (the
        letter is made again)."""
        cache = mentions_cache(name)
        if self.previous.get("letters", {}).get(name) == key and self._link_all(files + [cache]):
            self.reused += 1
            linked = os.path.join(self.stage, cache)
            return lambda: Path(linked).read_text(encoding="utf-8")
        self.made += 1
        return None

    def record_letter(self, name: str, key: str, mentions: str, made: bool) -> None:
        """The key of a letter for the new manifest; its mentions cached if it was made."""
        self.letters[name] = key
        if made:
            cache = self.stage / mentions_cache(name)
            cache.parent.mkdir(parents=True, exist_ok=True)
            with open(cache, "w", encoding="utf-8", newline="") as handle:
                handle.write(mentions)

    def output(self, name: str, key: str, files: list[str]) -> bool:
        """Reuse a corpus-level output (one or more files) whose key is unchanged."""
        self.outputs[name] = key
        return self.previous.get("outputs", {}).get(name) == key and self._link_all(files)

    def group(self, name: str, key: str, members: dict[str, list[str]]) -> bool:
        """Reuse several outputs at once (`members`: output name -> its files) when the key of
        what they are all made from is unchanged: each keeps the key it had (the key a clean
        build computes from the same facts), without computing it again."""
        self.outputs[name] = key
        before = self.previous.get("outputs", {})
        if before.get(name) != key or not all(isinstance(before.get(member), str) for member in members):
            return False
        if not self._link_all([file for files in members.values() for file in files]):
            return False
        for member in members:
            self.outputs[member] = before[member]
        return True

    def earlier(self, relative: str) -> Path | None:
        """The previous output's file `relative`, when it may be read (not changed by hand since
        it was built, a plain file); else None."""
        if self.previous_dir is None or relative in self.distrusted:
            return None
        source = self.previous_dir / relative
        return source if source.is_file() and not source.is_symlink() else None

    def _link_all(self, files: list[str]) -> bool:
        """Link `files` from the previous output into the stage, all or none: one link() a file
        (their folders made once a build), no stat. The previous output held no link when the
        build began (else `distrusted` is None: edition.fingerprint.listing), and a link made
        since is linked as a link, never followed."""
        if self.previous_dir is None or not self.distrusted.isdisjoint(files):
            return False
        done = []
        for relative in files:
            if not self._link(relative):
                for made in done:  # all or none: the caller makes them again
                    os.unlink(os.path.join(self.stage, made))
                return False
            done.append(relative)
        self.linked.update(files)
        return True

    def _link(self, relative: str) -> bool:
        """One file of the previous output linked (or, where links are not possible, copied) to
        the same place in the stage; False when it is not there (or is a folder)."""
        source, target = os.path.join(self.previous_dir, relative), os.path.join(self.stage, relative)
        folder = os.path.dirname(target)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        try:
            os.link(source, target, follow_symlinks=False)
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:  # another file system, or links not allowed (or a folder): copy a file
            if not os.path.isfile(source):
                return False
            shutil.copyfile(source, target, follow_symlinks=False)
        return True

    def write(self, global_key_value: str) -> None:
        """The new manifest: sorted keys, one layout, so that the bytes depend on the keys only."""
        data = {"format": FORMAT, "global": global_key_value, "letters": self.letters, "outputs": self.outputs,
                "validation": self.validation}
        with open(self.stage / MANIFEST, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
            handle.write("\n")
