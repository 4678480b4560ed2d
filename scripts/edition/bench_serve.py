"""Edit to preview for `edition bench`: how long the editor waits, under `edition serve`, from a
one-word save to the letter's page being updated, and until the rest of the site follows.

`edition serve` runs as the editor runs it, in a new process on a free port; once it serves,
one word of one letter is changed (an encoded correction, so the letter stays valid) and the
letter's page in the output is read until it shows the word. Wall time and the CPU of the serve
process (with its finished workers: Linux's /proc) are reported for both phases. No figure is
asserted anywhere: a test calls `measure` on a small corpus to check what it measures.
"""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# The word the edit writes (the corrected reading of one "the"); absent from the letters.
WORD = "Zanzibarian"
# Seconds between two reads of the page (the polling itself costs the serve process nothing).
POLL = 0.005


@dataclass
class ServeFigures:
    preview_s: float          # from the save to the page showing it, wall
    preview_cpu_s: float | None  # CPU of the serve process meanwhile (None where /proc is missing)
    follow_up_s: float        # from the page showing it to the follow-up build done, wall
    follow_up_cpu_s: float | None
    page: bytes               # the letter's page as the preview wrote it


class ServeFailed(RuntimeError):
    """`edition serve` did not do what was measured; the message holds what it printed."""


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of the process and of its children it waited for (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


# What in serve's output means it failed (for the bench, where no failure is expected).
FAILED = r"error|nothing was written|not built|Traceback"


class ServeLines:
    """The server's stderr, read line by line in a thread (also used by tests/test_serve.py)."""

    def __init__(self, stream):
        self.queue: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line)
        self.queue.put(None)

    def wait_for(self, pattern: str, deadline: float, failed: str | None = None) -> re.Match:
        """The match of the first line that matches `pattern`; ServeFailed after `deadline`
        seconds, at the end of the output, or at a line that matches `failed`."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            try:
                line = self.queue.get(timeout=0.05)
            except queue.Empty:
                continue
            if line is None:
                break
            self.seen.append(line)
            if failed and re.search(failed, line):
                raise ServeFailed("edition serve failed: " + "".join(self.seen))
            found = re.search(pattern, line)
            if found:
                return found
        raise ServeFailed(f"edition serve never printed {pattern!r}; it printed: {''.join(self.seen)}")

    def rest(self, quiet: float = 2) -> list[str]:
        """The lines printed since the last wait, until the output ends or stays silent for
        `quiet` seconds."""
        lines = []
        while True:
            try:
                line = self.queue.get(timeout=quiet)
            except queue.Empty:
                return lines
            if line is None:
                return lines
            lines.append(line)


def edit_one_word(letter: Path, word: str = WORD) -> None:
    """Correct the first " the " of the letter's body to `word`, encoded as sic/corr."""
    text = letter.read_text(encoding="utf-8")
    found = re.compile(r"(?<= )the(?= )").search(text, text.index("<p>", text.index("<body")))
    letter.write_text(text[:found.start()] + f'<choice><sic>the</sic><corr cert="high">{word}</corr></choice>'
                      + text[found.end():], encoding="utf-8")


def measure(tei_dir: Path, out_dir: Path, jobs: int | None = None, deadline: float = 600) -> ServeFigures:
    """Start `edition serve` on `tei_dir` into `out_dir`, edit one word of the middle letter once
    it serves, and time the preview and the follow-up build (each wait bounded by `deadline`)."""
    letters = sorted((Path(tei_dir) / "letters").glob("*.xml"))
    letter = letters[len(letters) // 2]
    page = Path(out_dir) / "letters" / f"{letter.stem}.html"
    command = [sys.executable, "-m", "edition.cli", "serve", "--tei", str(tei_dir), "--out", str(out_dir), "--port", "0"]
    process = subprocess.Popen(command + (["--jobs", str(jobs)] if jobs else []), stderr=subprocess.PIPE, text=True,
                               stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[2])
    try:
        lines = ServeLines(process.stderr)
        lines.wait_for(r"at http://127\.0\.0\.1:\d+/", deadline, FAILED)
        if WORD.encode() in page.read_bytes():
            raise ServeFailed(f"{page} already holds {WORD!r}: the edit could not be seen")
        cpu, start = cpu_seconds(process.pid), time.perf_counter()
        edit_one_word(letter)
        shown = _wait_for_word(page, deadline)
        preview, preview_cpu = time.perf_counter() - start, cpu_seconds(process.pid)
        lines.wait_for(r"the rest of the site is up to date", deadline, FAILED)
        follow_up, follow_up_cpu = time.perf_counter() - start - preview, cpu_seconds(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return ServeFigures(round(preview, 3), _difference(cpu, preview_cpu), round(follow_up, 3),
                        _difference(preview_cpu, follow_up_cpu), shown)


def _wait_for_word(page: Path, deadline: float) -> bytes:
    """The page's bytes once they hold WORD."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            data = page.read_bytes()
        except OSError:  # between the two renames of a build's swap, where there is no exchange
            data = b""
        if WORD.encode() in data:
            return data
        time.sleep(POLL)
    raise ServeFailed(f"{page} never showed the edited word {WORD!r}")


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 3)
