"""link_claims / find_contradictions / analyse_claims on hand-made claims and events (no model)."""

from __future__ import annotations

import dataclasses

from sitroom.claims import analyse_claims, find_contradictions, link_claims
from sitroom.model import Event, Evidence

from .helpers import claim

TEXT = ("Russian troops withdrew from Krynky on Sunday, two Ukrainian officials said. "
        "Russia's defence ministry denied any withdrawal from Krynky. "
        "The weather was cold.")


def _event(eid: str, doc: str, start: int, end: int, trigger: str, actor1: str, location: str) -> Event:
    t0 = TEXT.index(trigger) if doc == "a.txt#1" and trigger in TEXT else start
    return Event(
        id=eid, docs=(doc,), event_date="2025-03-02", end_date=None, time_precision=1,
        event_type="Strategic developments", sub_event_type="Change to group/activity",
        actor1=actor1, assoc_actor_1=(), actor2=None, assoc_actor_2=(), country="Ukraine", admin1=None,
        location=location, latitude=None, longitude=None, geo_precision=1, fatalities=None, quantities={},
        attribution=None, hedged=False,
        evidence={"event_type": Evidence(doc, t0, t0 + len(trigger), trigger),
                  "sentence": Evidence(doc, start, end, TEXT[start:end])},
    )


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


REPORT = _span("Russian troops withdrew from Krynky on Sunday, two Ukrainian officials said.")
DENIAL = _span("Russia's defence ministry denied any withdrawal from Krynky.")
WEATHER = _span("The weather was cold.")


def test_contradict_denial_pairs_with_the_nearby_report_of_the_same_thing() -> None:
    report = claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1])
    denial = claim("d", "denies", "any withdrawal from Krynky", "Russia's defence ministry", start=DENIAL[0], end=DENIAL[1])
    (found,) = find_contradictions([report, denial], [])
    assert (found.event_id, found.asserting, found.denying) == (None, ("r",), ("d",))
    graph = analyse_claims([report, denial], [])
    assert {c.id: c.contradicts for c in graph.claims} == {"r": None, "d": "r"}


def test_contradict_unrelated_statement_or_same_source_is_no_contradiction() -> None:
    weather = claim("w", "asserts", "The weather was cold", "residents", start=WEATHER[0], end=WEATHER[1])
    denial = claim("d", "denies", "any withdrawal from Krynky", "Russia's defence ministry", start=DENIAL[0], end=DENIAL[1])
    own = claim("o", "asserts", "units withdrew from Krynky", "the Russian defence ministry", start=REPORT[0], end=REPORT[1])
    assert find_contradictions([weather, denial, own], []) == []


