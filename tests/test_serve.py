"""`edition serve`: builds, serves the site on 127.0.0.1, shows a saved letter's page first and
then builds again, prints the validator's messages, and stops on Ctrl-C with one line.

The server runs as a subprocess on a free port (--port 0); every wait is bounded (a deadline,
not a speed requirement: a slow machine only makes the test slower).
"""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request

from edition.bench_serve import ServeLines
from test_site_support import REPO, copy_corpus

DEADLINE = 60  # seconds: the longest any one step may take before the test gives up


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_save_and_stops_on_ctrl_c(tmp_path):
    tei = copy_corpus(tmp_path)
    out = tmp_path / "site"
    letter = sorted((tei / "letters").glob("*.xml"))[0]
    process = subprocess.Popen([sys.executable, "-m", "edition.cli", "serve", "--tei", str(tei), "--out", str(out),
                                "--port", "0", "--jobs", "1"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    try:
        lines = ServeLines(process.stderr)
        port = lines.wait_for(r"at http://127\.0\.0\.1:(\d+)/", DEADLINE).group(1)
        url = f"http://127.0.0.1:{port}/letters/{letter.stem}.html"
        assert "Zanzibarian" not in _get(url)

        # A saved edit (an encoded correction, so the letter stays valid): the page shows it.
        text = letter.read_text(encoding="utf-8")
        word = re.compile(r"(?<= )the(?= )").search(text, text.index("<p>", text.index("<body")))
        letter.write_text(text[:word.start()] + '<choice><sic>the</sic><corr cert="high">Zanzibarian</corr></choice>'
                          + text[word.end():], encoding="utf-8")
        lines.wait_for(rf"letters/{re.escape(letter.stem)}\.html updated in \d+\.\d\d s; the rest of the site follows", DEADLINE)
        assert "Zanzibarian" in _get(url)  # served once the preview says so
        lines.wait_for(r"letters built into", DEADLINE)
        lines.wait_for(r"the rest of the site is up to date", DEADLINE)
        assert "Zanzibarian" in _get(url)

        # An invalid save (a word that is not the witness's): the validator's message is
        # printed and the previous site stays served.
        letter.write_text(letter.read_text(encoding="utf-8").replace("Zanzibarian</corr></choice>",
                                                                     "Zanzibarian</corr></choice> Ruritanian", 1),
                          encoding="utf-8")
        lines.wait_for(rf"{re.escape(letter.name)}:\d+:\d+: error: .*Ruritanian", DEADLINE)
        lines.wait_for(r"1 error\(s\) found; nothing was updated \(fix them and save again\)", DEADLINE)
        page = _get(url)
        assert "Zanzibarian" in page and "Ruritanian" not in page

        # A register changed: no preview, the whole build runs again.
        register = tei / "registers" / "places.xml"
        register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        lines.wait_for(r"a file changed; building again", DEADLINE)
        lines.wait_for(r"the corpus was not built", DEADLINE)  # the letter is still invalid

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=DEADLINE) == 0
        rest = [line.rstrip("\n") for line in lines.rest()]  # what came after the last wait
        assert rest == ["edition serve: stopped"]
        assert "Traceback" not in "".join(lines.seen)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_refuses_a_bad_port(capsys):
    from edition.cli import main

    assert main(["serve", "--port", "70000"]) == 2
    assert "--port must be between 0 and 65535" in capsys.readouterr().err
