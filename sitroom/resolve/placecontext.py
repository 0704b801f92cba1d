"""Article context for place disambiguation: which countries and admin1 areas the text is about.

Each distinct place name votes once (so ten "Dublin"s do not outvote one "Ohio"), and a name's
own vote is left out when that name is scored. Demonyms ("Iraqi border town al-Qaem") vote too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import GazEntry, data_dir, norm_key, read_table

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n+")


@dataclass(slots=True)
class Vote:
    """What one distinct name says about the article's country and admin1 area."""

    country: str | None
    admin1: str | None
    weight: float


@dataclass(slots=True)
class Context:
    """Votes by distinct name, and their totals."""

    votes: dict[str, Vote] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    hint: str | None = None
    anchors: list[GazEntry] = field(default_factory=list)
    named_admin1: set[str] = field(default_factory=set)
    admin1_names: dict[str, str] = field(default_factory=dict)
    _own_cache: dict[str, list[Vote]] = field(default_factory=dict, repr=False)

    def add(self, name: str, vote: Vote) -> None:
        """Record a name's vote once (the heaviest wins if a name is seen twice)."""
        key = norm_key(name)
        old = self.votes.get(key)
        if old is not None and old.weight >= vote.weight:
            return
        if old is not None:
            self._count(old, -1)
        self.votes[key] = vote
        self._count(vote, 1)

    def add_counts(self, vote: Vote) -> None:
        """Count a vote already stored under its key."""
        self._count(vote, 1)

    def _count(self, vote: Vote, sign: int) -> None:
        self._own_cache.clear()  # every change of the votes goes through here
        if vote.country:
            self.countries[vote.country] += sign * vote.weight
        if vote.admin1:
            self.admin1[vote.admin1] += sign * vote.weight

    def _own(self, name: str) -> list[Vote]:
        # A name does not vote for itself, nor do names built on it ("London city" for "London").
        key = norm_key(name)
        cached = self._own_cache.get(key)
        if cached is None:
            cached = [v for k, v in self.votes.items()
                      if k == key or k.startswith(key + " ") or key.startswith(k + " ")]
            self._own_cache[key] = cached
        return cached

    def country_share(self, code: str, name: str) -> float:
        """Share of the other names' country votes that go to ``code``."""
        own = [v for v in self._own(name) if v.country]
        total = sum(self.countries.values()) - sum(v.weight for v in own)
        mine = self.countries.get(code, 0) - sum(v.weight for v in own if v.country == code)
        return mine / total if total > 0 else 0.0

    def admin1_share(self, code: str | None, name: str) -> float:
        """Share of the other names' admin1 votes that go to ``code``."""
        if not code:
            return 0.0
        own = [v for v in self._own(name) if v.admin1]
        total = sum(self.admin1.values()) - sum(v.weight for v in own)
        mine = self.admin1.get(code, 0) - sum(v.weight for v in own if v.admin1 == code)
        return mine / total if total > 0 else 0.0

    def others_vote(self, name: str) -> bool:
        """Whether the other names give a context: a named country or two towns (one may mislead)."""
        return sum(self.countries.values()) - sum(v.weight for v in self._own(name) if v.country) >= 2

    def supports(self, code: str, name: str) -> bool:
        """Whether another name (or the hint) points to country ``code``."""
        return code == self.hint or self.country_share(code, name) > 0


def vote_of(name: str, entries: list[GazEntry], population: int) -> Vote | None:
    """The vote of a name whose plausible readings agree on a country (and maybe an admin1)."""
    if not entries:
        return None
    # A name's own readings outrank places that merely list it as an alternate name
    # ("Homs" is also an old name of Al Khums, Libya).
    own = [e for e in entries if norm_key(e.name) == norm_key(name) or e.kind in ("country", "admin1")]
    entries = own or entries
    top = max(max(e.population, population) for e in entries)
    plausible = [e for e in entries if max(e.population, population) >= top / 20]
    countries = {e.country_code for e in plausible if e.country_code}
    if len(countries) != 1:
        return None
    areas = {e.admin1_code for e in plausible if e.admin1_code}
    # Naming an area outright ("Louisiana") says more than a town that shares its name.
    weight = 2.0 if all(e.kind in ("country", "admin1") for e in plausible) else 1.0
    return Vote(countries.pop(), areas.pop() if len(areas) == 1 else None, weight)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym -> ISO country code ("Syrian" -> "SY")."""
    return {row["demonym"]: row["iso"] for row in read_table(data_dir() / "demonyms.tsv")}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO country code -> gazetteer country name."""
    return {row["iso"]: row["name"] for row in read_table(data_dir() / "countries.tsv")}


def demonym_before(text: str, start: int) -> str | None:
    """Country of a demonym just before a name: "Iraqi border town al-Qaem", "the Syrian city of"."""
    window = text[max(0, start - 50):start]
    match = re.search(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:[a-z-]+\s+){0,3}$", window)
    return demonyms().get(match.group(1)) if match else None


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around ``position`` (a light regex split)."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    after = _SENTENCE_END.search(text, position)
    return start, after.start() if after else len(text)
