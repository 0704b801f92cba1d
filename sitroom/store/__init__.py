"""The embedded DuckDB store: schema by migrations, upsert by content id, one transaction per batch."""

from __future__ import annotations

from .duckdb import Store, open_store
from .migrations import MIGRATIONS

__all__ = ["MIGRATIONS", "Store", "open_store"]
