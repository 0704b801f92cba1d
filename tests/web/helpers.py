"""Hand-built store contents for the web tests: no model, no pipeline."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sitroom.claims.contradict import Contradiction
from sitroom.model import ActorRef, Article, Claim, Event, Evidence, RawDocument
from sitroom.store import open_store

XSS_TITLE = "<script>alert('t')</script>Hacked"
XSS_TEXT = "Rebels seized Kafr Nabl. <img src=x onerror=alert(1)> <script>alert(2)</script> Army retook Kafr Nabl."
TEXT_A = "Rebels of the Dovan Front seized Kafr Nabl on Monday. The army denied losing Kafr Nabl."
TEXT_B = "The army retook Kafr Nabl on Friday after heavy shelling of Maarat, killing 4 people."


def span(article_id: str, text: str, needle: str) -> Evidence:
    """Evidence for the first occurrence of ``needle`` in ``text``."""
    start = text.index(needle)
    return Evidence(article_id, start, start + len(needle), needle)


def event(**changes: Any) -> Event:
    """An event with sensible defaults; keyword arguments replace fields."""
    base = Event(
        id="e0", docs=("a#1",), event_date="2024-12-02", end_date=None, time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="Dovan Front", assoc_actor_1=(),
        actor2="Military Forces of Syria", assoc_actor_2=(), country="Syria", admin1="Idlib",
        location="Kafr Nabl", latitude=35.58, longitude=36.56, geo_precision=1, fatalities=None,
        quantities={}, attribution=None, hedged=False, evidence={},
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


def articles() -> tuple[RawDocument, list[Article]]:
    """One raw document with three articles, one of them carrying XSS payloads."""
    doc = RawDocument("d" * 16, "/in/a.txt", "0" * 64, "text/plain", (TEXT_A + TEXT_B + XSS_TEXT).encode(), name="a.txt")
    return doc, [
        Article("a#1", doc.doc_id, "a.txt", 1, "Front takes town", "Reuters", "2024-12-02", "stated", TEXT_A, "day",
                url="https://example.org/a1"),
        Article("a#2", doc.doc_id, "a.txt", 2, "Army back", "Enab Baladi", "2024-12-06", "stated", TEXT_B, "day"),
        Article("a#3", doc.doc_id, "a.txt", 3, XSS_TITLE, "<b>Evil</b> outlet", "2024-12-07", "stated", XSS_TEXT, "day"),
    ]  # fmt: skip


def events() -> list[Event]:
    """A capture, a recapture, a shelling elsewhere, an undated event and one from the XSS article."""
    return [
        event(id="e1", event_date="2024-12-02", sub_event_type="Non-state actor overtakes territory",
              evidence={"sub_event_type": span("a#1", TEXT_A, "seized"), "actor1": span("a#1", TEXT_A, "Dovan Front"),
                        "location": span("a#1", TEXT_A, "Kafr Nabl")}),
        event(id="e2", docs=("a#2",), event_date="2024-12-06", sub_event_type="Government regains territory",
              actor1="Military Forces of Syria", actor2="Dovan Front",
              evidence={"sub_event_type": span("a#2", TEXT_B, "retook")}),
        event(id="e3", docs=("a#2",), event_date="2024-12-06", event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria",
              actor2="Civilians (Syria)", location="Maarat", latitude=35.6, longitude=36.7, fatalities=4,
              evidence={"location": span("a#2", TEXT_B, "Maarat")}),
        event(id="e4", docs=("a#1",), event_date=None, time_precision=None, location=None, latitude=None, longitude=None),
        event(id="e5", docs=("a#3",), event_date="2024-12-07", evidence={"location": span("a#3", XSS_TEXT, "<img src=x onerror=alert(1)>")}),
    ]  # fmt: skip


def claims() -> list[Claim]:
    """An assertion and a denial about the capture."""
    return [
        Claim("c1", "a#1", "Dovan Front", "asserts", "seized Kafr Nabl", "e1", "2024-12-02", span("a#1", TEXT_A, "Rebels of the Dovan Front seized Kafr Nabl")),
        Claim("c2", "a#1", "Military Forces of Syria", "denies", "losing Kafr Nabl", "e1", "2024-12-02",
              span("a#1", TEXT_A, "The army denied losing Kafr Nabl."), contradicts="c1"),
    ]  # fmt: skip


def build_store(path: Path) -> Path:
    """Write the hand-built documents and analysis into a DuckDB store at ``path``."""
    doc, arts = articles()
    with open_store(path) as store:
        store.write_batch([doc], arts, [])
        store.write_analysis(
            events(), claims(), [],
            [Contradiction("e1", ("c1",), ("a#1",), ("c2",), "Dovan Front says it seized Kafr Nabl; the army denies it")],
            [ActorRef("Dovan Front", "Dovan Front", "rebel", span("a#1", TEXT_A, "Dovan Front")),
             ActorRef("Military Forces of Syria", "army", "state_force", span("a#1", TEXT_A, "army"))],
        )  # fmt: skip
    return path
