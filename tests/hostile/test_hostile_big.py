"""A 200 MB text file under the default size limit is rejected by name without being read."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from sitroom.config import IngestSettings
from sitroom.ingest import read_file
from sitroom.model import Rejection

from .corpus import GOOD_TEXT


def _write_big(path: Path, mb: int) -> None:
    line = (GOOD_TEXT.replace("\n", " ") + "\n").encode("utf-8")
    chunk = line * (2**20 // len(line) + 1)
    with path.open("wb") as handle:
        written = 0
        while written < mb * 2**20:
            handle.write(chunk)
            written += len(chunk)


def test_hostile_200mb_text_is_rejected_with_the_limit_and_never_loaded(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    _write_big(big, 200)
    settings = IngestSettings()
    tracemalloc.start()
    try:
        items = list(read_file(str(big), settings))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], Rejection)
    rejection = items[0]
    assert rejection.path == str(big) and rejection.severity == "error"
    assert "over the limit of 50 MiB" in rejection.reason and "ingest.max_file_mb" in rejection.reason
    assert peak < 5 * 2**20, f"reading a rejected file allocated {peak / 2**20:.1f} MiB"
