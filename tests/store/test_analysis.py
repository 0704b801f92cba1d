"""Analysis tables: round trips, pooled relations, actor facts, replacement in one transaction."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.claims.contradict import Contradiction
from sitroom.errors import StoreError
from sitroom.model import ActorRef, Claim, DateRef, Event, Evidence, PlaceRef, Relation
from sitroom.store import ActorSummary, open_store

_text = st.text(max_size=30)
_maybe = st.none() | _text
_names = st.tuples() | st.lists(_text, max_size=3).map(tuple)
evidence = st.builds(Evidence, article_id=_text, start=st.integers(0, 2**31), end=st.integers(0, 2**31), text=_text)
events = st.builds(
    Event,
    id=st.text(min_size=1, max_size=16),
    docs=_names,
    event_date=st.none() | st.dates().map(str),
    end_date=st.none() | st.dates().map(str),
    time_precision=st.none() | st.integers(1, 3),
    event_type=_text,
    sub_event_type=_text,
    actor1=_maybe,
    assoc_actor_1=_names,
    actor2=_maybe,
    assoc_actor_2=_names,
    country=_maybe,
    admin1=_maybe,
    location=_maybe,
    latitude=st.none() | st.floats(-90, 90),
    longitude=st.none() | st.floats(-180, 180),
    geo_precision=st.none() | st.integers(1, 3),
    fatalities=st.none() | st.integers(0, 2**62),
    quantities=st.dictionaries(_text, st.integers(-(2**62), 2**62), max_size=3),
    attribution=_maybe,
    hedged=st.booleans(),
    evidence=st.dictionaries(_text, evidence, max_size=3),
    notes=_text,
    sources=st.integers(0, 2**31 - 1),
)
claims = st.builds(
    Claim, id=st.text(min_size=1, max_size=16), doc=_text, claimant=_text,
    stance=st.sampled_from(["asserts", "denies", "threatens", "promises"]), about=_text, about_event=_maybe,
    date=st.none() | st.dates().map(str), evidence=evidence, contradicts=_maybe,
)  # fmt: skip


@dataclass(frozen=True)
class _Entry:
    type: str
    country: str | None
    acled_name: str


REGISTRY = {
    "Hamas": _Entry("rebel", "Palestine", "Hamas Movement"),
    "Military Forces of Israel": _Entry("state_force", "Israel", "Military Forces of Israel (2022-)"),
}


def _ev(article: str, start: int, text: str) -> Evidence:
    return Evidence(article, start, start + len(text), text)


def _event(**changes: object) -> Event:
    base = Event("e1", ("a#1",), "2024-03-02", None, 1, "Battles", "Armed clash", "Hamas", (),
                 "Military Forces of Israel", (), "Palestine", "Gaza Strip", "Khan Younis", 31.34, 34.30, 1, 3,
                 {}, None, False, {"event_type": _ev("a#1", 10, "clashed")})  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.lists(events, max_size=5, unique_by=lambda e: e.id), st.lists(claims, max_size=4, unique_by=lambda c: c.id))
def test_analysis_events_and_claims_round_trip(batch: list[Event], claim_batch: list[Claim]) -> None:
    with open_store(":memory:") as store:
        store.write_analysis(batch, claim_batch, [], [], [], registry={})
        assert sorted(store.events(), key=lambda e: e.id) == sorted(batch, key=lambda e: e.id)
        assert sorted(store.claims(), key=lambda c: c.id) == sorted(claim_batch, key=lambda c: c.id)


def test_analysis_events_read_back_by_date_undated_last() -> None:
    batch = [_event(id="b", event_date=None), _event(id="c", event_date="2024-03-01"), _event(id="a")]
    with open_store(":memory:") as store:
        store.write_analysis(batch, [], [], [], [], registry={})
        assert [e.id for e in store.events()] == ["c", "a", "b"]


def test_analysis_relations_pool_docs_and_evidence() -> None:
    first, second = _ev("a#1", 0, "Iran backs Hamas"), _ev("b#1", 40, "Tehran's support for Hamas")
    relations = [
        Relation("Iran", "backs", "Hamas", ("b#1",), second),
        Relation("Iran", "backs", "Hamas", ("a#1",), first),
        Relation("Iran", "backs", "Hamas", ("a#1",), first),
        Relation("Hamas", "fights", "Military Forces of Israel", ("a#1",), _ev("a#1", 90, "fought")),
    ]
    with open_store(":memory:") as store:
        store.write_analysis([], [], relations, [], [], registry={})
        stored = store.relations()
        spans = store.relation_evidence()
        weights = dict(store._query("SELECT relation, weight FROM relations"))
    assert [(r.source, r.relation, r.target) for r in stored] == [
        ("Hamas", "fights", "Military Forces of Israel"), ("Iran", "backs", "Hamas")]  # fmt: skip
    assert stored[1].docs == ("a#1", "b#1") and stored[1].evidence == first
    assert spans[("Iran", "backs", "Hamas")] == (first, second)
    assert weights == {"backs": 2, "fights": 1}


def test_analysis_actors_take_types_from_mentions_and_facts_from_registry() -> None:
    refs = [ActorRef("Hamas", "Hamas", "rebel", _ev("a#1", 0, "Hamas")),
            ActorRef("Hamas", "the group", "rebel", _ev("a#1", 30, "the group")),
            ActorRef("Local guards", "guards", "militia", _ev("a#1", 50, "guards"), provisional=True)]  # fmt: skip
    with open_store(":memory:") as store:
        store.write_analysis([_event()], [], [], [], refs, registry=REGISTRY)
        actors = store.actors()
    assert actors == [
        ActorSummary("Hamas", "rebel", "Palestine", "Hamas Movement", False, 2),
        ActorSummary("Local guards", "militia", None, "Local guards", True, 1),
        ActorSummary("Military Forces of Israel", "state_force", "Israel", "Military Forces of Israel (2022-)",
                     False, 0),
    ]  # fmt: skip


def test_analysis_contradictions_round_trip() -> None:
    items = [Contradiction("e1", ("c1", "c3"), ("a#1", "b#1"), ("c2",), "X denies: entering"),
             Contradiction(None, ("c4",), ("b#1",), ("c5",), "Y denies: shelling")]  # fmt: skip
    with open_store(":memory:") as store:
        store.write_analysis([], [], [], items, [], registry={})
        assert store.contradictions() == items


def test_analysis_rewrite_replaces_and_converges(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.write_analysis([_event(id="old")], [], [], [], [], registry=REGISTRY)
        store.write_analysis([_event(id="e1"), _event(id="e2")], [], [], [], [], registry=REGISTRY)
        first = (store.events(), store.actors(), store.counts())
    with open_store(db) as store:
        store.write_analysis([_event(id="e2"), _event(id="e1")], [], [], [], [], registry=REGISTRY)
        assert (store.events(), store.actors(), store.counts()) == first
    assert [e.id for e in first[0]] == ["e1", "e2"]


def test_analysis_failed_write_keeps_the_previous_analysis() -> None:
    bad = Claim("c9", None, "X", "asserts", "y", None, None, _ev("a#1", 0, "y"))  # type: ignore[arg-type]
    with open_store(":memory:") as store:
        store.write_analysis([_event()], [], [], [], [], registry=REGISTRY)
        with pytest.raises(StoreError, match="cannot write analysis"):
            store.write_analysis([_event(id="new")], [bad], [], [], [], registry=REGISTRY)
        assert [e.id for e in store.events()] == ["e1"]
        assert store.claims() == []


_refs = st.builds(ActorRef, name=_text, alias_matched=_text, type=_text, evidence=evidence, provisional=st.booleans())
_relations = st.builds(Relation, source=_text, relation=_text, target=_text, docs=_names, evidence=evidence)
_places = st.builds(PlaceRef, name=_text, country=_maybe, admin1=_maybe, latitude=st.none() | st.floats(-90, 90),
                    longitude=st.none() | st.floats(-180, 180), geo_precision=st.integers(1, 3),
                    gazetteer_id=_maybe, evidence=evidence, kind=_text)  # fmt: skip
_dates = st.builds(DateRef, day=st.dates().map(str), end_day=st.none() | st.dates().map(str),
                   time_precision=st.integers(1, 3), evidence=evidence, future=st.booleans())  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    events=st.lists(events, max_size=3), claims=st.lists(claims, max_size=3),
    actors=st.lists(_refs, max_size=3), relations=st.lists(_relations, max_size=3),
    places=st.lists(_places, max_size=3), dates=st.lists(_dates, max_size=3),
)  # fmt: skip
def test_analysis_cache_rows_round_trip_losslessly(
    events: list[Event], claims: list[Claim], actors: list[ActorRef], relations: list[Relation],
    places: list[PlaceRef], dates: list[DateRef],
) -> None:
    from sitroom.analysis import ArticleAnalysis
    from sitroom.model import Article
    from sitroom.store.analysis_rows import article_analysis_from_row, article_analysis_row

    article = Article("a.txt#1", "d1", "a.txt", 1, "T", None, None, "unknown", "text")
    item = ArticleAnalysis(article, tuple(actors), tuple(places), tuple(dates), tuple(relations), tuple(events),
                           tuple(claims))  # fmt: skip
    with open_store(":memory:") as store:
        store.write_article_analyses([(item, "k1")], "v1")
        assert store.analysis_keys() == {"a.txt#1": "k1"}
        [back] = store.article_analyses({"a.txt#1": article}, {"a.txt#1": "k1"})
        assert list(store.article_analyses({"a.txt#1": article}, {"a.txt#1": "other"})) == []
    assert back == item
    # Dicts come back in their own order (merging may iterate them), not sorted.
    for old, new in zip(item.events, back.events):
        assert list(old.evidence) == list(new.evidence) and list(old.quantities) == list(new.quantities)
    row = article_analysis_row(item, "k1", "v1")
    assert article_analysis_from_row(row, article) == item
    assert article_analysis_from_row(row, article, merging=True) == dataclasses.replace(item, places=(), dates=())
