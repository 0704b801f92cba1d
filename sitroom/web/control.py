"""Territorial control over time: who holds each town on a given day, and the evidence for it.

Control changes only through the three ACLED sub-event types that move territory. The holder
after such an event is its actor1 (the side that takes, regains or is handed the town); when an
event names no actor1 the town's holder becomes unknown, because a withdrawal alone does not
say who moved in. Towns named by any other event are listed as "unknown" until a territorial
event on or before the day says otherwise.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Event

LOGGER = logging.getLogger(__name__)

UNKNOWN = "unknown"
TERRITORIAL = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)
# Evidence fields that explain a change of control, in display order.
_EVIDENCE_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "event_date")


@dataclass(slots=True, frozen=True)
class TownControl:
    """The holder of one town on one day, with the event that last changed it (None if no event)."""

    location: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    holder: str
    since: str | None
    event_id: str | None
    sub_event_type: str | None
    previous: str | None
    evidence: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly dict."""
        return {
            "location": self.location,
            "country": self.country,
            "admin1": self.admin1,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "holder": self.holder,
            "since": self.since,
            "event_id": self.event_id,
            "sub_event_type": self.sub_event_type,
            "previous": self.previous,
            "evidence": list(self.evidence),
        }


def _town_key(event: Event) -> tuple[str, str] | None:
    if not event.location:
        return None
    return (event.location, event.country or "")


def _evidence(event: Event) -> tuple[dict[str, Any], ...]:
    spans = []
    for name in (*_EVIDENCE_FIELDS, *sorted(set(event.evidence) - set(_EVIDENCE_FIELDS))):
        ev = event.evidence.get(name)
        if ev is not None:
            spans.append({"field": name, **ev.to_dict()})
    return tuple(spans)


def _blank(event: Event) -> TownControl:
    return TownControl(
        location=event.location or "",
        country=event.country,
        admin1=event.admin1,
        latitude=event.latitude,
        longitude=event.longitude,
        holder=UNKNOWN,
        since=None,
        event_id=None,
        sub_event_type=None,
        previous=None,
        evidence=(),
    )


def _changed(town: TownControl, event: Event, previous: str) -> TownControl:
    return TownControl(
        location=town.location,
        country=town.country,
        admin1=town.admin1,
        latitude=town.latitude if town.latitude is not None else event.latitude,
        longitude=town.longitude if town.longitude is not None else event.longitude,
        holder=event.actor1 or UNKNOWN,
        since=event.event_date,
        event_id=event.id,
        sub_event_type=event.sub_event_type,
        previous=previous,
        evidence=_evidence(event),
    )


def control_on(events: Iterable[Event], day: str) -> list[TownControl]:
    """Return every town named by ``events`` with its holder on ``day`` (ISO date), by name.

    Only dated territorial events on or before ``day`` change a holder; they are applied in
    date order (then id, so the answer does not depend on input order).
    """
    towns: dict[tuple[str, str], TownControl] = {}
    changes: list[Event] = []
    for event in events:
        key = _town_key(event)
        if key is None:
            continue
        if key not in towns or (towns[key].latitude is None and event.latitude is not None):
            towns[key] = _blank(event)
        if event.sub_event_type in TERRITORIAL and event.event_date and event.event_date[:10] <= day:
            changes.append(event)
    last: dict[tuple[str, str], tuple[Event, str]] = {}
    for event in sorted(changes, key=lambda e: (e.event_date or "", e.id)):
        key = _town_key(event)
        assert key is not None  # filtered above
        previous = (last[key][0].actor1 or UNKNOWN) if key in last else UNKNOWN
        last[key] = (event, previous)
    for key, (event, previous) in last.items():
        towns[key] = _changed(towns[key], event, previous)
    LOGGER.debug("control on %s: %d towns, %d changes", day, len(towns), len(changes))
    return sorted(towns.values(), key=lambda t: (t.location, t.country or ""))
