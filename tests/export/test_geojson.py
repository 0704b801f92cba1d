"""events.geojson: a valid FeatureCollection of located events; the rest counted as unlocated."""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.export import write_all
from sitroom.export.acled_csv import COLUMNS
from sitroom.store import open_store

from .helpers import fill


def test_geojson_points_carry_csv_fields_and_count_unlocated(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        fill(store)
        path = Path(write_all(store, tmp_path, names=["events.geojson"])["events.geojson"])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["unlocated"] == 1
    assert [f["id"] for f in data["features"]] == ["e1aaaaaaaaaaaaaa", "e2bbbbbbbbbbbbbb"]
    first = data["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [36.5603123, 35.5836]}  # longitude first
    assert list(first["properties"]) == list(COLUMNS)
    assert first["properties"]["interaction"] == 12 and first["properties"]["event_id_cnty"] == "SYRe1aaaaaaaaaa"


def test_geojson_empty_store_is_an_empty_collection(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        path = Path(write_all(store, tmp_path, names=["events.geojson"])["events.geojson"])
    assert json.loads(path.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": [], "unlocated": 0}
