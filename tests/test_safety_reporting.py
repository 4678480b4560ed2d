"""Reports that cannot be flooded, forged or garbled, and Ctrl-C that never prints a traceback.

- Many errors in one file: located in linear time (each file's positions indexed once; no
  timing here, `edition bench` is for speed), and the report capped per file.
- One message = one line: file names and messages with line breaks, control or bidi characters
  are escaped visibly; no libxml2 internals; CR-only line ends located right.
- Ctrl-C (SIGINT) at any moment of the console command: one line, status 130.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import HOSTILE, run_cli
from edition import report
from edition.report import MAX_PER_FILE, Problem, cap_per_file, printable
from edition.validate import validate

LETTER = "letter-2020-10-01-azerbaijan.xml"
# path:line:col: error|note: message [rule], nothing else on the line
LINE = re.compile(r"^[^\n]+:\d+:\d+: (error|note): [^\n]+ \[[a-z0-9-]+\]$")


def _add_to_a_header_note(corpus: Path, addition: str) -> Path:
    """Add markup to an editorial note of the header: its pointers are checked like any other,
    while the text of the letter stays that of its witness (so no witness-text problem joins in)."""
    letter = corpus / "letters" / LETTER
    text = letter.read_text(encoding="utf-8")
    end = text.index("</note>", text.index("<notesStmt>"))
    letter.write_text(text[:end] + addition + text[end:], encoding="utf-8")
    return letter


# ---------------------------------------------------------------- 6. many errors

def test_twenty_thousand_errors_on_one_line_are_capped(corpus):
    letter = _add_to_a_header_note(corpus, '<persName ref="pers:nobody">x</persName>' * 20_000)
    result = run_cli("validate", str(corpus))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == MAX_PER_FILE + 1
    assert all(LINE.match(line) for line in lines)
    assert lines[-1].endswith(f"note: {20_000 - MAX_PER_FILE} more problems in this file are not shown: "
                              "fix the ones above and validate again [report-capped]")
    assert "20000 errors" in result.stderr, "the summary counts every error"
    # the columns of the first problems are those of the 1st, 2nd, … persName of the line
    source = letter.read_text(encoding="utf-8").splitlines()
    line_number = int(lines[0].split(":")[1])
    starts = [m.start() + 1 for m in re.finditer(r"<persName ref=\"pers:nobody\"", source[line_number - 1])]
    columns = [int(line.split(":")[2]) for line in lines[:5]]
    assert columns == [starts[i] + len("<persName ") for i in range(5)], "at the @ref of each persName"


def test_positions_are_indexed_once_per_file(corpus, monkeypatch):
    """Locating is linear: the line and tree of a file are scanned once, however many problems."""
    _add_to_a_header_note(corpus, '<persName ref="pers:nobody">x</persName>' * 500)
    made = []
    original = report._ColumnIndex.__init__

    def counting(self, root, lines):
        made.append(root)
        original(self, root, lines)

    monkeypatch.setattr(report._ColumnIndex, "__init__", counting)
    problems = validate([corpus], jobs=1)
    assert len(problems) == 500
    assert len(made) == 1
    assert len({p.col for p in problems}) == 500, "each problem has its own column"


def test_cap_counts_the_rest_per_file():
    problems = [Problem(Path("a.xml"), n, 1, "m", "r") for n in range(1, 206)] + [Problem(Path("b.xml"), 1, 1, "m", "r")]
    capped = cap_per_file(problems, limit=200)
    assert len(capped) == 202
    note = capped[200]
    assert (note.path, note.line, note.severity, note.rule) == (Path("a.xml"), 201, "note", "report-capped")
    assert note.message.startswith("5 more problems")
    assert capped[201].path == Path("b.xml")


# ---------------------------------------------------------------- 7. message hygiene

def test_file_name_with_a_line_break_cannot_inject_lines(tmp_path):
    bad = tmp_path / "bad\nforged.xml:1:1: error: forged [none].xml"
    bad.write_bytes((HOSTILE / "malformed.xml").read_bytes())
    result = run_cli("validate", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stdout.splitlines()
    assert "bad\\x0aforged.xml" in line and line.endswith("[xml-wellformed]") and LINE.match(line)


def test_bidi_and_control_characters_are_shown_escaped(corpus, tmp_path):
    bad = tmp_path / "invoice\u202egpj\x1b[2J.xml"
    bad.write_bytes((HOSTILE / "malformed.xml").read_bytes())
    result = run_cli("validate", str(bad))
    assert "\u202e" not in result.stdout and "\x1b" not in result.stdout
    assert "invoice\\u202egpj\\x1b[2J.xml" in result.stdout
    # a value quoted in a message
    _add_to_a_header_note(corpus, '<persName ref="pers:a\u202eb\u2066c">x</persName>')
    result = run_cli("validate", str(corpus))
    assert result.returncode == 1
    assert "\u202e" not in result.stdout and "\u2066" not in result.stdout
    assert "pers:a\\u202eb\\u2066c" in result.stdout
    assert all(LINE.match(line) for line in result.stdout.splitlines())


def test_printable_escapes():
    assert printable("a\nb\rc\td\x1b[31m\u200f\u2066\u2028\ufeff") == "a\\x0ab\\x0dc\\x09d\\x1b[31m\\u200f\\u2066\\u2028\\ufeff"
    assert printable("Ağdam – Շուշի «quoted»") == "Ağdam – Շուշի «quoted»", "letters of any script stay as they are"


def test_every_hostile_file_gives_one_line_per_problem():
    result = run_cli("validate", str(HOSTILE))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(HOSTILE.glob("*.xml")))
    assert all(LINE.match(line) for line in lines), result.stdout


@pytest.mark.parametrize("case", ["text", "attribute"])
def test_libxml2_limits_are_said_without_its_internals(tmp_path, case):
    big = "x" * (10_000_001)
    body = f"<p>{big}</p>" if case == "text" else f'<p rend="{big}">x</p>'
    path = tmp_path / "huge.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{body}\n</TEI>\n',
                    encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{path}:3:") and line.endswith("[xml-limit]") and "10,000,000 characters" in line
    message = line.split(": error: ", 1)[1]
    assert "XML_PARSE" not in message and "libxml" not in message.lower() and "Resource limit" not in message


def test_cr_only_line_ends_are_located(corpus, tmp_path):
    letter = _add_to_a_header_note(corpus, '<placeName ref="pl:atlantis">Atlantis</placeName>')
    lf = letter.read_text(encoding="utf-8")
    expected_line = next(n for n, text in enumerate(lf.split("\n"), 1) if "pl:atlantis" in text)
    expected_col = lf.split("\n")[expected_line - 1].index('ref="pl:atlantis"') + 1
    letter.write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    (problem,) = validate([corpus])
    assert (problem.rule, problem.line, problem.col) == ("ptr-resolves", expected_line, expected_col)
    broken = tmp_path / "broken.xml"
    broken.write_bytes((HOSTILE / "malformed.xml").read_bytes().replace(b"\n", b"\r"))
    (problem,) = validate([broken])
    assert (problem.rule, problem.line, problem.col) == ("xml-wellformed", 5, 14), "as with LF line ends"
    latin = tmp_path / "latin.xml"
    latin.write_bytes((HOSTILE / "latin1-undeclared.xml").read_bytes().replace(b"\n", b"\r"))
    (problem,) = validate([latin])
    assert (problem.rule, problem.line, problem.col) == ("xml-encoding", 4, 9), "as with LF line ends"


# ---------------------------------------------------------------- 8. Ctrl-C

def _console_script() -> Path:
    script = Path(sys.executable).parent / "edition"
    if not script.is_file():
        pytest.skip("the console script is not installed next to this Python")
    return script


def _after_python_starts(process: subprocess.Popen, delay: float) -> bool | None:
    """Wait until the child's Python catches SIGINT (its handler is installed early in the
    interpreter's start-up, which is out of the edition's reach: a signal before it kills the
    process, -2), then `delay` more seconds. On a loaded machine start-up alone can take longer
    than the delays below, so they count from there, not from the fork. Returns whether the
    handler was seen (None where /proc cannot tell)."""
    status = Path(f"/proc/{process.pid}/status")
    deadline = time.monotonic() + 60
    seen: bool | None = None  # None: /proc could not tell
    while time.monotonic() < deadline and process.poll() is None:
        try:
            caught = next(line for line in status.read_text().splitlines() if line.startswith("SigCgt:"))
        except (OSError, StopIteration):
            break  # no /proc: fall back on the delay alone
        seen = bool(int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1)))
        if seen:
            break
        time.sleep(0.005)
    time.sleep(delay)
    return seen


@pytest.fixture(scope="module")
def many_letters(tmp_path_factory) -> Path:
    """A corpus of 150 letters (the real ones replicated): its build lasts several seconds, so
    every signal below arrives while the command is still at work."""
    from edition import paths
    from edition.bench import make_corpus

    tei = tmp_path_factory.mktemp("many") / "tei"
    make_corpus(paths.TEI, tei, 150)
    return tei


@pytest.mark.parametrize("delay", [0.2, 0.35, 0.6, 1.0, 2.0])
def test_ctrl_c_at_any_moment_prints_one_line(tmp_path, many_letters, delay):
    """SIGINT while the command imports, validates or builds: one line, status 130, and the
    build leaves no staging folder behind. (Python's own start-up, its first few hundredths of a
    second, is out of the edition's reach; the next tests cover the earliest moments exactly.)"""
    out = tmp_path / "out"
    process = subprocess.Popen([str(_console_script()), "build", "--tei", str(many_letters), "--out", str(out),
                                "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    caught = _after_python_starts(process, delay)
    running = process.poll() is None
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    # a build that ended before the signal was sent was never interrupted: say why, not "lost"
    assert running, f"the build ended before the signal (its SIGINT handler seen: {caught}): {stderr!r}"
    assert process.returncode == 130, (process.returncode, stderr)
    assert stderr == "edition: interrupted\n" and stdout == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


# The build's _start_pool in a fresh interpreter, its pool replaced by one that gets a Ctrl-C
# while it starts. Fresh: with one thread only, the signal goes to the thread that blocks it (in
# pytest's process, a thread left by another test could take it while it is ignored).
POOL_INTERRUPTED = """
import os, signal
from edition import build

class Started:
    terminated = False
    def Pool(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return self
    def terminate(self):
        self.terminated = True

pool = Started()
build.get_context = lambda method: pool
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    build._start_pool(1, setup=None)
    print("not raised")
except KeyboardInterrupt:
    print("raised; pool stopped:", pool.terminated, "; handler back:",
          signal.getsignal(signal.SIGINT) is signal.default_int_handler, "; unblocked:",
          signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set()))
"""


def test_ctrl_c_while_the_workers_start_is_not_lost():
    """A Ctrl-C that arrives while the pool starts (SIGINT ignored then, for the workers to
    inherit) is raised once the build's handler is back, and the pool just started is stopped;
    it used to be discarded."""
    result = subprocess.run([sys.executable, "-c", POOL_INTERRUPTED], capture_output=True, text=True, timeout=120)
    assert (result.stdout, result.stderr) == (
        "raised; pool stopped: True ; handler back: True ; unblocked: True\n", "")


# SIGINT at an exact moment: right after the package is imported (before edition.cli and
# argparse), and inside main while the subcommand's module is being imported.
EARLY = """
import os, signal, sys
sys.argv = [os.path.join(os.path.dirname(sys.executable), "edition"), "validate"]
import edition
os.kill(os.getpid(), signal.SIGINT)
import edition.cli
sys.exit(edition.cli.main())
"""
DURING_IMPORTS = """
import os, signal, sys
sys.argv = [os.path.join(os.path.dirname(sys.executable), "edition"), "validate"]
import edition.cli as cli
real = cli.import_module
def interrupted_import(name):
    os.kill(os.getpid(), signal.SIGINT)
    return real(name)
cli.import_module = interrupted_import
sys.exit(cli.main())
"""


@pytest.mark.parametrize("script", [EARLY, DURING_IMPORTS], ids=["before-the-cli-module", "during-subcommand-imports"])
def test_ctrl_c_during_imports(script):
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr, result.stdout) == (130, "edition: interrupted\n", "")


def test_ctrl_c_through_python_m(tmp_path, many_letters):
    process = subprocess.Popen([sys.executable, "-m", "edition.cli", "build", "--tei", str(many_letters),
                                "--out", str(tmp_path / "out"), "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _after_python_starts(process, 0.3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130 and stderr == "edition: interrupted\n"
    assert not (tmp_path / "out").exists()


# The build with its process pool (forced, whatever the number of letters), run as the console command.
POOLED = """
import os, sys
sys.argv = [os.path.join(os.path.dirname(sys.executable), "edition"), "build", "--tei", sys.argv[2],
            "--out", sys.argv[1], "--jobs", "2"]
import edition.cli as cli
import edition.build as build
build.POOL_THRESHOLD = 1
sys.exit(cli.main())
"""


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_ctrl_c_in_a_terminal_reaches_the_workers_too(tmp_path, many_letters, delay):
    """A terminal sends SIGINT to the whole process group, the pool's workers included: still
    one line (the workers start with SIGINT ignored and are stopped by the command)."""
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", POOLED, str(out), str(many_letters)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    _after_python_starts(process, delay)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr, stdout) == (130, "edition: interrupted\n", "")
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == []
