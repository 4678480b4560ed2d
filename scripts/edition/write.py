"""Write the build's output so that readers never see half of it, and the same input gives the same bytes.

The build writes into a fresh staging directory next to the target and only swaps it in when
everything succeeded; a failed build removes its staging directory and leaves the previous
output as it was. Zip files get fixed dates, fixed permissions and sorted entries, so two builds
of the same corpus are byte-identical.

The output folder stays a real folder (so `cp -r`, `python -m http.server` and the tests read it
as any folder). It is replaced with one atomic `renameat2(RENAME_EXCHANGE)` where the system has
it (Linux): readers of the output see the old site or the new one, never none, whenever the build
is killed. Where it has not, two renames are used, and a build killed between them leaves the
previous site in `.NAME.old-*`, which the next build puts back first (`recover`).

Every output carries a marker file (MARKER): the build replaces only a folder that holds it, so
it never deletes what it did not make (`refusal` says what it refuses and why). Concurrent builds
into the same parent folder are serialised with a lock on that folder (`locked`).
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

try:
    import fcntl
except ImportError:  # not a POSIX system: builds are then not serialised
    fcntl = None

# 1980-01-01, the earliest date a zip entry can carry: no build time leaks into the archive.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 1

# The marker every output carries: only a folder holding it is ever replaced by a build.
MARKER = ".edition-build"
MARKER_TEXT = ("This folder was made by `edition build`; the next build replaces it as a whole.\n"
               "Do not keep other files here.\n")
# What an output made before the marker existed holds: such a folder is replaced too.
# (views/, search.html and pagefind/ of issue 13: the site's own names too, so that such a
# folder with them is not refused either)
_SITE_NAMES = {"index.html", "guidelines.html", "letters", "registers", "downloads", "assets", "sources.html",
               "views", "about.html", "search.html", "pagefind"}
_STAGING = "building"
_OLD = "old"


def checkpoint(step: str) -> None:
    """Called at each step of the swap; does nothing. The tests replace it to kill the build
    at a named step ("staged", "exchanged", "between-renames", "renamed", "cleaned")."""


def staging_dir(out_dir: Path) -> Path:
    """A new directory beside `out_dir` (same file system, so the final rename is cheap),
    holding only the marker, so that a staging folder left by a killed build is known as ours."""
    out_dir = Path(os.path.abspath(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.{_STAGING}-", dir=out_dir.parent))
    (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return stage


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `staging` atomically where the system allows it (see the module)."""
    out_dir = Path(os.path.abspath(out_dir))
    # Directories made by mkdtemp are private (0700); the site is meant to be served.
    os.chmod(staging, 0o755)
    checkpoint("staged")
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
        checkpoint("renamed")
        return
    if _exchange(staging, out_dir):
        checkpoint("exchanged")
        shutil.rmtree(staging, ignore_errors=True)  # now the previous output
        checkpoint("cleaned")
        return
    old = _sibling(out_dir, _OLD)
    os.rename(out_dir, old)
    checkpoint("between-renames")
    try:
        os.rename(staging, out_dir)
    except OSError:
        os.rename(old, out_dir)  # put the previous output back
        raise
    checkpoint("renamed")
    shutil.rmtree(old, ignore_errors=True)
    checkpoint("cleaned")


def _sibling(out_dir: Path, kind: str) -> Path:
    """A fresh, unused name `.NAME.KIND-XXXXXXXX` beside `out_dir`."""
    made = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.{kind}-", dir=out_dir.parent))
    os.rmdir(made)
    return made


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is not available."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # the file system cannot exchange: use two renames
    raise OSError(code, os.strerror(code), str(second))


def _leftover_pattern(out_dir: Path) -> re.Pattern:
    return re.compile(rf"\.{re.escape(out_dir.name)}\.({_STAGING}|{_OLD})-[A-Za-z0-9_]{{8}}")


