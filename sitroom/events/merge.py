"""Merge reports of one event: same type, close dates, close places, overlapping actors.

Used within an article (a lead and a later paragraph telling the same strike) and across
articles (several outlets). A merged event lists every doc; ``sources`` counts the distinct
dedup clusters among them, so a syndicated copy does not count as a second source. Ids are
content hashes of the merged key, so re-running on the same input gives the same ids.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from ..model import Event, Evidence, content_id

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class MergeOptions:
    """Tolerances for calling two reports one event (the gold matching rule's defaults)."""

    days: int = 1
    coarse_days: int = 7
    km: float = 50.0
    coarse_km: float = 300.0
    town_km: float = 10.0  # two different towns, each named exactly, are one place only this close
    registry: Any = None  # actor registry (``resolve.actors``): lets "Iraqi militias" cover "Badr"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def same_event(a: Event, b: Event, options: MergeOptions | None = None) -> bool:
    """True when a and b report one event under the tolerances."""
    options = options or MergeOptions()
    if (a.event_date != b.event_date or a.location != b.location) and _same_sentence(a, b):
        return False  # "on both Sunday and Monday", "Deraa and Suweida": the text tells them apart
    return _same_report_fields(a, b, options)


def _same_report_fields(a: Event, b: Event, options: MergeOptions) -> bool:
    """same_event without the one-sentence rule: reads only the fields in ``_signature``."""
    if a.event_type != b.event_type or a.sub_event_type != b.sub_event_type:
        return False
    vague_date = max(a.time_precision or 1, b.time_precision or 1) >= 2
    if (a.location is None or b.location is None) and vague_date and _gap(a, b) > options.days:
        return False  # a country-wide report and a week-wide date are too vague to call the same event
    if a.actor2 and b.actor2 and _civilian(a.actor2) != _civilian(b.actor2):
        return False  # a strike on a camp and one on fighters' bases hit different targets
    if a.sub_event_type == MOVEMENT and _withdrawal(a) != _withdrawal(b):
        return False  # troops leaving and troops arriving are two movements, whatever else they share
    return _dates_close(a, b, options) and _places_close(a, b, options) and _actors_overlap(a, b, options.registry)


MOVEMENT = "Change to group/activity"
# Heads of collective actor names ("Iran-backed Iraqi militias", "Syrian rebels"): a class of groups, not one group.
COLLECTIVE_HEADS = frozenset({"militias", "rebels", "groups", "factions", "fighters", "insurgents", "militants",
                              "jihadists", "gunmen", "paramilitaries"})


def _civilian(name: str) -> bool:
    return name.startswith("Civilians")


def _withdrawal(event: Event) -> bool:
    """True when the report's trigger is a pull-back ("vacated", "retreated"), not a deployment."""
    from .lexicon import load_lexicon

    span = event.evidence.get("event_type")
    words = span.text.lower().split() if span is not None else []
    return any(w in load_lexicon().withdrawal_words for w in words)


def _same_sentence(a: Event, b: Event) -> bool:
    first, second = a.evidence.get("sentence"), b.evidence.get("sentence")
    return first is not None and first == second


def _gap(a: Event, b: Event) -> int:
    if a.event_date is None or b.event_date is None:
        return 10**6
    return abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days)


def _dates_close(a: Event, b: Event, options: MergeOptions) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    coarse = max(a.time_precision or 1, b.time_precision or 1) >= 2
    return _gap(a, b) <= (options.coarse_days if coarse else options.days)


def _places_close(a: Event, b: Event, options: MergeOptions) -> bool:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return a.location is not None and a.location == b.location
    coarse = max(a.geo_precision or 1, b.geo_precision or 1) >= 3
    km = km_between(a.latitude, a.longitude, b.latitude, b.longitude)
    if coarse:
        return km <= options.coarse_km or (a.admin1 is not None and a.admin1 == b.admin1)
    if a.geo_precision == 1 and b.geo_precision == 1 and a.location != b.location:
        return km <= options.town_km  # "Talbisa" and "Homs" both named: two towns, not one vague place
    return km <= options.km


def actor_names(event: Event) -> set[str]:
    """Every actor of an event, casefolded."""
    names = [event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2]
    return {n.casefold() for n in names if n}


def _actors_overlap(a: Event, b: Event, registry: Any = None) -> bool:
    if actor_names(a) & actor_names(b):
        return True
    return registry is not None and any(covers(x, y, registry) or covers(y, x, registry)
                                        for x in _named(a) for y in _named(b))


def _named(event: Event) -> list[str]:
    return [n for n in (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2) if n]


def collective(name: str) -> bool:
    """A name for a class of armed groups ("Iraqi militias", "Pro-government militias (Syria)")."""
    words = name.split(" (")[0].split()
    return bool(words) and words[-1].lower() in COLLECTIVE_HEADS


def covers(group: str, member: str, registry: Any) -> bool:
    """True when ``member`` is one of the groups the collective name ``group`` stands for.

    A member it lists (``part_of``), or a group of the same kind from the same country ("Badr",
    an Iraqi militia, is one of the "Iran-backed Iraqi militias"); a state's forces are never
    covered by a non-state class.
    """
    if group == member or not collective(group):
        return False
    entry, other = registry.get(member), registry.get(group)
    if entry is None or other is None:
        return False
    if group in tuple(entry.part_of or ()):
        return True
    return bool(entry.type and entry.type == other.type and entry.country and entry.country == other.country)


def merge_events(
    events: Sequence[Event],
    clusters: Mapping[str, str | None] | None = None,
    options: MergeOptions | None = None,
) -> list[Event]:
    """Group events reporting one event and fold each group into one Event (order-independent).

    Args:
        events: events from one or many articles.
        clusters: article_id -> dedup cluster_id, for counting independent sources.
        options: date/distance tolerances.
    """
    # Complete linkage, most precise reports first: a report joins a group only when it is the
    # same event as every member, so a coarse "somewhere in Syria" report cannot chain a strike
    # on Aleppo to one on Idlib.
    options = options or MergeOptions()
    groups: list[_Group] = []
    # Blocking: same_event needs the same sub-event type, days at most `window` apart and close
    # places, so a report is compared only with groups whose first member passes those tests (in
    # creation order, as a scan of every group would meet them): a day of the world's news then
    # meets the groups of its own region and week, not of every war.
    window = max(options.days, options.coarse_days)
    places = _PlaceKeys(options)
    index: dict[tuple[str, str], dict[tuple[int, Any], list[int]]] = {}
    for event in sorted(events, key=_precision_key):
        day = date.fromisoformat(event.event_date).toordinal() if event.event_date else None
        buckets = index.setdefault((event.event_type, event.sub_event_type), {})
        near: list[int] = []
        if day is not None:
            keys = places.near(event)  # once per report, not once per day of the window
            near = sorted({i for d in range(day - window, day + window + 1) for key in keys
                           for i in buckets.get((d, key), ())})
        # Of the groups that accept it, the report joins the one it agrees with most (same toll, shared actors).
        fits = [groups[i] for i in near if groups[i].accepts(event, options)]
        home = max(fits, key=lambda g: g.agreement(event)) if fits else None
        if home is None:
            if day is not None:
                for key in places.own(event):
                    buckets.setdefault((day, key), []).append(len(groups))
            groups.append(_Group(event))
        else:
            home.add(event)
    merged = [fold(group.members, clusters, options.registry) for group in groups]
    return sorted(merged, key=lambda e: (e.event_date or "", e.id))


_NEIGHBOURS = tuple((i, j, k) for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1))


