"""Atomic file writes shared by every exporter: readers never see a half-written export."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

# JSON allows these raw inside strings, but line-based readers (Python's str.splitlines among
# them) treat them as line breaks; escaping keeps one record per line.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def jsonl_line(record: dict[str, Any]) -> str:
    """Return one JSON Lines record: UTF-8 text kept as is, key order as given, newline-terminated."""
    line = json.dumps(record, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKS.items():
        line = line.replace(raw, escaped)
    return line + "\n"


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    """Write ``records`` as JSON Lines to ``path`` atomically."""
    return write_atomic(path, "".join(jsonl_line(r) for r in records).encode("utf-8"))
