"""`edition serve`: build, serve the site on this machine, and build again on every save.

The editor's loop: change a letter, save, reload the page. The site is served from the output
folder on 127.0.0.1 only (never on the network) by Python's own http.server, in a thread; the
main thread polls the modification times of tei/, schema/ and xslt/ (no dependency, no
file-system events) and, when a file changed, runs the same build as `edition build` (with its
validation, whose messages are printed) — an incremental one (edition.incremental), so only the
saved letter is made again. A build that fails leaves the previous site served. Ctrl-C stops the
server with one line.
"""
from __future__ import annotations

import argparse
import functools
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
    """(modification time, size) of every file under `folders`: a save changes one of them."""
    seen = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    info = path.stat()
                    seen[str(path)] = (info.st_mtime_ns, info.st_size)
            except OSError:  # removed while we looked: the next look sees it gone
                continue
    return seen


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files; one request line per page would bury the validator's messages."""

    def log_message(self, format, *args):  # noqa: A002 - the signature of http.server
        pass


def serve(tei_dir: Path, out_dir: Path, *, port: int = 8000, jobs: int | None = None) -> int:
    """Build, serve `out_dir` on 127.0.0.1:`port`, rebuild on every change; returns on Ctrl-C."""
    from edition.build import build

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
    print(f"edition serve: serving {printable(str(out_dir))} at http://127.0.0.1:{server.server_address[1]}/ ; "
          "watching tei/, schema/ and xslt/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(watched)
            if now != seen:  # a save during the build differs from `now`: the next look sees it
                seen = now
                print("edition serve: a file changed; building again", file=sys.stderr, flush=True)
                build(tei_dir, out_dir, jobs=jobs, quiet=False)
    except KeyboardInterrupt:
        print("edition serve: stopped", file=sys.stderr, flush=True)
        return 0
    finally:
        server.shutdown()
        server.server_close()
