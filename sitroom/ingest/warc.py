"""Reader for web archives (.warc, .warc.gz) via warcio: one document per archived HTML page.

Only ``response`` (HTTP 2xx) and ``resource`` records whose Content-Type is HTML become
documents; requests, metadata, redirects and non-HTML payloads are skipped with a debug log.
``meta["url"]`` is WARC-Target-URI and ``fetched_at`` is WARC-Date. WARC-Date is when the page
was crawled, not published, so it is never given as ``published``. The record key is the
1-based record number in the archive. A file cut short keeps the pages read before the cut.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from .sniff import GZIP_MAGIC
from .source import HTML, Source, document, gunzip_head, gzip_problem, reject, size_limit, too_many

LOGGER = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_TYPES = ("response", "resource")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)", re.IGNORECASE | re.MULTILINE)


@dataclass(slots=True)
class _Progress:
    records: int = 0
    pages: int = 0
    damage: str | None = None


def read(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield one document per HTML page in the archive and a Rejection if the file is damaged."""
    compressed = source.data.startswith(GZIP_MAGIC)
    if not _starts_like_warc(source.data, compressed):
        yield reject(source, "not a WARC file (it does not start with a 'WARC/' version line)")
        return
    progress = _Progress()
    records = iter(ArchiveIterator(io.BytesIO(source.data)))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio reports damage as anything from ValueError to AttributeError
            progress.damage = f"{type(exc).__name__}: {exc}"
            break
        if progress.records >= settings.max_records:
            yield too_many(source, settings)
            return
        item = _record(source, progress, record, settings)
        if item is not None:
            yield item
    damage = progress.damage or _truncation(source.data, compressed)
    if damage:
        reason = f"WARC file is truncated or corrupt after {progress.records} complete records"
        yield reject(source, f"{reason} ({progress.pages} HTML pages kept): {damage}")


def _starts_like_warc(data: bytes, compressed: bool) -> bool:
    head = gunzip_head(data, 4096) if compressed else data[:16]
    return head.lstrip()[:5].upper() == b"WARC/"


def _record(
    source: Source, progress: _Progress, record: Any, settings: IngestSettings
) -> RawDocument | Rejection | None:
    """Read one record; count it as complete only when all its bytes were there."""
    number = progress.records + 1
    skip = _skip_reason(record)
    if skip:
        LOGGER.debug("%s record %d skipped: %s", source.path, number, skip)
        progress.records += 1
        return None
    try:
        content = record.content_stream().read(size_limit(settings) + 1)
        _drain(record)
    except Exception as exc:  # decoding a damaged or oddly encoded HTTP body fails many ways
        progress.records += 1
        reason = f"record {number}: cannot decode the HTTP body ({type(exc).__name__}: {exc})"
        return reject(source, reason, str(number))
    if getattr(record.raw_stream, "limit", 0) > 0:
        progress.damage = f"record {number} is cut short"
        return None
    progress.records += 1
    if len(content) > size_limit(settings):
        reason = f"record {number}: page larger than {settings.max_file_mb:g} MiB (ingest.max_file_mb)"
        return reject(source, reason, str(number))
    if not content.strip():
        LOGGER.debug("%s record %d skipped: empty body", source.path, number)
        return None
    progress.pages += 1
    return _page(source, number, record, content)


def _skip_reason(record: Any) -> str | None:
    """Return why ``record`` is not an archived HTML page, or None when it is one."""
    if record.rec_type not in _PAGE_TYPES:
        return f"{record.rec_type} record"
    if record.rec_type == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = str(record.http_headers.get_statuscode() or "")
        if not status.startswith("2"):
            return f"HTTP status {status or 'missing'}"
    media = _content_type(record).split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return f"content type {media or 'missing'}"
    return None


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return str(headers.get_header("Content-Type") or "")


def _drain(record: Any) -> None:
    # Read what the body decoder left so the remaining byte count tells a cut-short record.
    while record.raw_stream.read(1 << 16):
        pass


def _page(source: Source, number: int, record: Any, content: bytes) -> RawDocument:
    headers = record.rec_headers
    meta: dict[str, str] = {}
    url = headers.get_header("WARC-Target-URI")
    if url:
        meta["url"] = str(url).strip("<> ")
    charset = _CHARSET.search(_content_type(record))
    if charset:
        meta["charset"] = charset.group(1).lower()  # the HTTP header's word helps segment decode
    fetched = headers.get_header("WARC-Date")
    return document(source, content, HTML, key=str(number), meta=meta, fetched_at=fetched or None)


def _truncation(data: bytes, compressed: bool) -> str | None:
    """Return why the archive ends mid-stream, when warcio itself stopped without a word."""
    if compressed:
        return gzip_problem(data)
    # Walk the record layout (headers, blank line, Content-Length bytes): warcio drops a
    # record whose body is missing without a word, and only this says the file was cut.
    pos, number = 0, 0
    while True:
        while data.startswith(b"\r\n", pos) or data.startswith(b"\n", pos):
            pos += 2 if data[pos] == 13 else 1
        if pos >= len(data):
            return None
        number += 1
        end = _BLANK_LINE.search(data, pos)
        length = _LENGTH.search(data, pos, end.start()) if end else None
        if end is None or length is None:
            return f"record {number} has no complete header"
        pos = end.end() + int(length.group(1))
        if pos > len(data):
            return f"the file ends inside record {number}"
