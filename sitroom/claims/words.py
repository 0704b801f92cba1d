"""Key words of a claim or event for comparison: crude stems plus synonym-class labels.

Claims and events cross the stage boundary as plain text, so comparison works on words:
"entered Syria" and "crossed into Syria" share the stem "syria" and the class "movement".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .rules import ClaimRules

LOGGER = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(slots=True, frozen=True)
class Keys:
    """What a text talks about: content stems, capitalised names and synonym classes."""

    stems: frozenset[str]
    names: frozenset[str]
    classes: frozenset[str]

    def overlap(self, other: Keys) -> int:
        """Shared stems plus shared classes (a name is also a stem, so it is not counted twice)."""
        return len(self.stems & other.stems) + len(self.classes & other.classes)


def stem(word: str, rules: ClaimRules) -> str:
    """Lowercase stem: irregular forms, then -ing/-ed/-es/-s and a final -e off (not on names).

    Crude but symmetric: "strike", "strikes", "striking" and "struck" all give "strik".
    """
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if word[:1].isupper() and low not in rules.irregular:
        return low  # "Axios", "Abbas": a name keeps its letters
    base = rules.irregular.get(low)
    if base is None:
        base = low
        for suffix in _SUFFIXES:
            if suffix == "s" and low.endswith(("ss", "us", "is")):
                continue  # "cross", "status", "crisis" are not plurals
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                base = low[: -len(suffix)]
                base = rules.irregular.get(base, base)
                break
    return base[:-1] if base.endswith("e") and len(base) > 4 else base


_CLASS_CACHE: dict[int, dict[str, frozenset[str]]] = {}


def _classes(rules: ClaimRules) -> dict[str, frozenset[str]]:
    """The synonym classes with members stemmed like text words (cached per rules object)."""
    cached = _CLASS_CACHE.get(id(rules))
    if cached is None:
        cached = {name: frozenset(stem(m, rules) for m in members) for name, members in rules.classes.items()}
        _CLASS_CACHE[id(rules)] = cached
    return cached


def _country_form(name: str) -> str:
    """'syrian' -> 'syria', 'iraqi' -> 'iraq': a demonym meets its country name (a crude rule)."""
    if len(name) >= 6 and name.endswith("ian"):
        return name[:-1]
    if len(name) >= 5 and name.endswith("i") and not name.endswith("ii"):
        return name[:-1]
    return name


# id(rules) -> (rules, text -> Keys); holding the rules object keeps its id from being reused.
_KEYS_CACHE: dict[int, tuple[ClaimRules, dict[str, Keys]]] = {}
_KEYS_CACHE_SIZE = 100_000


def keys_of(text: str, rules: ClaimRules) -> Keys:
    """Content stems (no stop words), names (capitalised words) and classes of ``text``.

    Cached: contradiction search compares every denial with every claim, so one claimant's or
    claim's text is keyed many times.
    """
    entry = _KEYS_CACHE.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = _KEYS_CACHE[id(rules)] = (rules, {})
    cache = entry[1]
    found = cache.get(text)
    if found is None:
        if len(cache) >= _KEYS_CACHE_SIZE:
            cache.clear()
        found = cache[text] = _keys(text, rules)
    return found


def _keys(text: str, rules: ClaimRules) -> Keys:
    stems: set[str] = set()
    names: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group()
        if word.lower() in rules.stop_words:
            continue
        base = stem(word, rules)
        if base in rules.stop_words or len(base) < 3:
            continue
        if word[0].isupper():
            base = _country_form(base)
            names.add(base)
        stems.add(base)
    classes = {name for name, members in _classes(rules).items() if stems & members}
    return Keys(frozenset(stems), frozenset(names), frozenset(classes))


def merge(*keys: Keys) -> Keys:
    """The union of several key sets."""
    return Keys(
        frozenset().union(*(k.stems for k in keys)),
        frozenset().union(*(k.names for k in keys)),
        frozenset().union(*(k.classes for k in keys)),
    )
