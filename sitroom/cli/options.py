"""Options shared by several commands."""

from __future__ import annotations

from typing import Any, Callable

import click

from ..config import Settings

F = Callable[..., Any]


def settings_options(func: F) -> F:
    """Add --config FILE and repeated --set section.key=value to a command."""
    func = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="SECTION.KEY=VALUE",
        help="Override one setting (repeatable); see docs/configuration.md.",
    )(func)
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False),
        help="TOML file of settings.",
    )(func)
    return func


def load_settings(config_path: str | None, overrides: tuple[str, ...]) -> Settings:
    """Build Settings from the --config and --set options."""
    return Settings.load(config_path, list(overrides))
