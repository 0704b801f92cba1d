"""Who reports an event ("two Iraqi security sources said", "according to X") and hedging.

Attribution names the reporter and is not hedging: "sources said" leaves ``hedged`` false.
Hedging is the event itself being only claimed or reported as uncertain ("claimed control",
"reportedly", "said to have"), per the gold NOTES.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Sequence

from .lexicon import Lexicon, load_lexicon
from .sentences import Token

LOGGER = logging.getLogger(__name__)

MAX_SOURCE_TOKENS = 14
_STOP = frozenset({",", ".", ";", ":", "(", ")", "\"", "“", "”", "—", "–"})
_NOT_HEDGES = (("claimed", "responsibility"), ("claim", "responsibility"), ("claims", "responsibility"),
               ("claiming", "responsibility"))
_LEADING_DROP = frozenset({"the", "that", "and", "but", "as"})


@dataclass(slots=True, frozen=True)
class Attribution:
    """The reporting phrase: source tokens [first, last] and the reporting verb's index."""

    first: int
    last: int
    verb: int


def find_phrase(tokens: Sequence[Token], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> int:
    """Index of the first occurrence of ``phrase`` (lowercase words) in tokens[start:end], or -1."""
    stop = len(tokens) if end is None else min(end, len(tokens))
    first = phrase[0]
    for k in range(max(start, 0), stop - len(phrase) + 1):
        if tokens[k].text.lower() == first and all(tokens[k + j].text.lower() == w for j, w in enumerate(phrase)):
            return k
    return -1


@functools.lru_cache(maxsize=64)
def phrase_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first word (cached per phrase list)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in index.items()}


def has_phrase(tokens: Sequence[Token], phrases: Sequence[tuple[str, ...]], start: int = 0, end: int | None = None) -> bool:
    """True when any phrase occurs in tokens[start:end] (one pass, phrases indexed by first word)."""
    index = phrase_index(tuple(phrases))
    stop = len(tokens) if end is None else min(end, len(tokens))
    for k in range(max(start, 0), stop):
        for phrase in index.get(tokens[k].text.lower(), ()):
            if k + len(phrase) <= stop and all(tokens[k + j].text.lower() == w for j, w in enumerate(phrase)):
                return True
    return False


def find_attribution(tokens: Sequence[Token], trigger: int, lexicon: Lexicon | None = None) -> Attribution | None:
    """The attribution of the clause around token ``trigger``, if the sentence states one.

    1. "according to X" / "citing X" anywhere in the sentence;
    2. a trailing ", X said|told|reported" after the trigger;
    3. a leading "X said (that) ..." before the trigger.
    """
    lexicon = lexicon or load_lexicon()
    for finder in (_according_to, _trailing, _leading):
        found = finder(tokens, trigger, lexicon)
        if found is not None:
            return found
    return None


def _according_to(tokens: Sequence[Token], trigger: int, lexicon: Lexicon) -> Attribution | None:
    for phrase in (("according", "to"), ("citing",), ("quoting",), ("as", "reported", "by")):
        k = find_phrase(tokens, phrase)
        if k >= 0:
            first = k + len(phrase)
            last = _run_end(tokens, first)
            if last >= first:
                return Attribution(first, last, k)
    return None


def _run_end(tokens: Sequence[Token], first: int) -> int:
    last = first - 1
    for k in range(first, min(len(tokens), first + MAX_SOURCE_TOKENS)):
        if tokens[k].text in _STOP or tokens[k].text.lower() in ("on", "who", "which", "that"):
            break
        last = k
    return last


def _is_verb(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    return tokens[k].text.lower() in _single_verbs(lexicon.attribution_verbs)


@functools.lru_cache(maxsize=8)
def _single_verbs(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    # "claimed" is hedging, not attribution; "according to" and "citing" are handled apart.
    return frozenset(p[0] for p in phrases if len(p) == 1) - {"according", "citing", "quoting", "claimed"}


def _trailing(tokens: Sequence[Token], trigger: int, lexicon: Lexicon) -> Attribution | None:
    for k in range(trigger + 1, len(tokens)):
        if not _is_verb(tokens, k, lexicon):
            continue
        comma = k - 1
        while comma > trigger and tokens[comma].text != ",":
            comma -= 1
        if comma > trigger and 0 < k - comma - 1 <= MAX_SOURCE_TOKENS:
            return _trimmed(tokens, comma + 1, k - 1, k)
    return None


def _leading(tokens: Sequence[Token], trigger: int, lexicon: Lexicon) -> Attribution | None:
    for k in range(trigger - 1, 0, -1):
        if not _is_verb(tokens, k, lexicon):
            continue
        first = k - 1
        while first > 0 and tokens[first - 1].text not in _STOP and k - first < MAX_SOURCE_TOKENS:
            first -= 1
        return _trimmed(tokens, first, k - 1, k)
    return None


def _trimmed(tokens: Sequence[Token], first: int, last: int, verb: int) -> Attribution | None:
    while first <= last and tokens[first].text.lower() in _LEADING_DROP:
        first += 1
    # "X said on Monday": the source is X, not the auxiliaries before the verb.
    while last >= first and tokens[last].text.lower() in ("has", "have", "had", "was", "were", "also", "later"):
        last -= 1
    if last < first:
        return None
    return Attribution(first, last, verb)


def is_hedged(tokens: Sequence[Token], first: int, last: int, lexicon: Lexicon | None = None) -> bool:
    """True when the clause tokens[first:last+1] only claims or reports the event uncertainly."""
    lexicon = lexicon or load_lexicon()
    if has_phrase(tokens, _NOT_HEDGES, first, last + 1):
        return False  # "claimed responsibility" names the perpetrator; the act itself is not in doubt
    return has_phrase(tokens, lexicon.hedges, first, last + 1)
