"""Turn one JSONL/JSON/CSV record (a mapping of fields) into a RawDocument or a Rejection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import RawDocument, Rejection
from .source import GIVEN_FIELDS, HTML, TEXT, Source, document, reject

# Body fields in order of preference: ``text`` is what the supplier already extracted, so it
# beats re-extracting the article from ``html``.
BODY_FIELDS: tuple[tuple[str, str], ...] = (("text", TEXT), ("html", HTML))


def from_fields(source: Source, key: str, fields: Mapping[str, Any], where: str) -> RawDocument | Rejection:
    """Return the document for one record; ``where`` names it in reasons (``line 3``, ``row 2``)."""
    body = _body(fields)
    if isinstance(body, str):
        return reject(source, f"{where}: {body}", key)
    meta = _meta(fields)
    if isinstance(meta, str):
        return reject(source, f"{where}: {meta}", key)
    value, media = body
    meta["charset"] = "utf-8"  # we encode the field ourselves, so segment need not guess
    try:
        content = value.encode("utf-8")
    except UnicodeEncodeError:
        # JSON can carry lone surrogates (\ud800) that no encoding accepts.
        return reject(source, f"{where}: text holds invalid Unicode (a lone surrogate)", key)
    return document(source, content, media, key=key, meta=meta)


def _body(fields: Mapping[str, Any]) -> tuple[str, str] | str:
    """Return (value, media_type) of the preferred non-empty body field, or why there is none."""
    found: list[tuple[str, str]] = []
    for name, media in BODY_FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"field {name!r} must be a string, got {type_name(value)}"
        if value.strip():
            found.append((value, media))
    if found:
        return found[0]
    present = [name for name, _ in BODY_FIELDS if name in fields]
    if present:
        return f"field {present[0]!r} is empty"
    return "no 'text' or 'html' field"


def _meta(fields: Mapping[str, Any]) -> dict[str, str] | str:
    """Return the given metadata as strings, or why a field has the wrong type."""
    meta: dict[str, str] = {}
    for name in GIVEN_FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric ids are common and unambiguous
        if not isinstance(value, str):
            return f"field {name!r} must be a string, got {type_name(value)}"
        if value.strip():
            meta[name] = value.strip()
    return meta


def type_name(value: Any) -> str:
    """Return the JSON name of ``value``'s type, for messages."""
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}
    return names.get(type(value), type(value).__name__)
