"""Compose the stages into events for a folder of raw files: the path the eval command scores.

ingest -> segment -> dedup clusters -> spaCy sentences -> actors, places, dates -> extract per
article -> merge across articles. The lead's shared NLP path may replace this composition;
the extractor and merge functions stay the same.
"""

from __future__ import annotations

import logging
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..config import EventsSettings, Settings
from ..model import ActorRef, Article, DateRef, Event, PlaceRef
from .extract import ExtractOptions, extract_events
from .merge import MergeOptions, merge_events
from .sentences import Sentence, from_records

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class Resolved:
    """One article with its sentences and resolved references."""

    article: Article
    sentences: list[Sentence]
    actors: list[ActorRef]
    places: list[PlaceRef]
    dates: list[DateRef]


Resolver = Callable[[Article, Any], Resolved]


def read_articles(inputs: Sequence[str | Path], settings: Settings | None = None) -> list[Article]:
    """Ingest, segment and cluster the inputs in memory (see pipeline.read_articles)."""
    from ..pipeline import read_articles as _read

    return _read(inputs, settings or Settings())


def resolve_article(article: Article, parsed: Any, corpus_day: str | None = None) -> Resolved:
    """Resolve one parsed article's actors, places and dates with the packaged resolvers.

    ``corpus_day`` (the latest publication day of the batch) dates an undated article: by the
    latest weekday it names (see ``batch_publication``), else only its calendar expressions
    ("on November 27"); a batch of news is read as one stretch of time. It also bounds a coarse
    publication date (see ``coarse_publication``).
    """
    from ..resolve.actors import resolve_mentions
    from ..resolve.dates import resolve_dates
    from ..resolve.places import resolve_places

    candidates = list(parsed.candidates)
    places = resolve_places(article.text, article.article_id, candidates=candidates)
    country = _main_country(places)
    actors = resolve_mentions(article.text, article.article_id, candidates=candidates,
                              country_context=country, on_date=article.published or corpus_day)
    article = coarse_publication(article, corpus_day)
    batch_dates: list[DateRef] = []
    if article.published is None and corpus_day is not None:
        batch_dates = resolve_dates(article.text, article.article_id, corpus_day)
        article = batch_publication(article, corpus_day, batch_dates)
    dates = resolve_dates(article.text, article.article_id, article.published)
    floor = _PRECISION_FLOOR.get(article.date_precision or "day", 1)
    if floor > 1:
        # Days counted from an uncertain publication day ("on Monday") inherit its uncertainty.
        dates = [d if _calendar(d.evidence.text) else replace(d, time_precision=max(d.time_precision, floor))
                 for d in dates]
    if article.published is None:
        # Still undated: only calendar expressions ("on November 27") are dated, by the batch's day.
        dates = [d for d in batch_dates if _calendar(d.evidence.text) and not d.future]
    return Resolved(article, from_records(parsed.sentences), list(actors), list(places), list(dates))


# Least event time precision for dates counted from a publication day of this precision.
_PRECISION_FLOOR = {"week": 2, "month": 3, "year": 3}
_WEEK = 7


def coarse_publication(article: Article, corpus_day: str | None) -> Article:
    """The article with a lower-bound ("week") publication date widened to "month" when needed.

    An inferred "week" date only bounds the true day from below; the batch's latest day bounds
    it from above. A window longer than a week makes the day known only to the month (ACLED time
    precision 3); with no later batch day the window is taken as the week the label names.
    """
    if article.date_precision != "week" or not article.published or not corpus_day:
        return article
    window = (dt.date.fromisoformat(corpus_day[:10]) - dt.date.fromisoformat(article.published[:10])).days
    return replace(article, date_precision="month") if window > _WEEK else article


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def batch_publication(article: Article, corpus_day: str, dates: Sequence[DateRef]) -> Article:
    """An undated article read as published on the latest weekday it names.

    ``dates`` are the article's date expressions resolved against the batch's latest day. News
    names the days of the past week by weekday ("on Friday", "Thursday night"); the latest one
    named is taken as the report's day, as ``segment.meta.inferred_date`` does when an explicit
    date carries the weekday (here the batch's week stands in for it), so it is a "day" date and
    events keep the tense rules' precision ("overnight" 1, "had taken" 2). An article naming no
    weekday stays undated ("today" alone places nothing).
    """
    named = [d.day for d in dates if not d.future and d.day <= corpus_day[:10]
             and any(w.strip(".,") in _WEEKDAYS for w in d.evidence.text.lower().split())]
    if not named:
        return article
    return replace(article, published=max(named), date_source="inferred", date_precision="day")


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _calendar(expression: str) -> bool:
    """A calendar date ("November 27", "27 Nov"), not a weekday or "last week" (those need the article's day)."""
    words = expression.lower().replace(".", " ").split()
    return any(w[:3] in _MONTHS for w in words) and any(ch.isdigit() for ch in expression)


def _main_country(places: Sequence[PlaceRef]) -> str | None:
    counts: dict[str, int] = {}
    for place in places:
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def resolved_articles(articles: Sequence[Article], resolver: Resolver | None = None) -> Iterator[Resolved]:
    """Parse every article with spaCy (batched) and resolve its references."""
    from ..nlp import parse_texts

    days = [a.published[:10] for a in articles if a.published]
    corpus_day = max(days) if days else None
    for article, parsed in zip(articles, parse_texts(a.text for a in articles)):
        yield resolver(article, parsed) if resolver is not None else resolve_article(article, parsed, corpus_day)


def options_from(settings: EventsSettings) -> tuple[ExtractOptions, MergeOptions]:
    """Extractor and merge options from the ``[events]`` settings, with the packaged actor registry."""
    from ..resolve.actors import default_registry

    extract = ExtractOptions(history_days=settings.history_days, vague_fatalities=settings.vague_fatalities,
                             fallback_place=settings.fallback_place, registry=default_registry())
    return extract, MergeOptions(days=settings.merge_days, km=settings.merge_km, registry=extract.registry)


def default_options(settings: EventsSettings | None = None) -> ExtractOptions:
    """Extractor options from ``[events]`` settings with the packaged actor registry (for callers' own glue)."""
    return options_from(settings or EventsSettings())[0]


def events_from(resolved: Iterable[Resolved], settings: EventsSettings | None = None) -> list[Event]:
    """Extract per article, then merge reports of one event across articles."""
    extract, merge = options_from(settings or EventsSettings())
    events: list[Event] = []
    clusters: dict[str, str | None] = {}
    for item in resolved:
        clusters[item.article.article_id] = item.article.cluster_id
        events.extend(extract_events(item.article, item.sentences, item.actors, item.places, item.dates, extract))
    return merge_events(events, clusters, merge)


def predict_events(inputs: Sequence[str | Path] | str | Path, settings: Settings | None = None) -> list[Event]:
    """Run ingest through merge on ``inputs`` (files or folders) and return the events."""
    settings = settings or Settings()
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    articles = read_articles(paths, settings)
    # The same composition as `sitroom run`, so the eval scores what users get.
    from ..analysis import analyse

    return analyse(articles, settings=settings.events).events
