"""The alias index: exact key lookup, a token trie for scanning text, and candidate ranking.

Scanning never visits every token in Python: one compiled regex over the folded text finds
the tokens that can start an alias (case-insensitive keys; doubled letters allowed) and one
over the original text finds case-sensitive starts (acronyms like IS, U.S., HTS). Only from
those positions does the trie walk run, longest alias first.
"""

from __future__ import annotations

import datetime as _dt
import functools
import logging
import re
from collections import Counter
from typing import Any, Iterable, NamedTuple

from .actor_data import ActorEntry, AliasSpec
from .actor_text import (
    CS_PREFIX,
    NEXT_RE,
    TOKEN_RE,
    alias_keys,
    compile_words,
    cs_key,
    fold_text,
    norm_key,
    plural_variants,
)

LOGGER = logging.getLogger(__name__)
END = ""  # trie key of a node's payload; no token key is empty
Keys = tuple[str, ...]


class Item(NamedTuple):
    """One way an alias key tuple can name an entry."""

    entry: int
    tier: int
    contextual: bool
    metonym: bool
    valid_from: str | None
    valid_to: str | None


class Payload:
    """The items under one key tuple, pre-split so ranking only sees what the context allows."""

    __slots__ = ("items", "general", "by_country", "metonym")

    def __init__(self, items: list[Item], entries: list[ActorEntry]) -> None:
        self.items = tuple(items)
        self.general = tuple(i for i in items if not i.contextual)
        by_country: dict[str, list[Item]] = {}
        for item in items:
            if item.contextual:
                entry = entries[item.entry]
                for country in {entry.country, *entry.contexts} - {None}:
                    by_country.setdefault(country, []).append(item)  # type: ignore[arg-type]
        self.by_country = {k: tuple(v) for k, v in by_country.items()}
        self.metonym = any(i.metonym for i in items)

    def relevant(self, context: str | None) -> tuple[Item, ...]:
        """Items that may apply in this country context."""
        return self.general + self.by_country.get(context, ()) if context else self.general


Hit = tuple[int, int, Payload]  # plain tuples: created thousands of times per article


