"""The `edition` command: one subcommand per job of the edition.

Each subcommand lives in its own module and is imported only when used, so that
`edition validate FILE` (run on save in an editor) does not pay for the build's imports.

Ctrl-C at any moment prints one line and exits with status 130, never a traceback: from the
package's first lines (edition/__init__.py, imported first by the console script) and this
module's (for `python -m edition.cli`), before any other import, a SIGINT handler says so and
exits; once `main` runs, the interruption is a KeyboardInterrupt again (so that a build removes
its staging folder on the way out) and `main` catches it around everything, the subcommand's
imports included. Only the first milliseconds of Python's own start-up remain uncovered.
"""
from __future__ import annotations

import os
import signal
import sys

from edition import interrupted_outside_main as _interrupted_outside_main

INTERRUPTED = "edition: interrupted"

# Run as the command (the console script or `python -m edition.cli`), not imported as a library.
_COMMAND = (__name__ == "__main__" or os.path.basename(sys.argv[0] if sys.argv else "") == "edition") \
    and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # ignored: a pool's worker
if _COMMAND:
    signal.signal(signal.SIGINT, _interrupted_outside_main)

import argparse  # noqa: E402  (after the handler: these imports can be interrupted too)
from importlib import import_module  # noqa: E402

# subcommand -> (module, one-line help). Each module has `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = {
    "validate": ("edition.validate", "check TEI files against the schema, the Schematron rules and the registers"),
    "build": ("edition.build", "validate, then write the HTML site, plain-text editions, downloads and CMIF"),
    "serve": ("edition.serve", "build, serve the site on 127.0.0.1 and build again whenever tei/, schema/ or xslt/ change"),
    "new": ("edition.scaffold", "create a new letter file from the template"),
    "bench": ("edition.bench", "benchmark validate and build on a synthetic corpus of N letters"),
}


def main(argv: list[str] | None = None) -> int:
    """Run the command; Ctrl-C anywhere in it: one line on stderr and status 130."""
    try:
        if signal.getsignal(signal.SIGINT) is _interrupted_outside_main:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        return _main(argv)
    except KeyboardInterrupt:
        try:
            print(INTERRUPTED, file=sys.stderr)
        except KeyboardInterrupt:  # a second Ctrl-C while saying so
            pass
        return 130
    finally:
        if _COMMAND:  # what is left is exiting: an interruption now still says one line
            signal.signal(signal.SIGINT, _interrupted_outside_main)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description="UN Letters edition tools")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    wanted = (argv if argv is not None else sys.argv[1:])[:1]
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        # Import only the module of the subcommand actually asked for (and all for --help).
        if not wanted or wanted[0] in (name, "-h", "--help"):
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.add_arguments(p)
            modules[name] = module
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    if args.command not in modules:
        print(f"edition: the '{args.command}' command is not available in this version", file=sys.stderr)
        return 2
    return modules[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
