"""The run loop: ingest -> segment -> store in batches, then dedup and exports.

Each stage is a plain function over model objects; this module only orders them, shows
progress and turns failures into stored ``Rejection`` rows so one bad file never stops a run.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from . import dedup, export, ingest, segment
from .cache import Memo, analyse_cached
from .config import Settings
from .errors import SitroomError
from .model import Article, Event, RawDocument, Rejection
from .store import Store

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the CLI summary and the tests."""

    files: int = 0
    documents: int = 0
    articles: int = 0
    new_articles: int = 0
    analysed: int = 0
    duplicates: int = 0
    clusters: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    exports: dict[str, str] = field(default_factory=dict)
    events: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    top_actors: list[tuple[str, int]] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Batch:
    documents: list[RawDocument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def size(self) -> int:
        return len(self.articles) + len(self.rejections) + len(self.documents)


def run(
    inputs: Sequence[str | Path],
    store: Store,
    settings: Settings | None = None,
    out_dir: str | Path | None = None,
    progress: bool | None = None,
    memo: Memo | None = None,
) -> RunSummary:
    """Ingest ``inputs`` into ``store``, cluster duplicates and write exports to ``out_dir``.

    Args:
        inputs: files and folders to read.
        store: an open store; written one transaction per batch.
        settings: all settings (defaults when None).
        out_dir: where exports go; None writes none.
        progress: show a progress bar; None means only on a TTY.
        memo: per-article results kept in memory across runs of one process (sitroom watch);
            the store's cache is used either way.

    Returns:
        A RunSummary with counts, rejections and export paths.
    """
    settings = settings or Settings()
    summary = RunSummary()
    files = ingest.discover([str(p) for p in inputs], settings.ingest)
    summary.files = len(files.paths)
    batch = _Batch(rejections=list(files.rejections))
    bar = tqdm(files.paths, desc="reading", unit="file", disable=_no_bar(progress))
    for path in bar:
        for item in ingest.read_file(path, settings.ingest):
            _add(item, batch, settings, summary)
        if batch.size() >= settings.store.batch_size:
            _flush(batch, store, summary)
    _flush(batch, store, summary)
    clustered = _cluster(store, settings, summary)
    _analyse(clustered, store, settings, summary, progress, memo)
    summary.counts = store.counts()
    if out_dir is not None:
        summary.exports = export.write_all(store, Path(out_dir))
    return summary


def read_articles(inputs: Sequence[str | Path], settings: Settings) -> list[Article]:
    """Ingest, segment and cluster ``inputs`` in memory, without a store (used by the evals)."""
    files = ingest.discover([str(p) for p in inputs], settings.ingest)
    articles: list[Article] = []
    for path in files.paths:
        for item in ingest.read_file(path, settings.ingest):
            if isinstance(item, Rejection):
                LOGGER.warning("%s: %s", item.path, item.reason)
                continue
            articles.extend(segment.segment(item, settings.segment))
    return list(dedup.cluster(articles, settings.dedup))


def _add(item: RawDocument | Rejection, batch: _Batch, settings: Settings, summary: RunSummary) -> None:
    if isinstance(item, Rejection):
        batch.rejections.append(item)
        return
    summary.documents += 1
    try:
        articles = segment.segment(item, settings.segment)
    except SitroomError as exc:
        batch.rejections.append(Rejection("segment", item.doc_id, item.path, str(exc)))
        return
    batch.documents.append(item)
    batch.articles.extend(articles)
    if not articles:
        batch.rejections.append(
            Rejection("segment", item.doc_id, item.path, "no article text found", severity="warning")
        )


def _flush(batch: _Batch, store: Store, summary: RunSummary) -> None:
    if batch.size() == 0:
        return
    summary.new_articles += store.write_batch(batch.documents, batch.articles, batch.rejections)
    # The summary (and the exit code) speak of this run's rejections; older ones stay stored.
    summary.rejections.extend(batch.rejections)
    batch.documents.clear()
    batch.articles.clear()
    batch.rejections.clear()


def _cluster(store: Store, settings: Settings, summary: RunSummary) -> list[Article]:
    articles = store.articles()
    clustered = dedup.cluster(articles, settings.dedup)
    store.update_clusters(clustered)
    summary.articles = len(clustered)
    summary.duplicates = sum(1 for a in clustered if a.duplicate_of)
    sizes = Counter(a.cluster_id for a in clustered)
    summary.clusters = sum(1 for n in sizes.values() if n > 1)
    return clustered


def _analyse(articles: list[Article], store: Store, settings: Settings, summary: RunSummary,
             progress: bool | None, memo: Memo | None) -> None:
    # Events merge across every stored article, so the merge is redone over the whole store
    # (only new or stale articles are parsed: sitroom.cache) and replaces the previous analysis
    # in one transaction: re-runs converge to equal rows.
    cached = analyse_cached(articles, store, settings, progress=progress, memo=memo)
    result = cached.analysis
    summary.analysed = cached.analysed
    store.write_analysis(result.events, result.claims, result.relations, result.contradictions, result.actors())
    summary.events = len(result.events)
    summary.events_by_type = dict(Counter(e.event_type for e in result.events).most_common())
    summary.top_actors = _top_actors(result.events)
    summary.contradictions = [getattr(c, "summary", str(c)) for c in result.contradictions]


def _top_actors(events: list[Event], n: int = 8) -> list[tuple[str, int]]:
    counts = Counter(a for e in events for a in (e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2) if a)
    return counts.most_common(n)


def _no_bar(progress: bool | None) -> bool | None:
    # tqdm's disable=None turns the bar off when stderr is not a TTY.
    return None if progress is None else not progress

