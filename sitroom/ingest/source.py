"""What every reader gets (a ``Source``) and the two things it yields (documents, rejections)."""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..config import IngestSettings
from ..model import RawDocument, Rejection

LOGGER = logging.getLogger(__name__)

STAGE = "ingest"
HTML = "text/html"
TEXT = "text/plain"
# Keys a container may supply in RawDocument.meta; everything else it carries is ignored.
# Ingest adds ``file_sha256`` (records, gunzipped files) and ``charset`` (when it is known).
GIVEN_FIELDS = ("id", "url", "title", "outlet", "published")
_CHUNK = 1 << 14
_SNIFF_BYTES = 1 << 16
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer, not raw deflate


@dataclass(slots=True, frozen=True)
class Source:
    """One input file, read into memory, handed to a reader.

    ``data`` is the file's bytes, already gunzipped when the file was gzip; ``file_sha256`` is
    the hash of the bytes on disk; ``name`` is the basename used in article ids.
    """

    path: str
    name: str
    data: bytes
    file_sha256: str
    compressed: bool = False

    def key_path(self, key: str) -> str:
        """Return the path of record ``key`` inside this container."""
        return f"{self.path}::{key}"


Reader = Callable[[Source, IngestSettings], Iterator["RawDocument | Rejection"]]


def sha256_hex(data: bytes) -> str:
    """Return the full hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def document(
    source: Source,
    content: bytes,
    media_type: str,
    key: str | None = None,
    meta: dict[str, str] | None = None,
    fetched_at: str | None = None,
) -> RawDocument:
    """Build the RawDocument for the whole file (``key`` None) or for one record of it."""
    digest = sha256_hex(content)
    extra = dict(meta or {})
    if key is not None or source.compressed:
        # Records and gunzipped files hash differently from the file on disk; keep both.
        extra["file_sha256"] = source.file_sha256
    return RawDocument(
        doc_id=digest[:16],
        path=source.path if key is None else source.key_path(key),
        sha256=digest,
        media_type=media_type,
        content=content,
        name=source.name if key is None else f"{source.name}:{key}",
        fetched_at=fetched_at,
        meta=extra,
    )


def reject(source: Source, reason: str, key: str | None = None, severity: str = "error") -> Rejection:
    """Build an ingest Rejection for the file or for record ``key`` of it."""
    item = source.path if key is None else source.key_path(key)
    return Rejection(STAGE, item, source.path, reason, severity=severity)


def too_many(source: Source, settings: IngestSettings) -> Rejection:
    """Return the warning yielded when a container holds more than ``max_records`` records."""
    limit = settings.max_records
    return reject(
        source,
        f"stopped after {limit} records (ingest.max_records={limit}); the rest of the file was not read",
        severity="warning",
    )


def size_limit(settings: IngestSettings) -> int:
    """Return ``max_file_mb`` in bytes."""
    return int(settings.max_file_mb * 1024 * 1024)


@dataclass(slots=True, frozen=True)
class Gunzipped:
    """Result of gunzipping: the bytes recovered and, if it went wrong, why."""

    data: bytes
    problem: str | None = None


def gunzip(raw: bytes, limit: int) -> Gunzipped:
    """Decompress all gzip members of ``raw``, keeping what was read before any damage.

    Reading stops with a problem once more than ``limit`` bytes come out, so a small
    gzip bomb cannot fill memory.
    """
    return _inflate(raw, limit, keep=True)


def gunzip_head(raw: bytes, size: int = _SNIFF_BYTES) -> bytes:
    """Return up to ``size`` bytes from the start of gzip data ``raw`` (for sniffing), or b"" if unreadable."""
    try:
        return zlib.decompressobj(_GZIP_WBITS).decompress(raw[: size * 2], size)
    except zlib.error:
        return b""


def gzip_problem(raw: bytes) -> str | None:
    """Return why the gzip stream ``raw`` is corrupt or truncated, or None when it is intact."""
    return _inflate(raw, None, keep=False).problem


def _inflate(raw: bytes, limit: int | None, keep: bool) -> Gunzipped:
    # zlib rather than gzip.GzipFile: GzipFile drops the output of the read that hits a cut.
    # Input goes in small pieces so one piece of a bomb can inflate at most ~1000x its size.
    parts: list[bytes] = []
    total = pos = 0
    view = memoryview(raw)
    inflater, fresh = zlib.decompressobj(_GZIP_WBITS), True
    try:
        while pos < len(view):
            piece = view[pos : pos + _CHUNK]
            pos += len(piece)
            out = inflater.decompress(piece)
            fresh = False
            total += len(out)
            if limit is not None and total > limit:
                limit_mib = f"{limit / 2**20:g} MiB"
                return Gunzipped(b"", f"decompressed size exceeds the limit of {limit_mib} (ingest.max_file_mb)")
            if keep:
                parts.append(out)
            if inflater.eof:
                # Another gzip member may follow (as in .warc.gz); read its bytes again from the start.
                pos -= len(inflater.unused_data)
                inflater, fresh = zlib.decompressobj(_GZIP_WBITS), True
                if raw[pos : pos + 1] == b"\x00" and not raw[pos:].strip(b"\x00"):
                    break  # zero padding after the last member is harmless, as gzip says
    except zlib.error as exc:
        return Gunzipped(b"".join(parts), f"corrupt gzip data after {total:,} bytes ({exc})")
    if not fresh and not inflater.eof:
        return Gunzipped(b"".join(parts), f"truncated gzip data: the file ends after {total:,} decompressed bytes")
    return Gunzipped(b"".join(parts))