def test_contradict_claim_in_an_event_sentence_links_to_that_event() -> None:
    report = claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1])
    weather = claim("w", "asserts", "The weather was cold", "residents", start=WEATHER[0], end=WEATHER[1])
    event = _event("e1", "a.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    linked = {c.id: c.about_event for c in link_claims([report, weather], [event])}
    assert linked == {"r": "e1", "w": None}


def test_contradict_claim_links_only_to_events_its_article_reports_first_best_wins() -> None:
    report = claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1])
    elsewhere = _event("e0", "b.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    first = _event("e1", "a.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    twin = dataclasses.replace(first, id="e2")
    merged = dataclasses.replace(first, id="m", docs=("b.txt#1", "a.txt#1"))
    assert link_claims([report], [elsewhere])[0].about_event is None
    assert link_claims([report], [elsewhere, first, twin])[0].about_event == "e1"
    assert link_claims([report], [twin, elsewhere, first])[0].about_event == "e2"  # a tie keeps input order
    assert link_claims([report], [elsewhere, merged])[0].about_event == "m"  # reached through its merged docs


def test_contradict_denial_of_an_event_lists_its_reports() -> None:
    report = claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1])
    denial = claim("d", "denies", "any withdrawal from Krynky", "Russia's defence ministry", start=DENIAL[0], end=DENIAL[1])
    event = _event("e1", "a.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    graph = analyse_claims([report, denial], [event])
    (found,) = graph.contradictions
    assert (found.event_id, found.asserting, found.docs) == ("e1", ("r",), ("a.txt#1",))
    assert {c.id: (c.about_event, c.contradicts) for c in graph.claims} == {"r": ("e1", None), "d": ("e1", "r")}


def test_contradict_event_read_from_the_denial_itself_is_not_a_report() -> None:
    denial = claim("d", "denies", "any withdrawal from Krynky", "Russia's defence ministry", start=DENIAL[0], end=DENIAL[1])
    event = _event("e1", "a.txt#1", *DENIAL, "withdrawal", "Military Forces of Russia", "Krynky")
    linked = link_claims([denial], [event])
    assert linked[0].about_event == "e1"
    assert find_contradictions(linked, [event]) == []


def test_contradict_across_articles_needs_two_names_and_a_shared_class() -> None:
    report = claim("r", "asserts", "the minister met Hamas envoys in Doha", "the Axios website", doc="b.txt#1")
    denial = claim("d", "denies", "the minister had not met Hamas envoys in Doha", "the ministry spokesman", doc="c.txt#1")
    vague = claim("v", "asserts", "talks resumed somewhere", "diplomats", doc="e.txt#1")
    (found,) = find_contradictions([report, denial, vague], [])
    assert found.asserting == ("r",)
    assert found.docs == ("b.txt#1",)


def test_contradict_denied_possibility_does_not_contradict_a_reported_event() -> None:
    report = claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1])
    denial = claim("d", "denies", "the idea that Russian troops could withdraw from Krynky", "the Kremlin",
                   start=DENIAL[0], end=DENIAL[1], about_event="e1")
    event = _event("e1", "a.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    (found,) = find_contradictions([report, denial], [event])
    assert found.event_id is None  # still paired with the report by its words, not with the event


def test_contradict_stems_meet_across_inflections() -> None:
    from sitroom.claims.rules import load_rules
    from sitroom.claims.words import keys_of, stem

    rules = load_rules()
    assert {stem(w, rules) for w in ("strike", "strikes", "striking", "struck")} == {"strik"}
    assert stem("cross", rules) == stem("crossed", rules) == "cross"
    assert "movement" in keys_of("fighters crossed the border", rules).classes
    assert keys_of("Iraqi militias", rules).names == {"iraq"}


def test_contradict_index_gives_each_denial_the_ranking_of_a_full_scan() -> None:
    from sitroom.claims import contradict
    from sitroom.claims.rules import load_rules
    from sitroom.claims.words import keys_of, merge

    rules = load_rules()
    claims = [
        claim("r", "asserts", "Russian troops withdrew from Krynky on Sunday", "two Ukrainian officials", start=REPORT[0], end=REPORT[1]),
        claim("w", "asserts", "The weather was cold", "residents", start=WEATHER[0], end=WEATHER[1]),
        claim("x", "asserts", "the minister met Hamas envoys in Doha", "the Axios website", doc="b.txt#1"),
        claim("y", "asserts", "talks resumed somewhere", "diplomats", doc="e.txt#1"),
        claim("z", "asserts", "units pulled out of Krynky", "a Ukrainian soldier", doc="f.txt#1", about_event="e1"),
        claim("d", "denies", "any withdrawal from Krynky", "Russia's defence ministry", start=DENIAL[0], end=DENIAL[1], about_event="e1"),
        claim("h", "denies", "the minister had not met Hamas envoys in Doha", "the ministry spokesman", doc="c.txt#1"),
    ]
    event = _event("e1", "a.txt#1", *REPORT, "withdrew", "Military Forces of Russia", "Krynky")
    asserting = [(c, merge(keys_of(c.about, rules), contradict._names(c.claimant, rules))) for c in claims if c.stance == "asserts"]
    index = contradict._AssertingIndex(asserting)
    ranked = {}
    for denial in (c for c in claims if c.stance == "denies"):
        about = event if denial.about_event == "e1" else None
        subset = index.candidates(denial, keys_of(denial.about, rules), about)
        ranked[denial.id] = [c.id for c in contradict._rank_asserting(denial, about, subset, rules)]
        assert ranked[denial.id] == [c.id for c in contradict._rank_asserting(denial, about, asserting, rules)]
        assert len(subset) < len(asserting)  # the index did leave claims out
    assert ranked["d"][0] == "z" and ranked["h"] == ["x"]