class _PlaceKeys:
    """Blocking keys for ``_places_close``: a report and a group's first member it can be close to share one.

    Two places are close only when they have the same name (one of them without coordinates),
    the same admin1, or lie within ``coarse_km`` (no tolerance is larger). The distance test is
    blocked on a grid over the unit sphere whose cells are as wide as that radius: points within
    it are in the same or a neighbouring cell, near the poles and across the date line too.
    """

    def __init__(self, options: MergeOptions) -> None:
        self.cell = max(options.km, options.coarse_km, options.town_km) / 6371.0

    def own(self, event: Event) -> list[tuple[Any, ...]]:
        """Keys a group is filed under (its first member's place)."""
        return self._keys(event, ((0, 0, 0),))

    def near(self, event: Event) -> list[tuple[Any, ...]]:
        """Keys of every group whose first member's place can be close to ``event``'s."""
        return self._keys(event, _NEIGHBOURS)

    def _keys(self, event: Event, cells: Sequence[tuple[int, int, int]]) -> list[tuple[Any, ...]]:
        keys: list[tuple[Any, ...]] = [("name", event.location)] if event.location is not None else []
        if event.latitude is not None and event.longitude is not None:
            x, y, z = self._cell(event.latitude, event.longitude)
            keys.extend(("cell", x + i, y + j, z + k) for i, j, k in cells)
            if event.admin1 is not None:
                keys.append(("admin1", event.admin1))
        return keys

    def _cell(self, lat: float, lon: float) -> tuple[int, int, int]:
        # The chord between two points is never longer than the arc, so points within the
        # radius differ by at most one cell along each axis.
        p, l = math.radians(lat), math.radians(lon)
        point = (math.cos(p) * math.cos(l), math.cos(p) * math.sin(l), math.sin(p))
        return tuple(math.floor(c / self.cell) for c in point)  # type: ignore[return-value]


def _signature(event: Event) -> tuple[Any, ...]:
    """Every field ``_same_report_fields`` and ``_Group.agreement`` read: copies of one report share it."""
    return (event.event_type, event.sub_event_type, event.event_date, event.time_precision, event.location,
            event.latitude, event.longitude, event.geo_precision, event.admin1, event.actor1, event.actor2,
            event.assoc_actor_1, event.assoc_actor_2, event.fatalities,
            event.sub_event_type == MOVEMENT and _withdrawal(event))


class _Group:
    """Reports of one event, with each distinct report signature kept once (and counted).

    Syndicated copies give hundreds of identical reports of one event; complete linkage then
    compares a newcomer with one report per signature, not with every copy. The one-sentence
    rule, the only test that reads a report's article, is checked against the sentences held.
    """

    def __init__(self, event: Event) -> None:
        self.members: list[Event] = []
        self.reps: dict[tuple[Any, ...], tuple[Event, int]] = {}
        self.sentences: dict[Evidence, set[tuple[str | None, str | None]]] = {}
        self.add(event)

    def add(self, event: Event) -> None:
        self.members.append(event)
        key = _signature(event)
        rep, count = self.reps.get(key, (event, 0))
        self.reps[key] = (rep, count + 1)
        sentence = event.evidence.get("sentence")
        if sentence is not None:
            self.sentences.setdefault(sentence, set()).add((event.event_date, event.location))

    def accepts(self, event: Event, options: MergeOptions) -> bool:
        """Whether ``same_event(event, m)`` holds for every member ``m``."""
        sentence = event.evidence.get("sentence")
        if sentence is not None and any(pair != (event.event_date, event.location)
                                        for pair in self.sentences.get(sentence, ())):
            return False
        return all(_same_report_fields(event, rep, options) for rep, _ in self.reps.values())

    def agreement(self, event: Event) -> tuple[int, int, int]:
        """How well a report fits: members with the same death toll, actors shared, then a place as precise.

        A report "in the northwest" fits one "in Idlib province" better than one "in Aleppo city".
        Counted over distinct signatures times their copies, which equals counting every member.
        """
        names = actor_names(event)
        tolls = sum(n for rep, n in self.reps.values() if event.fatalities is not None and rep.fatalities == event.fatalities)
        shared = sum(n * len(names & actor_names(rep)) for rep, n in self.reps.values())
        spread = -min(abs((event.geo_precision or 1) - (rep.geo_precision or 1)) for rep, _ in self.reps.values())
        return tolls, shared, spread


