"""Readers for JSON Lines (.jsonl, .ndjson) and JSON arrays (.json) of article records.

Each record is an object with ``text`` or ``html`` and optional ``id``, ``url``, ``title``,
``outlet``, ``published``. A bad line is one Rejection naming its line number; the other lines
are still read. The record key is the line number (JSONL) or the 1-based array index (JSON).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .records import from_fields, type_name
from .sniff import bom_encoding, strip_bom, text_problem
from .source import Source, reject, too_many

LOGGER = logging.getLogger(__name__)

# After this many bad lines in one file the rest are counted, not listed one by one.
MAX_LISTED_ERRORS = 100


def read(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield one document per good line and one Rejection per bad line."""
    problem = text_problem(source.data)
    if problem:
        yield reject(source, f"{problem}, not JSON Lines as its name says")
        return
    data = _utf8(source.data)
    first = data.lstrip()[:1]
    if first != b"{":
        yield reject(source, f"not JSON Lines: the first line does not start with '{{' (found {_show(first)})")
        return
    yield from _lines(source, data, settings)


def _lines(source: Source, data: bytes, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    count = errors = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        count += 1
        if count > settings.max_records:
            yield too_many(source, settings)
            break
        item = _line(source, number, line)
        if isinstance(item, Rejection):
            errors += 1
            if errors > MAX_LISTED_ERRORS:
                continue
        yield item
    if errors > MAX_LISTED_ERRORS:
        yield reject(source, f"{errors - MAX_LISTED_ERRORS} more bad lines not listed ({errors} in all)")


def _line(source: Source, number: int, line: bytes) -> RawDocument | Rejection:
    key = str(number)
    try:
        value = json.loads(line)
    except UnicodeDecodeError:
        return reject(source, f"line {number}: not valid UTF-8", key)
    except json.JSONDecodeError as exc:
        return reject(source, f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})", key)
    if not isinstance(value, dict):
        return reject(source, f"line {number}: expected a JSON object, got {type_name(value)}", key)
    return from_fields(source, key, value, f"line {number}")


def read_json(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield one document per object of a JSON array (or the single object) in a .json file."""
    problem = text_problem(source.data)
    if problem:
        yield reject(source, f"{problem}, not JSON as its name says")
        return
    data = _utf8(source.data)
    try:
        value: Any = json.loads(data)
    except UnicodeDecodeError:
        yield reject(source, "not valid UTF-8 JSON")
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and data.lstrip().startswith(b"{"):
            # One object per line under a .json name: that is JSON Lines.
            yield from _lines(source, data, settings)
            return
        yield reject(source, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    yield from _items(source, value, settings)


def _items(source: Source, value: Any, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list):
        yield reject(source, f"expected a JSON array of objects, got {type_name(value)}")
        return
    for index, item in enumerate(items, start=1):
        if index > settings.max_records:
            yield too_many(source, settings)
            break
        if not isinstance(item, dict):
            yield reject(source, f"item {index}: expected a JSON object, got {type_name(item)}", str(index))
            continue
        yield from_fields(source, str(index), item, f"item {index}")


def _utf8(data: bytes) -> bytes:
    """Return ``data`` as UTF-8 bytes without a byte-order mark (UTF-16/32 files are re-encoded)."""
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8":
        return data.decode(encoding, errors="replace").lstrip("\ufeff").encode("utf-8")
    return strip_bom(data)


def _show(first: bytes) -> str:
    return repr(first.decode("latin-1")) if first else "nothing"
