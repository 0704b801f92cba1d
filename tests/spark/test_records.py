"""Model records survive the plain form Spark rows and Parquet hold, dict order included."""

from __future__ import annotations

from sitroom.analysis import ArticleAnalysis
from sitroom.model import ActorRef, Article, Claim, DateRef, Event, Evidence, PlaceRef, RawDocument, Relation
from sitroom.spark.records import from_plain, revive, to_plain

EV = Evidence("d#1", 3, 9, "Aleppo")


def _event() -> Event:
    return Event("e1", ("d#1", "d#2"), "2024-12-01", None, 1, "Battles", "Armed clash", "A", ("B", "C"), None, (),
                 "Syria", "Aleppo", "Aleppo", 36.2, 37.15, 1, 3, {"killed": 3, "injured": 1}, "residents", False,
                 {"trigger": EV, "actor1": Evidence("d#1", 0, 2, "A"), "location": EV}, notes="n", sources=2)


def test_records_round_trip_event_keeps_dict_order() -> None:
    event = _event()
    plain = to_plain(event, Event)
    back = from_plain(Event, plain)
    assert back == event
    assert list(back.evidence) == ["trigger", "actor1", "location"]
    assert list(back.quantities) == ["killed", "injured"]


def test_records_round_trip_article_document_and_analysis() -> None:
    article = Article("d#1", "d", "f.txt", 1, "T", None, None, "unknown", "text", span=(0, 4))
    doc = RawDocument("d", "/x/f.txt", "ab", "text/plain", b"\x00\xffbytes", meta={"url": "u", "title": "t"})
    item = ArticleAnalysis(
        article,
        (ActorRef("A", "a", "state", EV, provisional=True),),
        (PlaceRef("Aleppo", "Syria", "Aleppo", 36.2, 37, 1, "g1", EV),),
        (DateRef("2024-12-01", None, 1, EV, future=True),),
        (Relation("A", "backs", "B", ("d#1",), EV),),
        (_event(),),
        (Claim("c1", "d#1", "A", "denies", "x", "e1", None, EV, contradicts="c2"),),
    )
    for value, cls in ((article, Article), (doc, RawDocument), (item, ArticleAnalysis)):
        assert from_plain(cls, to_plain(value, cls)) == value
    assert from_plain(PlaceRef, to_plain(item.places[0], PlaceRef)).longitude == 37.0


def test_records_revive_reads_pyarrow_map_pairs() -> None:
    assert revive([("a", 1), ("b", 2)], dict[str, int]) == {"a": 1, "b": 2}
