"""Ingest: find input files and read each into RawDocuments (one per page or record).

``discover`` walks the inputs; ``read_file`` loads one file, picks a reader from ``READERS``
by extension (``EXTENSIONS``) or, failing that, by content, and yields what it reads. Bad input
never raises: it becomes a ``Rejection`` with stage ``ingest`` and a reason a person can act on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

from ..config import IngestSettings
from ..model import RawDocument, Rejection
from . import csvfile, feed, htmlpage, jsonl, plaintext, warc
from .discover import Discovery, discover
from .sniff import GZIP_MAGIC, kind_of, text_problem
from .source import STAGE, Reader, Source, gunzip, gunzip_head, reject, sha256_hex, size_limit

LOGGER = logging.getLogger(__name__)

__all__ = ["EXTENSIONS", "READERS", "Discovery", "Reader", "Source", "discover", "read_file"]

# Reader name -> reader. Plugins add formats by adding entries (see docs/ingest.md).
READERS: dict[str, Reader] = {
    "html": htmlpage.read,
    "text": plaintext.read,
    "jsonl": jsonl.read,
    "json": jsonl.read_json,
    "csv": csvfile.read,
    "tsv": csvfile.read_tsv,
    "feed": feed.read,
    "warc": warc.read,
}

# File extension (lower case, after removing ".gz") -> reader name.
EXTENSIONS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
# Content kinds from sniff.kind_of that have no reader of their own.
_SNIFFED = {"xml": "feed"}
# Readers that keep the good records of a partly damaged gzip file.
_CONTAINERS = frozenset({"jsonl", "json", "csv", "tsv"})


def read_file(path: str, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    """Yield the documents read from ``path`` and a Rejection for everything that could not be.

    Args:
        path: one file, as found by ``discover``.
        settings: ingest settings (size and record limits).

    Returns:
        An iterator of RawDocument and Rejection; it never raises for bad input.
    """
    raw = _load(path, settings)
    if isinstance(raw, Rejection):
        yield raw
        return
    name = os.path.basename(path)
    inner, gzipped = _inner_name(name, raw)
    kind = _reader_name(inner, raw, gzipped)
    if gzipped and kind != "warc":  # warcio reads gzip WARCs record by record itself
        yield from _read_gzip(path, name, raw, kind, settings)
        return
    source = Source(path, name, raw, sha256_hex(raw))
    yield from _run(kind, source, settings)


def _load(path: str, settings: IngestSettings) -> bytes | Rejection:
    """Read the file's bytes after checking type and size, so a huge file is never read."""
    limit = size_limit(settings)
    try:
        info = os.stat(path)
        if not os.path.isfile(path):
            return _reject(path, "not a regular file")
        if info.st_size == 0:
            return _reject(path, "empty file")
        if info.st_size > limit:
            return _reject(path, _too_big(info.st_size, settings))
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        return _reject(path, f"cannot read: {exc.strerror or exc}")
    if len(raw) > limit:
        return _reject(path, _too_big(len(raw), settings))
    return raw if raw else _reject(path, "empty file")


def _inner_name(name: str, raw: bytes) -> tuple[str, bool]:
    """Return the name without ``.gz`` and whether the bytes are gzip data."""
    lower = name.lower()
    inner = lower[:-3] if lower.endswith(".gz") else lower
    return inner, raw.startswith(GZIP_MAGIC)


def _reader_name(inner: str, raw: bytes, gzipped: bool) -> str:
    """Pick the reader from the extension, else from a look at the content."""
    extension = os.path.splitext(inner)[1]
    if extension == ".xml" and not gzipped and kind_of(raw) == "html":
        return "html"  # XHTML pages are saved as .xml too
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if gzipped:
        raw = gunzip_head(raw)  # enough of the head to sniff
    if not raw or text_problem(raw):
        return "unsupported"
    kind = kind_of(raw)
    return _SNIFFED.get(kind, kind)


def _read_gzip(
    path: str, name: str, raw: bytes, kind: str, settings: IngestSettings
) -> Iterator[RawDocument | Rejection]:
    unzipped = gunzip(raw, size_limit(settings))
    source = Source(path, name, unzipped.data, sha256_hex(raw), compressed=True)
    if unzipped.problem is None:
        yield from _run(kind, source, settings)
        return
    if kind in _CONTAINERS and unzipped.data:
        # Records before the damage are whole; the last, cut-off one fails on its own.
        yield reject(source, f"{unzipped.problem}; records before the damage were read")
        yield from _run(kind, source, settings)
        return
    yield reject(source, unzipped.problem)


def _run(kind: str, source: Source, settings: IngestSettings) -> Iterator[RawDocument | Rejection]:
    if not source.data:
        yield reject(source, "empty file (nothing inside the gzip data)")
        return
    reader = READERS.get(kind)
    if reader is None:
        problem = text_problem(source.data) or f"no reader for {kind!r} content"
        yield reject(source, f"unsupported file type: {problem}")
        return
    try:
        yield from reader(source, settings)
    except Exception as exc:  # one broken file must not stop the run; the reason is kept
        LOGGER.exception("%s: %s reader failed", source.path, kind)
        yield reject(source, f"{kind} reader failed: {type(exc).__name__}: {exc}")


def _reject(path: str, reason: str) -> Rejection:
    return Rejection(STAGE, path, path, reason)


def _too_big(size: int, settings: IngestSettings) -> str:
    return f"file is {_size(size)}, over the limit of {settings.max_file_mb:g} MiB (ingest.max_file_mb)"


def _size(size: int) -> str:
    mib = size / (1024 * 1024)
    return f"{mib:.1f} MiB" if mib >= 0.1 else f"{size:,} bytes"
