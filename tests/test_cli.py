"""The CLI is thin: help everywhere, errors name the file, extract streams JSONL."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from sitroom.cli import cli


def _commands(group: click.Group, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


@pytest.mark.parametrize("path", [(), *_commands(cli)])
def test_cli_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_cli_run_missing_input_is_rejected_by_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "in" / "a.txt"
    good.parent.mkdir()
    good.write_text("Title line\n\n" + "Body sentence about nothing in particular. " * 10, encoding="utf-8")
    missing = tmp_path / "nope.html"
    args = ["run", str(good.parent), str(missing), "--db", str(tmp_path / "s.duckdb"), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "nope.html" in result.output
    assert (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_cli_run_bad_setting_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--set", "dedup.nosuch=1", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "unknown setting dedup.nosuch" in result.output


@pytest.mark.slow
def test_cli_extract_streams_jsonl_and_reports_bad_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "k1", "text": "Ukrainian drones struck an oil depot in Bryansk on Tuesday, the regional governor said.",
         "published": "2025-01-15"},
        "not json",
        {"id": "k2", "text": 5},
        {"id": "k3", "text": "Sudan's army said on Sunday it had retaken the town of Wad Madani from the RSF.",
         "published": "2025-01-12"},
    ]
    source.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "in.jsonl:2: invalid JSON" in result.output
    assert "in.jsonl:3: field 'text' must be a string" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["k1", "k3"]
    first, second = records
    assert {"actors", "places", "dates", "events"} <= set(first)
    bryansk = [p for p in first["places"] if p["text"] == "Bryansk"]
    assert bryansk and bryansk[0]["country"] == "Russia"
    text = lines[0]["text"]  # type: ignore[index]
    for item in first["places"] + first["dates"] + first["actors"]:
        assert text[item["start"]:item["end"]] == item["text"]
    assert any(d["value"] == "2025-01-14" for d in first["dates"])
    assert any(d["value"] == "2025-01-12" for d in second["dates"])
