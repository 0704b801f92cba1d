import dataclasses

from sitroom.events.merge import merge_events, same_event
from sitroom.model import Event, Evidence


def _event(doc: str, day: str = "2025-03-02", lat: float = -1.68, lon: float = 29.22, actor1: str = "M23",
           fatalities: int | None = None, precision: int = 1, geo: int = 1) -> Event:
    ev = Evidence(doc, 0, 4, "text")
    return Event(
        id=f"id-{doc}", docs=(doc,), event_date=day, end_date=None, time_precision=precision,
        event_type="Battles", sub_event_type="Non-state actor overtakes territory", actor1=actor1,
        assoc_actor_1=(), actor2=None, assoc_actor_2=(), country="DRC", admin1="North Kivu", location="Goma",
        latitude=lat, longitude=lon, geo_precision=geo, fatalities=fatalities, quantities={}, attribution=None,
        hedged=False, evidence={"event_type": ev},
    )


def test_merge_reports_of_one_event_list_all_docs_and_lowest_toll() -> None:
    merged = merge_events([_event("a#1", fatalities=9), _event("b#1", day="2025-03-03", fatalities=7)])
    assert len(merged) == 1
    assert merged[0].docs == ("a#1", "b#1")
    assert merged[0].fatalities == 7


def test_merge_keeps_apart_far_places_distant_days_and_other_actors() -> None:
    base = _event("a#1")
    assert not same_event(base, _event("b#1", lat=1.56, lon=30.25))  # ~370 km away
    assert not same_event(base, _event("b#1", day="2025-03-05"))
    assert not same_event(base, _event("b#1", actor1="FARDC"))
    assert same_event(base, _event("b#1", day="2025-03-07", precision=2))


def test_merge_sources_count_dedup_clusters_not_docs() -> None:
    events = [_event("a#1"), _event("b#1"), _event("c#1")]
    merged = merge_events(events, clusters={"a#1": "k1", "b#1": "k1", "c#1": "k2"})
    assert merged[0].sources == 2


def test_merge_ids_are_stable_and_order_independent() -> None:
    events = [_event("a#1"), _event("b#1")]
    first = merge_events(events)
    again = merge_events(list(reversed([dataclasses.replace(e) for e in events])))
    assert [e.id for e in first] == [e.id for e in again]
    assert first[0].id != "id-a#1"


def test_merge_coarse_report_does_not_chain_distinct_places() -> None:
    # A country-level report near both towns must not glue two towns 370 km apart into one event.
    goma = _event("a#1")
    bunia = _event("b#1", lat=1.56, lon=30.25)
    coarse = _event("c#1", lat=-0.5, lon=29.8, geo=3)
    merged = merge_events([coarse, goma, bunia])
    assert len(merged) == 2
