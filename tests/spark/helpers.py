"""Run both engines on the same inputs and read back everything they stored and exported."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import duckdb

from sitroom.pipeline import RunSummary, run
from sitroom.spark import SparkOptions, run_spark
from sitroom.store import open_store


def run_local(inputs: list[Path], db: Path, out: Path) -> RunSummary:
    with open_store(db) as store:
        return run(inputs, store, out_dir=out)


def run_on_spark(inputs: list[Path], db: Path, out: Path) -> RunSummary:
    with open_store(db) as store:
        return run_spark(inputs, store, out_dir=out, options=SparkOptions(master="local[2]"))


def store_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the migration ledger left out), sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' AND NOT starts_with(table_name, '_') ORDER BY table_name"
        ).fetchall()]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def exports(out: Path) -> dict[str, bytes]:
    """The export files' bytes by name (the Spark engine's Parquet folder left out)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def summary_fields(summary: RunSummary) -> dict[str, Any]:
    """The summary without the export paths (which name each run's own folder)."""
    return {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary) if f.name != "exports"}
