"""Near-duplicate clustering on Spark, with the same result as ``sitroom.dedup.cluster``.

1. Every article's MinHash band keys (``dedup.minhash.band_keys``: the same shingles, sketch
   and bands as the local LSH index), computed per partition.
2. A self-join on the band key gives the candidate pairs: exactly the pairs the local
   ``MinHashLSH.query`` returns, since a query finds the keys filed under any equal band.
3. The candidates join the two texts in the JVM (only id and text cross into Python) and are
   confirmed where they lie with ``dedup.overlap`` (whole text and opening), each text
   shingled once per worker rather than once per pair.
4. The confirmed pairs (one per duplicate, few) go to the driver for a union-find; the
   member -> component table is broadcast and each component picks its canonical member with
   ``dedup.canonical_key``. Singletons never leave their partition.
"""

from __future__ import annotations

import logging
from typing import Any

from ..config import DedupSettings
from ..dedup.cluster import assign_cluster, union_roots
from .stages import band_partition, confirm_partition

LOGGER = logging.getLogger(__name__)


def cluster_rdd(spark: Any, articles: Any, settings: DedupSettings) -> Any:
    """Return the RDD of ``articles`` (an RDD of Article) with cluster ids and duplicate marks."""
    confirmed = confirmed_pairs(spark, articles, settings)
    roots = spark.sparkContext.broadcast(union_roots(confirmed))
    LOGGER.info("%d confirmed duplicate pairs over %d clustered articles", len(confirmed), len(roots.value))
    singles = articles.filter(lambda a: a.article_id not in roots.value).map(lambda a: assign_cluster([a])[0])
    grouped = (
        articles.filter(lambda a: a.article_id in roots.value)
        .keyBy(lambda a: roots.value[a.article_id])
        .groupByKey()
        .flatMap(lambda kv: assign_cluster(kv[1]))
    )
    return singles.union(grouped)


def confirmed_pairs(spark: Any, articles: Any, settings: DedupSettings) -> list[tuple[str, str]]:
    """Return the sorted candidate pairs ``(a, b)``, ``a < b``, that pass the overlap test."""
    from pyspark.sql import functions as F

    keys = spark.createDataFrame(
        articles.mapPartitions(lambda part: band_partition(part, settings)), "band string, article_id string"
    )
    left = keys.select("band", F.col("article_id").alias("a"))
    right = keys.select("band", F.col("article_id").alias("b"))
    candidates = left.join(right, "band").where(F.col("a") < F.col("b")).select("a", "b").distinct()
    # The texts join the candidates in the JVM; only the id and text travel, all the overlap test reads.
    texts = spark.createDataFrame(articles.map(lambda a: (a.article_id, a.text)), "article_id string, text string")
    both = (
        candidates.join(texts.select(F.col("article_id").alias("a"), F.col("text").alias("ta")), "a")
        .join(texts.select(F.col("article_id").alias("b"), F.col("text").alias("tb")), "b")
    )
    rows = both.rdd.map(lambda r: ((r.a, r.ta), (r.b, r.tb)))
    return sorted(rows.mapPartitions(lambda part: confirm_partition(part, settings)).collect())
