"""The situation page: ``sitroom serve`` (Starlette app, JSON API, vendored map assets)."""

from __future__ import annotations

from .api import Snapshot, load_snapshot
from .app import app_from_store, create_app
from .control import TownControl, control_on

__all__ = ["Snapshot", "TownControl", "app_from_store", "control_on", "create_app", "load_snapshot"]
