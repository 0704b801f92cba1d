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


def _placed(doc: str, name: str, lat: float, lon: float, geo: int = 1, **kw) -> Event:  # type: ignore[no-untyped-def]
    return dataclasses.replace(_event(doc, lat=lat, lon=lon, geo=geo, **kw), location=name)


def test_merge_two_different_named_towns_need_to_be_very_close() -> None:
    # Sake and a village 12 km away, each named exactly, are two captures; a "near" place (geo 2) is vague.
    sake = _placed("a#1", "Sake", -1.57, 29.04)
    assert not same_event(sake, _placed("b#1", "Kimoka", -1.68, 29.04))
    assert same_event(sake, _placed("b#1", "Kimoka", -1.68, 29.04, geo=2))
    assert same_event(sake, _placed("b#1", "Sake", -1.58, 29.05))


def test_merge_country_wide_week_wide_report_joins_only_a_report_a_day_apart() -> None:
    goma = _event("a#1")
    country = dataclasses.replace(_event("b#1", precision=2, geo=3), location=None, latitude=-1.9, longitude=29.3,
                                  admin1=None)
    assert same_event(goma, country)
    assert same_event(goma, dataclasses.replace(country, event_date="2025-03-03"))
    assert not same_event(goma, dataclasses.replace(country, event_date="2025-03-05"))


def _strike(doc: str, target: str | None, geo: int = 1, location: str | None = "Goma", fatalities: int | None = None,
            precision: int = 1) -> Event:
    event = _event(doc, geo=geo, fatalities=fatalities, precision=precision, actor1="Rwandan army")
    return dataclasses.replace(event, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                               actor2=target, location=location)


def test_merge_strikes_on_civilians_and_on_fighters_stay_apart() -> None:
    assert not same_event(_strike("a#1", "Civilians (DRC)"), _strike("b#1", "M23"))
    assert same_event(_strike("a#1", "Civilians (DRC)"), _strike("b#1", None))


def test_merge_a_vague_report_joins_the_group_located_as_vaguely() -> None:
    # "drones hit eastern Congo, killing 4": a province-level report fits it better than a town's.
    said = Evidence("a#1", 0, 40, "Drones hit Goma and North Kivu villages.")  # one sentence listing both
    town = dataclasses.replace(_strike("a#1", "Civilians (DRC)"), evidence={"sentence": said})
    province = dataclasses.replace(_strike("a#1", "Civilians (DRC)", geo=3, location="North Kivu"),
                                   evidence={"sentence": said})
    country = dataclasses.replace(_strike("b#1", "Civilians (DRC)", geo=3, location=None, fatalities=4),
                                  latitude=-1.0, longitude=29.0)
    merged = merge_events([town, province, country])
    assert len(merged) == 2
    assert [e.fatalities for e in merged if e.location == "North Kivu"] == [4]


def _movement(doc: str, trigger: str, actor1: str = "M23") -> Event:
    event = _event(doc, actor1=actor1)
    return dataclasses.replace(event, event_type="Strategic developments", sub_event_type="Change to group/activity",
                               evidence={"event_type": Evidence(doc, 0, len(trigger), trigger)})


def test_merge_a_pull_back_and_a_deployment_are_two_movements() -> None:
    assert not same_event(_movement("a#1", "withdrew"), _movement("a#1", "deployed"))
    assert same_event(_movement("a#1", "sent reinforcements"), _movement("b#1", "deployed"))


class _Entry:
    def __init__(self, type: str, country: str, part_of: tuple[str, ...] = ()) -> None:  # noqa: A002
        self.type, self.country, self.part_of = type, country, part_of


class _Registry:
    entries = {"Sudanese armed groups": _Entry("militia", "Sudan"), "Popular Resistance": _Entry("militia", "Sudan"),
               "Rapid Support Forces": _Entry("rebel", "Sudan"), "Military Forces of Sudan": _Entry("state_force", "Sudan")}

    def get(self, name: str) -> _Entry | None:
        return self.entries.get(name)


def test_merge_a_collective_actor_covers_a_named_group_of_its_kind() -> None:
    from sitroom.events.merge import MergeOptions

    options = MergeOptions(registry=_Registry())
    collective = _movement("a#1", "crossed into", actor1="Sudanese armed groups")
    named = _movement("b#1", "crossed late", actor1="Popular Resistance")
    assert not same_event(collective, named)  # without a registry nothing says they are one actor
    assert same_event(collective, named, options)
    assert not same_event(collective, _movement("b#1", "crossed", actor1="Rapid Support Forces"), options)
    merged = merge_events([collective, named], options=options)
    assert [(e.actor1, e.assoc_actor_1) for e in merged] == [("Popular Resistance", ("Sudanese armed groups",))]
