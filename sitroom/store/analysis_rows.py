"""Rows of the analysis tables (events, claims, relations, contradictions, actors) and back.

Tuples, dicts and evidence spans are stored as JSON text with sorted keys, so the same records
always give the same bytes; reading a row back gives a record equal to the one written.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

from ..analysis import ArticleAnalysis
from ..claims.contradict import Contradiction
from ..model import ActorRef, Article, Claim, DateRef, Event, Evidence, PlaceRef, Record, Relation, content_id

_V, _I, _B, _D, _J, _BOOL = "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "JSON", "BOOLEAN"

# Column name -> SQL type, in CREATE TABLE order (migrations 0004-0008).
EVENT_COLUMNS = {
    "id": _V, "docs": _J, "event_date": _V, "end_date": _V, "time_precision": _I, "event_type": _V,
    "sub_event_type": _V, "actor1": _V, "assoc_actor_1": _J, "actor2": _V, "assoc_actor_2": _J, "country": _V,
    "admin1": _V, "location": _V, "latitude": _D, "longitude": _D, "geo_precision": _I, "fatalities": _B,
    "quantities": _J, "attribution": _V, "hedged": _BOOL, "evidence": _J, "notes": _V, "sources": _I,
    "articles": _J,
}  # fmt: skip
CLAIM_COLUMNS = {"id": _V, "doc": _V, "claimant": _V, "stance": _V, "about": _V, "about_event": _V, "date": _V,
                 "evidence": _J, "contradicts": _V}  # fmt: skip
RELATION_COLUMNS = {"id": _V, "source": _V, "relation": _V, "target": _V, "docs": _J, "evidence": _J, "weight": _I}
CONTRADICTION_COLUMNS = {"id": _V, "event_id": _V, "asserting": _J, "denying": _J, "docs": _J, "summary": _V}
ACTOR_COLUMNS = {"name": _V, "type": _V, "country": _V, "acled_name": _V, "provisional": _BOOL, "mentions": _I}
# The per-article cache (migration 0009): each part is a JSON list of records.
_ARTICLE_PARTS: dict[str, type[Record]] = {
    "actors": ActorRef, "places": PlaceRef, "dates": DateRef, "relations": Relation, "events": Event, "claims": Claim,
}  # fmt: skip
ARTICLE_ANALYSIS_COLUMNS = {"article_id": _V, "key": _V, "version": _V, **{name: _J for name in _ARTICLE_PARTS}}

_EVENT_JSON = ("docs", "assoc_actor_1", "assoc_actor_2", "quantities", "evidence")


@dataclass(slots=True, frozen=True)
class ActorSummary:
    """One row of the ``actors`` table: an actor named by the analysis, with registry facts."""

    name: str
    type: str | None
    country: str | None
    acled_name: str
    provisional: bool
    mentions: int


class ActorLookup(Protocol):
    """What the actor registry offers the store: an entry (type, country, acled_name) by name."""

    def get(self, name: str) -> Any:
        """Return the entry for a canonical name, or None."""


def to_json(value: Any, sort_keys: bool = True) -> str:
    """Return ``value`` (records become dicts) as JSON text, non-ASCII kept.

    Keys are sorted unless ``sort_keys`` is false, which keeps each dict's own order (the
    analysis cache does, so a record read back iterates its dicts as the original did).
    """
    plain = value.to_dict() if hasattr(value, "to_dict") else value
    if isinstance(plain, dict):
        plain = {k: v.to_dict() if hasattr(v, "to_dict") else v for k, v in plain.items()}
    elif isinstance(plain, (list, tuple)):
        plain = [v.to_dict() if hasattr(v, "to_dict") else v for v in plain]
    return json.dumps(plain, ensure_ascii=False, sort_keys=sort_keys)


def article_analysis_row(item: ArticleAnalysis, key: str, version: str) -> tuple[Any, ...]:
    """Return the ``article_analyses`` row caching one article's results under ``key``.

    The article itself is not copied: it is stored in ``articles`` and given back on reading.
    """
    parts = (to_json(getattr(item, name), sort_keys=False) for name in _ARTICLE_PARTS)
    return (item.article.article_id, key, version, *parts)


def article_analysis_from_row(row: Sequence[Any], article: Article, merging: bool = False) -> ArticleAnalysis:
    """Return the cached results in an ``article_analyses`` row, for ``article`` (as stored now).

    With ``merging``, places and dates are left empty (``analysis.for_merging``) and not decoded.
    """
    values = dict(zip(ARTICLE_ANALYSIS_COLUMNS, row))
    skip = ("places", "dates") if merging else ()
    parts = {name: () if name in skip else tuple(_record(cls, d) for d in json.loads(values[name]))
             for name, cls in _ARTICLE_PARTS.items()}  # fmt: skip
    return ArticleAnalysis(article=article, **parts)  # type: ignore[arg-type]


_TUPLES = frozenset({"docs", "assoc_actor_1", "assoc_actor_2"})


def _record(cls: type[Record], data: dict[str, Any]) -> Any:
    # Record.from_dict is generic and about four times slower; these six records differ only in
    # their list fields and in evidence being one span or (events) a dict of spans.
    values = {k: tuple(v) if k in _TUPLES else v for k, v in data.items()}
    spans = values["evidence"]
    values["evidence"] = {k: Evidence(**v) for k, v in spans.items()} if cls is Event else Evidence(**spans)
    return cls(**values)


def event_row(event: Event) -> tuple[Any, ...]:
    """Return the ``events`` row of an event; ``articles`` repeats ``docs`` for SQL readers."""
    values = {name: getattr(event, name) for name in EVENT_COLUMNS if name != "articles"}
    for name in _EVENT_JSON:
        values[name] = to_json(values[name])
    values["articles"] = values["docs"]
    return tuple(values[name] for name in EVENT_COLUMNS)


def event_from_row(row: Sequence[Any]) -> Event:
    """Return the event stored in an ``events`` row."""
    values = dict(zip(EVENT_COLUMNS, row))
    values.pop("articles")
    for name in ("docs", "assoc_actor_1", "assoc_actor_2"):
        values[name] = tuple(json.loads(values[name]))
    values["quantities"] = json.loads(values["quantities"])
    values["evidence"] = {k: Evidence.from_dict(v) for k, v in json.loads(values["evidence"]).items()}
    return Event(**values)


def claim_row(claim: Claim) -> tuple[Any, ...]:
    """Return the ``claims`` row of a claim."""
    values = {name: getattr(claim, name) for name in CLAIM_COLUMNS}
    values["evidence"] = to_json(claim.evidence)
    return tuple(values[name] for name in CLAIM_COLUMNS)


def claim_from_row(row: Sequence[Any]) -> Claim:
    """Return the claim stored in a ``claims`` row."""
    values = dict(zip(CLAIM_COLUMNS, row))
    values["evidence"] = Evidence.from_dict(json.loads(values["evidence"]))
    return Claim(**values)


def relation_id(source: str, relation: str, target: str) -> str:
    """Return the content id of a relation: one row per (source, relation, target)."""
    return content_id(source, relation, target)


def relation_rows(relations: Iterable[Relation]) -> list[tuple[Any, ...]]:
    """Return one ``relations`` row per (source, relation, target), docs and evidence pooled.

    Evidence spans are sorted, so the rows do not depend on the order relations arrive in.
    """
    pooled: dict[str, tuple[Relation, set[str], set[Evidence]]] = {}
    for rel in relations:
        key = relation_id(rel.source, rel.relation, rel.target)
        _, docs, spans = pooled.setdefault(key, (rel, set(), set()))
        docs.update(rel.docs)
        spans.add(rel.evidence)
    rows = []
    for key in sorted(pooled):
        rel, docs, spans = pooled[key]
        evidence = sorted(spans, key=lambda e: (e.article_id, e.start, e.end, e.text))
        rows.append((key, rel.source, rel.relation, rel.target, to_json(sorted(docs)), to_json(evidence), len(docs)))
    return rows


def relation_from_row(row: Sequence[Any]) -> Relation:
    """Return the relation stored in a ``relations`` row, with its first evidence span."""
    values = dict(zip(RELATION_COLUMNS, row))
    spans = relation_evidence_from_row(row)
    return Relation(values["source"], values["relation"], values["target"], tuple(json.loads(values["docs"])), spans[0])


def relation_evidence_from_row(row: Sequence[Any]) -> tuple[Evidence, ...]:
    """Return every evidence span stored in a ``relations`` row."""
    values = dict(zip(RELATION_COLUMNS, row))
    return tuple(Evidence.from_dict(v) for v in json.loads(values["evidence"]))


def contradiction_id(item: Contradiction) -> str:
    """Return the content id of a contradiction: its event (if any) and the claims on both sides."""
    return content_id(item.event_id or "", *item.asserting, "|", *item.denying)


def contradiction_row(item: Contradiction) -> tuple[Any, ...]:
    """Return the ``contradictions`` row of a contradiction."""
    return (contradiction_id(item), item.event_id, to_json(item.asserting), to_json(item.denying),
            to_json(item.docs), item.summary)  # fmt: skip


def contradiction_from_row(row: Sequence[Any]) -> Contradiction:
    """Return the contradiction stored in a ``contradictions`` row."""
    values = dict(zip(CONTRADICTION_COLUMNS, row))
    return Contradiction(
        event_id=values["event_id"],
        asserting=tuple(json.loads(values["asserting"])),
        docs=tuple(json.loads(values["docs"])),
        denying=tuple(json.loads(values["denying"])),
        summary=values["summary"],
    )


def actor_rows(refs: Sequence[ActorRef], named: Iterable[str], registry: ActorLookup) -> list[tuple[Any, ...]]:
    """Return one ``actors`` row per actor mentioned (``refs``) or named by events/relations (``named``).

    Type comes from the mentions (most common) else the registry; country and ACLED name from
    the registry. An actor the registry does not know is provisional.
    """
    mentions = Counter(ref.name for ref in refs)
    types: dict[str, Counter[str]] = {}
    provisional: dict[str, bool] = {}
    for ref in refs:
        types.setdefault(ref.name, Counter())[ref.type] += 1
        provisional[ref.name] = provisional.get(ref.name, True) and ref.provisional
    rows = []
    for name in sorted(set(mentions) | {n for n in named if n}):
        entry = registry.get(name)
        counted = types.get(name)
        # Ties between mention types go to the alphabetically first, so rows never depend on order.
        kind = min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counted else getattr(entry, "type", None)
        is_provisional = provisional.get(name, entry is None)
        acled = getattr(entry, "acled_name", None) or name
        rows.append((name, kind, getattr(entry, "country", None), acled, is_provisional, mentions.get(name, 0)))
    return rows


def actor_from_row(row: Sequence[Any]) -> ActorSummary:
    """Return the actor summary stored in an ``actors`` row."""
    return ActorSummary(**dict(zip(ACTOR_COLUMNS, row)))


def event_actor_names(events: Iterable[Event]) -> list[str]:
    """Return every actor name an event names (both sides and their associates)."""
    names: list[str] = []
    for event in events:
        names.extend(n for n in (event.actor1, event.actor2) if n)
        names.extend(event.assoc_actor_1)
        names.extend(event.assoc_actor_2)
    return names
