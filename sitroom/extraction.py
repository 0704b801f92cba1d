"""Text in, resolved actors/places/dates/events out: the public ``sitroom.extract`` API.

``extract_records`` streams JSON objects (``id``, ``text``, optional ``published``, ``title``,
``url``) in batches so spaCy runs with ``nlp.pipe``; each output record lists the mentions
with their character spans in ``text`` and their resolved values.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterable, Iterator, Mapping

from .analysis import ArticleAnalysis, analyse_articles
from .errors import InputError
from .model import Article, Event, content_id

LOGGER = logging.getLogger(__name__)

BATCH = 64


@dataclass(slots=True, frozen=True)
class TextInput:
    """One text to analyse, as read from a JSONL line or given to ``extract``."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None


def extract(text: str, published: str | None = None, title: str | None = None, url: str | None = None,
            id: str | None = None) -> dict[str, Any]:
    """Analyse one text; returns ``{"id", "actors", "places", "dates", "events"}`` (see docs)."""
    item = TextInput(id or content_id(text), text, published, title, url)
    return next(extract_records([item]))


def extract_records(items: Iterable[TextInput]) -> Iterator[dict[str, Any]]:
    """Analyse texts in batches, yielding one output record per input, in order."""
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        articles = [_article(item) for item in batch]
        for item, analysis in zip(batch, analyse_articles(articles)):
            yield _record(item, analysis)


def parse_input(obj: Any, where: str) -> TextInput:
    """Validate one decoded JSON value as a TextInput; InputError names ``where``."""
    if not isinstance(obj, Mapping):
        raise InputError(where, "expected a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(where, "field 'text' must be a string")
    for key in ("id", "published", "title", "url"):
        if obj.get(key) is not None and not isinstance(obj.get(key), (str, int)):
            raise InputError(where, f"field {key!r} must be a string")
    ident = str(obj["id"]) if obj.get("id") is not None else content_id(text)
    published = obj.get("published")
    return TextInput(ident, text, _day(published, where), obj.get("title"), obj.get("url"))


def _day(value: Any, where: str) -> str | None:
    if value is None:
        return None
    from .resolve.dates import parse_published

    day = parse_published(str(value))
    if day is None:
        raise InputError(where, f"'published' {value!r} is not a date (want YYYY-MM-DD)")
    return day.isoformat()


def _article(item: TextInput) -> Article:
    return Article(
        article_id=item.id, doc_id=content_id(item.text), file=item.id, k=1, title=item.title,
        outlet=None, published=item.published, date_source="given" if item.published else "unknown",
        text=item.text, date_precision="day" if item.published else None, url=item.url,
        cluster_id=item.id,
    )


def _record(item: TextInput, analysis: ArticleAnalysis) -> dict[str, Any]:
    from .events.merge import merge_events

    events = merge_events(list(analysis.events), {item.id: item.id})
    return {
        "id": item.id,
        "actors": [
            {**_span(a.evidence), "name": a.name, "type": a.type, "provisional": a.provisional}
            for a in analysis.actors
        ],
        "places": [
            {**_span(p.evidence), "name": p.name, "country": p.country, "admin1": p.admin1,
             "latitude": p.latitude, "longitude": p.longitude,
             "geonames_id": _geonames_id(p.gazetteer_id), "geo_precision": p.geo_precision}
            for p in analysis.places
        ],
        "dates": [
            {**_span(d.evidence), "value": d.day, "end_value": d.end_day,
             "time_precision": d.time_precision, "future": d.future}
            for d in analysis.dates
        ],
        "events": [_event(e) for e in events],
    }


def _span(evidence: Any) -> dict[str, Any]:
    return {"start": evidence.start, "end": evidence.end, "text": evidence.text}


def _geonames_id(gazetteer_id: str | None) -> int | None:
    if gazetteer_id and gazetteer_id.startswith("geonames:"):
        tail = gazetteer_id.split(":", 1)[1]
        return int(tail) if tail.isdigit() else None
    return None


def _event(event: Event) -> dict[str, Any]:
    data = event.to_dict()
    data["evidence"] = {k: _span(v) for k, v in event.evidence.items()}
    return data
