"""events.csv: one row per event in ACLED's column names and order, then sitroom's own columns.

Values follow ACLED's conventions: associated actors joined with "; ", inter codes from the
actor types, numeric ISO codes, ACLED regions, fatalities 0 when none were reported. The
``timestamp`` is derived from the data (the latest publication day of the event's articles),
never the clock, so the same store always gives the same bytes.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..events import codebook
from ..model import Event
from ..store import ActorSummary, Store
from .countries import CountryCodes, country_codes
from .files import write_atomic

LOGGER = logging.getLogger(__name__)

FILENAME = "events.csv"

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
OWN_COLUMNS = ("articles", "sources", "evidence")
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

# Digits of the event's content id in event_id_cnty: 12 hex digits keep collisions negligible
# even for millions of events.
_ID_DIGITS = 12


@dataclass(slots=True, frozen=True)
class EventContext:
    """What an event row needs besides the event: actor facts and article metadata, by name/id."""

    actors: dict[str, ActorSummary]
    outlets: dict[str, str | None]
    published: dict[str, str | None]


def event_context(store: Store) -> EventContext:
    """Read the actor table and article metadata once for all rows."""
    articles = store.articles()
    return EventContext(
        actors={a.name: a for a in store.actors()},
        outlets={a.article_id: a.outlet for a in articles},
        published={a.article_id: a.published for a in articles},
    )


def sorted_events(events: list[Event]) -> list[Event]:
    """Events in export order: by date (undated last), then id."""
    return sorted(events, key=lambda e: (e.event_date is None, e.event_date or "", e.id))


def event_record(event: Event, ctx: EventContext) -> dict[str, Any]:
    """Return one event as an ordered dict over ``COLUMNS`` (numbers as numbers, None as None)."""
    codes = country_codes(event.country)
    type1, type2 = _actor_type(event.actor1, ctx), _actor_type(event.actor2, ctx)
    record: dict[str, Any] = {
        "event_id_cnty": f"{codes.alpha_3 if codes else 'XXX'}{event.id[:_ID_DIGITS]}",
        "event_date": event.event_date,
        "year": int(event.event_date[:4]) if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": _disorder(event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _name(event.actor1, ctx),
        "assoc_actor_1": "; ".join(_name(a, ctx) or a for a in event.assoc_actor_1),
        "inter1": codebook.inter_code(type1),
        "actor2": _name(event.actor2, ctx),
        "assoc_actor_2": "; ".join(_name(a, ctx) or a for a in event.assoc_actor_2),
        "inter2": codebook.inter_code(type2),
        "interaction": codebook.interaction_code(type1, type2),
        "civilian_targeting": "Civilian targeting" if type2 == "civilians" else "",
    }
    record.update(_place_fields(event, codes))
    record.update(_source_fields(event, ctx))
    record.update(_own_fields(event))
    return {column: record[column] for column in COLUMNS}


def _place_fields(event: Event, codes: CountryCodes | None) -> dict[str, Any]:
    return {
        "iso": codes.numeric if codes else None,
        "region": codes.region if codes else "",
        "country": (codes.acled_name if codes and codes.acled_name else event.country) or "",
        "admin1": event.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": event.location or "",
        # ACLED gives coordinates to four decimals (about 10 m); more would be false precision.
        "latitude": round(event.latitude, 4) if event.latitude is not None else None,
        "longitude": round(event.longitude, 4) if event.longitude is not None else None,
        "geo_precision": event.geo_precision,
    }


def _source_fields(event: Event, ctx: EventContext) -> dict[str, Any]:
    sources: list[str] = []
    for name in [*(ctx.outlets.get(d) for d in event.docs), *(event.attribution or "").split(";")]:
        name = (name or "").strip()
        if name and name not in sources:
            sources.append(name)
    tags = (["hedged"] if event.hedged else []) + [f"{k}={v}" for k, v in sorted(event.quantities.items())]
    if event.end_date:
        tags.append(f"end_date={event.end_date}")
    return {
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": event.notes or notes_sentence(event, ctx),
        "fatalities": event.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": _timestamp(event, ctx),
    }


def _own_fields(event: Event) -> dict[str, Any]:
    evidence = {k: v.to_dict() for k, v in event.evidence.items()}
    return {
        "articles": "; ".join(event.docs),
        "sources": event.sources,
        "evidence": json.dumps(evidence, ensure_ascii=False, sort_keys=True),
    }


def notes_sentence(event: Event, ctx: EventContext) -> str:
    """One sentence from the fields: day, actors, what, where, toll, and the text it rests on."""
    actors = " and ".join(n for n in (_name(event.actor1, ctx), _name(event.actor2, ctx)) if n)
    place = ", ".join(dict.fromkeys(p for p in (event.location, event.admin1, event.country) if p))
    parts = [f"On {event.event_date or 'an unknown date'}, {event.sub_event_type.lower()}"]
    if actors:
        parts.append(f" involving {actors}")
    if place:
        parts.append(f" in {place}")
    parts.append(" (reported, unconfirmed)." if event.hedged else ".")
    if event.fatalities:
        parts.append(f" {event.fatalities} reported fatalities.")
    trigger = event.evidence.get("event_type")
    if trigger is not None:
        parts.append(f" [{' '.join(trigger.text.split())}]")
    return "".join(parts)


def _disorder(sub_event_type: str) -> str:
    try:
        return codebook.disorder_type(sub_event_type)
    except KeyError:
        return ""  # a sub-event type outside the codebook has no disorder type to report


def _name(actor: str | None, ctx: EventContext) -> str | None:
    if actor is None:
        return None
    summary = ctx.actors.get(actor)
    return summary.acled_name if summary else actor


def _actor_type(actor: str | None, ctx: EventContext) -> str | None:
    # A named actor of unknown type is still an actor: "other" (inter 8), never "none" (0).
    if actor is None:
        return None
    summary = ctx.actors.get(actor)
    if summary is not None and summary.type:
        return summary.type
    return "civilians" if actor.startswith("Civilians") else "other"


def _timestamp(event: Event, ctx: EventContext) -> int:
    days = []
    for doc in event.docs:
        published = ctx.published.get(doc)
        try:
            days.append(date.fromisoformat((published or "")[:10]))
        except ValueError:
            continue
    return calendar.timegm(max(days).timetuple()) if days else 0


def csv_text(records: list[dict[str, Any]]) -> str:
    """Return the CSV text of ``records`` with the header; None becomes an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow("" if record[c] is None else record[c] for c in COLUMNS)
    return buffer.getvalue()


def event_records(store: Store) -> list[dict[str, Any]]:
    """Return every stored event as a record, in export order."""
    ctx = event_context(store)
    return [event_record(e, ctx) for e in sorted_events(store.events())]


def write_events_csv(store: Store, out_dir: Path) -> Path:
    """Write ``events.csv`` into ``out_dir`` and return its path."""
    return write_atomic(out_dir / FILENAME, csv_text(event_records(store)).encode("utf-8"))
