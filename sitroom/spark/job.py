"""The Spark job: inputs -> Parquet tables, running the local stage functions per partition.

What runs where:

1. driver: ``ingest.discover`` lists the files (a cheap walk);
2. executors: each partition of the file list is read and segmented (``ingest.read_file``,
   ``segment.segment``); documents and articles seen twice keep the last one read, as the
   local store's upserts do;
3. executors + driver: near-duplicate clustering (spark/dedup.py);
4. driver: the corpus day (latest publication day) is aggregated and broadcast; executors
   parse and analyse each partition (``analysis.analyse_article``; spaCy once per worker);
5. driver: the per-article results (a few KB each) are collected and merged across articles
   (``analysis.combine``); the merged tables are small and written from the driver.

Tables written under the folder: documents, articles, rejections, analyses (per article),
events, claims, relations, contradictions, and run.json (counts for the run summary).
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from .. import ingest
from ..analysis import ArticleAnalysis, combine
from ..config import Settings
from ..model import Article, Rejection
from . import schema
from .dedup import cluster_rdd
from .load import MERGED
from .records import field_hints, from_plain, to_plain
from .stages import analyse_partition, read_partition

LOGGER = logging.getLogger(__name__)


def run_job(spark: Any, inputs: Sequence[str], settings: Settings, folder: Path,
            stored: Sequence[Article] = (), partitions: int | None = None) -> None:
    """Run the pipeline on ``inputs`` and write its Parquet tables to ``folder``.

    Args:
        spark: the SparkSession.
        inputs: files and folders, readable at the same paths by every executor.
        settings: all settings (shipped to the executors).
        folder: output folder on a filesystem the driver can read (local or shared).
        stored: articles already in the target store; those of documents this run does not
            read join the corpus, so clusters and events cover the whole store as locally.
        partitions: partitions for clustering and analysis (default: twice the cores).
    """
    sc = spark.sparkContext
    folder.mkdir(parents=True, exist_ok=True)
    with _timed("read+segment"):
        discovery = ingest.discover(list(inputs), settings.ingest)
        files = list(enumerate(discovery.paths))
        slices = max(1, min(len(files), sc.defaultParallelism * 4))
        read = spark.createDataFrame(
            sc.parallelize(files, slices).mapPartitions(lambda part: read_partition(part, settings)), schema.READ
        ).persist()
        documents = _documents(read)
        articles = _articles(spark, read, documents, stored)
        _write(documents, folder, "documents")
        _write(_rejections(spark, read, discovery.rejections), folder, "rejections")
        n = partitions or sc.defaultParallelism * 2
        as_objects = articles.rdd.map(lambda row: from_plain(Article, row)).repartition(n).persist()
    with _timed("dedup"):
        clustered = cluster_rdd(spark, as_objects, settings.dedup).persist()
        _write(spark.createDataFrame(clustered.map(lambda a: to_plain(a, Article)), schema.struct_of(Article)),
               folder, "articles")
    with _timed("analyse"):
        corpus_day = sc.broadcast(_corpus_day(articles))
        analyses = clustered.mapPartitions(
            lambda part: analyse_partition(part, corpus_day.value, settings.events)
        ).persist()
        _write(spark.createDataFrame(analyses.map(_analysis_row), schema.ANALYSIS), folder, "analyses")
    with _timed("merge"):
        _write_merged(spark, analyses.collect(), settings, folder)
    summary = {"files": len(discovery.paths), "documents": read.where("raw").count(), "corpus_day": corpus_day.value}
    (folder / "run.json").write_text(json.dumps(summary, sort_keys=True) + "\n", encoding="utf-8")
    for frame in (read, as_objects, clustered, analyses):
        frame.unpersist()


@contextmanager
def _timed(stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    LOGGER.info("spark stage %s: %.1f s", stage, time.perf_counter() - start)


def _documents(read: Any) -> Any:
    rows = read.where("document IS NOT NULL").select("file_index", "record", "document.*")
    return _last(rows, "doc_id")


def _articles(spark: Any, read: Any, documents: Any, stored: Sequence[Article]) -> Any:
    from pyspark.sql import functions as F

    rows = read.select("file_index", "record", F.explode("articles").alias("a")).select("file_index", "record", "a.*")
    rows = _last(rows, "article_id")
    if not stored:
        return rows
    # As locally: a document read again replaces its stored articles; others stay and count.
    read_docs = {r.doc_id for r in documents.select("doc_id").collect()}
    kept = [to_plain(a, Article) | {"file_index": -1, "record": 0} for a in stored if a.doc_id not in read_docs]
    LOGGER.info("%d stored articles of other documents join the corpus", len(kept))
    return rows.unionByName(spark.createDataFrame(kept, schema.ARTICLE)) if kept else rows


def _last(rows: Any, key: str) -> Any:
    """Keep one row per ``key``: the last read (highest file index, then record), as upserts do."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = Window.partitionBy(key).orderBy(F.col("file_index").desc(), F.col("record").desc())
    return rows.withColumn("_n", F.row_number().over(order)).where("_n = 1").drop("_n")


def _rejections(spark: Any, read: Any, found: Sequence[Rejection]) -> Any:
    from pyspark.sql import functions as F

    rows = read.select("file_index", "record", F.posexplode("rejections").alias("seq", "r"))
    rows = rows.select("file_index", "record", "seq", "r.*")
    walked = [to_plain(r, Rejection) | {"file_index": -1, "record": i, "seq": 0} for i, r in enumerate(found)]
    return rows.unionByName(spark.createDataFrame(walked, schema.REJECTION)) if walked else rows


def _corpus_day(articles: Any) -> str | None:
    """Latest publication day of the corpus (what analysis.analyse_articles dates against)."""
    from pyspark.sql import functions as F

    day = articles.agg(F.max(F.substring("published", 1, 10)).alias("day")).first()
    return None if day is None else day["day"]


def _analysis_row(item: ArticleAnalysis) -> dict[str, Any]:
    row = {name: to_plain(getattr(item, name), hint) for name, hint in field_hints(ArticleAnalysis) if name != "article"}
    row["article_id"] = item.article.article_id
    return row


def _write_merged(spark: Any, items: list[ArticleAnalysis], settings: Settings, folder: Path) -> None:
    # The local run merges in store order (file, k, id); merging is meant to be order-free,
    # but the same order keeps every tie broken the same way.
    items.sort(key=lambda i: (i.article.file, i.article.k, i.article.article_id))
    result = combine(items, settings.events)
    values = {"events": result.events, "claims": result.claims, "relations": result.relations,
              "contradictions": result.contradictions}
    for name, cls in MERGED.items():
        rows = [to_plain(v, cls) | {"seq": i} for i, v in enumerate(values[name])]
        struct = schema.with_fields(schema.struct_of(cls), ("seq", schema.T.LongType()))
        _write(spark.createDataFrame(rows, struct).coalesce(1), folder, name)


def _write(frame: Any, folder: Path, name: str) -> None:
    frame.write.mode("overwrite").parquet((folder / name).resolve().as_uri())
