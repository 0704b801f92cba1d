"""A small hand-built analysis (two articles, three events, claims, relations) for export tests."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.claims.contradict import Contradiction
from sitroom.model import ActorRef, Article, Claim, Event, Evidence, RawDocument, Relation
from sitroom.store import Store

TEXT_A = (
    "Rebels of the Dovan Front clashed with army troops in Kafr Nabl on Sunday, killing 12, "
    "the Observatory said. Iran backs the Dovan Front, a commander said. "
    "The army denied entering Kafr Nabl."
)
TEXT_B = "Warplanes reportedly struck Kafr Nabl, wounding civilians. Drones hit a market."


@dataclass(frozen=True)
class Entry:
    """What the store reads from a registry entry."""

    type: str
    country: str | None
    acled_name: str


REGISTRY = {
    "Dovan Front": Entry("rebel", "Syria", "Dovan Front"),
    "Military Forces of Syria": Entry("state_force", "Syria", "Military Forces of Syria (2000-2024)"),
    "Civilians (Syria)": Entry("civilians", "Syria", "Civilians (Syria)"),
    "Iran": Entry("state", "Iran", "Government of Iran (1979-)"),
}


def span(article_id: str, text: str, phrase: str) -> Evidence:
    """Evidence for the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return Evidence(article_id, start, start + len(phrase), phrase)


def articles() -> tuple[RawDocument, list[Article]]:
    """One raw document holding the two articles."""
    doc = RawDocument("d" * 16, "/in/a.txt", "0" * 64, "text/plain", (TEXT_A + TEXT_B).encode(), name="a.txt")
    return doc, [
        Article("a.txt#1", doc.doc_id, "a.txt", 1, "Clashes", "Reuters", "2024-12-02", "stated", TEXT_A, "day"),
        Article("a.txt#2", doc.doc_id, "a.txt", 2, "Strikes", "Enab Baladi", "2024-12-03", "stated", TEXT_B, "day"),
    ]


def events() -> list[Event]:
    """A battle with both sides, an air strike on civilians, and an unlocated undated strike."""
    clash = Event(
        "e1aaaaaaaaaaaaaa", ("a.txt#1",), "2024-12-01", None, 1, "Battles", "Armed clash", "Dovan Front", (),
        "Military Forces of Syria", (), "Syria", "Idlib", "Kafr Nabl", 35.5836, 36.5603123, 1, 12,
        {"fighters": 300}, "the Observatory", False,
        {"event_type": span("a.txt#1", TEXT_A, "clashed"), "actor1": span("a.txt#1", TEXT_A, "Dovan Front")},
    )  # fmt: skip
    strike = Event(
        "e2bbbbbbbbbbbbbb", ("a.txt#1", "a.txt#2"), "2024-12-02", "2024-12-03", 2, "Explosions/Remote violence",
        "Air/drone strike", "Military Forces of Syria", ("Iran",), "Civilians (Syria)", (), "Syria", "Idlib",
        "Kafr Nabl", 35.58, 36.56, 2, None, {}, None, True, {"event_type": span("a.txt#2", TEXT_B, "struck")},
        sources=2,
    )  # fmt: skip
    unlocated = Event(
        "e3cccccccccccccc", ("a.txt#2",), None, None, None, "Explosions/Remote violence", "Air/drone strike",
        "Unknown drone operators", (), None, (), None, None, None, None, None, None, None, {}, None, False,
        {"event_type": span("a.txt#2", TEXT_B, "Drones hit")},
    )  # fmt: skip
    return [unlocated, strike, clash]


def claims() -> list[Claim]:
    """An assertion and a denial of the clash."""
    return [
        Claim("c2", "a.txt#1", "Military Forces of Syria", "denies", "entering Kafr Nabl", "e1aaaaaaaaaaaaaa",
              "2024-12-02", span("a.txt#1", TEXT_A, "The army denied entering Kafr Nabl."), contradicts="c1"),
        Claim("c1", "a.txt#1", "the Observatory", "asserts", "Rebels clashed with army troops", "e1aaaaaaaaaaaaaa",
              "2024-12-02", span("a.txt#1", TEXT_A, "Rebels of the Dovan Front clashed")),
    ]  # fmt: skip


def relations() -> list[Relation]:
    """Iran backs the Dovan Front, stated twice in one article and once in another."""
    backs = span("a.txt#1", TEXT_A, "Iran backs the Dovan Front")
    return [
        Relation("Iran", "backs", "Dovan Front", ("a.txt#1",), backs),
        Relation("Iran", "backs", "Dovan Front", ("a.txt#2",), span("a.txt#2", TEXT_B, "Warplanes")),
        Relation("Iran", "backs", "Dovan Front", ("a.txt#1",), backs),
    ]


def contradictions() -> list[Contradiction]:
    """The army's denial against the Observatory's report."""
    summary = "Military Forces of Syria denies: entering"
    return [Contradiction("e1aaaaaaaaaaaaaa", ("c1",), ("a.txt#1",), ("c2",), summary)]


def actor_refs() -> list[ActorRef]:
    """Mentions: the Dovan Front twice, the army once."""
    return [
        ActorRef("Dovan Front", "Dovan Front", "rebel", span("a.txt#1", TEXT_A, "Dovan Front")),
        ActorRef("Dovan Front", "the Dovan Front", "rebel", span("a.txt#1", TEXT_A, "the Dovan Front, a commander")),
        ActorRef("Military Forces of Syria", "army", "state_force", span("a.txt#1", TEXT_A, "army")),
    ]


def fill(store: Store) -> None:
    """Write the articles and the whole analysis into ``store``."""
    doc, arts = articles()
    store.write_batch([doc], arts, [])
    store.write_analysis(events(), claims(), relations(), contradictions(), actor_refs(), registry=REGISTRY)
