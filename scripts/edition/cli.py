"""The `edition` command: one subcommand per job of the edition.

Each subcommand lives in its own module and is imported only when used, so that
`edition validate FILE` (run on save in an editor) does not pay for the build's imports.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

# subcommand -> (module, one-line help). Each module has `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = {
    "validate": ("edition.validate", "check TEI files against the schema, the Schematron rules and the registers"),
    "build": ("edition.build", "validate, then write the HTML site, plain-text editions, downloads and CMIF"),
    "new": ("edition.scaffold", "create a new letter file from the template"),
    "bench": ("edition.bench", "benchmark validate and build on a synthetic corpus of N letters"),
}


def main(argv: list[str] | None = None) -> int:
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
    try:
        return modules[args.command].run(args)
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
