"""`sitroom export` and write_all's name filter: chosen formats, `all`, unknown names, no partial files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli.export import export_command
from sitroom.errors import ConfigError
from sitroom.export import EXPORTERS, write_all
from sitroom.store import Store, open_store

from .helpers import fill


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        fill(store)
    return db


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_export_cli_writes_the_chosen_format_only(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = CliRunner().invoke(export_command, ["events.csv", "--db", str(db), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output == f"export events.csv: {tmp_path / 'out' / 'events.csv'}\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["events.csv"]


def test_export_cli_all_writes_every_export_byte_identically_twice(tmp_path: Path) -> None:
    db = _db(tmp_path)
    runs = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        result = CliRunner().invoke(export_command, ["all", "--db", str(db), "--out", str(out)])
        assert result.exit_code == 0, result.output
        runs.append(_digests(out))
    assert sorted(runs[0]) == sorted(EXPORTERS)
    assert runs[0] == runs[1]


def test_export_cli_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = CliRunner().invoke(export_command, ["events.xlsx", "--db", str(db), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "unknown format 'events.xlsx'" in result.output and "events.csv" in result.output and "all" in result.output
    assert not (tmp_path / "out").exists()


def test_export_write_all_rejects_unknown_names(tmp_path: Path) -> None:
    with open_store(":memory:") as store, pytest.raises(ConfigError, match="known: articles.jsonl, events.csv"):
        write_all(store, tmp_path, names=["events.csv", "shapefile"])
    assert list(tmp_path.iterdir()) == []


def test_export_failure_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with open_store(db) as store:
        before = Path(write_all(store, tmp_path / "out", names=["events.csv"])["events.csv"]).read_bytes()

    class Broken(Store):
        def events(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("reader died")

    with open_store(db) as store:
        broken = Broken(store._con, store.path)
        with pytest.raises(RuntimeError):
            write_all(broken, tmp_path / "out", names=["events.csv"])
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["events.csv"]
    assert (tmp_path / "out" / "events.csv").read_bytes() == before
