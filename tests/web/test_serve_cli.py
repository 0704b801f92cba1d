"""`sitroom serve`: option parsing, loopback default, Host allow-list, and the app it hands uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.testclient import TestClient

from sitroom.cli.serve import allowed_hosts, serve_command


def _serve(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[Any, dict[str, Any]]:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen["app"], seen["kwargs"] = app, kwargs

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(serve_command, args)
    return result, seen


def test_serve_cli_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    result, seen = _serve(monkeypatch, ["--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert seen["kwargs"]["host"] == "127.0.0.1" and seen["kwargs"]["port"] == 8000
    client = TestClient(seen["app"], base_url="http://127.0.0.1:8000")
    assert client.get("/api/events").json()["total"] == 5
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_serve_cli_rejects_missing_db_and_bad_port(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_path: Path) -> None:
    result, seen = _serve(monkeypatch, ["--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and not seen
    result, seen = _serve(monkeypatch, ["--db", str(store_path), "--port", "70000"])
    assert result.exit_code == 2 and not seen


def test_serve_cli_warns_when_not_loopback(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    result, seen = _serve(monkeypatch, ["--db", str(store_path), "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0 and "warning" in result.output
    assert seen["kwargs"] == {"host": "0.0.0.0", "port": 9000, "log_level": "warning"}


def test_serve_cli_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "[::1]", "localhost"]
    assert "localhost" in (allowed_hosts("::1") or [])
    assert allowed_hosts("0.0.0.0") is None
