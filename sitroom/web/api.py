"""The JSON API of the situation page: events, actors, network, claims, contradictions, control.

The store is read once into a ``Snapshot`` when the app starts, so requests never hold the
DuckDB file open (the pipeline may write it) and a page load sees one consistent analysis.
Every query parameter is validated; a bad one is a 400 whose message names it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..claims.contradict import Contradiction
from ..export.network import build_graph, node_link
from ..model import Article, Claim, Event
from ..store import ActorSummary, Store
from .control import control_on

LOGGER = logging.getLogger(__name__)

DEFAULT_LIMIT = 100
MAX_LIMIT = 5000
EVENT_FILTERS = ("start", "end", "type", "actor", "place", "source", "limit", "offset", "view")
# ``view=rows`` lists these fields as one array per event under "columns": the fields the page's
# map, table, timeline and filters read, in under half the bytes (evidence comes with the detail).
ROW_FIELDS = (
    "id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
    "location", "admin1", "country", "latitude", "longitude", "fatalities", "sources",
)  # fmt: skip


class BadRequest(ValueError):
    """A query parameter is missing or malformed; the message is shown to the client."""


class ListingCache:
    """Encoded /api/events bodies by query, newest kept up to ``max_bytes``.

    A snapshot never changes, so neither does the answer to a query; the page's own start-up
    pages are encoded when the app is built, and nothing else waits behind them.
    """

    def __init__(self, max_bytes: int = 64 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[tuple[tuple[str, str], ...], bytes] = OrderedDict()
        self._size = 0

    def body(self, snap: Snapshot, params: QueryParams) -> bytes:
        """The JSON body answering ``params`` (BadRequest when they are malformed)."""
        key = tuple(sorted(params.multi_items()))
        found = self._bodies.get(key)
        if found is not None:
            self._bodies.move_to_end(key)
            return found
        body = JSONResponse(query_events(snap, params)).body
        if len(body) <= self.max_bytes:
            self._bodies[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                self._size -= len(self._bodies.popitem(last=False)[1])
        return body


@dataclass(slots=True)
class Snapshot:
    """Everything the API serves, read from the store in one go."""

    events: list[Event] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    actors: list[ActorSummary] = field(default_factory=list)
    network: dict[str, Any] = field(default_factory=lambda: {"nodes": [], "links": []})
    by_id: dict[str, Event] = field(default_factory=dict)
    plain: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: dict[str, list[Any]] = field(default_factory=dict)
    listings: ListingCache = field(default_factory=lambda: ListingCache())

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.events}
        # to_dict walks every nested record; done once here, listing 10k events is mostly JSON encoding
        self.plain = {e.id: e.to_dict() for e in self.events}
        self.rows = {i: [d[k] for k in ROW_FIELDS] for i, d in self.plain.items()}


def load_snapshot(store: Store) -> Snapshot:
    """Read events, articles, claims, contradictions, actors and the actor network from ``store``."""
    snap = Snapshot(
        events=store.events(),
        articles={a.article_id: a for a in store.articles()},
        claims=store.claims(),
        contradictions=store.contradictions(),
        actors=store.actors(),
        network=node_link(build_graph(store)),
    )
    LOGGER.info("snapshot: %d events, %d articles", len(snap.events), len(snap.articles))
    return snap


def parse_day(value: str | None, name: str) -> str | None:
    """Return ``value`` as a normalised ISO day, None when absent; BadRequest when malformed."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: expected an ISO date YYYY-MM-DD, got {value[:40]!r}") from None


