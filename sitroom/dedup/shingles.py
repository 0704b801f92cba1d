"""Text normalisation and word shingles, the shared input of MinHash and the exact check."""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

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
