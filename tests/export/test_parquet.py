"""events.parquet: a typed schema from model.Event and an Event -> Parquet -> Event round trip."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.export import write_all
from sitroom.export.parquet import event_schema, events_from_table, events_table, read_events_parquet
from sitroom.model import Event, Evidence
from sitroom.store import open_store

from .helpers import events as sample_events
from .helpers import fill

_text = st.text(max_size=20)
_maybe = st.none() | _text
_names = st.lists(_text, max_size=3).map(tuple)
_evidence = st.builds(Evidence, article_id=_text, start=st.integers(0, 2**31), end=st.integers(0, 2**31), text=_text)
events = st.builds(
    Event, id=st.text(min_size=1, max_size=16), docs=_names, event_date=st.none() | st.dates().map(str),
    end_date=st.none() | st.dates().map(str), time_precision=st.none() | st.integers(1, 3), event_type=_text,
    sub_event_type=_text, actor1=_maybe, assoc_actor_1=_names, actor2=_maybe, assoc_actor_2=_names,
    country=_maybe, admin1=_maybe, location=_maybe, latitude=st.none() | st.floats(-90, 90),
    longitude=st.none() | st.floats(-180, 180), geo_precision=st.none() | st.integers(1, 3),
    fatalities=st.none() | st.integers(0, 2**62), quantities=st.dictionaries(_text, st.integers(0, 2**62), max_size=3),
    attribution=_maybe, hedged=st.booleans(), evidence=st.dictionaries(_text, _evidence, max_size=3), notes=_text,
    sources=st.integers(0, 2**31),
)  # fmt: skip


def test_parquet_schema_is_typed_from_the_model() -> None:
    schema = event_schema()
    assert schema.names == [f for f in Event.__slots__ if not f.startswith("__")]  # type: ignore[attr-defined]
    assert schema.field("docs").type == pa.list_(pa.string())
    assert schema.field("latitude").type == pa.float64() and schema.field("latitude").nullable
    assert schema.field("fatalities").type == pa.int64()
    assert schema.field("hedged").type == pa.bool_() and not schema.field("hedged").nullable
    assert schema.field("quantities").type == pa.map_(pa.string(), pa.int64())
    assert schema.field("evidence").type == pa.string()
    assert schema.field("id").type == pa.string() and not schema.field("id").nullable


@settings(max_examples=40, deadline=None)
@given(st.lists(events, max_size=5))
def test_parquet_round_trip_gives_equal_events(batch: list[Event]) -> None:
    sink = pa.BufferOutputStream()
    pq.write_table(events_table(batch), sink)
    assert events_from_table(pq.read_table(pa.BufferReader(sink.getvalue()))) == batch


def test_parquet_file_from_store_reads_back_and_is_byte_stable(tmp_path: Path) -> None:
    paths = []
    for run in range(2):
        with open_store(tmp_path / "s.duckdb") as store:
            fill(store)
            paths.append(Path(write_all(store, tmp_path / f"o{run}", names=["events.parquet"])["events.parquet"]))
    expected = sorted(sample_events(), key=lambda e: (e.event_date is None, e.event_date or "", e.id))
    assert read_events_parquet(paths[0]) == expected
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_parquet_empty_store_has_schema_and_no_rows(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        path = Path(write_all(store, tmp_path, names=["events.parquet"])["events.parquet"])
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.remove_metadata() == event_schema().remove_metadata()
