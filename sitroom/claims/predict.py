"""Compose the stages into claims for a folder of raw files: the path ``sitroom eval claims`` scores.

ingest -> segment -> dedup -> spaCy sentences -> actors, places, dates -> claims and events per
article -> link, contradictions. Actors and events come from the resolvers and the event
extractor when they are installed; without them the claimants stay plain phrases and claims are
paired by their words only (a note in the run says so).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..config import Settings
from ..model import ActorRef, Article, Claim, DateRef, Event, Rejection
from .contradict import Contradiction, analyse_claims
from .extract import extract_claims

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class ClaimsRun:
    """Everything one run produced; ``gold_doc`` maps article ids to "file#k" names."""

    claims: list[Claim]
    events: list[Event]
    contradictions: list[Contradiction]
    gold_doc: dict[str, str]
    notes: list[str] = field(default_factory=list)


def read_articles(inputs: Sequence[str | Path], settings: Settings) -> list[Article]:
    """Ingest, segment and cluster the inputs (one small function, so a test can swap it)."""
    from .. import dedup, ingest, segment

    files = ingest.discover([str(p) for p in inputs], settings.ingest)
    articles: list[Article] = []
    for path in files.paths:
        for item in ingest.read_file(path, settings.ingest):
            if isinstance(item, Rejection):
                LOGGER.warning("%s: %s", item.path, item.reason)
                continue
            articles.extend(segment.segment(item, settings.segment))
    return list(dedup.cluster(articles, settings.dedup))


def predict_claims(inputs: str | Path | Sequence[str | Path], settings: Settings | None = None) -> ClaimsRun:
    """Run the pipeline on ``inputs`` and return claims, events and contradictions."""
    from ..nlp import parse_texts

    settings = settings or Settings()
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    articles = read_articles(paths, settings)
    notes: list[str] = []
    claims: list[Claim] = []
    resolved: list[Any] = []
    for article, parsed in zip(articles, parse_texts(a.text for a in articles)):
        item = _resolve(article, parsed, notes)
        actors: Sequence[ActorRef] = item.actors if item is not None else ()
        dates: Sequence[DateRef] = item.dates if item is not None else _dates(article)
        if item is not None:
            resolved.append(item)
        claims.extend(extract_claims(article, parsed.sentences, actors, dates))
    events = _events(resolved, notes)
    graph = analyse_claims(claims, events)
    gold_doc = {a.article_id: f"{a.file}#{a.k}" for a in articles}
    return ClaimsRun(graph.claims, events, graph.contradictions, gold_doc, notes)


def _resolve(article: Article, parsed: Any, notes: list[str]) -> Any:
    """Actors, places and dates through the shared resolvers; None (and a note) when they are missing."""
    if notes:
        return None  # already known to be unavailable
    try:
        from ..events.predict import resolve_article

        return resolve_article(article, parsed)
    except ImportError as exc:
        notes.append(f"note: resolvers unavailable ({exc}); claimants are phrases, no events")
        LOGGER.warning("claims: %s", notes[-1])
        return None


def _dates(article: Article) -> list[DateRef]:
    from ..resolve.dates import resolve_dates

    return resolve_dates(article.text, article.article_id, article.published)


def _events(resolved: list[Any], notes: list[str]) -> list[Event]:
    if not resolved:
        return []
    from ..events.predict import events_from

    events = events_from(resolved)
    notes.append(f"note: {len(events)} events extracted for linking")
    return events