def parse_int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    """Return ``value`` as an int in [low, high], ``default`` when absent; BadRequest otherwise."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name}: expected an integer, got {value[:40]!r}") from None
    if not low <= number <= high:
        raise BadRequest(f"{name}: must be between {low} and {high}, got {number}")
    return number


def _check_known(params: Mapping[str, str], known: tuple[str, ...]) -> None:
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise BadRequest(f"unknown parameter(s): {', '.join(unknown)}; allowed: {', '.join(known)}")


def _contains(needle: str, *values: str | None) -> bool:
    return any(needle in v.casefold() for v in values if v)


def _event_sources(event: Event, articles: Mapping[str, Article]) -> list[str | None]:
    found: list[str | None] = list(event.docs)
    for doc in event.docs:
        art = articles.get(doc)
        if art is not None:
            found.extend((art.outlet, art.url, art.title))
    return found


def event_predicate(params: Mapping[str, str], articles: Mapping[str, Article]) -> Callable[[Event], bool]:
    """Build the event filter for ``params`` (see EVENT_FILTERS); BadRequest on bad values."""
    start, end = parse_day(params.get("start"), "start"), parse_day(params.get("end"), "end")
    if start and end and start > end:
        raise BadRequest(f"start {start} is after end {end}")
    kind, actor, place, source = (params.get(k, "").strip().casefold() for k in ("type", "actor", "place", "source"))

    def keep(e: Event) -> bool:
        day = (e.event_date or "")[:10]
        if (start or end) and not day:
            return False
        if (start and day < start) or (end and day > end):
            return False
        if kind and kind not in (e.event_type.casefold(), e.sub_event_type.casefold()):
            return False
        if actor and not _contains(actor, e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2):
            return False
        if place and not _contains(place, e.location, e.admin1, e.country):
            return False
        return not source or _contains(source, *_event_sources(e, articles))

    return keep


def query_events(snap: Snapshot, params: Mapping[str, str]) -> dict[str, Any]:
    """Return the page of events matching ``params`` with the total count."""
    _check_known(params, EVENT_FILTERS)
    limit = parse_int(params.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = parse_int(params.get("offset"), "offset", 0, 0, 10**9)
    view = params.get("view", "full")
    if view not in ("full", "rows"):
        raise BadRequest(f"view: expected full or rows, got {view[:40]!r}")
    keep = event_predicate(params, snap.articles)
    matched = [e for e in snap.events if keep(e)]
    page = matched[offset : offset + limit]
    head = {"total": len(matched), "limit": limit, "offset": offset}
    if view == "rows":
        return {**head, "columns": list(ROW_FIELDS), "rows": [snap.rows[e.id] for e in page]}
    return {**head, "events": [snap.plain[e.id] for e in page]}


def _article_view(art: Article) -> dict[str, Any]:
    return {
        "article_id": art.article_id,
        "title": art.title,
        "outlet": art.outlet,
        "published": art.published,
        "url": art.url,
        "text": art.text,
    }


def event_detail(snap: Snapshot, event_id: str) -> dict[str, Any] | None:
    """Return an event with its articles' text, evidence spans, claims and contradictions."""
    event = snap.by_id.get(event_id)
    if event is None:
        return None
    evidence = [{"field": name, **ev.to_dict()} for name, ev in sorted(event.evidence.items())]
    wanted = list(dict.fromkeys([*event.docs, *(ev["article_id"] for ev in evidence)]))
    articles = [_article_view(snap.articles[a]) for a in wanted if a in snap.articles]
    return {
        "event": snap.plain[event_id],
        "evidence": evidence,
        "articles": articles,
        "missing_articles": [a for a in wanted if a not in snap.articles],
        "claims": [c.to_dict() for c in snap.claims if c.about_event == event_id],
        "contradictions": [c.to_dict() for c in snap.contradictions if c.event_id == event_id],
    }


def actor_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """Return every actor with the number of events naming it."""
    counts: dict[str, int] = {}
    for e in snap.events:
        for name in {e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2}:
            if name:
                counts[name] = counts.get(name, 0) + 1
    return [{**dataclasses.asdict(a), "events": counts.get(a.name, 0)} for a in snap.actors]


def contradiction_rows(snap: Snapshot) -> list[dict[str, Any]]:
    """Return contradictions with their asserting and denying claims spelled out."""
    claims = {c.id: c for c in snap.claims}

    def expand(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return [claims[i].to_dict() for i in ids if i in claims]

    return [
        {**c.to_dict(), "asserting_claims": expand(c.asserting), "denying_claims": expand(c.denying)}
        for c in snap.contradictions
    ]


def control_view(snap: Snapshot, params: Mapping[str, str]) -> dict[str, Any]:
    """Return who holds each town on ``day`` (required)."""
    _check_known(params, ("day",))
    day = parse_day(params.get("day"), "day")
    if day is None:
        raise BadRequest("day: required, an ISO date YYYY-MM-DD")
    return {"day": day, "towns": [t.to_dict() for t in control_on(snap.events, day)]}


def _snap(request: Request) -> Snapshot:
    return request.app.state.snapshot  # type: ignore[no-any-return]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _guarded(build: Callable[[Snapshot, Mapping[str, str]], Any]) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> JSONResponse:
        try:
            return JSONResponse(build(_snap(request), request.query_params))
        except BadRequest as exc:
            return _error(400, str(exc))

    return endpoint


async def event_endpoint(request: Request) -> JSONResponse:
    """GET /api/events/{id}."""
    detail = event_detail(_snap(request), request.path_params["event_id"])
    return _error(404, "no such event") if detail is None else JSONResponse(detail)


async def events_endpoint(request: Request) -> Response:
    """GET /api/events, answered from the snapshot's listing cache."""
    snap = _snap(request)
    try:
        return Response(snap.listings.body(snap, request.query_params), media_type="application/json")
    except BadRequest as exc:
        return _error(400, str(exc))


actors_endpoint = _guarded(lambda s, p: {"actors": actor_rows(s)})
network_endpoint = _guarded(lambda s, p: s.network)
claims_endpoint = _guarded(lambda s, p: {"claims": [c.to_dict() for c in s.claims]})
contradictions_endpoint = _guarded(lambda s, p: {"contradictions": contradiction_rows(s)})
control_endpoint = _guarded(control_view)
