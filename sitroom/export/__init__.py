"""Exports: a registry of writers, each turning the store into one output format.

A writer is ``(store, out_dir) -> Path`` and is registered under its output's name; a new
format is one new module plus one line in ``EXPORTERS``. Every writer sorts its records and
writes through a temporary file, so a re-run gives the same bytes and readers never see half a file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..errors import ConfigError, StageError
from ..store import Store
from .acled_csv import write_events_csv
from .articles import write_articles
from .claims_jsonl import write_claims, write_contradictions
from .geojson import write_events_geojson
from .network import write_graphml, write_node_link
from .parquet import write_events_parquet

LOGGER = logging.getLogger(__name__)

Exporter = Callable[[Store, Path], Path]

EXPORTERS: dict[str, Exporter] = {
    "articles.jsonl": write_articles,
    "events.csv": write_events_csv,
    "events.geojson": write_events_geojson,
    "events.parquet": write_events_parquet,
    "network.graphml": write_graphml,
    "network.json": write_node_link,
    "claims.jsonl": write_claims,
    "contradictions.jsonl": write_contradictions,
}


def write_all(
    store: Store,
    out_dir: Path,
    exporters: Mapping[str, Exporter] | None = None,
    names: Sequence[str] | None = None,
) -> dict[str, str]:
    """Run every exporter (or those in ``names``) into ``out_dir`` (created if missing).

    Args:
        store: the store to read.
        out_dir: folder for the exports.
        exporters: name -> writer; the built-in ``EXPORTERS`` when None.
        names: the exports to write, in registry order whatever order they are given in; all when None.

    Returns:
        Export name -> path written, in registry order.

    Raises:
        ConfigError: a name is not in the registry (the message lists the known ones).
        StageError: an export file cannot be written.
    """
    registry = EXPORTERS if exporters is None else exporters
    unknown = [n for n in names or () if n not in registry]
    if unknown:
        raise ConfigError(f"unknown export {', '.join(map(repr, unknown))}; known: {', '.join(registry)}")
    chosen = [(n, w) for n, w in registry.items() if names is None or n in names]
    written: dict[str, str] = {}
    for name, writer in chosen:
        try:
            path = writer(store, Path(out_dir))
        except OSError as exc:
            # The folder is unwritable, full or a file: name the export and the OS reason.
            raise StageError("export", name, str(exc)) from exc
        LOGGER.info("wrote %s to %s", name, path)
        written[name] = str(path)
    return written


__all__ = [
    "EXPORTERS",
    "Exporter",
    "write_all",
    "write_articles",
    "write_claims",
    "write_contradictions",
    "write_events_csv",
    "write_events_geojson",
    "write_events_parquet",
    "write_graphml",
    "write_node_link",
]