def recover(out_dir: Path) -> list[Path]:
    """Undo what a killed build left: put a previous output set aside back if the output is
    missing, then remove stale staging and old folders beside `out_dir`. Run under `locked`.

    Only folders named as this module names them (`.NAME.building-XXXXXXXX`, `.NAME.old-XXXXXXXX`)
    are touched. Returns the folders removed.
    """
    out_dir = Path(os.path.abspath(out_dir))
    if not out_dir.parent.is_dir():
        return []
    pattern = _leftover_pattern(out_dir)
    leftovers = sorted(p for p in out_dir.parent.iterdir()
                       if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    if not os.path.lexists(out_dir):
        olds = [p for p in leftovers if p.name.startswith(f".{out_dir.name}.{_OLD}-")]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out_dir)
            leftovers.remove(newest)
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    return leftovers


@contextlib.contextmanager
def locked(out_dir: Path, waiting=None):
    """Hold an exclusive lock on the folder that holds `out_dir` while building into it.

    A second build into the same folder waits for the first (`waiting()` is called once if it
    has to wait), so two builds never swap at the same time. The lock is on the folder itself:
    no lock file is left behind.
    """
    parent = Path(os.path.abspath(out_dir)).parent
    parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    descriptor = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def refusal(out_dir: Path, *, tei_dir: Path, root: Path) -> str | None:
    """Why the build must not write into `out_dir`, or None if it may.

    The build replaces the whole output folder, so it may replace only a folder it made itself
    (it holds MARKER, or it is an output of an earlier version: only the site's own files) or an
    empty or missing one; never the repository, a folder holding a corpus (tei/) or a git
    repository (.git), an ancestor of the repository or of the corpus, a folder inside the
    corpus, a folder with files tracked by git, a file or a symbolic link.
    """
    given = Path(out_dir)
    out = Path(os.path.abspath(given))
    if given.is_symlink():
        return f"{given} is a symbolic link: give the path of a real folder as --out"
    if out.exists() and not out.is_dir():
        return f"{given} is a file, not a folder: the build writes a whole folder; choose another --out"
    real = out.resolve()
    for protected, what in ((Path(root).resolve(), "the repository"), (Path(tei_dir).resolve(), "the corpus")):
        if protected.is_relative_to(real):
            return f"{given} is {what} or a folder that holds it: the build replaces its output folder as a whole; give --out a folder of its own, such as output/"
        if what == "the corpus" and real.is_relative_to(protected):
            return f"{given} is inside the corpus ({tei_dir}): give --out a folder outside it, such as output/"
    if not out.exists():
        return None
    for name in ("tei", ".git"):
        if (out / name).exists():
            return f"{given} holds {name}/, so it is not a build output: choose another --out, such as output/"
    if _tracked(out):
        return f"{given} holds files tracked by git: the build replaces its output folder as a whole; choose another --out, such as output/"
    if (out / MARKER).is_file():
        return None
    names = {p.name for p in out.iterdir()}
    if not names or (names <= _SITE_NAMES and {"index.html", "downloads"} <= names):
        return None
    return (f"{given} is not empty and was not made by `edition build` (it has no {MARKER} file): "
            "choose a new or empty folder as --out, or move its files away first")


def _tracked(folder: Path) -> bool:
    """Whether git tracks any file in `folder` (False when git or a repository is not there)."""
    try:
        listed = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--", "."],
                                capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return listed.returncode == 0 and bool(listed.stdout.strip(b"\0"))


