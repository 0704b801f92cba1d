"""The Spark engine (local[2]) stores, exports and reports exactly what the local engine does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.dataset as pads
import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.model import Event
from sitroom.spark.records import from_plain
from sitroom.store import open_store
from sitroom.synth import write_corpus

from .helpers import exports, run_local, run_on_spark, store_rows, summary_fields

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.slow


def _assert_same_store(local_db: Path, spark_db: Path) -> None:
    local, spark = store_rows(local_db), store_rows(spark_db)
    assert sorted(local) == sorted(spark)
    for table in local:
        assert local[table] == spark[table], table


def test_engine_seeds_same_rows_exports_and_summary(spark: Any, tmp_path: Path) -> None:
    local = run_local([SEEDS], tmp_path / "local.duckdb", tmp_path / "local-out")
    on_spark = run_on_spark([SEEDS], tmp_path / "spark.duckdb", tmp_path / "spark-out")
    assert local.events > 0 and local.duplicates > 0
    assert summary_fields(on_spark) == summary_fields(local)
    _assert_same_store(tmp_path / "local.duckdb", tmp_path / "spark.duckdb")
    assert exports(tmp_path / "spark-out") == exports(tmp_path / "local-out")
    # The Parquet events are the stored events (ids and every field).
    rows = pads.dataset(str(tmp_path / "spark-out" / "spark" / "events"), format="parquet").to_table().to_pylist()
    parquet = [from_plain(Event, row) for row in rows]
    with open_store(tmp_path / "spark.duckdb") as store:
        stored = store.events()
    assert {e.id for e in parquet} == {e.id for e in stored}
    assert all(event in parquet for event in stored)


def test_engine_generated_corpus_cli_then_incremental(spark: Any, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", articles=36, shards=3)
    out = {}
    for engine in ("local", "spark"):
        args = ["run", str(corpus), "--db", str(tmp_path / f"{engine}.duckdb"), "--out", str(tmp_path / f"{engine}-out"),
                "--engine", engine, *(["--master", "local[2]"] if engine == "spark" else [])]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        out[engine] = [line for line in result.output.splitlines() if not line.startswith(("export ", "database: "))]
    assert out["spark"] == out["local"]
    assert "duplicates 0 " not in out["local"][0]
    _assert_same_store(tmp_path / "local.duckdb", tmp_path / "spark.duckdb")
    assert exports(tmp_path / "spark-out") == exports(tmp_path / "local-out")
    # A second run adds the seeds: stored articles of other documents join Spark's clusters and merge.
    local = run_local([SEEDS], tmp_path / "local.duckdb", tmp_path / "local-out")
    on_spark = run_on_spark([SEEDS], tmp_path / "spark.duckdb", tmp_path / "spark-out")
    assert on_spark.articles == local.articles > 36
    # The local engine parses only the new articles (its cache); Spark analyses all of them again.
    assert local.analysed < on_spark.analysed == on_spark.articles
    local.analysed = on_spark.analysed
    assert summary_fields(on_spark) == summary_fields(local)
    _assert_same_store(tmp_path / "local.duckdb", tmp_path / "spark.duckdb")
