"""Load the Spark job's Parquet tables into a store, the same rows a local run writes.

Runs on the driver with pyarrow only (no Spark needed), so a folder written on a cluster can
be loaded later. Documents stream in batches (each with all of its articles, as the local run
writes them); articles, per-article actors and the merged tables are read whole.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator

import pyarrow.dataset as pads

from ..config import Settings
from ..analysis import ArticleAnalysis
from ..claims.contradict import Contradiction
from ..model import Article, Claim, Event, RawDocument, Rejection, Relation
from ..pipeline import RunSummary
from ..store import Store
from .records import from_plain

# The tables merged across articles on the driver, in the order of analysis.combine's result.
MERGED = {"events": Event, "claims": Claim, "relations": Relation, "contradictions": Contradiction}


def load(folder: Path, store: Store, settings: Settings | None = None) -> RunSummary:
    """Write the tables under ``folder`` into ``store`` and return the run's summary.

    Args:
        folder: a folder written by ``spark.job.run_job``.
        store: the open store; documents and articles are upserted in batches, clusters
            updated and the analysis tables replaced, as ``pipeline.run`` does.
        settings: for the batch size (defaults when None).

    Returns:
        The RunSummary (exports not written).
    """
    settings = settings or Settings()
    counts = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    summary = RunSummary(files=int(counts["files"]), documents=int(counts["documents"]))
    articles = [from_plain(Article, row) for row in _rows(folder / "articles")]
    rejections = [from_plain(Rejection, row) for row in
                  sorted(_rows(folder / "rejections"), key=lambda r: (r["file_index"], r["record"], r["seq"]))]
    summary.rejections = rejections
    summary.new_articles = _write_documents(folder, store, articles, rejections, settings.store.batch_size)
    store.update_clusters(articles)
    _count_clusters(summary, articles)
    items = _analyses(folder, articles)
    summary.analysed = len(items)  # the Spark engine analyses every article (no cache read)
    _write_cache(store, items, counts.get("corpus_day"), settings)
    _write_analysis(folder, store, items, summary)
    summary.counts = store.counts()
    return summary


def _write_documents(folder: Path, store: Store, articles: list[Article], rejections: list[Rejection],
                     batch_size: int) -> int:
    by_doc: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_doc[article.doc_id].append(article)
    new = 0
    docs: list[RawDocument] = []
    batch: list[Article] = []
    pending = list(rejections)
    for row in _stream(folder / "documents"):
        doc = from_plain(RawDocument, row)
        docs.append(doc)
        batch.extend(by_doc.get(doc.doc_id, ()))
        if len(docs) + len(batch) + len(pending) >= batch_size:
            new += store.write_batch(docs, batch, pending)
            docs, batch, pending = [], [], []
    if docs or pending:
        new += store.write_batch(docs, batch, pending)
    return new


def _count_clusters(summary: RunSummary, articles: list[Article]) -> None:
    summary.articles = len(articles)
    summary.duplicates = sum(1 for a in articles if a.duplicate_of)
    sizes = Counter(a.cluster_id for a in articles)
    summary.clusters = sum(1 for n in sizes.values() if n > 1)


def _analyses(folder: Path, articles: list[Article]) -> list[ArticleAnalysis]:
    by_id = {a.article_id: a for a in articles}
    rows = {row["article_id"]: row for row in _rows(folder / "analyses")}
    return [from_plain(ArticleAnalysis, rows[a.article_id] | {"article": by_id[a.article_id]})
            for a in articles if a.article_id in rows]


def _write_cache(store: Store, items: list[ArticleAnalysis], corpus_day: str | None, settings: Settings) -> None:
    # The per-article results go into the store's analysis cache under the keys a local run
    # computes, so a later local run or `sitroom watch` on this store parses nothing again.
    from ..cache import analysis_version, article_key

    version = analysis_version(settings.events)
    pairs = [(item, article_key(item.article, corpus_day, version)) for item in items]
    size = settings.store.batch_size
    for lo in range(0, len(pairs), size):
        store.write_article_analyses(pairs[lo:lo + size], version)


def _write_analysis(folder: Path, store: Store, items: list[ArticleAnalysis], summary: RunSummary) -> None:
    merged = {
        name: [from_plain(cls, row) for row in sorted(_rows(folder / name), key=lambda r: r["seq"])]
        for name, cls in MERGED.items()
    }
    actors = [ref for item in items for ref in item.actors]
    events: list[Event] = merged["events"]
    store.write_analysis(events, merged["claims"], merged["relations"], merged["contradictions"], actors)
    summary.events = len(events)
    summary.events_by_type = dict(Counter(e.event_type for e in events).most_common())
    named = Counter(a for e in events for a in (e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2) if a)
    summary.top_actors = named.most_common(8)
    summary.contradictions = [c.summary for c in merged["contradictions"]]


def _rows(path: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    return _dataset(path).to_table(columns=columns).to_pylist()  # type: ignore[no-any-return]


def _stream(path: Path) -> Iterator[dict[str, Any]]:
    for batch in _dataset(path).to_batches(batch_size=256):
        yield from batch.to_pylist()


def _dataset(path: Path) -> Any:
    # Spark writes part files plus _SUCCESS and .crc files, which pyarrow skips by their prefix.
    return pads.dataset(str(path), format="parquet")
