"""The partition functions, without Spark: same candidates, components and canonical members."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.config import DedupSettings
from sitroom.dedup import cluster
from sitroom.dedup.cluster import assign_cluster, union_roots
from sitroom.dedup.minhash import band_keys, candidate_pairs
from sitroom.dedup.shingles import hashed, shingles, words
from sitroom.errors import ConfigError
from sitroom.model import Article
from sitroom.synth import stories

SETTINGS = DedupSettings()


def _articles(count: int = 60) -> list[Article]:
    out = []
    for n, story in enumerate(stories(count, seed=3)):
        published = story.published if n % 5 else None
        out.append(Article(f"{story.key}#1", story.key, story.key, 1, story.title, None, published, "given", story.text()))
    return out


def test_stages_band_keys_find_exactly_the_lsh_candidates() -> None:
    sets = {a.article_id: hashed(shingles(words(a.text), SETTINGS.shingle_words)) for a in _articles()}
    buckets: dict[str, list[str]] = {}
    for key, shingle_set in sorted(sets.items()):
        for band in band_keys(shingle_set, SETTINGS):
            buckets.setdefault(band, []).append(key)
    joined = {pair for members in buckets.values() for pair in itertools.combinations(sorted(members), 2)}
    streamed = list(candidate_pairs(sets, SETTINGS))
    expected = set(streamed)
    assert len(streamed) == len(expected)  # each pair once, without a set of seen pairs
    assert streamed == sorted(streamed)
    assert joined == expected
    assert expected  # the corpus has near copies


def test_stages_union_roots_and_assign_cluster_match_dedup_cluster() -> None:
    articles = _articles()
    local = {a.article_id: a for a in cluster(articles, SETTINGS)}
    pairs = [(a.article_id, b.article_id) for a, b in itertools.combinations(articles, 2)
             if local[a.article_id].cluster_id == local[b.article_id].cluster_id]
    roots = union_roots(random.Random(1).sample(pairs, len(pairs)))
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(roots.get(article.article_id, article.article_id), []).append(article)
    assigned = {a.article_id: a for members in groups.values() for a in assign_cluster(reversed(members))}
    assert assigned == local
    assert any(a.duplicate_of for a in assigned.values())


def test_stages_union_roots_gives_smallest_member() -> None:
    assert union_roots([("b", "c"), ("d", "e"), ("c", "a")]) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}


def test_stages_cli_master_needs_spark_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--master", "local[2]", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "--master applies only to --engine spark" in result.output


def test_stages_missing_pyspark_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sitroom.spark.session import require_pyspark

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ConfigError, match=r"pip install 'sitroom\[spark\]'"):
        require_pyspark()
