"""Benchmark the whole pipeline: articles/s overall and per core, words/s, stage shares, peak RSS.

The corpus is a folder given by the user, or the example corpus repeated with varied ids
(each copy's text gets a unique marker line so dedup and ids see distinct documents). Stages
are timed by calling the same functions `sitroom run` uses, one after another.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .config import Settings
from .model import Article


@dataclass(slots=True)
class BenchResult:
    """Numbers one bench run measured."""

    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    cores: int = 1
    peak_rss_mb: float = 0.0
    events: int = 0
    stages: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def lines(self) -> list[str]:
        """Human lines, then the machine-readable last line."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        out = [
            f"articles {self.articles}  words {self.words}  events {self.events}  seconds {self.seconds:.2f}",
            f"words_per_s {self.words / self.seconds if self.seconds else 0:.0f}",
        ]
        for stage, secs in sorted(self.stages.items(), key=lambda kv: -kv[1]):
            out.append(f"stage {stage:<14} {secs:8.2f} s  {100 * secs / self.seconds:5.1f}%")
        out.append(
            f"bench: articles_per_s_per_core {rate / self.cores:.2f} articles_per_s {rate:.2f} "
            f"peak_rss_mb {self.peak_rss_mb:.0f} cores {self.cores}"
        )
        return out


def make_corpus(source: Path, target: Path, copies: int) -> Path:
    """Write ``copies`` variants of every text file in ``source`` as one JSONL file."""
    target.mkdir(parents=True, exist_ok=True)
    out = target / "corpus.jsonl"
    files = sorted(p for p in source.iterdir() if p.is_file())
    with out.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for path in files:
                text = path.read_text(encoding="utf-8", errors="replace")
                # A unique first line keeps each copy a distinct document (its own id).
                record = {"id": f"{path.stem}-{n}", "text": f"Bench copy {n}\n\n{text}"}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


@contextmanager
def _timed(result: BenchResult, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.stages[stage] += time.perf_counter() - start


def bench(inputs: list[Path], db: Path, settings: Settings | None = None) -> BenchResult:
    """Run every stage on ``inputs`` into the store ``db`` and time each one."""
    from . import dedup, export, ingest, segment
    from .analysis import analyse_article, combine
    from .nlp import load_pipeline, parse_texts
    from .resolve.actors import default_registry
    from .resolve.places import default_resolver
    from .store import open_store

    settings = settings or Settings()
    result = BenchResult()
    start = time.perf_counter()
    with _timed(result, "load"):
        load_pipeline(), default_registry(), default_resolver()
    articles: list[Article] = []
    with _timed(result, "ingest+segment"):
        for path in ingest.discover([str(p) for p in inputs], settings.ingest).paths:
            for item in ingest.read_file(path, settings.ingest):
                if not hasattr(item, "reason"):
                    articles.extend(segment.segment(item, settings.segment))  # type: ignore[arg-type]
    with _timed(result, "dedup"):
        articles = dedup.cluster(articles, settings.dedup)
    items = []
    parsed_iter = parse_texts(a.text for a in articles)
    days = [a.published for a in articles if a.published]
    corpus_day = max(days) if days else None
    for article in articles:
        with _timed(result, "nlp"):
            parsed = next(parsed_iter)
        with _timed(result, "resolve+extract"):
            items.append(analyse_article(article, parsed, corpus_day, settings.events))
    with _timed(result, "merge"):
        analysis = combine(items, settings.events)
    with _timed(result, "store"), open_store(db) as store:
        store.write_batch([], articles, [])
        store.write_analysis(analysis.events, analysis.claims, analysis.relations,
                             analysis.contradictions, analysis.actors())
        with _timed(result, "export"):
            export.write_all(store, db.parent / "bench-out")
    result.stages["store"] -= result.stages["export"]
    result.seconds = time.perf_counter() - start
    result.articles = len(articles)
    result.words = sum(len(a.text.split()) for a in articles)
    result.events = len(analysis.events)
    result.peak_rss_mb = _peak_rss_mb()
    return result


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