class ActorIndex:
    """Exact and trie indexes over alias specs, with ranking by context, date and tier."""

    def __init__(self, entries: list[ActorEntry], specs: Iterable[AliasSpec], country_words: dict[str, str],
                 locatives: Iterable[str]) -> None:
        self.entries = entries
        self.country_words = country_words
        self.locatives = frozenset(locatives)
        self.max_len = 1
        exact: dict[Keys, list[Item]] = {}
        trie: dict[str, Any] = {}
        self._free_spell: set[str] = set()
        self._cap_spell: set[str] = set()
        self._cs_spell: set[str] = set()
        for spec in specs:
            self._add_spec(spec, exact, trie)
        self.exact = {k: Payload(v, entries) for k, v in exact.items()}
        self.trie = _freeze(trie, entries)
        # Two regexes find the words that may start an alias: lower-case aliases ("government
        # forces", "al-Nujaba") anywhere in folded text; proper names and acronyms only where
        # the text capitalises them, so "said" never starts "Said Deni" nor "is" start "IS".
        # Acronyms are matched by their folded spelling (us, u.s.) and then checked against the original.
        self._acronyms = {fold_text(a): a for a in self._cs_spell}
        self._acronyms.update({".".join(fold_text(a)) + ".": a for a in self._cs_spell if a.isalpha() and len(a) <= 4})
        self._free = frozenset(self._free_spell)
        self._cap = frozenset(self._cap_spell)
        self._first_re = compile_words(self._free_spell | self._cap_spell | set(self._acronyms),
                                       arabic_article="al" in self._free_spell)

    def _add_spec(self, spec: AliasSpec, exact: dict[Keys, list[Item]], trie: dict[str, Any]) -> None:
        keys = alias_keys(spec.text, spec.case_sensitive)
        if not keys:
            return
        item = Item(spec.entry, spec.tier, spec.contextual, spec.metonym, spec.valid_from, spec.valid_to)
        variants = [keys]
        # Plurals of group names ("Quds Forces", "Badr groups"); never of people's titles.
        if spec.tier == 0 and (len(keys) > 1 or spec.text.islower()) and self.entries[spec.entry].type != "person":
            variants += plural_variants(keys)
        for i, variant in enumerate(variants):
            use = item if i == 0 else item._replace(tier=1)
            exact.setdefault(variant, []).append(use)
            if spec.scan:
                node = trie
                for key in variant:
                    node = node.setdefault(key, {})
                node.setdefault(END, []).append(use)
                self.max_len = max(self.max_len, len(variant))
        if not spec.scan:
            return
        first = spec.text.lstrip("\"'(").split()[0]
        word = TOKEN_RE.search(fold_text(first))
        if keys[0].startswith(CS_PREFIX):
            self._cs_spell.add(keys[0][1:])
        elif word is not None:
            spell = {keys[0]} if word.group() == "the" else {word.group().removesuffix("'s"), keys[0]}
            (self._cap_spell if first[:1].isupper() else self._free_spell).update(spell)

    def scan(self, text: str, folded: str) -> tuple[list[Hit], Counter[str]]:
        """Find every alias occurrence (all lengths) and count country words for context."""
        hits: list[Hit] = []
        countries: Counter[str] = Counter()
        free, cap, acronyms = self._free, self._cap, self._acronyms
        for m in self._first_re.finditer(folded):
            start = m.start()
            word = m.group()
            # Lower-case aliases start anywhere; proper names only at a capital ("said" never
            # starts "Said Deni"), acronyms only as written ("is" never starts "IS").
            if word in free or (not text[start].islower() and (
                    word in cap or text[start:m.end()].replace(".", "") == acronyms.get(word))):
                self._walk(text, folded, m, countries, hits)
        return hits, countries

    def _walk(self, text: str, folded: str, first: re.Match[str], countries: Counter[str],
              hits: list[Hit]) -> None:
        """Follow the trie from the first word as far as the text allows, recording every alias end."""
        start, end = first.span()
        keys = _text_keys(folded[start:end], text[start] if text[start].islower() else text[start:end],
                          folded[end:end + 1] == "-")
        if keys[0] in self.country_words:
            countries[self.country_words[keys[0]]] += 1
        nodes, more = _step([self.trie], keys, hits, start, end)
        word, s = first.group(1), first.start(1)
        for _ in range(self.max_len - 1):
            if not more or word is None:
                return  # no alias goes on, or the text does not
            after = s + len(word)
            e = after - 2 if word[-2:] == "'s" else after
            keys = _text_keys(folded[s:e], text[s] if text[s].islower() else text[s:e], folded[e:e + 1] == "-")
            nodes, more = _step(nodes, keys, hits, start, e)
            if more:
                match = NEXT_RE.match(folded, after)
                word, s = (match.group(1), match.start(1)) if match is not None else (None, 0)

    def candidates(self, keys: Keys) -> Payload | None:
        """The payload indexed under an exact key tuple."""
        return self.exact.get(keys)

    def choose(self, payload: Payload | None, context: str | None, day: str | None,
               locative: bool = False) -> int | None:
        """Return the best entry index for these items, or None when none fits.

        Order: valid on the day first (nearest window when none is; current names when no
        day is known), then written over generated aliases, then entries of the article's
        country (home country before countries it operates in), then registry order.
        Contextual aliases need the article's country; metonyms fail after "in", "near"...
        """
        if payload is None:
            return None
        best: tuple[Any, ...] | None = None
        chosen = None
        for item in payload.relevant(context):
            if (item.metonym and locative) or (day and not _alias_valid(item, day)):
                continue
            entry = self.entries[item.entry]
            gap = _distance(day, item, entry) if day else 0
            current = 0 if day or (item.valid_to is None and entry.valid_to is None) else 1
            rank = (gap > 0, current, item.tier, _context_rank(entry, context), gap, item.entry)
            if best is None or rank < best:
                best, chosen = rank, item.entry
        return chosen

    def is_locative(self, text: str, folded: str, start: int) -> bool:
        """True when the word before ``start`` marks a place ("in Damascus", "central Beirut", "Homs, Syria")."""
        window = folded[max(0, start - 24):start]
        match = _LAST_WORD.search(window)
        if match is not None:
            return match.group(1) in self.locatives
        # "Homs, Syria": a country after "Town," is part of a place name, unless the word is
        # itself a country ("Russia, Iran and Turkey", "North Korea, Sudan") or a day or month.
        town = _AFTER_PLACE.search(text[max(0, start - 32):start])
        if town is None or town.group(2) in _CALENDAR:
            return False
        names = (town.group(2), f"{town.group(1)} {town.group(2)}".strip())
        return not any(norm_key(fold_text(n)) in self.country_words for n in names)


