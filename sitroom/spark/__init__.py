"""The Spark engine: the same pipeline on a Spark cluster (or local[*]), writing Parquet.

``run_spark`` runs the job (spark/job.py: the local stage functions per partition, Spark
near-duplicate clustering) into a Parquet folder, then loads that folder into the store
(spark/load.py) and writes the usual exports. pyspark is an optional extra
(``pip install 'sitroom[spark]'``) imported only when this engine runs.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..config import Settings
from ..pipeline import RunSummary
from ..store import Store

DEFAULT_MASTER = "local[*]"


@dataclass(slots=True, frozen=True)
class SparkOptions:
    """Where and how the Spark engine runs."""

    master: str = DEFAULT_MASTER
    parquet_dir: str | None = None  # default: <out_dir>/spark, or a temporary folder
    partitions: int | None = None  # clustering/analysis partitions; default twice the cores


def run_spark(
    inputs: Sequence[str | Path],
    store: Store,
    settings: Settings | None = None,
    out_dir: str | Path | None = None,
    options: SparkOptions | None = None,
) -> RunSummary:
    """Run the pipeline on Spark, load its Parquet output into ``store`` and write exports.

    Args:
        inputs: files and folders, at paths every executor can read.
        store: an open store; ends with the same rows as ``pipeline.run`` gives.
        settings: all settings (defaults when None).
        out_dir: where exports go (and the Parquet tables, under ``spark/``); None writes none.
        options: master URL, Parquet folder, partitions.

    Returns:
        A RunSummary as ``pipeline.run`` returns; ``exports`` also names the Parquet folder.

    Raises:
        ConfigError: pyspark is not installed or Spark cannot start.
    """
    from .. import export
    from .session import require_pyspark

    require_pyspark()
    settings = settings or Settings()
    options = options or SparkOptions()
    with tempfile.TemporaryDirectory(prefix="sitroom-spark-") as tmp:
        folder = Path(options.parquet_dir or (Path(out_dir) / "spark" if out_dir is not None else tmp))
        summary = _run_and_load([str(p) for p in inputs], store, settings, folder, options)
    if out_dir is not None:
        summary.exports = export.write_all(store, Path(out_dir))
        summary.exports["spark parquet"] = str(folder)
    return summary


def _run_and_load(inputs: list[str], store: Store, settings: Settings, folder: Path,
                  options: SparkOptions) -> RunSummary:
    from .job import run_job
    from .load import load
    from .session import spark_session

    stored = store.articles()
    with spark_session(options.master) as spark:
        run_job(spark, inputs, settings, folder, stored, options.partitions)
    return load(folder, store, settings)


__all__ = ["DEFAULT_MASTER", "SparkOptions", "run_spark"]
