"""The UN Letters edition: validate the TEI corpus and build its reading editions.

The package is small on purpose: one module per job, so that a newcomer can find where a thing
happens from the module name alone. `model` reads the one table of entity kinds and prefixes
(schema/model.xml) and expands pointers; every other module asks it.

Validation (`edition validate`, module `validate`) runs layers over one parsed tree per file:
`load` (file policy, hardened parsing, limits), `xsd` (the project XSD, by libxml2),
`schematron` (schema/edition.sch, the rules about one document, compiled by lxml's ISO skeleton,
each pattern applied to the nodes its rules match), `pointers` (where each pointer leads, against the model and the registers
parsed once per process), `crossfile` (what needs several files), `coverage` with
`registers_index` (the text against the registers), `witness` with `fidelity` (the text
against its witness), `sourcelist` (cited web addresses are listed); `report` formats the
located problems.

The build (`build`) turns the validated corpus into the site: enrich, then render. `corpus`
summarises and relates the letters, `enrich` gathers what the letters say of each register
entry (its mentions in context, spilled to disk as they come) and writes these corpus facts as
XML, from each letter's record of what it mentions, kept for the next build (`facts_cache`); `views` (contested names, correspondence graph, timeline), `claims` (the quantitative
claims) and `citation` (BibTeX and RIS from a letter's CSL-JSON) compute the data of their
pages; `render`, `pages` and `transform` run the entry stylesheets of xslt/ in-process (each
compiled once per run); `search` runs Pagefind over the letter pages; `write` stages the output
and swaps it in atomically. `incremental` keys every output on what it is made from and reuses
what did not change, validation results included (`validation_cache`); `fingerprint` decides
up front, from the states of the inputs and of the output, that nothing changed (the build then
does nothing). `serve` shows a saved letter's page first (`preview`: validated and rendered by a
warm renderer, swapped in file by file), then rebuilds; `scaffold` starts a new letter; `bench`
measures (`bench_serve`: save to page; `bench_steps`: the CPU of each step; `bench_validate`:
validate on save; `bench_reference`: against the TEI Stylesheets). `cli` is the console command,
`paths` says where the repository's folders are, `cmif_id` makes the CMIF file's stable id.
"""

import os as _os
import signal as _signal
import sys as _sys


def interrupted_outside_main(signum, frame):  # pragma: no cover - timing-dependent
    """Ctrl-C before `edition.cli.main` runs (while the command imports) or after it returned:
    one line and status 130, never a traceback (see edition.cli)."""
    try:
        _sys.stdout.flush()
        _sys.stderr.write("edition: interrupted\n")
        _sys.stderr.flush()
    finally:
        _os._exit(130)


# The `edition` console command imports this package first: from here on Ctrl-C says one line.
# An ignored SIGINT stays ignored: the build starts its workers so (they leave Ctrl-C to it).
if _os.path.basename(_sys.argv[0] if _sys.argv else "") == "edition" \
        and _signal.getsignal(_signal.SIGINT) is not _signal.SIG_IGN:
    _signal.signal(_signal.SIGINT, interrupted_outside_main)