def _step(nodes: list[dict[str, Any]], keys: tuple[str, ...], hits: list[Hit], start: int,
          end: int) -> tuple[list[dict[str, Any]], bool]:
    """Advance trie ``nodes`` by one token; record hits; say whether any alias continues."""
    found = []
    more = False
    for node in nodes:
        for key in keys:
            child = node.get(key)
            if child is not None:
                found.append(child)
                if END in child:
                    hits.append((start, end, child[END]))
                    more = more or len(child) > 1
                else:
                    more = True
    return found, more


def _freeze(node: dict[str, Any], entries: list[ActorEntry]) -> dict[str, Any]:
    """Turn trie payload lists into Payload objects, recursively."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        out[key] = Payload(value, entries) if key == END else _freeze(value, entries)
    return out


@functools.lru_cache(maxsize=65536)
def _text_keys(word: str, raw: str, before_hyphen: bool) -> tuple[str, ...]:
    """Keys of a scanned token; ``raw`` is its original form, or just its first letter when lower-case."""
    normal = norm_key(word, before_hyphen)
    if len(raw) > 1 or raw.isupper() or raw.isdigit():
        return (normal, cs_key(raw))
    return (normal,)


def _context_rank(entry: ActorEntry, context: str | None) -> int:
    """0 the entry's own country, 1 a country it operates in, 2 anything else."""
    if context is None:
        return 2
    if entry.country == context:
        return 0
    return 1 if context in entry.contexts else 2


_LAST_WORD = re.compile(r"([a-z]+)[ \t\u00a0]+$")
_AFTER_PLACE = re.compile(r"(?:([A-Z][a-z]+) )?([A-Z][a-z]{2,}), ?$")
_CALENDAR = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                       "February", "March", "April", "May", "June", "July", "August", "September", "October",
                       "November", "December", "Meanwhile", "However", "Yesterday", "Today"})


def _alias_valid(item: Item, day: str) -> bool:
    """A timed alias ("US envoy" for Hochstein until 2025) names nobody outside its window."""
    return (item.valid_from is None or day >= _pad(item.valid_from, False)) and (
        item.valid_to is None or day <= _pad(item.valid_to, True))


def _distance(day: str | None, item: Item, entry: ActorEntry) -> int:
    """Days between ``day`` and the alias/entry validity window (0 when inside it)."""
    if day is None:
        return 0
    gap = 0
    for lo, hi in ((item.valid_from, item.valid_to), (entry.valid_from, entry.valid_to)):
        if lo and day < _pad(lo, False):
            gap = max(gap, _days(lo, day, False))
        if hi and day > _pad(hi, True):
            gap = max(gap, _days(hi, day, True))
    return gap


def _pad(value: str, end: bool) -> str:
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-28" if end else "-01")
    return value


@functools.lru_cache(maxsize=4096)
def _days(bound: str, day: str, end: bool) -> int:
    try:
        a = _dt.date.fromisoformat(_pad(bound, end))
        b = _dt.date.fromisoformat(_pad(day, False))
    except ValueError:
        return 1
    return max(1, abs((b - a).days))


def normalise_day(on_date: str | None) -> str | None:
    """Return an ISO day string for comparisons ('2024' -> '2024-01-01'), or None."""
    if not on_date:
        return None
    return _pad(on_date[:10], False)
