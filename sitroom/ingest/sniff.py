"""Content sniffing: what the bytes of a file really are, whatever its name says."""

from __future__ import annotations

import logging
import re

LOGGER = logging.getLogger(__name__)

# (offset, magic bytes, description): signatures of binary formats people misname as text.
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (8, b"WEBP", "a WebP image"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (4, b"ftyp", "an MP4/MOV video"),
)
GZIP_MAGIC = b"\x1f\x8b"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0 controls that never occur in text; TAB/LF/VT/FF/CR and ESC (ISO-2022 encodings) are fine.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_SHARE = 0.05
_SAMPLE = 1 << 16
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAG = re.compile(rb"<(p|div|article|section|span|a|br|meta|title|h[1-6]|table|ul|li)\b[^>]*>", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)\b", re.IGNORECASE)
_XML_LEAD = re.compile(rb"\s*(<\?xml[^>]*>|<!--.*?-->|<!doctype[^>\[]*(\[.*?\])?\s*>|\s)*", re.IGNORECASE | re.DOTALL)


def binary_kind(data: bytes) -> str | None:
    """Return a description such as ``a PNG image`` when ``data`` is a known binary format."""
    for offset, magic, what in MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return what
    return None


def bom_encoding(data: bytes) -> str | None:
    """Return the encoding named by a leading byte-order mark, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def text_problem(data: bytes) -> str | None:
    """Return why ``data`` cannot be text (named binary format, NUL bytes, control bytes), or None."""
    known = binary_kind(data)
    if known:
        return f"content is {known}"
    if data.startswith(GZIP_MAGIC):
        return "content is gzip-compressed data"
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8":
        return None  # UTF-16/32 text is full of NUL bytes by design; segment decodes it.
    if b"\x00" in data:
        if _looks_utf16(data[:_SAMPLE]):
            return None
        return f"binary content: NUL byte at offset {data.index(0)}"
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > _CONTROL_SHARE * len(sample):
        return f"binary content: {controls} control bytes in the first {len(sample)} bytes"
    return None


def _looks_utf16(sample: bytes) -> bool:
    # UTF-16 without a BOM: mostly-ASCII text puts a NUL in every other byte.
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return False
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) > 0.9 * len(zeros) and other.count(0) < 0.1 * len(other):
            return True
    return False


def strip_bom(data: bytes) -> bytes:
    """Return ``data`` without a UTF-8 byte-order mark."""
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def kind_of(data: bytes) -> str:
    """Guess the reader for ``data`` from its content: warc, feed, xml, html, json, jsonl or text."""
    head = strip_bom(data[:_SAMPLE]).lstrip()
    if head[:5].upper() == b"WARC/":
        return "warc"
    if head.startswith(b"<"):
        lead = _XML_LEAD.match(head)
        rest = head[lead.end() if lead else 0 :]
        if _FEED_ROOT.match(rest):
            return "feed"
        if _HTML_START.match(rest) or _HTML_TAG.match(rest):
            return "html"
        if head.startswith(b"<?xml"):
            return "xml"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl"
    return "html" if looks_like_html(data) else "text"


def starts_like_html(data: bytes) -> bool:
    """Return True when ``data`` opens like an HTML page (doctype, html, head or body tag)."""
    head = strip_bom(data[:_SAMPLE]).lstrip()
    lead = _XML_LEAD.match(head)
    return bool(_HTML_START.match(head[lead.end() if lead else 0 :]))


def looks_like_html(data: bytes) -> bool:
    """Return True when ``data`` starts like an HTML page or holds common HTML tags."""
    if starts_like_html(data):
        return True
    return len(_HTML_TAG.findall(strip_bom(data[:_SAMPLE]))) >= 2
