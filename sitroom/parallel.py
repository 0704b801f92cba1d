"""Per-article analysis in worker processes: one spaCy model, gazetteer and registry per worker.

Parsing and resolving an article depend only on that article (and the batch's corpus day), so
articles are sent to workers in chunks and the results come back in input order: the output is
the same as the one-process loop in ``analysis.analyse_articles``, only sooner on a machine with
several cores. Workers are forked after the parent has loaded the gazetteer and registry, so
those read-only tables start shared between processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any, Iterator, Sequence

from .config import EventsSettings
from .model import Article

LOGGER = logging.getLogger(__name__)

# Articles per task: one spaCy batch, and few enough that progress moves and memory stays flat.
CHUNK = 16
# Below this many articles per extra worker, starting workers (a model load each) costs more than it saves.
MIN_ARTICLES_PER_WORKER = 64

_STATE: dict[str, Any] = {}


def worker_count(requested: int, articles: int) -> int:
    """How many processes to use: ``requested``, or with 0 one per usable core capped by the work."""
    if requested > 0:
        return requested
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, articles // MIN_ARTICLES_PER_WORKER))


def analyse_in_workers(articles: Sequence[Article], workers: int, corpus_day: str | None,
                       settings: EventsSettings | None) -> Iterator[Any]:
    """Yield ``analysis.ArticleAnalysis`` for each article, in order, computed by ``workers`` processes."""
    from .resolve.actors import default_registry
    from .resolve.places import default_resolver

    # Loaded before forking so the children share these pages instead of each reading them.
    default_resolver(), default_registry()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunks = [list(articles[i:i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    with context.Pool(workers, initializer=_start, initargs=(corpus_day, settings)) as pool:
        for results in pool.imap(_analyse_chunk, chunks):
            yield from results


def _start(corpus_day: str | None, settings: EventsSettings | None) -> None:
    from .nlp import load_pipeline

    load_pipeline()
    _STATE["corpus_day"] = corpus_day
    _STATE["settings"] = settings


def _analyse_chunk(chunk: list[Article]) -> list[Any]:
    from .analysis import analyse_articles

    return list(analyse_articles(chunk, settings=_STATE["settings"], corpus_day=_STATE["corpus_day"], workers=1))
