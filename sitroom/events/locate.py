"""Where and when a frame's event happened: places and dates chosen from resolved references.

Places: the frame's places, most specific first; a country is dropped when a town of that
country is named, a province when a town in it is; places listed with "and"/"," become one
event each ("the towns of Talbisa and Rastan"). Dates: the date after each place, else the
frame's date nearest the trigger, skipping the day a source spoke ("sources said on Monday");
else the publication day, with ACLED time precision from tense (gold NOTES rule).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from ..model import Article, DateRef, PlaceRef
from .attribution import Attribution, has_phrase
from .lexicon import Lexicon
from .sentences import Token

LOGGER = logging.getLogger(__name__)

_COARSE_KINDS = frozenset({"country", "admin1", "province", "state", "region_admin", "continent"})
_SAY_WORDS = frozenset({"said", "say", "says", "told", "reported", "announced", "stated", "added", "confirmed"})
_SAME_DAY = ("overnight", "today", "tonight", "this morning", "this afternoon", "this evening", "earlier today")
_DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"})
_PROGRESSIVE_AUX = frozenset({"was", "were", "is", "are"})


@dataclass(slots=True, frozen=True)
class Located:
    """A resolved reference at tokens [first, last] of the sentence."""

    ref: PlaceRef | DateRef
    first: int
    last: int


@dataclass(slots=True, frozen=True)
class When:
    """An event day with ACLED time precision and the date reference it came from."""

    day: str
    end_day: str | None
    precision: int
    ref: Located | None


def is_coarse(place: PlaceRef) -> bool:
    """True for country- or province-level places."""
    return place.kind in _COARSE_KINDS or place.geo_precision >= 3


def choose_places(tokens: Sequence[Token], places: Sequence[Located], trigger: int) -> list[list[Located]]:
    """Group the frame's places into events: each group is one event, its first place the location."""
    refs = [p for p in places if isinstance(p.ref, PlaceRef) and p.ref.latitude is not None
            and not _distance_reference(tokens, p)]
    refs = _drop_containers(refs)
    if not refs:
        return []
    refs.sort(key=lambda p: p.first)
    groups: list[list[Located]] = [[refs[0]]]
    for prev, cur in zip(refs, refs[1:]):
        gap = [t.text.lower() for t in tokens[prev.last + 1 : cur.first]]
        between = prev.first > 0 and tokens[prev.first - 1].text.lower() == "between"
        if _listed(gap) and not _qualifier(cur) and not between:
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return groups


def _distance_reference(tokens: Sequence[Token], place: Located) -> bool:
    """ "30 km (20 miles) from Damascus", "within 40 km of Homs": a yardstick, not the location."""
    before = [t.text.lower() for t in tokens[max(0, place.first - 6) : place.first]]
    return bool(before) and before[-1] in ("of", "from") and any(w in _DISTANCE_UNITS for w in before)


def _qualifier(place: Located) -> bool:
    # "Tadmur, east of Homs": a span starting lowercase ("east of ...") locates the place before it.
    text = place.ref.evidence.text
    return bool(text) and text[0].islower()


def _listed(gap: list[str]) -> bool:
    if not gap:
        return False
    if "and" in gap or gap == [","] or gap[-1] == ",":
        return True
    return "followed" in gap


def _drop_containers(refs: list[Located]) -> list[Located]:
    fine = [p for p in refs if not is_coarse(p.ref)]  # type: ignore[arg-type]
    out = []
    for p in refs:
        place: PlaceRef = p.ref  # type: ignore[assignment]
        if is_coarse(place) and any(_inside(f.ref, place) for f in fine):  # type: ignore[arg-type]
            continue
        out.append(p)
    return out


def _inside(fine: PlaceRef, coarse: PlaceRef) -> bool:
    if coarse.kind == "country" or coarse.admin1 is None:
        return fine.country is not None and fine.country == coarse.country
    return fine.admin1 is not None and fine.admin1 == coarse.admin1


def speech_date(tokens: Sequence[Token], ref: Located, attribution: Attribution | None) -> bool:
    """True when the date is when someone spoke ("said on Monday"), not when the event happened."""
    if attribution is not None and attribution.first <= ref.first <= attribution.last:
        return True
    window = [t.text.lower() for t in tokens[max(0, ref.first - 3) : ref.first]]
    says = [k for k, w in enumerate(window) if w in _SAY_WORDS]
    # "reported that on Monday, forces fought": the date opens the reported clause.
    return bool(says) and "that" not in window[says[-1] :]


def dates_for(
    tokens: Sequence[Token], group: Sequence[Located], next_start: int, dates: Sequence[Located]
) -> list[Located]:
    """Dates stated right after a place group (before the next group); "Sunday and Monday" gives two."""
    lead = group[0].first
    found = [d for d in dates if lead < d.first < next_start]
    if len(found) < 2:
        return found[:1]
    gap = [t.text.lower() for t in tokens[found[0].last + 1 : found[1].first]]
    return found[:2] if "and" in gap else found[:1]


def nearest_date(dates: Sequence[Located], trigger: int) -> Located | None:
    """The date closest to the trigger, preferring one after it on ties."""
    if not dates:
        return None
    return min(dates, key=lambda d: (min(abs(d.first - trigger), abs(d.last - trigger)), d.first < trigger))


def when_from_ref(ref: Located) -> When:
    """A When from a resolved DateRef."""
    d: DateRef = ref.ref  # type: ignore[assignment]
    return When(d.day, d.end_day, d.time_precision, ref)


def when_from_publication(
    article: Article, tokens: Sequence[Token], lo: int, trigger: int, lexicon: Lexicon
) -> When | None:
    """The publication day with a precision read from tense; None when the article is undated.

    1 = same-day words ("overnight", "today") or a progressive report ("were deploying");
    3 = "recently" or a publication date known only to the month;
    2 = a publication date known only as a lower bound ("week"), whatever the tense;
    2 = otherwise (past or perfect tense with no day: "had taken", "crossed").
    """
    if not article.published:
        return None
    day = article.published[:10]
    if article.date_precision in ("month", "year") or has_phrase(tokens, lexicon.recent, lo, trigger + 3):
        return When(day, None, 3, None)
    if article.date_precision == "week":
        return When(day, None, 2, None)  # a lower bound: the true day may be up to a week later
    if has_phrase(tokens, tuple(tuple(p.split()) for p in _SAME_DAY), lo, len(tokens)):
        return When(day, None, 1, None)
    if trigger > 0 and tokens[trigger - 1].text.lower() in _PROGRESSIVE_AUX and tokens[trigger].text.endswith("ing"):
        return When(day, None, 1, None)
    return When(day, None, 2, None)


def within_window(when: When, published: str | None, history_days: int) -> bool:
    """False for events older than the history window or after publication (plans, forecasts)."""
    if not published:
        return True
    pub = date.fromisoformat(published[:10])
    day = date.fromisoformat(when.day)
    return pub - timedelta(days=history_days) <= day <= pub + timedelta(days=1)
