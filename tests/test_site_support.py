"""Shared by the build tests: one build of the real corpus per test session, and small helpers.

Building takes about a second, so every test module that looks at the built site asks
`built_site()` for it and gets the same build (it is cached for the session). Tests that need a
changed corpus copy `tei/` into a temporary folder with `copy_corpus()` and change the copy.
This module has no tests of its own.
"""
from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path

from lxml import etree, html

from edition import paths
from edition.build import build

REPO = Path(__file__).resolve().parents[1]
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}

_SITE: Path | None = None


def built_site() -> Path:
    """The real corpus built once into a temporary folder (validation is tested elsewhere).

    Validation is skipped here so that the rendering tests speak about rendering; the build's
    refusal of an invalid corpus has tests of its own (test_build.py).
    """
    global _SITE
    if _SITE is None:
        root = Path(tempfile.mkdtemp(prefix="edition-site-"))
        atexit.register(shutil.rmtree, root, True)  # removed when the test session ends
        out = root / "site"
        status = build(paths.TEI, out, quiet=True, validate_first=False)
        assert status == 0, "the real corpus does not build; run `edition build` to see why"
        _SITE = out
    return _SITE


def letter_files() -> list[Path]:
    return sorted(paths.LETTERS.glob("*.xml"))


def letter_ids() -> list[str]:
    return [p.stem for p in letter_files()]


def copy_corpus(target: Path) -> Path:
    """A copy of tei/ (letters and registers) to change without touching the real one."""
    shutil.copytree(paths.TEI, target / "tei")
    return target / "tei"


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `root`."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def parse_html(path: Path) -> html.HtmlElement:
    """Parse a built page (the site's own output: no DOCTYPE entities, no network)."""
    parser = html.HTMLParser(encoding="utf-8", no_network=True)
    return html.fromstring(path.read_bytes(), parser=parser)


def parse_tei(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
