"""A small build's two fixed costs at once: validation in a forked process while this one starts Saxon.

For a corpus of a few letters a cold `edition build` is mostly fixed costs: validating the files
(Python and lxml) and starting Saxon (parsing the registers, compiling the stylesheets). Neither
needs the other, and the machine has a second core. So the validation runs in one child process,
forked at the start of the build, while this process prepares its Saxon processor and compiles
the stylesheets one by one until the validation's answer is there (any left compile when first
used, as always). The build then renders with that processor; nothing else changes, and the
output is the same bytes as when the two run one after the other.

They run one after the other (`possible` is False) when forking is not possible or not safe: no
os.fork on the platform; saxonche already loaded in this process (`edition serve` rebuilding, a
test run: forking a process that runs the JVM's threads could deadlock the child); other threads
running; or a corpus of FORK_BELOW files or more, where these fixed costs no longer matter and
the validation and the build start process pools of their own.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

# A corpus of this many files or more is validated and built as before (see the module).
FORK_BELOW = 64


def possible(file_count: int) -> bool:
    """Whether the validation of `file_count` files may run in a forked child (see the module)."""
    return (hasattr(os, "fork") and file_count < FORK_BELOW and "saxonche" not in sys.modules
            and threading.active_count() == 1)


def validate_while_warming(files: list[Path], tei_dir: Path):
    """`edition.validate.validate_and_summarise(files)` in a forked child while this process makes
    its Saxon processor for `tei_dir`. Returns (the validation's result, the processor or None).

    The processor is None when it could not be made (a register missing or not well-formed): the
    validation reports that, and a build that goes on makes its processor again, as before.
    """
    from multiprocessing import get_context

    from edition.validate import validate_and_summarise

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: only this process reports it
    try:
        pool = get_context("fork").Pool(1)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        # jobs=1: a pool's worker may not start a pool of its own (and a small corpus needs none)
        pending = pool.apply_async(validate_and_summarise, (files,), {"jobs": 1})
        saxon = _warm(tei_dir, pending.ready)
        result = pending.get()
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()
    return result, saxon


def _warm(tei_dir: Path, done):
    """A Saxon processor for the corpus (edition.render.new_saxon), with the stylesheets compiled
    in the order the build uses them until `done()`; None if it cannot be made."""
    from edition import paths
    from edition.build import CONFIG
    from edition.load import check_file
    from edition.render import REGISTER_KINDS, Setup, new_saxon
    from edition.transform import STYLESHEETS

    try:
        # Saxon opens the registers itself, before the validation has looked at them: the file
        # policy first (a register must not be a pipe, a link out of the corpus …)
        for kind in REGISTER_KINDS:
            check_file(tei_dir / "registers" / f"{kind}.xml")
        # no staging folder yet: new_saxon reads only the corpus, the stylesheets and the config
        saxon = new_saxon(Setup(tei_dir=tei_dir.resolve(), stage_dir=None, xslt_dir=paths.XSLT, config=CONFIG))
        for name in STYLESHEETS:
            if done():
                break
            saxon.executable(name)
        return saxon
    except Exception:  # noqa: BLE001 - reported by the validation, or by the build when it makes its own
        return None
