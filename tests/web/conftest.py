"""Fixtures: a hand-built store and a TestClient on the app serving it."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sitroom.web.app import app_from_store

from .helpers import build_store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A DuckDB store holding the hand-built articles and analysis."""
    return build_store(tmp_path / "web.duckdb")


@pytest.fixture
def client(store_path: Path) -> TestClient:
    """A client on the app serving ``store_path``."""
    return TestClient(app_from_store(store_path))
