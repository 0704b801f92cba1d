"""events.geojson: a FeatureCollection of the located events, with the events.csv fields as properties.

Events without coordinates cannot be drawn; they are counted in the top-level ``unlocated``
member (a foreign member, which GeoJSON readers ignore) so the map can say what it leaves out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store import Store
from .acled_csv import event_context, event_record, sorted_events
from .files import write_atomic

FILENAME = "events.geojson"


def feature_collection(store: Store) -> dict[str, Any]:
    """Return the GeoJSON FeatureCollection of the stored events, in export order."""
    ctx = event_context(store)
    features: list[dict[str, Any]] = []
    unlocated = 0
    for event in sorted_events(store.events()):
        if event.latitude is None or event.longitude is None:
            unlocated += 1
            continue
        features.append({
            "type": "Feature",
            "id": event.id,
            # GeoJSON orders coordinates longitude first (RFC 7946 section 3.1.1).
            "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
            "properties": event_record(event, ctx),
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def write_events_geojson(store: Store, out_dir: Path) -> Path:
    """Write ``events.geojson`` into ``out_dir`` and return its path."""
    text = json.dumps(feature_collection(store), ensure_ascii=False, separators=(",", ":")) + "\n"
    return write_atomic(out_dir / FILENAME, text.encode("utf-8"))
