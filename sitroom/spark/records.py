"""Model records <-> plain nested values (dicts, lists) that Spark rows and Parquet hold.

The conversion is driven by the dataclasses' type hints, so a field added to ``model.py`` is
carried without touching this module. Mappings become lists of ``{"key", "value"}`` entries:
a Spark ``MapType`` goes through a Java ``HashMap`` and would lose the order of a dict, and
the store writes some dicts in their own order. Nothing here imports pyspark, so the Parquet
loader runs without it.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, Mapping

Hint = Any


@functools.lru_cache(maxsize=None)
def field_hints(cls: type) -> tuple[tuple[str, Hint], ...]:
    """Return ``(name, resolved type hint)`` for every field of the dataclass ``cls``."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def optional_inner(hint: Hint) -> Hint | None:
    """Return ``X`` for ``X | None`` (None for any other hint)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


def to_plain(value: Any, hint: Hint) -> Any:
    """Return ``value`` (of type ``hint``) as nested dicts, lists and scalars."""
    if value is None:
        return None
    inner = optional_inner(hint)
    if inner is not None:
        return to_plain(value, inner)
    if dataclasses.is_dataclass(hint):
        return {name: to_plain(getattr(value, name), sub) for name, sub in field_hints(hint)}
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        item_hint = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        return [to_plain(v, item_hint or args[i]) for i, v in enumerate(value)]
    if origin is dict:
        return [{"key": k, "value": to_plain(v, args[1])} for k, v in value.items()]
    if hint is float:
        return float(value)  # Spark's DoubleType refuses a Python int
    return value


def revive(value: Any, hint: Hint) -> Any:
    """Return the typed value of ``hint`` from ``to_plain`` output (or a Parquet/Spark reading of it)."""
    if value is None:
        return None
    inner = optional_inner(hint)
    if inner is not None:
        return revive(value, inner)
    if dataclasses.is_dataclass(hint):
        return value if isinstance(value, hint) else from_plain(hint, value)  # type: ignore[arg-type]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        item_hint = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        return tuple(revive(v, item_hint or args[i]) for i, v in enumerate(value))
    if origin is dict:
        return {key: revive(item, args[1]) for key, item in _entries(value)}
    if hint is bytes:
        return bytes(value)
    if hint is float:
        return float(value)
    return value


def from_plain(cls: type, data: Mapping[str, Any]) -> Any:
    """Build the dataclass ``cls`` from a dict of plain values (missing fields keep their default)."""
    if not isinstance(data, Mapping):
        data = data.asDict()  # a pyspark Row
    kwargs = {name: revive(data[name], sub) for name, sub in field_hints(cls) if name in data}
    return cls(**kwargs)


def _entries(value: Any) -> list[tuple[Any, Any]]:
    # Our lists of {"key", "value"}; a Spark Row or a pyarrow (key, value) tuple reads the same.
    out = []
    for entry in value:
        if isinstance(entry, Mapping) or hasattr(entry, "asDict"):
            out.append((entry["key"], entry["value"]))
        else:
            out.append((entry[0], entry[1]))
    return out
