"""events.parquet: the stored events with a typed schema derived from ``model.Event``.

Each field's type hint picks its Arrow type: strings, 64-bit integers, doubles and booleans
(nullable exactly when the hint allows None), ``tuple[str, ...]`` as ``list<string>``,
``dict[str, int]`` as ``map<string, int64>``, and the evidence spans as one JSON string.
``read_events_parquet`` turns the file back into equal Events.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import types
import typing
from pathlib import Path
from typing import Any, Union

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Event, Evidence
from ..store import Store
from .acled_csv import sorted_events
from .files import write_atomic

LOGGER = logging.getLogger(__name__)

FILENAME = "events.parquet"

_SCALARS: dict[Any, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
# Fields whose values are records: they travel as JSON text, which every Parquet reader can open.
_JSON_FIELDS = frozenset({"evidence"})


def arrow_type(hint: Any) -> tuple[pa.DataType, bool]:
    """Return the Arrow type of a type hint and whether it is nullable; TypeError when unmapped."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"cannot map {hint!r} to Arrow")
        return arrow_type(rest[0])[0], True
    if hint in _SCALARS:
        return _SCALARS[hint], False
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return pa.list_(arrow_type(args[0])[0]), False
    if origin is dict and args and args[0] is str and args[1] in _SCALARS:
        return pa.map_(pa.string(), _SCALARS[args[1]]), False
    raise TypeError(f"cannot map {hint!r} to Arrow")


def event_schema() -> pa.Schema:
    """Return the Arrow schema of Event, one column per field in field order."""
    hints = typing.get_type_hints(Event)
    fields = []
    for spec in dataclasses.fields(Event):
        if spec.name in _JSON_FIELDS:
            fields.append(pa.field(spec.name, pa.string(), nullable=False))
            continue
        kind, nullable = arrow_type(hints[spec.name])
        fields.append(pa.field(spec.name, kind, nullable=nullable))
    metadata = {"sitroom.record": "Event", "sitroom.json_fields": ",".join(sorted(_JSON_FIELDS))}
    return pa.schema(fields, metadata=metadata)


def events_table(events: list[Event]) -> pa.Table:
    """Return ``events`` as an Arrow table with ``event_schema()``."""
    schema = event_schema()
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for event in events:
        for name in schema.names:
            columns[name].append(_cell(name, getattr(event, name)))
    return pa.table(columns, schema=schema)


def _cell(name: str, value: Any) -> Any:
    if name in _JSON_FIELDS:
        return json.dumps({k: v.to_dict() for k, v in value.items()}, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dict):
        return sorted(value.items())  # map entries in key order, so files are byte-stable
    if isinstance(value, tuple):
        return list(value)
    return value


def events_from_table(table: pa.Table) -> list[Event]:
    """Return the Events held by a table written by ``events_table``."""
    maps = {f.name for f in table.schema if pa.types.is_map(f.type)}
    lists = {f.name for f in table.schema if pa.types.is_list(f.type)}
    out = []
    for row in table.to_pylist():
        for name in _JSON_FIELDS:
            row[name] = {k: Evidence.from_dict(v) for k, v in json.loads(row[name]).items()}
        for name in maps:
            row[name] = dict(row[name])  # Arrow hands map cells back as (key, value) pairs
        for name in lists:
            row[name] = tuple(row[name])
        out.append(Event(**row))
    return out


def read_events_parquet(path: Path) -> list[Event]:
    """Read ``events.parquet`` back into Events."""
    return events_from_table(pq.read_table(path))


def write_events_parquet(store: Store, out_dir: Path) -> Path:
    """Write ``events.parquet`` into ``out_dir`` and return its path."""
    sink = pa.BufferOutputStream()
    pq.write_table(events_table(sorted_events(store.events())), sink, compression="zstd")
    return write_atomic(out_dir / FILENAME, sink.getvalue().to_pybytes())
