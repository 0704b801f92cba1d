"""Text normalisation and word shingles, the shared input of MinHash and the exact check."""

from __future__ import annotations

import re
import unicodedata
import zlib
from typing import Iterable, Sequence

import numpy as np

# \w is Unicode-aware, so any script tokenises; apostrophes and hyphens split words, which makes
# "al-Assad" / "al Assad" and curly / straight quotes ("Syria’s" / "Syria's") agree.
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Return the casefolded word tokens of ``text`` after NFKC normalisation."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: Sequence[str], size: int) -> list[str]:
    """Return the ``size``-word shingles in text order; a text shorter than ``size`` is one shingle."""
    if not tokens:
        return []
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def hashed(shingle_list: Iterable[str]) -> np.ndarray:
    """Return the sorted distinct CRC32 values of ``shingle_list`` (uint32), a compact shingle set.

    An article's shingles as strings cost ~100 KB of Python objects; as a uint32 array, 2 KB,
    which is what lets dedup hold a profile per article for tens of thousands of articles. Two
    different shingles share a value with probability 2**-32, so a 600-word pair's containment
    is off by one shingle about once in 10,000 pairs; the hash is stable across processes.
    """
    values = [zlib.crc32(item.encode("utf-8")) for item in shingle_list]
    return np.unique(np.array(values, dtype=np.uint32))
