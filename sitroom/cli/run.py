"""`sitroom run`: ingest inputs into the store and write exports."""

from __future__ import annotations

import sys

import click

from ..pipeline import RunSummary, run
from ..store import open_store
from .options import load_settings, settings_options


@click.command("run")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--db", default="sitroom.duckdb", show_default=True, help="DuckDB file to create or update.")
@click.option("--out", "out_dir", default="sitroom-out", show_default=True, help="Folder for exports.")
@click.option("--progress/--no-progress", default=None, help="Progress bars (default: only on a terminal).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this process. spark: Apache Spark (needs the spark extra); Parquet tables go to OUT/spark.")
@click.option("--master", default=None, help="Spark master URL for --engine spark (default: local[*]).")
@settings_options
def run_command(
    inputs: tuple[str, ...],
    db: str,
    out_dir: str,
    progress: bool | None,
    engine: str,
    master: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Read INPUTS (files or folders of HTML, text, JSONL, CSV, feeds, WARC) into the store.

    Exit status is 0 when everything was read, 1 when some input was rejected (each
    rejection is printed with its file and reason and kept in the store).
    """
    if master is not None and engine != "spark":
        raise click.UsageError("--master applies only to --engine spark")
    settings = load_settings(config_path, overrides)
    with open_store(db) as store:
        if engine == "spark":
            from ..spark import DEFAULT_MASTER, SparkOptions, run_spark

            options = SparkOptions(master=master or DEFAULT_MASTER)
            summary = run_spark(list(inputs), store, settings=settings, out_dir=out_dir, options=options)
        else:
            summary = run(list(inputs), store, settings=settings, out_dir=out_dir, progress=progress)
    _print_summary(summary, db)
    if any(r.severity == "error" for r in summary.rejections):
        sys.exit(1)


def _print_summary(summary: RunSummary, db: str) -> None:
    click.echo(
        f"files {summary.files}  documents {summary.documents}  articles {summary.articles}"
        f" (new {summary.new_articles})  duplicates {summary.duplicates}  clusters {summary.clusters}"
    )
    if summary.events:
        by_type = ", ".join(f"{t} {n}" for t, n in summary.events_by_type.items())
        click.echo(f"events {summary.events}: {by_type}")
        click.echo("top actors: " + ", ".join(f"{a} ({n})" for a, n in summary.top_actors))
    click.echo(f"contradictions {len(summary.contradictions)}")
    for line in summary.contradictions:
        click.echo(f"  - {line}")
    for rejection in summary.rejections:
        click.echo(f"{rejection.severity}: {rejection.path}: {rejection.reason} [{rejection.stage}]", err=True)
    click.echo(f"database: {db}")
    for name, path in sorted(summary.exports.items()):
        click.echo(f"export {name}: {path}")
