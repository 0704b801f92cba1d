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
from typing import Sequence

from ..config import Settings
from ..model import Claim, Event
from .contradict import Contradiction

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class ClaimsRun:
    """Everything one run produced; ``gold_doc`` maps article ids to "file#k" names."""

    claims: list[Claim]
    events: list[Event]
    contradictions: list[Contradiction]
    gold_doc: dict[str, str]
    notes: list[str] = field(default_factory=list)


def predict_claims(inputs: str | Path | Sequence[str | Path], settings: Settings | None = None) -> ClaimsRun:
    """Run the pipeline on ``inputs`` and return claims, events and contradictions.

    Uses the same composition as ``sitroom run`` (sitroom.analysis), so the eval scores what
    users get.
    """
    from ..analysis import analyse

    settings = settings or Settings()
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    from ..pipeline import read_articles

    articles = read_articles(paths, settings)
    result = analyse(articles, settings=settings.events)
    gold_doc = {a.article_id: f"{a.file}#{a.k}" for a in articles}
    notes = [f"note: {len(result.events)} events extracted for linking"]
    return ClaimsRun(result.claims, result.events, list(result.contradictions), gold_doc, notes)
