"""`sitroom bench`: time the whole pipeline and print throughput, stage shares and peak RSS."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..bench import bench, make_corpus


@click.command("bench")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("--copies", default=20, show_default=True,
              help="Without INPUTS: how many varied copies of the example corpus to make.")
@click.option("--articles", type=click.IntRange(min=1), default=None,
              help="Without INPUTS: generate this many documents (about 1.8 articles each from the seeds) instead of --copies.")
@click.option("--seeds", default="../shared/seeds", show_default=True, type=click.Path(),
              help="The example corpus copied when no INPUTS are given.")
@click.option("--rss-every", type=click.IntRange(min=0), default=0, show_default=True,
              help="Print the RSS after every N articles analysed, then start, end and slope (0: off).")
def bench_command(inputs: tuple[str, ...], copies: int, articles: int | None, seeds: str, rss_every: int) -> None:
    """Run the pipeline on INPUTS (or a generated corpus) in one process and print
    articles/s, words/s, the time share of each stage and peak RSS. The last line is
    `bench: articles_per_s_per_core X articles_per_s Y peak_rss_mb Z cores N`.
    """
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        paths = [Path(p) for p in inputs]
        if not paths:
            if not Path(seeds).is_dir():
                raise click.UsageError(f"no INPUTS and no example corpus at {seeds}")
            paths = [make_corpus(Path(seeds), Path(tmp) / "corpus", copies, limit=articles)]
        result = bench(paths, Path(tmp) / "bench.duckdb", rss_every=rss_every, on_sample=_echo_sample)
    for line in result.lines():
        click.echo(line)


def _echo_sample(articles: int, rss: float) -> None:
    click.echo(f"rss articles {articles} rss_mb {rss:.1f}")
