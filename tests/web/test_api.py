"""The JSON API: filters, pagination, validation errors, detail view with evidence."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


def _ids(client: TestClient, query: str) -> list[str]:
    resp = client.get("/api/events" + query)
    assert resp.status_code == 200, resp.text
    return [e["id"] for e in resp.json()["events"]]


def test_api_events_lists_all_with_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 5 and body["limit"] == 100 and body["offset"] == 0
    assert [e["id"] for e in body["events"]] == ["e1", "e2", "e3", "e5", "e4"]  # undated last


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?start=2024-12-06", ["e2", "e3", "e5"]),
        ("?end=2024-12-02", ["e1"]),
        ("?start=2024-12-03&end=2024-12-06", ["e2", "e3"]),
        ("?type=Explosions/Remote violence", ["e3"]),
        ("?type=government regains territory", ["e2"]),
        ("?actor=civilians", ["e3"]),
        ("?place=maarat", ["e3"]),
        ("?place=idlib&start=2024-12-07", ["e5"]),
        ("?source=enab baladi", ["e2", "e3"]),
        ("?source=a%233", ["e5"]),
        ("?limit=2", ["e1", "e2"]),
        ("?limit=2&offset=2", ["e3", "e5"]),
        ("?offset=10", []),
    ],
)
def test_api_events_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert _ids(client, query) == expected


def test_api_events_total_counts_matches_not_page(client: TestClient) -> None:
    body = client.get("/api/events?limit=1&source=enab").json()
    assert body["total"] == 2 and len(body["events"]) == 1


def test_api_events_rows_view_is_the_listing_in_columns(client: TestClient) -> None:
    full = client.get("/api/events?start=2024-12-03&limit=2").json()
    rows = client.get("/api/events?start=2024-12-03&limit=2&view=rows").json()
    assert {k: rows[k] for k in ("total", "limit", "offset")} == {k: full[k] for k in ("total", "limit", "offset")}
    assert "evidence" not in rows["columns"] and {"id", "latitude", "fatalities", "sources"} <= set(rows["columns"])
    as_records = [dict(zip(rows["columns"], row)) for row in rows["rows"]]
    assert as_records == [{k: e[k] for k in rows["columns"]} for e in full["events"]]


def test_page_preloads_every_page_of_the_rows_listing(client: TestClient) -> None:
    from sitroom.web.app import event_pages

    html = client.get("/").text
    assert html.count("data-events") == 1 and 'href="/api/events?view=rows&amp;limit=5000&amp;offset=0"' in html
    assert event_pages(0) == event_pages(5000) == ["/api/events?view=rows&limit=5000&offset=0"]
    assert event_pages(5001)[-1] == "/api/events?view=rows&limit=5000&offset=5000"
    for url in event_pages(12_000):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?start=2024-13-01", "start"),
        ("?end=yesterday", "end"),
        ("?start=2024-12-07&end=2024-12-01", "after end"),
        ("?limit=0", "limit"),
        ("?limit=abc", "limit"),
        ("?limit=100000", "limit"),
        ("?offset=-1", "offset"),
        ("?colour=red", "unknown parameter"),
        ("?view=compact", "view"),
    ],
)
def test_api_events_bad_parameters_are_400(client: TestClient, query: str, names: str) -> None:
    resp = client.get("/api/events" + query)
    assert resp.status_code == 400
    assert names in resp.json()["error"]


def test_api_event_detail_has_text_and_exact_evidence(client: TestClient) -> None:
    body = client.get("/api/events/e1").json()
    assert body["event"]["id"] == "e1"
    texts = {a["article_id"]: a["text"] for a in body["articles"]}
    assert set(texts) == {"a#1"}
    assert body["articles"][0]["outlet"] == "Reuters" and body["articles"][0]["url"] == "https://example.org/a1"
    fields = {s["field"] for s in body["evidence"]}
    assert fields == {"sub_event_type", "actor1", "location"}
    for s in body["evidence"]:
        assert texts[s["article_id"]][s["start"] : s["end"]] == s["text"]
    assert [c["id"] for c in body["claims"]] == ["c1", "c2"]
    assert body["contradictions"][0]["denying"] == ["c2"]


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/events/e1x", "/api/nothing", "/nothing"])
def test_api_unknown_ids_and_paths_are_404(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert "error" in resp.json()


def test_api_actors_count_events(client: TestClient) -> None:
    actors = {a["name"]: a for a in client.get("/api/actors").json()["actors"]}
    assert actors["Dovan Front"]["events"] == 4
    assert actors["Military Forces of Syria"]["type"] == "state_force"


def test_api_network_has_fights_edges(client: TestClient) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"Dovan Front", "Military Forces of Syria"} <= ids
    assert any(l["relation"] == "fights" and l["source"] == "Dovan Front" for l in body["links"])


def test_api_claims_and_contradictions_spell_out_claims(client: TestClient) -> None:
    assert {c["id"] for c in client.get("/api/claims").json()["claims"]} == {"c1", "c2"}
    (item,) = client.get("/api/contradictions").json()["contradictions"]
    assert item["event_id"] == "e1"
    assert [c["stance"] for c in item["asserting_claims"]] == ["asserts"]
    assert item["denying_claims"][0]["evidence"]["text"] == "The army denied losing Kafr Nabl."


def test_listing_cache_answers_like_a_fresh_query_and_stays_under_its_bound() -> None:
    import json
    import sys
    from pathlib import Path

    from starlette.datastructures import QueryParams

    from sitroom.web.api import BadRequest, ListingCache, query_events

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from bench_web import synthetic

    snap = synthetic(300)
    cache = ListingCache(max_bytes=20_000)  # about three of these pages
    queries = [QueryParams(f"limit=50&offset={o}&view=rows") for o in range(0, 300, 50)]
    for q in queries + queries[:2]:
        assert json.loads(cache.body(snap, q)) == query_events(snap, q)
    assert 0 < cache._size <= 20_000 and 2 <= len(cache._bodies) < len(queries)
    with pytest.raises(BadRequest):
        cache.body(snap, QueryParams("view=nope"))
