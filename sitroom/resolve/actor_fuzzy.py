"""Fuzzy lookup of long actor names (spelling variants such as "Hayat Tahreer al-Sham").

Only written (tier 0) aliases of at least ``min_chars`` characters take part, never
acronyms; a candidate must pass a whole-string ratio and a per-token ratio, so
"Government of Oman" never becomes "Government of Iran".
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

from rapidfuzz import fuzz, process

from .actor_index import ActorIndex, Item, Payload
from .actor_text import CS_PREFIX, surface_key_variants

LOGGER = logging.getLogger(__name__)


class FuzzyMatcher:
    """Ratio search over the registry's long written aliases."""

    def __init__(self, index: ActorIndex, config: Mapping[str, Any]) -> None:
        self.index = index
        self.min_chars = int(config["min_chars"])
        self.cutoff = float(config["cutoff"])
        self.token_cutoff = float(config["token_cutoff"])
        self._items: list[list[Item]] = []
        self._strings: list[str] = []
        for keys, payload in index.exact.items():
            written = [i for i in payload.items if i.tier == 0 and i.valid_from is None and i.valid_to is None]
            joined = " ".join(keys)
            if written and not any(k.startswith(CS_PREFIX) for k in keys) and len(joined) >= self.min_chars:
                self._strings.append(joined)
                self._items.append(written)

    def best(self, surface: str, context: str | None, day: str | None) -> int | None:
        """Entry index of the closest long alias, or None when nothing is close enough."""
        variants = [v for v in surface_key_variants(surface) if not any(k.startswith(CS_PREFIX) for k in v)]
        if not variants:
            return None
        query = " ".join(variants[-1])
        if len(query) < self.min_chars:
            return None
        found = process.extract(query, self._strings, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=5)
        items: list[Item] = []
        top = None
        for string, score, pos in found:
            if not self._tokens_agree(query, string):
                continue
            if top is None:
                top = score
            if score == top:
                items.extend(self._items[pos])
        if not items:
            return None
        LOGGER.debug("fuzzy %r -> %r", surface, found[0][0])
        return self.index.choose(Payload(items, self.index.entries), context, day)

    def _tokens_agree(self, query: str, candidate: str) -> bool:
        left, right = query.split(), candidate.split()
        if len(left) != len(right):
            return False
        return all(a == b or (a[0] == b[0] and fuzz.ratio(a, b) >= self.token_cutoff) for a, b in zip(left, right))
