"""Actor registry and resolver: aliases -> canonical ACLED-style actors, in lookups and in text.

The registry is data (``sitroom/data/actors.jsonl`` plus rules in ``actor_rules.json`` and
``demonyms.json``); this module loads it once and answers two questions:

1. ``lookup(surface, country_context, on_date)``: which actor does this string name?
   Exact keys first, then titles stripped, then "al-"/"the" variants, then a fuzzy match
   for long names (never for short acronyms).
2. ``resolve_mentions(text, article_id, ...)``: which actors does this article mention?
   A dictionary scan (longest alias first), then NER candidate spans the scan missed:
   known ones by lookup, unknown groups as provisional actors, merged across the article.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import InputError
from ..model import ActorRef, Evidence
from .actor_aliases import alias_specs
from .actor_data import ActorEntry, CountryInfo, classify, country_infos, load_json, read_jsonl, template_records
from .actor_index import ActorIndex, Hit, normalise_day
from .actor_provisional import Provisional
from .actor_text import fold_text, norm_key, surface_key_variants

LOGGER = logging.getLogger(__name__)

__all__ = ["ActorEntry", "ActorRegistry", "default_registry", "resolve_mentions"]


class ActorRegistry:
    """All known actors with their aliases; build with ``load`` or ``from_records``."""

    def __init__(self, entries: Sequence[ActorEntry], rules: Mapping[str, Any] | None = None,
                 demonyms: Mapping[str, Any] | None = None) -> None:
        self.rules = dict(rules) if rules is not None else load_json("actor_rules.json")
        table = demonyms if demonyms is not None else load_json("demonyms.json")
        self.countries: dict[str, CountryInfo] = country_infos(table)
        built = list(entries)
        classify(built, self.countries)
        existing = {e.name for e in built}
        for rec in template_records(self.countries.values(), self.rules["templates"], existing):
            built.append(ActorEntry.from_record(rec))
        classify(built, self.countries)
        self.entries: list[ActorEntry] = built
        self._by_key = {e.name: i for i, e in enumerate(built)} | {e.id: i for i, e in enumerate(built)}
        self._demonyms = {norm_key(fold_text(word)): info.country for info in self.countries.values()
                          for word in (*info.demonyms, *info.names)}
        self.index = ActorIndex(built, alias_specs(built, self.countries, self.rules), self._demonyms,
                                self.rules["locative_prepositions"])
        self._titles = sorted((tuple(fold_text(t).replace("-", " ").split()) for t in self.rules["titles"]),
                              key=len, reverse=True)
        self._provisional = Provisional(self)
        self._fuzzy: Any = None
        self._chosen: dict[tuple[int, bool, str | None, str | None], int | None] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorRegistry:
        """Load the registry from a JSONL file, or the packaged one when ``path`` is None."""
        return cls.from_records(read_jsonl(path), source=str(path or "sitroom/data/actors.jsonl"))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], source: str = "<records>",
                     rules: Mapping[str, Any] | None = None,
                     demonyms: Mapping[str, Any] | None = None) -> ActorRegistry:
        """Build a registry from plain dict records (as in actors.jsonl).

        Args:
            records: one dict per actor, fields as in actors.jsonl.
            source: named in errors.
            rules: actor_rules.json content (the packaged rules when None).
            demonyms: demonyms.json content (the packaged table when None); tests pass a
                small table to build small registries quickly.
        """
        entries = []
        seen: set[str] = set()
        for number, rec in enumerate(records, 1):
            try:
                entry = ActorEntry.from_record(rec)
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(source, f"record {number} ({rec.get('id', '?')}): {exc}") from exc
            if entry.id in seen or entry.name in seen:
                raise InputError(source, f"record {number}: duplicate id or name {entry.id!r}/{entry.name!r}")
            seen.update((entry.id, entry.name))
            entries.append(entry)
        return cls(entries, rules=rules, demonyms=demonyms)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries)

    def get(self, name_or_id: str) -> ActorEntry | None:
        """Return the entry with this canonical name or id."""
        idx = self._by_key.get(name_or_id)
        return None if idx is None else self.entries[idx]

    def lookup(self, surface: str, country_context: str | None = None, on_date: str | None = None) -> ActorEntry | None:
        """Return the actor a surface string names, or None.

        Args:
            surface: the words as written ("Türkiye", "Nujabaa", "the Syrian army").
            country_context: the article's country; generic phrases ("government forces")
                resolve only with it.
            on_date: ISO day of the article; picks time-bound names (Assad-era vs 2024- government).
        """
        idx = self.resolve_index(surface, country_context, normalise_day(on_date))
        return None if idx is None else self.entries[idx]

    def lookup_exact(self, surface: str, country_context: str | None = None,
                     on_date: str | None = None) -> ActorEntry | None:
        """Like ``lookup`` but without the fuzzy step (for rules probing many word spans)."""
        idx = self.resolve_index(surface, country_context, normalise_day(on_date), fuzzy=False)
        return None if idx is None else self.entries[idx]

    def resolve_index(self, surface: str, context: str | None, day: str | None,
                      locative: bool = False, fuzzy: bool = True) -> int | None:
        """Entry index for a surface: 1 exact keys, 2 titles stripped, 3 al- variants, 4 fuzzy."""
        variants = surface_key_variants(surface)
        for keys in self._key_cascade(variants):
            idx = self.index.choose(self.index.candidates(keys), context, day, locative)
            if idx is not None:
                return idx
        if fuzzy:
            return self._fuzzy_index(surface, context, day)
        return None

    def _key_cascade(self, variants: list[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
        yield from variants
        # Why: reporters prefix names with titles ("Maj. Gen."), and write "al-" or not.
        for keys in variants:
            stripped = self._strip_title(keys)
            if stripped != keys:
                yield stripped
            if len(keys) > 1 and keys[0] == "al":
                yield keys[1:]
            elif keys and not keys[0].startswith("="):
                yield ("al", *keys)

    def _strip_title(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        changed = True
        while changed and len(keys) > 1:
            changed = False
            for title in self._titles:
                if keys[: len(title)] == title and len(keys) > len(title):
                    keys, changed = keys[len(title):], True
                    break
        return keys

    def _fuzzy_index(self, surface: str, context: str | None, day: str | None) -> int | None:
        from .actor_fuzzy import FuzzyMatcher

        if self._fuzzy is None:
            self._fuzzy = FuzzyMatcher(self.index, self.rules["fuzzy"])
        return self._fuzzy.best(surface, context, day)  # type: ignore[no-any-return]

    def state_of_demonym(self, word: str, on_date: str | None = None,
                         prefer: Iterable[str] = ()) -> ActorEntry | None:
        """The state entry a demonym or country word points at ("Iranian" -> Iran)."""
        country = self._demonyms.get(norm_key(fold_text(word).strip(".")))
        if country is None:
            return None
        states = [self.entries[i] for i in self.countries[country].entries.get("state", [])]
        preferred = [s for s in states if s.name in set(prefer)]
        if preferred:
            return preferred[0]
        day = normalise_day(on_date)
        valid = [s for s in states if _valid(s, day)]
        chosen = valid or states
        return chosen[0] if chosen else None

    def infer_country(self, counts: Counter[str]) -> str | None:
        """The article's country: the most named country (names and demonyms)."""
        if not counts:
            return None
        return counts.most_common(1)[0][0]

    def resolve_mentions(self, text: str, article_id: str, candidates: Sequence[tuple[int, int, str]] | None = None,
                         country_context: str | None = None, on_date: str | None = None) -> list[ActorRef]:
        """Find actor mentions in ``text``: dictionary scan, then candidate spans, then patterns.

        Args:
            text: the article text; evidence offsets index into it.
            article_id: stored on every Evidence.
            candidates: (start, end, label) spans from NER (ORG/NORP/PERSON/GPE...), optional.
            country_context: the article's country; inferred from country words when None.
            on_date: the article's ISO publication day, for time-bound names.

        Returns:
            ActorRefs sorted by position; unknown groups come back with provisional=True.
        """
        folded = fold_text(text)
        hits, counts = self.index.scan(text, folded)
        context = country_context or self.infer_country(counts)
        day = normalise_day(on_date)
        refs = self._select(text, folded, article_id, hits, context, day)
        refs.extend(self._provisional.resolve(text, folded, article_id, refs, candidates or (), context, day))
        return sorted(refs, key=lambda r: (r.evidence.start, -r.evidence.end))

    def _select(self, text: str, folded: str, article_id: str, hits: list[Hit], context: str | None,
                day: str | None) -> list[ActorRef]:
        """Keep the longest hits that resolve and do not overlap a longer one."""
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        occupied = bytearray(len(text))
        refs = []
        chosen = self._chosen
        if len(chosen) > 200_000:
            chosen.clear()
        for start, end, payload in hits:
            if 1 in occupied[start:end]:
                continue
            locative = payload.metonym and self.index.is_locative(text, folded, start)
            # Why: articles repeat their actors, and a corpus its dates and countries; rank each
            # alias payload once per (context, day). Payloads live as long as the registry.
            key = (id(payload), locative, context, day)
            if key not in chosen:
                chosen[key] = self.index.choose(payload, context, day, locative)
            idx = chosen[key]
            if idx is None:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            refs.append(self.make_ref(idx, text, article_id, start, end))
        return refs

    def make_ref(self, idx: int, text: str, article_id: str, start: int, end: int) -> ActorRef:
        """An ActorRef for entry ``idx`` with evidence ``text[start:end]``."""
        entry = self.entries[idx]
        surface = text[start:end]
        return ActorRef(name=entry.name, alias_matched=surface, type=entry.type,
                        evidence=Evidence(article_id, start, end, surface))


def _valid(entry: ActorEntry, day: str | None) -> bool:
    if day is None:
        return entry.valid_to is None
    return (entry.valid_from is None or normalise_day(entry.valid_from) <= day) and (  # type: ignore[operator]
        entry.valid_to is None or day <= (entry.valid_to + "-12-31")[:10])


@functools.lru_cache(maxsize=1)
def default_registry() -> ActorRegistry:
    """The packaged registry, loaded once per process."""
    return ActorRegistry.load()


def resolve_mentions(text: str, article_id: str, candidates: Sequence[tuple[int, int, str]] | None = None,
                     country_context: str | None = None, on_date: str | None = None,
                     registry: ActorRegistry | None = None) -> list[ActorRef]:
    """Resolve actor mentions with ``registry`` (the packaged one when None); see ActorRegistry."""
    reg = registry or default_registry()
    return reg.resolve_mentions(text, article_id, candidates, country_context, on_date)
