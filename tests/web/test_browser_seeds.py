"""End to end: the seeds run through the whole pipeline, served, and used in Chromium.

Saves a screenshot to test-output/situation-seeds.png (ignored by git) for a human look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import expect, sync_playwright

from sitroom.pipeline import run
from sitroom.store import open_store

from sitroom.web.app import app_from_store
from sitroom.web.background import serving

from .test_browser import _chromium

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the example corpus is missing: {SEEDS}")
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with open_store(db) as store:
        run([SEEDS], store, out_dir=None, progress=False)
    return db


@pytest.fixture
def seeds_url(seeds_store: Path) -> Iterator[str]:
    with serving(app_from_store(seeds_store, allowed_hosts=["127.0.0.1"])) as url:
        yield url


def test_browser_seeds_markers_brush_and_evidence(seeds_url: str) -> None:
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.goto(seeds_url + "/")
            tab.wait_for_selector("#events tbody tr")
            total = tab.locator("#events tbody tr").count()
            assert total >= 10
            markers = tab.locator(".leaflet-marker-icon, path.leaflet-interactive, .marker-cluster")
            assert markers.count() > total // 2  # country shapes plus event markers or clusters
            OUTPUT.mkdir(exist_ok=True)
            tab.screenshot(path=str(OUTPUT / "situation-seeds.png"), full_page=True)
            _brush_first_third(tab)
            expect(tab.locator("#filter-state")).to_contain_text(" to ")
            brushed = tab.locator("#events tbody tr").count()
            assert 0 < brushed < total
            tab.locator("#timeline").dblclick()
            expect(tab.locator("#events tbody tr")).to_have_count(total)
            tab.locator("#events tbody tr").first.click()
            tab.wait_for_selector("#detail mark")
            marked = tab.locator("#detail mark").first.text_content() or ""
            assert marked.strip() and marked in (tab.locator("#detail pre").first.text_content() or "")
        finally:
            browser.close()
    assert problems == []


def _brush_first_third(tab) -> None:  # type: ignore[no-untyped-def]
    box = tab.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + 2, y)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] / 3, y, steps=5)
    tab.mouse.up()