def discard(staging: Path) -> None:
    """Remove a staging directory after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)


# A processing instruction (its target), or a comment or CDATA section, where one looks like it.
_PI_OR_SKIPPED = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)|(\r?\n)?<\?([^\s?]+).*?\?>", re.DOTALL)
# What a published TEI file may keep: its XML declaration and the xml-model links to the schema.
_KEPT_PIS = {b"xml", b"xml-model"}


def publishable_tei(path: Path) -> bytes:
    """The bytes of a TEI file as the site serves it: the file itself, without processing
    instructions other than xml-model (an xml-stylesheet or any other one would be obeyed by
    the readers' browsers or tools); a file that has none is published byte for byte. Read
    under the file policy (edition.load.read_bytes)."""
    from edition.load import read_bytes

    data = read_bytes(path)
    if _only_kept_pis(data):  # the common case, found without the regular expression's scan
        return data

    def keep(match: re.Match) -> bytes:
        if match.group(1) is not None or match.group(3) in _KEPT_PIS:
            return match.group(0)
        return b""  # the processing instruction and the line break before it

    return _PI_OR_SKIPPED.sub(keep, data)


def _only_kept_pis(data: bytes) -> bool:
    """Whether every `<?` in `data` opens a processing instruction the site keeps (the XML
    declaration, xml-model), so that publishable_tei would change nothing. (A `<?` in a comment
    or a CDATA section, which the expression skips, makes this False: the expression decides.)"""
    start = data.find(b"<?")
    while start != -1:
        end = start + 2
        while end < len(data) and data[end:end + 1] not in b" \t\r\n?":
            end += 1
        if data[start + 2:end] not in _KEPT_PIS:
            return False
        start = data.find(b"<?", end)
    return True


def copy_tei(source: Path, target: Path) -> None:
    """Publish one TEI file (see publishable_tei)."""
    Path(target).write_bytes(publishable_tei(source))


def deterministic_zip(zip_path: Path, files: dict[str, Path], content=None,
                      earlier: tuple[Path, set[str]] | None = None) -> None:
    """Zip `files` (archive name -> file) with sorted names, fixed dates and permissions.

    `content(name, path) -> bytes`: what to store for an entry (default: the file's bytes).
    `earlier`: (a zip this function made before, with the same `zip_settings`; the names whose
    content the caller knows to be the same as in it): those members' compressed bytes are
    copied from it instead of being deflated again, so that a rebuild after a small edit
    deflates what changed, not the whole corpus. A name the earlier zip does not hold as this
    function writes it is deflated, as in a clean build.

    The archive is laid out here rather than by zipfile (which cannot write a member already
    compressed), in the layout zipfile gives such members: a local header, the data, then the
    central directory and its end record; no data descriptors, no extra fields, no zip64 (a
    corpus of 65,535 files or 4 GiB is refused). A copied member and a deflated one are written
    alike, so an incremental build and a clean one give the same bytes."""
    if len(files) >= 0xFFFF:
        raise ValueError(f"{zip_path}: {len(files)} files are more than a zip without zip64 holds")
    copied = _earlier_members(*earlier) if earlier is not None else {}
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    central = []
    with open(zip_path, "wb") as archive:
        for name in sorted(files):
            member = copied.get(name)
            if member is None:
                member = _deflated(content(name, Path(files[name])) if content else Path(files[name]).read_bytes())
            encoded, flags = _zip_name(name)
            offset = archive.tell()
            if offset + len(member.data) >= 0xFFFFFFFF:
                raise ValueError(f"{zip_path}: the archive would pass 4 GiB, more than a zip without zip64 holds")
            fields = (flags, _ZIP_DEFLATED, _ZIP_TIME, _ZIP_DATE, member.crc, len(member.data), member.size,
                      len(encoded))
            archive.write(struct.pack(_LOCAL_HEADER, b"PK\x03\x04", _ZIP_VERSION, 0, *fields, 0) + encoded)
            archive.write(member.data)
            central.append(struct.pack(_CENTRAL_HEADER, b"PK\x01\x02", _ZIP_VERSION, _ZIP_UNIX, _ZIP_VERSION, 0,
                                       *fields, 0, 0, 0, 0, _ZIP_MODE, offset) + encoded)
        start = archive.tell()
        directory = b"".join(central)
        archive.write(directory)
        archive.write(struct.pack(_END_RECORD, b"PK\x05\x06", 0, 0, len(central), len(central), len(directory),
                                  start, 0))


def zip_settings() -> str:
    """What, besides a member's bytes, its compressed bytes depend on: the zlib that deflates
    and the level. A member is copied from an earlier zip only when these are the same."""
    return f"zlib {zlib.ZLIB_RUNTIME_VERSION}, level {ZIP_LEVEL}"


# The zip's fixed fields (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16): structures as zipfile names them.
_LOCAL_HEADER = "<4s2B4HL2L2H"
_CENTRAL_HEADER = "<4s4B4HL2L5H2L"
_END_RECORD = "<4s4H2LH"
_ZIP_VERSION = 20  # "version needed to extract" and "made by": 2.0 (deflate)
_ZIP_UNIX = 3  # made on Unix, whatever the building machine
_ZIP_MODE = 0o644 << 16  # external attributes: a plain file, rw-r--r--
_ZIP_DEFLATED = 8
_ZIP_TIME = ZIP_DATE[3] << 11 | ZIP_DATE[4] << 5 | ZIP_DATE[5] // 2  # MS-DOS time and date
_ZIP_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]
_UTF8_NAME = 0x800  # general purpose flag: the name is UTF-8 (else ASCII)


class _Member(NamedTuple):
    """One member's data as the zip holds it: CRC-32 and size of its content, its deflated bytes."""
    crc: int
    size: int
    data: bytes


def _deflated(content: bytes) -> _Member:
    """Raw deflate (no zlib header), as zipfile's ZIP_DEFLATED at ZIP_LEVEL."""
    compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    return _Member(zlib.crc32(content), len(content), compressor.compress(content) + compressor.flush())


def _zip_name(name: str) -> tuple[bytes, int]:
    """A member's name as stored, and its flags: ASCII, else UTF-8 with the UTF-8 flag."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _earlier_members(zip_path: Path, names: set[str]) -> dict[str, _Member]:
    """The members of `names` an earlier zip holds exactly as deterministic_zip writes them
    (fixed date, mode, system, deflate, no extra field); {} when it cannot be read as a zip.
    Reads its central directory (zipfile) and, for each wanted member, its local header and
    compressed bytes."""
    found = {}
    try:
        with zipfile.ZipFile(zip_path) as listing, open(zip_path, "rb") as archive:
            for info in listing.infolist():
                if info.filename in names and _written_here(info):
                    data = _raw_member(archive, info)
                    if data is not None:
                        found[info.filename] = _Member(info.CRC, info.file_size, data)
    except (OSError, zipfile.BadZipFile, ValueError, struct.error):
        return {}
    return found


def _written_here(info: zipfile.ZipInfo) -> bool:
    """Whether a member's central entry is one deterministic_zip writes."""
    return (info.compress_type == _ZIP_DEFLATED and info.date_time == ZIP_DATE and info.external_attr == _ZIP_MODE
            and info.create_system == _ZIP_UNIX and info.create_version == _ZIP_VERSION
            and info.extract_version == _ZIP_VERSION and info.flag_bits == _zip_name(info.filename)[1]
            and not info.extra and not info.comment)


def _raw_member(archive, info: zipfile.ZipInfo) -> bytes | None:
    """The compressed bytes of `info`, after its local header (30 bytes, the name, no extra
    field), or None when that header is not the one deterministic_zip writes for it."""
    archive.seek(info.header_offset)
    header = archive.read(30)
    if len(header) != 30:
        return None
    fields = struct.unpack(_LOCAL_HEADER, header)
    encoded = _zip_name(info.filename)[0]
    if fields[0] != b"PK\x03\x04" or fields[7:] != (info.CRC, info.compress_size, info.file_size, len(encoded), 0) \
            or archive.read(len(encoded)) != encoded:
        return None
    data = archive.read(info.compress_size)
    return data if len(data) == info.compress_size else None
