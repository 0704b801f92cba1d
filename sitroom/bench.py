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
from typing import Callable, Iterator

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
    # Peak RSS (MiB) when each stage last ended: the first stage where it jumps is where the peak was.
    stage_peak_mb: dict[str, float] = field(default_factory=dict)
    rss: list[tuple[int, float]] = field(default_factory=list)  # (articles analysed, RSS MiB)

    def lines(self) -> list[str]:
        """Human lines, then the machine-readable last line."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        out = [
            f"articles {self.articles}  words {self.words}  events {self.events}  seconds {self.seconds:.2f}",
            f"words_per_s {self.words / self.seconds if self.seconds else 0:.0f}",
        ]
        for stage, secs in sorted(self.stages.items(), key=lambda kv: -kv[1]):
            peak = f"  peak_mb {self.stage_peak_mb[stage]:.0f}" if stage in self.stage_peak_mb else ""
            out.append(f"stage {stage:<14} {secs:8.2f} s  {100 * secs / self.seconds:5.1f}%{peak}")
        # The sample before the first article shows the loaded models; the first batch of
        # parses warms spaCy up, so start and slope are taken from the first sample after it.
        warm = [s for s in self.rss if s[0] > 0]
        if self.rss and warm:
            out.append(
                f"rss loaded_mb {self.rss[0][1]:.0f} start_mb {warm[0][1]:.0f} end_mb {warm[-1][1]:.0f} "
                f"slope_mb_per_1000_articles {rss_slope(warm) * 1000:.2f} samples {len(warm)}"
            )
        out.append(
            f"bench: articles_per_s_per_core {rate / self.cores:.2f} articles_per_s {rate:.2f} "
            f"peak_rss_mb {self.peak_rss_mb:.0f} cores {self.cores}"
        )
        return out


def make_corpus(source: Path, target: Path, copies: int, limit: int | None = None) -> Path:
    """Write ``copies`` variants of every text file in ``source`` as one JSONL file.

    ``limit`` stops after that many records (the copies needed are made, the last one cut short).
    """
    target.mkdir(parents=True, exist_ok=True)
    out = target / "corpus.jsonl"
    files = sorted(p for p in source.iterdir() if p.is_file())
    if limit is not None:
        copies = -(-limit // max(len(files), 1))
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for path in files:
                if limit is not None and written >= limit:
                    return out
                written += 1
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
    result.stage_peak_mb[stage] = _peak_rss_mb()


def rss_mb() -> float:
    """Return this process's resident set size now, in MiB (peak RSS where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return _peak_rss_mb()
    return pages * resource.getpagesize() / (1024 * 1024)


def rss_slope(samples: list[tuple[int, float]]) -> float:
    """Least-squares growth in MiB per article over ``samples`` of (articles, MiB)."""
    n = len(samples)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _ in samples) / n
    mean_y = sum(y for _, y in samples) / n
    var = sum((x - mean_x) ** 2 for x, _ in samples)
    return sum((x - mean_x) * (y - mean_y) for x, y in samples) / var if var else 0.0


Sample = Callable[[int, float], None]


def bench(inputs: list[Path], db: Path, settings: Settings | None = None, rss_every: int = 0,
          on_sample: Sample | None = None) -> BenchResult:
    """Run every stage on ``inputs`` into the store ``db`` and time each one.

    With ``rss_every`` > 0 the RSS is sampled before the first article is analysed and after
    every ``rss_every`` articles (and the last); ``on_sample`` sees each sample as it is taken.
    """
    from . import dedup, export, ingest, segment
    from .analysis import analyse_article, combine, for_merging
    from .nlp import load_pipeline, parse_texts
    from .resolve.actors import default_registry
    from .resolve.places import default_resolver
    from .store import open_store

    settings = settings or Settings()
    result = BenchResult()
    start = time.perf_counter()
    with _timed(result, "load"):
        load_pipeline(), default_registry(), default_resolver()
    by_id: dict[str, Article] = {}
    with _timed(result, "ingest+segment"):
        for path in ingest.discover([str(p) for p in inputs], settings.ingest).paths:
            for item in ingest.read_file(path, settings.ingest):
                if not hasattr(item, "reason"):
                    # An article read twice (one story in two files) keeps the last, as the store's upsert does.
                    by_id.update((a.article_id, a) for a in segment.segment(item, settings.segment))  # type: ignore[arg-type]
    with _timed(result, "dedup"):
        articles = dedup.cluster(list(by_id.values()), settings.dedup)
    items = []
    parsed_iter = parse_texts(a.text for a in articles)
    days = [a.published for a in articles if a.published]
    corpus_day = max(days) if days else None
    sample = _sampler(result, rss_every, on_sample)
    sample(0)
    for n, article in enumerate(articles, 1):
        with _timed(result, "nlp"):
            parsed = next(parsed_iter)
        with _timed(result, "resolve+extract"):
            items.append(for_merging(analyse_article(article, parsed, corpus_day, settings.events)))
        del parsed  # the parse is not kept: only the small per-article results are
        if n % max(rss_every, 1) == 0 or n == len(articles):
            sample(n)
    with _timed(result, "merge"):
        analysis = combine(items, settings.events)
    with _timed(result, "store"), open_store(db) as store:
        # In batches as `sitroom run` writes them: one insert of every article at once costs
        # DuckDB a copy of the whole corpus (3,228 articles: +164 MB at peak, +83 MB in batches).
        step = settings.store.batch_size
        for at in range(0, len(articles), step):
            store.write_batch([], articles[at:at + step], [])
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


def _sampler(result: BenchResult, every: int, on_sample: Sample | None) -> Callable[[int], None]:
    def sample(n: int) -> None:
        if every <= 0 or (result.rss and result.rss[-1][0] == n):
            return
        result.rss.append((n, rss_mb()))
        if on_sample is not None:
            on_sample(*result.rss[-1])

    return sample


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
