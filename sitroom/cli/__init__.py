"""The `sitroom` command: a thin layer over library functions.

Each command parses and validates its options, calls one plain function and maps
``SitroomError`` to a one-line message and a non-zero exit.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from .. import __version__
from ..errors import SitroomError


class _Group(click.Group):
    """Turn SitroomError into a message naming the file and reason, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SitroomError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitroom")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """sitroom: turn raw conflict news into sourced, ACLED-style events."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from .bench import bench_command
    from .eval import eval_group
    from .export import export_command
    from .extract import extract_command
    from .run import run_command
    from .serve import serve_command
    from .watch import watch_command

    cli.add_command(run_command)
    cli.add_command(extract_command)
    cli.add_command(export_command)
    cli.add_command(eval_group)
    cli.add_command(serve_command)
    cli.add_command(bench_command)
    cli.add_command(watch_command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="sitroom")
