"""`sitroom watch`: keep the store and exports current as files arrive in a folder."""

from __future__ import annotations

import signal
import time
from types import FrameType

import click

from ..store import open_store
from ..watch import Cycle, watch
from .options import load_settings, settings_options


@click.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default="sitroom.duckdb", show_default=True, help="DuckDB file to create or update.")
@click.option("--out", "out_dir", default="sitroom-out", show_default=True, help="Folder for exports.")
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between polls of FOLDER.")
@click.option("--once", is_flag=True, help="Process what is new or changed once, then exit (for scripts).")
@settings_options
def watch_command(folder: str, db: str, out_dir: str, interval: float, once: bool,
                  config_path: str | None, overrides: tuple[str, ...]) -> None:
    """Watch FOLDER and run the pipeline on each new or changed file: store its articles,
    re-cluster duplicates, parse only new articles, re-merge events and rewrite the exports.

    The model and gazetteer are loaded once. Files already processed are not read again
    unless their size or modification time changes. Ctrl-C stops cleanly (exit status 0).
    """
    settings = load_settings(config_path, overrides)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with open_store(db) as store:
            click.echo(f"watching {folder} every {interval:g} s (db {db}, exports {out_dir}); Ctrl-C stops", err=True)
            watch(folder, store, settings, out_dir, interval=interval, once=once, on_cycle=_print_cycle)
    except KeyboardInterrupt:
        click.echo("watch: stopped", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _print_cycle(cycle: Cycle) -> None:
    summary = cycle.summary
    if summary is None:
        return
    stamp = time.strftime("%H:%M:%S")
    click.echo(
        f"{stamp} files {len(cycle.files)}  articles {summary.articles} (new {summary.new_articles}, "
        f"parsed {summary.analysed})  events {summary.events}  rejections {len(summary.rejections)}  "
        f"{cycle.seconds:.2f} s"
    )
    for rejection in summary.rejections:
        click.echo(f"{rejection.severity}: {rejection.path}: {rejection.reason} [{rejection.stage}]", err=True)
