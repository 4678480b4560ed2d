"""How validation spreads files over worker processes: every file once, in order, in short chunks."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.validate import MAX_CHUNK, _chunks


@pytest.mark.parametrize("count, jobs", [(1, 2), (7, 2), (200, 2), (10_000, 2), (10_000, 8)])
def test_chunks_cover_every_file_once_in_order_and_stay_short(count, jobs):
    files = [Path(f"f{i:05d}.xml") for i in range(count)]
    chunks = _chunks(files, jobs)
    assert [f for chunk in chunks for f in chunk] == files
    assert all(0 < len(chunk) <= MAX_CHUNK for chunk in chunks)
    # enough chunks for every worker to have several (the work balances out)
    assert len(chunks) >= min(count, jobs * 4)
