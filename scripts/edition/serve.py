"""`edition serve`: build, serve the site on this machine, and update it on every save.

The editor's loop: change a letter, save, reload the page. The site is served from the output
folder on 127.0.0.1 only (never on the network) by Python's own http.server, in a thread; the
main thread polls the modification times and sizes of tei/, schema/ and xslt/ (no dependency,
no file-system events). When only letters changed, the saved letters are validated and, if
valid, their pages swapped into the served site at once (edition.preview: a warm renderer kept
for the whole session); then, as for any other change, the same build as `edition build` runs
(with its validation, whose messages are printed), an incremental one (edition.incremental),
which brings the indexes, views, downloads and the search index up to date. A save during that
build is taken by the next round. An invalid letter is not swapped in and its messages are
printed; a build that fails leaves the previous site served. Ctrl-C stops the server with one
line.
"""
from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from edition import paths
from edition.report import printable

# Seconds between two looks at the watched folders.
POLL_SECONDS = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=paths.OUTPUT, help="output directory (default: output/)")
    parser.add_argument("--tei", type=Path, default=paths.TEI, help="the corpus folder (default: tei/)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free port)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes for the letters")


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        print("edition serve: --port must be between 0 and 65535", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("edition serve: --jobs must be 1 or more", file=sys.stderr)
        return 2
    return serve(Path(args.tei), Path(args.out), port=args.port, jobs=args.jobs)


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under `folders`: a save changes one of them.
    (os.scandir: one system call per file, which matters when it is 20,000 files twice a second.)"""
    seen: dict[str, tuple[int, int]] = {}
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                for entry in listing:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(entry.path)
                        elif entry.is_file():
                            info = entry.stat()
                            seen[entry.path] = (info.st_mtime_ns, info.st_size)
                    except OSError:  # removed while we looked: the next look sees it gone
                        continue
        except OSError:  # a folder that is missing or cannot be read
            continue
    return seen


def changed_files(before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]) -> list[str]:
    """The files added, removed or changed between two snapshots, sorted."""
    return sorted(path for path in before.keys() | now.keys() if before.get(path) != now.get(path))


def changed_letters(changed: list[str], now: dict[str, tuple[int, int]], tei_dir: Path) -> list[Path] | None:
    """The letters saved, when nothing else changed (no letter removed, no register, witness,
    schema or stylesheet changed; not more than edition.preview.MAX_LETTERS); else None (the
    build alone runs)."""
    from edition.preview import MAX_LETTERS

    letters = Path(tei_dir) / "letters"
    if len(changed) > MAX_LETTERS or not all(path in now and Path(path).parent == letters and path.endswith(".xml")
                                             for path in changed):
        return None
    return [Path(path) for path in changed]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files; one request line per page would bury the validator's messages."""

    def log_message(self, format, *args):  # noqa: A002 - the signature of http.server
        pass


def serve(tei_dir: Path, out_dir: Path, *, port: int = 8000, jobs: int | None = None) -> int:
    """Build, serve `out_dir` on 127.0.0.1:`port`, update it on every change; returns on Ctrl-C."""
    from edition.build import build
    from edition.preview import Preview, remove_work_folder, work_folder

    tei_dir = Path(tei_dir)
    watched = [tei_dir, paths.SCHEMA, paths.XSLT]
    seen = snapshot(watched)
    status = build(tei_dir, out_dir, jobs=jobs, quiet=False)
    if status == 2:  # refused (an output folder it may not replace): nothing to serve
        return status
    if not out_dir.exists():  # the first build failed: serve an empty folder until one succeeds
        out_dir.mkdir(parents=True)
    handler = functools.partial(_QuietHandler, directory=str(out_dir.resolve()))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        print(f"edition serve: cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; "
              "choose another --port (0 picks a free one)", file=sys.stderr)
        return 1
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    work = work_folder()
    try:
        live = Preview(tei_dir, out_dir, work)
        live.warm(seen)  # before saying so: the first save is then previewed at full speed
        print(f"edition serve: serving {printable(str(out_dir))} at http://127.0.0.1:{server.server_address[1]}/ ; "
              "watching tei/, schema/ and xslt/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
        while True:
            time.sleep(POLL_SECONDS)
            started = time.perf_counter()
            now = snapshot(watched)
            if now != seen:  # a save during the build differs from `now`: the next look sees it
                _update(live, build, (seen, now), tei_dir, out_dir, jobs, started)
                seen = now
    except KeyboardInterrupt:
        print("edition serve: stopped", file=sys.stderr, flush=True)
        return 0
    finally:
        server.shutdown()
        server.server_close()
        remove_work_folder(work)


def _update(live, build, snapshots: tuple[dict, dict], tei_dir: Path, out_dir: Path, jobs: int | None,
            started: float) -> None:
    """One round: the saved letters previewed (edition.preview), then the build; or, when more
    than letters changed, the build alone (and the preview's renderer made again after it)."""
    before, now = snapshots
    changed = changed_files(before, now)
    letters = changed_letters(changed, now, tei_dir)
    if letters is None:
        live.reset(schema_changed=any(Path(p).is_relative_to(paths.SCHEMA) for p in changed))
        print("edition serve: a file changed; building again", file=sys.stderr, flush=True)
        build(tei_dir, out_dir, jobs=jobs, quiet=False)
        live.warm(now)
        return
    if not live.letters(letters, now, started):
        return  # a saved letter has errors: the build would refuse the corpus
    following = time.perf_counter()
    if build(tei_dir, out_dir, jobs=jobs, quiet=False) == 0:
        print(f"edition serve: the rest of the site is up to date ({time.perf_counter() - following:.2f} s)",
              file=sys.stderr, flush=True)
