"""`sitroom export`: write export files from an existing store."""

from __future__ import annotations

from pathlib import Path

import click

from ..export import EXPORTERS, write_all
from ..store import open_store

ALL = "all"

_HELP = f"""Write FORMAT (one or more export names, or '{ALL}') from the store into --out.

Formats: {", ".join(EXPORTERS)}. Each file is replaced atomically; the same store always gives
the same bytes. See docs/exports.md.
"""


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    """Validate FORMAT arguments; None means every export."""
    unknown = [v for v in values if v != ALL and v not in EXPORTERS]
    if unknown:
        known = ", ".join([*EXPORTERS, ALL])
        raise click.BadParameter(f"unknown format {', '.join(map(repr, unknown))}; known: {known}")
    return None if ALL in values else list(values)


@click.command("export", help=_HELP)
@click.argument("formats", metavar="FORMAT...", nargs=-1, required=True, callback=_formats)
@click.option("--db", default="sitroom.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False),
              help="DuckDB file written by `sitroom run`.")  # fmt: skip
@click.option("--out", "out_dir", default="sitroom-out", show_default=True, help="Folder for exports.")
def export_command(formats: list[str] | None, db: str, out_dir: str) -> None:
    """Write the chosen exports of the store at --db into --out (help text: ``_HELP``)."""
    with open_store(db) as store:
        written = write_all(store, Path(out_dir), names=formats)
    for name, path in written.items():
        click.echo(f"export {name}: {path}")
