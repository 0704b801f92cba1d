"""Territorial control over time: holders from capture/regain/transfer events, unknown otherwise."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from sitroom.web.control import UNKNOWN, control_on

from .helpers import event


def _holders(day: str, events: list) -> dict[str, str]:
    return {t.location: t.holder for t in control_on(events, day)}


def test_control_capture_then_regain_changes_holder() -> None:
    evs = [
        event(id="x2", event_date="2024-12-06", sub_event_type="Government regains territory", actor1="Army", actor2="Front"),
        event(id="x1", event_date="2024-12-02", sub_event_type="Non-state actor overtakes territory", actor1="Front"),
    ]
    assert _holders("2024-12-01", evs) == {"Kafr Nabl": UNKNOWN}
    assert _holders("2024-12-02", evs) == {"Kafr Nabl": "Front"}
    assert _holders("2024-12-05", evs) == {"Kafr Nabl": "Front"}
    (town,) = control_on(evs, "2024-12-31")
    assert (town.holder, town.since, town.event_id, town.previous) == ("Army", "2024-12-06", "x2", "Front")


def test_control_other_events_do_not_change_holder() -> None:
    evs = [
        event(id="x1", sub_event_type="Non-state actor overtakes territory", actor1="Front"),
        event(id="x2", event_date="2024-12-05", sub_event_type="Armed clash", actor1="Army"),
        event(id="x3", event_date="2024-12-05", sub_event_type="Armed clash", location="Maarat"),
    ]
    assert _holders("2024-12-10", evs) == {"Kafr Nabl": "Front", "Maarat": UNKNOWN}


def test_control_transfer_without_taker_is_unknown() -> None:
    evs = [
        event(id="x1", sub_event_type="Non-state actor overtakes territory", actor1="Front"),
        event(id="x2", event_date="2024-12-04", sub_event_type="Non-violent transfer of territory", actor1=None, actor2="Front"),
    ]
    (town,) = control_on(evs, "2024-12-04")
    assert town.holder == UNKNOWN and town.previous == "Front"


def test_control_undated_and_unlocated_events_are_ignored() -> None:
    evs = [
        event(id="x1", event_date=None, sub_event_type="Non-state actor overtakes territory"),
        event(id="x2", location=None, sub_event_type="Non-state actor overtakes territory"),
    ]
    assert _holders("2024-12-31", evs) == {"Kafr Nabl": UNKNOWN}


def test_control_api_gives_evidence_of_the_change(client: TestClient) -> None:
    body = client.get("/api/control?day=2024-12-03").json()
    towns = {t["location"]: t for t in body["towns"]}
    assert body["day"] == "2024-12-03"
    assert towns["Kafr Nabl"]["holder"] == "Dovan Front"
    assert {s["field"]: s["text"] for s in towns["Kafr Nabl"]["evidence"]}["sub_event_type"] == "seized"
    assert towns["Maarat"]["holder"] == UNKNOWN
    later = {t["location"]: t["holder"] for t in client.get("/api/control?day=2024-12-06").json()["towns"]}
    assert later["Kafr Nabl"] == "Military Forces of Syria"


@pytest.mark.parametrize("query", ["", "?day=", "?day=2024-02-30", "?day=2024-12-01&x=1"])
def test_control_api_bad_day_is_400(client: TestClient, query: str) -> None:
    resp = client.get("/api/control" + query)
    assert resp.status_code == 400 and resp.json()["error"]
