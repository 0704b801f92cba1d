"""Worker processes give the same per-article results, in the same order, as the one-process loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.analysis import analyse_articles
from sitroom.config import Settings
from sitroom.parallel import MIN_ARTICLES_PER_WORKER, worker_count
from sitroom.pipeline import read_articles

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_parallel_worker_count_follows_the_request_and_the_work() -> None:
    assert worker_count(1, 10_000) == 1
    assert worker_count(3, 5) == 3
    assert worker_count(0, 5) == 1  # a small batch is not worth a model load per worker
    assert 1 <= worker_count(0, 100 * MIN_ARTICLES_PER_WORKER) <= 100


@pytest.mark.slow
def test_parallel_workers_reproduce_the_serial_analysis_of_the_seeds() -> None:
    settings = Settings()
    articles = read_articles([SEEDS], settings)
    serial = list(analyse_articles(articles, settings=settings.events, workers=1))
    parallel = list(analyse_articles(articles, settings=settings.events, workers=2))
    assert [a.article.article_id for a in parallel] == [a.article_id for a in articles]
    assert parallel == serial
    assert sum(len(a.events) for a in parallel) > 20
