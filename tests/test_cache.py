"""The per-article analysis cache: keys, re-runs that parse nothing, incremental = full, kills."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from sitroom import analysis as analysis_module
from sitroom import nlp
from sitroom.cache import analysis_version, article_key
from sitroom.config import EventsSettings, Settings, StoreSettings
from sitroom.model import Article
from sitroom.pipeline import RunSummary, run
from sitroom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


def _article(**changes: Any) -> Article:
    base = Article("a.txt#1", "d1", "a.txt", 1, "Title", None, "2024-12-01", "stated", "Rebels took the town.")
    return dataclasses.replace(base, **changes)


def test_cache_key_follows_what_the_analysis_reads() -> None:
    version = analysis_version()
    dated, undated = _article(), _article(published=None, date_source="unknown")
    assert article_key(dated, "2024-12-05", version) == article_key(dated, "2024-12-09", version)
    assert article_key(undated, "2024-12-05", version) != article_key(undated, "2024-12-09", version)
    week = _article(date_precision="week")
    assert article_key(week, "2024-12-05", version) != article_key(week, "2024-12-09", version)
    assert article_key(dated, None, version) == article_key(_article(cluster_id="c", duplicate_of="x"), None, version)
    assert article_key(dated, None, version) != article_key(_article(text="Rebels took the city."), None, version)
    assert article_key(dated, None, version) != article_key(dated, None, "other")
    assert analysis_version(EventsSettings(history_days=7)) != version == analysis_version(EventsSettings())


def _exports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _rows(db: Path) -> tuple[Any, ...]:
    with open_store(db) as store:
        return (store.events(), store.claims(), store.relations(), store.contradictions(), store.actors(),
                store.articles(), store.counts())  # fmt: skip


def _run(inputs: list[Path], db: Path, out: Path, settings: Settings | None = None) -> RunSummary:
    with open_store(db) as store:
        return run(inputs, store, settings=settings, out_dir=out, progress=False)


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached article was parsed again")

    monkeypatch.setattr(nlp, "parse_texts", refuse)


@pytest.mark.slow
@needs_seeds
def test_cache_rerun_parses_nothing_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    first = _run([SEEDS], db, tmp_path / "out1")
    assert first.analysed == first.articles > 0 and first.events > 0
    rows = _rows(db)
    assert rows[-1]["article_analyses"] == first.articles
    _no_parsing(monkeypatch)
    second = _run([SEEDS], db, tmp_path / "out2")
    assert second.analysed == 0
    assert _rows(db) == rows
    assert _exports(tmp_path / "out2") == _exports(tmp_path / "out1")


@pytest.mark.slow
@needs_seeds
def test_cache_incremental_run_equals_a_full_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    late = sorted(corpus.iterdir())[-1]
    held_back = late.read_bytes()
    late.unlink()
    db = tmp_path / "inc.duckdb"
    before = _run([corpus], db, tmp_path / "inc-out")
    late.write_bytes(held_back)
    after = _run([corpus], db, tmp_path / "inc-out")
    # Only the new file's articles (and undated ones, if the corpus day moved) are parsed.
    assert 0 < after.analysed < after.articles
    assert after.articles > before.articles
    full = _run([corpus], tmp_path / "full.duckdb", tmp_path / "full-out")
    assert full.analysed == full.articles
    assert _rows(db) == _rows(tmp_path / "full.duckdb")
    assert _exports(tmp_path / "inc-out") == _exports(tmp_path / "full-out")


@pytest.mark.slow
@needs_seeds
def test_cache_an_interrupted_run_leaves_only_whole_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(store=StoreSettings(batch_size=2))
    real = analysis_module.analyse_article
    calls = []

    def dies_on_the_fifth(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt  # as a Ctrl-C between two articles
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis_module, "analyse_article", dies_on_the_fifth)
    db = tmp_path / "s.duckdb"
    with pytest.raises(KeyboardInterrupt):
        _run([SEEDS], db, tmp_path / "out", settings)
    with open_store(db) as store:
        assert len(store.analysis_keys()) == 4  # two whole batches of two; the fifth never written
        assert store.counts()["events"] == 0
    monkeypatch.setattr(analysis_module, "analyse_article", real)
    resumed = _run([SEEDS], db, tmp_path / "out", settings)
    assert resumed.analysed == resumed.articles - 4
    _run([SEEDS], tmp_path / "clean.duckdb", tmp_path / "clean-out")
    assert _rows(db) == _rows(tmp_path / "clean.duckdb")
    assert _exports(tmp_path / "out") == _exports(tmp_path / "clean-out")
