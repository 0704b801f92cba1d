"""sitroom: raw conflict news in, sourced ACLED-style events out."""

from __future__ import annotations

import logging

from .config import Settings
from .model import (
    ActorRef,
    Article,
    Claim,
    DateRef,
    Event,
    Evidence,
    PlaceRef,
    RawDocument,
    Rejection,
    Relation,
)

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ActorRef",
    "Article",
    "Claim",
    "DateRef",
    "Event",
    "Evidence",
    "PlaceRef",
    "RawDocument",
    "Rejection",
    "Relation",
    "Settings",
    "__version__",
    "extract",
    "open_store",
    "run",
]


def run(inputs, db="sitroom.duckdb", out_dir="sitroom-out", settings=None):  # type: ignore[no-untyped-def]
    """Run the pipeline on ``inputs`` into the DuckDB file ``db``; see pipeline.run."""
    from .pipeline import run as _run
    from .store import open_store as _open

    with _open(db) as store:
        return _run(inputs, store, settings=settings, out_dir=out_dir)


def extract(text, published=None, title=None, url=None, id=None):  # type: ignore[no-untyped-def]
    """Resolve actors, places, dates and events in one text; see sitroom.extraction.extract."""
    from .extraction import extract as _extract

    return _extract(text, published=published, title=title, url=url, id=id)


def open_store(path="sitroom.duckdb"):  # type: ignore[no-untyped-def]
    """Open (creating and migrating) the DuckDB store at ``path``."""
    from .store import open_store as _open

    return _open(path)
