"""Time the Spark engine against the local engine on one generated corpus and print the ratio.

    .venv/bin/python tools/bench_spark.py --articles 2000 --master 'local[2]'

Both engines run the whole `sitroom run` (read, segment, dedup, analysis, store, exports) on
the same corpus (sitroom.synth: JSONL shards, text, HTML and CC-NEWS-style WARC files) into
fresh stores; the Spark time is given with and without starting the JVM. The last line is
`bench_spark: articles N local_s X spark_s Y ratio R` (ratio = spark_s / local_s, above 1 is
slower). Numbers are in docs/scale.md.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitroom.pipeline import run  # noqa: E402
from sitroom.spark import SparkOptions, run_spark  # noqa: E402
from sitroom.spark.session import spark_session  # noqa: E402
from sitroom.store import open_store  # noqa: E402
from sitroom.synth import write_corpus  # noqa: E402


def main() -> None:
    """Parse options, build the corpus, run both engines, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the generated corpus")
    parser.add_argument("--paragraphs", type=int, default=14, help="paragraphs per article (14 is ~600 words)")
    parser.add_argument("--shards", type=int, default=16, help="JSONL and WARC files each")
    parser.add_argument("--master", default="local[2]", help="Spark master URL")
    parser.add_argument("--work", type=Path, default=None, help="keep corpus, stores and outputs here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    for noisy in ("py4j", "pyspark", "sitroom.cache", "sitroom.pipeline"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-spark-") as tmp:
        work = args.work or Path(tmp)
        for old in ("local.duckdb", "spark.duckdb"):
            (work / old).unlink(missing_ok=True)  # both engines start from an empty store
        corpus = write_corpus(work / "corpus", args.articles, shards=args.shards, paragraphs=args.paragraphs)
        print(f"corpus: {args.articles} stories in {len(list(corpus.iterdir()))} files", flush=True)
        local_s, local = _timed(lambda: _local(corpus, work))
        # Counted in the articles as segmented (as `sitroom bench` does), not in the files' bytes.
        with open_store(work / "local.duckdb") as store:
            words = sum(len(a.text.split()) for a in store.articles())
        print(f"local: {local.articles} articles ({words} words, {words / max(local.articles, 1):.0f} each), "
              f"{local.events} events, {local_s:.1f} s", flush=True)
        start = time.perf_counter()
        with spark_session(args.master) as spark:
            jvm_s = time.perf_counter() - start
            cores = spark.sparkContext.defaultParallelism
            spark_s, on_spark = _timed(lambda: _spark(corpus, work, args.master))
        same = (on_spark.articles, on_spark.events) == (local.articles, local.events)
        print(f"spark {args.master} ({cores} cores): {on_spark.articles} articles, {on_spark.events} events, "
              f"{spark_s:.1f} s (+{jvm_s:.1f} s JVM start); same counts as local: {same}")
        print(f"articles_per_s local {local.articles / local_s:.2f} spark {on_spark.articles / spark_s:.2f} "
              f"spark_with_start {on_spark.articles / (spark_s + jvm_s):.2f}")
        print(f"bench_spark: articles {local.articles} local_s {local_s:.1f} spark_s {spark_s:.1f} "
              f"ratio {spark_s / local_s:.2f}")


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _local(corpus: Path, work: Path):  # type: ignore[no-untyped-def]
    with open_store(work / "local.duckdb") as store:
        return run([corpus], store, out_dir=work / "local-out", progress=False)


def _spark(corpus: Path, work: Path, master: str):  # type: ignore[no-untyped-def]
    with open_store(work / "spark.duckdb") as store:
        return run_spark([corpus], store, out_dir=work / "spark-out", options=SparkOptions(master=master))


if __name__ == "__main__":
    main()
