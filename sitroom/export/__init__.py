"""Exports: a registry of writers, each turning the store into one output format.

A writer is ``(store, out_dir) -> Path`` and is registered under its output's name; a new
format (events.csv, GeoJSON, Parquet, GraphML) is one new module plus one line in ``EXPORTERS``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Mapping

from ..errors import StageError
from ..store import Store
from .articles import write_articles

LOGGER = logging.getLogger(__name__)

Exporter = Callable[[Store, Path], Path]

EXPORTERS: dict[str, Exporter] = {
    "articles.jsonl": write_articles,
}


def write_all(store: Store, out_dir: Path, exporters: Mapping[str, Exporter] | None = None) -> dict[str, str]:
    """Run every exporter into ``out_dir`` (created if missing).

    Args:
        store: the store to read.
        out_dir: folder for the exports.
        exporters: name -> writer; the built-in ``EXPORTERS`` when None.

    Returns:
        Export name -> path written, in registry order.

    Raises:
        StageError: an export file cannot be written.
    """
    written: dict[str, str] = {}
    for name, writer in (EXPORTERS if exporters is None else exporters).items():
        try:
            path = writer(store, Path(out_dir))
        except OSError as exc:
            # The folder is unwritable, full or a file: name the export and the OS reason.
            raise StageError("export", name, str(exc)) from exc
        LOGGER.info("wrote %s to %s", name, path)
        written[name] = str(path)
    return written


__all__ = ["EXPORTERS", "Exporter", "write_all", "write_articles"]
