"""The embedded DuckDB store: schema by migrations, upsert by content id, one transaction per batch."""

from __future__ import annotations

from .analysis_rows import ActorLookup, ActorSummary
from .duckdb import Store, open_store
from .migrations import MIGRATIONS

__all__ = ["MIGRATIONS", "ActorLookup", "ActorSummary", "Store", "open_store"]
