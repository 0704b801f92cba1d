"""Security: escaping, CSP, static files confined to the package, Host allow-list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sitroom.web.app import STATIC_DIR, app_from_store, tile_origin

from .helpers import XSS_TEXT, XSS_TITLE


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static/..%5c..%5capp.py",
        "/static/../app.py",
        "/static/..%2fapp.py",
        "/static//etc/passwd",
        "/static/vendor/../../app.py",
    ],
)
def test_security_static_traversal_probes_fail(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code in (400, 404)
    assert b"root:" not in resp.content and b"def create_app" not in resp.content


def test_security_static_serves_vendored_assets(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/vendor/leaflet/leaflet.js", "/static/vendor/world-atlas/countries-110m.json"):
        assert client.get(path).status_code == 200, path


def test_security_csp_header_on_page_api_and_static(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/app.css", "/api/events/nope"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_security_payloads_are_returned_as_data(client: TestClient) -> None:
    resp = client.get("/api/events/e5")
    assert resp.headers["content-type"].startswith("application/json")
    (article,) = resp.json()["articles"]
    assert article["text"] == XSS_TEXT and article["title"] == XSS_TITLE
    assert resp.json()["evidence"][0]["text"] == "<img src=x onerror=alert(1)>"


def test_security_page_escapes_payloads(client: TestClient) -> None:
    html = client.get("/").text
    assert "<script>alert" not in html and "<b>Evil</b>" not in html
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;Hacked" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; outlet" in html


def test_security_page_loads_scripts_only_from_this_origin(client: TestClient) -> None:
    html = client.get("/").text
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/vendor/leaflet/leaflet.js">',
        '<script src="/static/vendor/topojson-client/topojson-client.min.js">',
        '<script src="/static/app.js">',
    ]
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "nothing loaded from another origin"


def test_security_front_end_never_writes_html_from_data() -> None:
    source = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in source and "outerHTML" not in source and "insertAdjacentHTML" not in source
    assert "document.write" not in source and "eval(" not in source


def test_security_host_allow_list_rejects_other_hosts(store_path: Path) -> None:
    client = TestClient(app_from_store(store_path, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1")
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png", "https://*.tile.example.org:8443"),
        ("http://127.0.0.1:9000/tiles/{z}/{y}/{x}", "http://127.0.0.1:9000"),
    ],
)
def test_tile_origin_of_good_templates(template: str, origin: str) -> None:
    assert tile_origin(template) == origin


@pytest.mark.parametrize(
    "template",
    ["javascript:alert(1)//{z}{x}{y}", "https://tile.example.org/{z}/{x}.png", "//tile.example.org/{z}/{x}/{y}",
     "https://a.example.org; script-src *; x/{z}/{x}/{y}", "https://{x}.example.org/{z}/{x}/{y}"],
)  # fmt: skip
def test_tile_origin_refuses_bad_templates(template: str) -> None:
    with pytest.raises(ValueError, match="tiles"):
        tile_origin(template)


def test_tiles_only_when_configured(store_path: Path) -> None:
    plain = TestClient(app_from_store(store_path))
    assert 'data-tiles' not in plain.get("/").text
    assert "img-src 'self' data:;" in plain.get("/").headers["content-security-policy"]
    tiled = TestClient(app_from_store(store_path, tiles='https://t.example.org/{z}/{x}/{y}.png?k="><b>', tiles_attribution="<b>OSM</b>"))
    page = tiled.get("/")
    assert "img-src 'self' data: https://t.example.org;" in page.headers["content-security-policy"]
    assert 'data-tiles="https://t.example.org/{z}/{x}/{y}.png?k=&#34;&gt;&lt;b&gt;"' in page.text
    assert 'data-tiles-attribution="&lt;b&gt;OSM&lt;/b&gt;"' in page.text
