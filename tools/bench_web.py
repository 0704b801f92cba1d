"""Benchmark the situation page's API on synthetic events (no model, no store file).

    .venv/bin/python tools/bench_web.py [--events 10000] [--repeat 5]

Times, in-process through Starlette's TestClient: one full /api/events listing (paged like
the page does), a filtered query, an event detail, /api/control, and a page load (the HTML
plus every API call the page's script makes on start). Prints median milliseconds.

With ``--browser`` it also serves the snapshot with uvicorn on 127.0.0.1 and loads the page in
headless Chromium (Debian's ``chromium`` through Playwright), timing from navigation until the
table shows its rows and the map its markers, and until the network is idle (every panel drawn).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Callable

from starlette.testclient import TestClient

from sitroom.model import Article, Event, Evidence
from sitroom.web.api import Snapshot
from sitroom.web.app import create_app

_TYPES = [
    ("Battles", "Armed clash"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Government regains territory"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Non-violent transfer of territory"),
]
_ACTORS = [f"Actor {i}" for i in range(40)]
_TOWNS = [(f"Town {i}", 33 + i % 10 * 0.3, 36 + i // 10 * 0.3) for i in range(100)]


def synthetic(n: int, seed: int = 7) -> Snapshot:
    """Return a snapshot of ``n`` events over one year, one article per 5 events."""
    rng = random.Random(seed)
    articles: dict[str, Article] = {}
    events: list[Event] = []
    for i in range(n):
        art_id = f"art#{i // 5}"
        if art_id not in articles:
            text = " ".join(f"Sentence {k} about fighting near {rng.choice(_TOWNS)[0]}." for k in range(40))
            articles[art_id] = Article(art_id, "doc", "f.txt", i // 5, f"Title {i}", "Outlet", "2024-06-01", "stated", text, "day")
        kind, sub = rng.choice(_TYPES)
        town, lat, lon = rng.choice(_TOWNS)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ev = {"location": Evidence(art_id, 0, 8, "Sentence")}
        events.append(Event(
            f"ev{i:06d}", (art_id,), day, None, 1, kind, sub, rng.choice(_ACTORS), (), rng.choice(_ACTORS), (),
            "Syria", "Region", town, lat, lon, 1, rng.choice([None, 0, 1, 5, 20]), {}, None, False, ev,
        ))  # fmt: skip
    events.sort(key=lambda e: (e.event_date or "", e.id))
    return Snapshot(events=events, articles=articles)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _all_events(client: TestClient) -> int:
    total, offset, got = None, 0, 0
    while total is None or got < total:
        body = client.get(f"/api/events?view=rows&limit=5000&offset={offset}").json()
        total, got, offset = body["total"], got + len(body["rows"]), offset + 5000
    return got


def _page_load(client: TestClient) -> None:
    for path in ("/", "/static/app.js", "/static/vendor/leaflet/leaflet.js", "/static/vendor/world-atlas/countries-110m.json"):
        client.get(path).raise_for_status()
    _all_events(client)
    for path in ("/api/network", "/api/contradictions", "/api/control?day=2024-12-31"):
        client.get(path).raise_for_status()


# Runs in the page before its own scripts: at the first animation frame in which the table has
# rows and the map has markers, it stores performance.now(), i.e. ms since navigation started.
_DRAWN_PROBE = """
new MutationObserver(function (_, observer) {
  if (document.querySelector("#events tbody tr") && document.querySelector(".marker-cluster, .leaflet-marker-icon")) {
    observer.disconnect();
    requestAnimationFrame(function () { window.__drawnAt = performance.now(); });
  }
}).observe(document, { childList: true, subtree: true });
"""


def browser_load_ms(snapshot: Snapshot, repeat: int) -> dict[str, float]:
    """Median ms, in headless Chromium, from navigation start to the frame showing rows and markers
    (measured in the page), as Playwright sees that from outside, and until the network is idle."""
    import shutil

    from playwright.sync_api import sync_playwright

    from sitroom.web.background import serving

    drawn, shown, idle = [], [], []
    with serving(create_app(snapshot)) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "chromium", args=["--no-sandbox"])
        for _ in range(repeat + 1):  # the first load warms the browser's caches and is dropped
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.add_init_script(_DRAWN_PROBE)
            t0 = time.perf_counter()
            tab.goto(url + "/", wait_until="commit")
            drawn_at = None
            while drawn_at is None:  # polled from here: the page's CSP refuses wait_for_function's eval
                drawn_at = tab.evaluate("window.__drawnAt")
                if time.perf_counter() - t0 > 60:
                    raise TimeoutError("the page drew no rows and markers in 60 s")
            shown.append((time.perf_counter() - t0) * 1000)
            drawn.append(drawn_at)
            tab.wait_for_load_state("networkidle")
            idle.append((time.perf_counter() - t0) * 1000)
            tab.close()
        browser.close()
    return {
        "browser: rows and markers drawn (in the page, from navigation start)": statistics.median(drawn[1:]),
        "browser: rows and markers seen by Playwright (from goto)": statistics.median(shown[1:]),
        "browser: network idle (every panel drawn)": statistics.median(idle[1:]),
    }


def main() -> None:
    """Build the synthetic snapshot and print median timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = parser.parse_args()
    client = TestClient(create_app(synthetic(args.events)))
    assert _all_events(client) == args.events
    rows = {
        "GET /api/events?view=rows (all, paged by 5000)": lambda: _all_events(client),
        "GET /api/events?actor=Actor 3&start=2024-03-01&end=2024-06-30": lambda: client.get(
            "/api/events?actor=Actor 3&start=2024-03-01&end=2024-06-30&limit=5000"
        ),
        "GET /api/events/{id}": lambda: client.get("/api/events/ev000123"),
        "GET /api/control?day=2024-12-31": lambda: client.get("/api/control?day=2024-12-31"),
        "page load (HTML + assets + start-up API calls)": lambda: _page_load(client),
    }
    print(f"{args.events} synthetic events, median of {args.repeat}")
    for name, fn in rows.items():
        print(f"{_median_ms(fn, args.repeat):9.1f} ms  {name}")
    if args.browser:
        for name, ms in browser_load_ms(synthetic(args.events), args.repeat).items():
            print(f"{ms:9.1f} ms  {name}")


if __name__ == "__main__":
    main()
