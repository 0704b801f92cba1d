"""Readers for CSV (.csv) and TSV (.tsv) tables of article records.

The header names the columns (case and surrounding spaces ignored): ``text`` or ``html``, and
optionally ``id``, ``url``, ``title``, ``outlet``, ``published``. A row with the wrong number of
fields is one Rejection naming its row and line; the other rows are still read. The record
key is the 1-based data row number.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from functools import partial
from typing import Any

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .records import BODY_FIELDS, from_fields
from .sniff import bom_encoding, text_problem
from .source import Source, reject, size_limit, too_many

LOGGER = logging.getLogger(__name__)

_Rows = Any  # the csv reader object (iterator of rows with ``line_num``)
_MAX_FIELD = 2**31 - 1  # csv.field_size_limit takes a C long; this fits everywhere


def read(source: Source, settings: IngestSettings, delimiter: str = ",") -> Iterator[RawDocument | Rejection]:
    """Yield one document per good row and one Rejection per bad row."""
    problem = text_problem(source.data)
    if problem:
        yield reject(source, f"{problem}, not a {_label(delimiter)} table as its name says")
        return
    text = _decode(source.data)
    if text is None:
        text = source.data.decode("cp1252", errors="replace")
        yield reject(source, "not valid UTF-8; read as Windows-1252, check the accents", severity="warning")
    # Article bodies easily pass csv's default 128 KiB field limit; the file size limit still holds.
    csv.field_size_limit(max(csv.field_size_limit(), min(size_limit(settings), _MAX_FIELD)))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _header(rows)
    if not any(name in header for name, _ in BODY_FIELDS):
        shown = ", ".join(repr(h) for h in header) or "nothing"
        yield reject(source, f"no 'text' or 'html' column in the header row (found {shown})")
        return
    yield from _rows(source, rows, header, settings)


read_tsv = partial(read, delimiter="\t")


def _header(rows: _Rows) -> list[str]:
    try:
        first: list[str] = next(rows, [])
    except csv.Error:
        return []
    return [name.strip().lower() for name in first]


def _rows(
    source: Source, rows: _Rows, header: list[str], settings: IngestSettings
) -> Iterator[RawDocument | Rejection]:
    number = 0
    line = rows.line_num  # where the header row ended (quoted newlines span lines)
    while True:
        start = line + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            line = rows.line_num
            yield reject(source, f"row {number} (line {start}): {exc}", str(number))
            continue
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines between rows carry nothing
        number += 1
        if number > settings.max_records:
            yield too_many(source, settings)
            break
        yield _row(source, number, start, row, header)


def _row(source: Source, number: int, start: int, row: list[str], header: list[str]) -> RawDocument | Rejection:
    where = f"row {number} (line {start})"
    if len(row) != len(header):
        reason = f"{where}: {len(row)} fields, but the header has {len(header)}"
        return reject(source, reason, str(number))
    fields: dict[str, str] = {}
    for name, value in zip(header, row, strict=True):
        fields.setdefault(name, value)  # the first of two same-named columns wins
    return from_fields(source, str(number), fields, where)


def _decode(data: bytes) -> str | None:
    """Return the text of ``data`` (UTF-8 with or without BOM, or BOM-marked UTF-16/32), else None."""
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8":
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _label(delimiter: str) -> str:
    return "TSV" if delimiter == "\t" else "CSV"
