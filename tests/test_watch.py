"""`sitroom watch`: new files show up in the store and exports; unchanged ones are left alone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitroom.store import open_store
from sitroom.watch import Cycle, watch

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")


def _drop(name: str, folder: Path, staging: Path) -> Path:
    """Copy a seed into ``folder`` the way writers should: write elsewhere, then rename."""
    staging.mkdir(exist_ok=True)
    shutil.copy(SEEDS / name, staging / name)
    os.replace(staging / name, folder / name)
    return folder / name


def _wait(cycles: list[Cycle], count: int, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while len(cycles) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(cycles) >= count, f"{len(cycles)} cycles after {seconds} s"


@pytest.mark.slow
@needs_seeds
def test_watch_picks_up_new_files_once(tmp_path: Path) -> None:
    folder, out, staging = tmp_path / "in", tmp_path / "out", tmp_path / "staging"
    folder.mkdir()
    seeds = sorted(p.name for p in SEEDS.iterdir())
    _drop(seeds[0], folder, staging)
    cycles: list[Cycle] = []
    stop = threading.Event()
    store = open_store(tmp_path / "s.duckdb")
    thread = threading.Thread(target=watch, args=(folder, store), daemon=True,
                              kwargs={"out_dir": out, "interval": 0.1, "stop": stop, "on_cycle": cycles.append})
    thread.start()
    try:
        _wait(cycles, 1)
        first = cycles[0].summary
        assert first is not None and first.new_articles == first.analysed > 0
        new = _drop(seeds[1], folder, staging)
        _wait(cycles, 2)
        second = cycles[1]
        assert second.files == [str(new)]
        assert second.summary is not None and second.summary.new_articles > 0 and second.summary.events > 0
        exported = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {Path(a["file"]).name for a in exported} == {seeds[0], seeds[1]}
        ids = [a["id"] for a in exported if a["file"].endswith(seeds[1])]
        events_csv = (out / "events.csv").read_text(encoding="utf-8")
        assert any(i in events_csv for i in ids)
        time.sleep(1.0)  # ten polls: nothing changed, nothing is run again
        assert len(cycles) == 2
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    with store:
        files = {a.article_id: Path(a.file).name for a in store.articles()}
        assert set(files.values()) == {seeds[0], seeds[1]}
        assert any(files.get(doc) == seeds[1] for e in store.events() for doc in e.docs)
        assert store.counts()["article_analyses"] == store.counts()["articles"]


@pytest.mark.slow
@needs_seeds
def test_watch_command_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "s.duckdb"
    args = [sys.executable, "-m", "sitroom", "watch", str(folder), "--db", str(db), "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith("watching ")
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "watch: stopped" in err and "Traceback" not in err
    with open_store(db) as store:
        assert store.counts()["articles"] == 0