def fold(group: Sequence[Event], clusters: Mapping[str, str | None] | None = None, registry: Any = None) -> Event:
    """One Event from reports of it: the most precise report leads; counts take the lowest."""
    best = _with_best_actors(min(group, key=_precision_key), group, registry)
    docs = tuple(sorted({d for e in group for d in e.docs}))
    fatalities = [e.fatalities for e in group if e.fatalities is not None]
    merged = dataclasses.replace(
        best,
        docs=docs,
        fatalities=min(fatalities) if fatalities else None,
        quantities=_quantities(group),
        attribution=_join(e.attribution for e in group),
        hedged=all(e.hedged for e in group),
        assoc_actor_1=_union(best.assoc_actor_1, (a for e in group for a in e.assoc_actor_1), best.actor1),
        assoc_actor_2=_union(best.assoc_actor_2, (a for e in group for a in e.assoc_actor_2), best.actor2),
        sources=_sources(docs, clusters),
        evidence=_evidence(group, best),
    )
    return dataclasses.replace(merged, id=event_id(merged))


def _with_best_actors(best: Event, group: Sequence[Event], registry: Any = None) -> Event:
    """Take the earliest most precise date, fill a side the lead report leaves empty, prefer a member to its umbrella.

    One report says "rebels", another "HTS (with Syrian rebels)": the merged event names HTS; one
    says "Iraqi militias", another "Badr": the collective becomes Badr's associate.
    """
    # Reports dated only by their publication day: the first report is the closest estimate.
    precise = min(e.time_precision or 9 for e in group)
    first = min((e for e in group if (e.time_precision or 9) == precise), key=lambda e: e.event_date or "")
    best = dataclasses.replace(best, event_date=first.event_date, end_date=first.end_date, time_precision=first.time_precision)
    actor1, actor2 = best.actor1, best.actor2
    assoc1 = list(best.assoc_actor_1)
    for event in group:
        if actor1 is None and event.actor1 is not None:
            actor1 = event.actor1
        elif actor1 is not None and event.actor1 is not None and actor1 in event.assoc_actor_1:
            assoc1 = [actor1, *[a for a in assoc1 if a not in (actor1, event.actor1)]]
            actor1 = event.actor1
        elif actor1 is not None and event.actor1 is not None and registry is not None and covers(actor1, event.actor1, registry):
            assoc1 = [actor1, *[a for a in (*assoc1, *event.assoc_actor_1) if a not in (actor1, event.actor1)]]
            actor1 = event.actor1
        if actor2 is None and event.actor2 is not None and event.actor2 != actor1:
            actor2 = event.actor2
    return dataclasses.replace(best, actor1=actor1, actor2=actor2, assoc_actor_1=tuple(dict.fromkeys(assoc1)))


def _precision_key(event: Event) -> tuple[int, bool, int, int, int, str]:
    # Prefer reports that name both actors, then finer places and dates.
    # A named province leads an unnamed country (both geo_precision 3), so country-wide reports join last.
    actors = (event.actor1 is None) + (event.actor2 is None)
    return (event.geo_precision or 9, event.location is None, event.time_precision or 9, actors, -len(event.evidence),
            event.id)


def _quantities(group: Sequence[Event]) -> dict[str, int]:
    out: dict[str, int] = {}
    for event in group:
        for name, value in event.quantities.items():
            out[name] = min(value, out.get(name, value))
    return out


def _join(values: Iterable[str | None]) -> str | None:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return "; ".join(seen) if seen else None


def _union(first: Sequence[str], more: Iterable[str], lead: str | None) -> tuple[str, ...]:
    out = list(first)
    for name in more:
        if name not in out and name != lead:
            out.append(name)
    return tuple(out)


def _sources(docs: Sequence[str], clusters: Mapping[str, str | None] | None) -> int:
    if not clusters:
        return len({d.split("#")[0] for d in docs})
    return len({clusters.get(d) or d for d in docs})


def _evidence(group: Sequence[Event], best: Event) -> dict[str, Evidence]:
    evidence = dict(best.evidence)
    for event in group:
        for name, span in event.evidence.items():
            evidence.setdefault(name, span)
    return evidence


def event_id(event: Event) -> str:
    """Content hash of the merged key: type, day, place, actors and docs."""
    place = event.location or f"{event.latitude},{event.longitude}"
    return content_id(
        event.sub_event_type, event.event_date or "", place, event.actor1 or "", event.actor2 or "", *event.docs
    )
