"""Reader for RSS and Atom feeds (.rss, .atom, .xml): one document per entry, via feedparser.

An entry's content (else its summary) is the document; its link, title, id and publication
date, and the feed's title as outlet, go to ``meta``. The record key is the 1-based entry number.
Feeds whose DOCTYPE declares entities are rejected before any parser sees them: that is how
entity-expansion bombs ("billion laughs") work, and news feeds have no need for them.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .sniff import bom_encoding, kind_of, text_problem
from .source import HTML, TEXT, Source, document, reject, too_many

LOGGER = logging.getLogger(__name__)

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")


def read(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield one document per feed entry that has content, and a Rejection for the others."""
    problem = text_problem(source.data) or entity_problem(source.data) or _not_a_feed(source.data)
    if problem:
        yield reject(source, problem)
        return
    parsed = feedparser.parse(io.BytesIO(source.data))  # a stream: feedparser never fetches it
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield reject(source, f"not a well-formed feed ({parsed.get('bozo_exception')})")
        else:
            yield reject(source, "feed has no entries", severity="warning")
        return
    if parsed.get("bozo"):
        LOGGER.debug("%s: malformed feed read leniently (%s)", source.path, parsed.get("bozo_exception"))
    outlet = str(parsed.get("feed", {}).get("title") or "").strip()
    for number, entry in enumerate(entries, start=1):
        if number > settings.max_records:
            yield too_many(source, settings)
            break
        yield _entry(source, number, entry, outlet)


def entity_problem(data: bytes) -> str | None:
    """Return why ``data`` must not be parsed when it declares XML entities, else None."""
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8":
        data = data.decode(encoding, errors="replace").encode("utf-8")
    if _ENTITY_DECL.search(data):
        return "feed declares XML entities (<!ENTITY ...>), as entity-expansion bombs do; not parsed"
    return None


def _not_a_feed(data: bytes) -> str | None:
    kind = kind_of(data)
    if kind == "feed":
        return None
    if kind == "xml":
        root = _ROOT.search(data.split(b"?>", 1)[-1])
        name = root.group(1).decode("ascii", "replace") if root else "?"
        return f"XML file is not an RSS or Atom feed (root element <{name}>)"
    return f"not an RSS or Atom feed (content looks like {kind})"


def _entry(source: Source, number: int, entry: Any, outlet: str) -> RawDocument | Rejection:
    key = str(number)
    value, kind = _body(entry)
    if not value.strip():
        return reject(source, f"entry {number}: no content or summary", key, severity="warning")
    meta = {"id": entry.get("id"), "url": entry.get("link"), "title": entry.get("title"), "outlet": outlet}
    meta["published"] = _published(entry)
    given = {k: str(v).strip() for k, v in meta.items() if v and str(v).strip()}
    given["charset"] = "utf-8"  # feedparser hands us text; we encode it, so segment need not guess
    media = TEXT if kind == "text/plain" else HTML
    return document(source, value.encode("utf-8", errors="replace"), media, key=key, meta=given)


def _body(entry: Any) -> tuple[str, str]:
    """Return (value, type) of the entry's full content if any, else of its summary."""
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml", None):
        for item in contents:
            if wanted is None or item.get("type") == wanted:
                return str(item.get("value") or ""), str(item.get("type") or "text/html")
    detail = entry.get("summary_detail") or {}
    return str(entry.get("summary") or ""), str(detail.get("type") or "text/html")


def _published(entry: Any) -> str | None:
    """Return the entry date as ISO 8601 in the feed's own offset (so the local day survives)."""
    raw = entry.get("published") or entry.get("updated") or entry.get("created")
    if not raw:
        return None
    raw = str(raw).strip()
    for parse in (parsedate_to_datetime, _iso):
        try:
            return parse(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            continue
    return raw  # unparsed but given: segment's date parser gets the original string


def _iso(raw: str) -> datetime:
    return datetime.fromisoformat(raw.replace("Z", "+00:00"))
