"""Bytes -> text: byte-order marks, UTF-8, then charset detection with safe single-byte fallbacks.

Newlines are normalised to ``\\n`` so that character offsets (``Article.span``) are stable
whatever platform wrote the file.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

from charset_normalizer import from_bytes

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# On a tie in detection quality, the encodings most used on the web win: a Latin-1 page is
# otherwise often reported as cp1250, which garbles French and Spanish accents.
_PREFERRED = tuple(
    codecs.lookup(name).name for name in ("utf-8", "cp1252", "latin-1", "cp1256", "cp1251", "iso8859-6", "cp1250")
)
_MAX_CONTROL_SHARE = 0.05


def decode(content: bytes, path: str = "", declared: str | None = None) -> str:
    """Decode ``content`` to text with ``\\n`` newlines.

    Cascade: 1. a byte-order mark; 2. a declared charset (HTTP header, container metadata);
    3. strict UTF-8, or UTF-8 with a few damaged bytes replaced; 4. charset_normalizer, ties
    broken by web prevalence; 5. cp1252 with replacement characters. Raises InputError when
    the result is binary rather than text.
    """
    text = _from_bom(content)
    if text is None and declared:
        text = _try(content, declared)
    if text is None:
        text = _try(content, "utf-8") or _mostly_utf8(content)
    if text is None:
        text = _detect(content)
    if text is None:
        # cp1252 leaves five bytes undefined; replacing them beats rejecting a whole page.
        text = content.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise InputError(path, "content is binary, not text in any known encoding")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """Turn CRLF, CR and Unicode line/paragraph separators into ``\\n``; drop a leading BOM."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n")


def _from_bom(content: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _try(content[len(bom) :], encoding)
    return None


def _try(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(content: bytes) -> str | None:
    # A UTF-8 page with one truncated character is still UTF-8; re-detecting it would turn
    # every other accented letter into mojibake.
    text = content.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - damaged
    if multibyte > damaged and damaged <= max(3, len(text) // 1000):
        return text
    return None


def _detect(content: bytes) -> str | None:
    results = list(from_bytes(content))
    if not results:
        return None
    best = min(r.chaos for r in results)
    tied = [r for r in results if r.chaos <= best + 1e-9]
    names = [codecs.lookup(r.encoding).name for r in tied]
    for preferred in _PREFERRED:
        if preferred in names:
            choice = tied[names.index(preferred)]
            break
    else:
        choice = tied[0]
    LOGGER.debug("detected encoding %s", choice.encoding)
    return str(choice)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls / len(sample) > _MAX_CONTROL_SHARE
