"""Property tests: the extractor never crashes and every evidence span slices the article text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.events.extract import extract_events
from sitroom.events.sentences import split_sentences

from .helpers import article, refs

WORDS = ["Russian", "forces", "shelled", "Kharkiv", "on", "Monday", ",", "killing", "seven", "civilians", ".",
         "M23", "rebels", "captured", "Goma", "Sunday", "and", "the", "Congolese", "army", "clashed", "near",
         "Bunia", "said", "officials", "would", "not", "attack", "protesters", "in", "Khartoum", "police",
         "fired", "tear", "gas", "\n", "(Reuters)", "-", "2014", "at", "least", "12", "dozens", "of", "fall"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_properties_extract_never_fails_and_evidence_is_exact(words: list[str]) -> None:
    text = " ".join(words)
    art = article(text)
    actors, places, dates = refs(art)
    for event in extract_events(art, split_sentences(text), actors, places, dates):
        assert event.event_type and event.sub_event_type
        assert event.actor1 or event.actor2
        for span in event.evidence.values():
            assert art.text[span.start : span.end] == span.text


@settings(max_examples=40, deadline=None)
@given(st.permutations(list(range(6))))
def test_properties_merge_is_order_independent(order: list[int]) -> None:
    from sitroom.events.merge import merge_events

    from .test_merge import _event

    events = [_event("a#1"), _event("b#1", day="2025-03-03"), _event("c#1", lat=1.56, lon=30.25),
              _event("d#1", actor1="FARDC"), _event("e#1", lat=-0.5, lon=29.8, geo=3), _event("f#1", fatalities=4)]
    first = sorted((e.id, e.docs) for e in merge_events(events))
    shuffled = sorted((e.id, e.docs) for e in merge_events([events[k] for k in order]))
    assert first == shuffled


def _merge_unblocked(events, options):
    """The merge as a scan of every group (the definition the blocked index must reproduce)."""
    from sitroom.events.merge import _precision_key, actor_names, fold, same_event

    def agreement(event, group):  # every member counted one by one
        tolls = sum(1 for e in group if event.fatalities is not None and e.fatalities == event.fatalities)
        shared = sum(len(actor_names(event) & actor_names(e)) for e in group)
        spread = -min(abs((event.geo_precision or 1) - (e.geo_precision or 1)) for e in group)
        return tolls, shared, spread

    groups: list[list] = []
    for event in sorted(events, key=_precision_key):
        fits = [g for g in groups if all(same_event(event, other, options) for other in g)]
        home = max(fits, key=lambda g: agreement(event, g)) if fits else None
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    return sorted((fold(g, None, options.registry) for g in groups), key=lambda e: (e.event_date or "", e.id))


_DAYS = [None, "2025-02-20", "2025-02-26", "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-09", "2025-03-10"]
# (location, admin1, has coordinates): names and provinces shared by far points, names without
# coordinates, and no place at all, so every branch of the place blocking meets the scan.
_PLACES = [("Goma", "North Kivu", True), ("Goma", "North Kivu", False), ("Sake", "North Kivu", True),
           ("Bunia", "Ituri", True), ("Bunia", None, False), (None, None, False), ("Goma", None, True)]
_REPORT = st.tuples(st.sampled_from(_DAYS), st.sampled_from([1, 2, 3]), st.sampled_from(["M23", "FARDC"]),
                    st.sampled_from([(-1.68, 29.22), (-1.70, 29.25), (1.56, 30.25), (48.0, 37.8)]), st.sampled_from([1, 2, 3]),
                    st.sampled_from(["Non-state actor overtakes territory", "Armed clash"]),
                    st.sampled_from([None, ("a#1", 0), ("a#1", 40), ("b#1", 0)]), st.sampled_from([None, 3]),
                    st.sampled_from(_PLACES))


@settings(max_examples=150, deadline=None)
@given(st.lists(_REPORT, min_size=1, max_size=16))
def test_properties_indexed_merge_equals_a_scan_of_every_report(reports) -> None:
    import dataclasses

    from sitroom.events.merge import MergeOptions, merge_events

    from .test_merge import _event

    from sitroom.model import Evidence

    events = []
    for i, (day, precision, actor, (lat, lon), geo, sub, sentence, toll, place) in enumerate(reports):
        name, admin1, located = place
        event = dataclasses.replace(_event(f"d{i}#1", day=day, lat=lat, lon=lon, actor1=actor, precision=precision,
                                           geo=geo, fatalities=toll), sub_event_type=sub, location=name,
                                    admin1=admin1, latitude=lat if located else None,
                                    longitude=lon if located else None)
        if sentence is not None:  # reports from one sentence of one article ("on Sunday and Monday")
            doc, start = sentence
            evidence = {**event.evidence, "sentence": Evidence(doc, start, start + 30, "x" * 30)}
            event = dataclasses.replace(event, docs=(doc,), evidence=evidence)
        events.append(event)
    options = MergeOptions()
    assert merge_events(events, None, options) == _merge_unblocked(events, options)


@settings(max_examples=300, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(0, 359.99), st.floats(0, 299.9))
def test_properties_places_within_the_radius_share_a_blocking_key(lat, lon, bearing, km) -> None:
    import math

    from sitroom.events.merge import MergeOptions, _PlaceKeys, km_between

    # The point ``km`` away on ``bearing`` (poles and the date line included) must be found.
    p1, l1, b, d = math.radians(lat), math.radians(lon), math.radians(bearing), km / 6371.0
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    lat2, lon2 = math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180
    assert km_between(lat, lon, lat2, lon2) <= 300.0
    keys = _PlaceKeys(MergeOptions())
    group = _placed_event(lat2, lon2)
    assert set(keys.own(group)) & set(keys.near(_placed_event(lat, lon)))


def _placed_event(lat: float, lon: float):  # type: ignore[no-untyped-def]
    import dataclasses

    from .test_merge import _event

    return dataclasses.replace(_event("a#1", lat=lat, lon=lon), location=None, admin1=None)
