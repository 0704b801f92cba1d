"""Crash safety: SIGKILL `sitroom run` at random points, re-run, and get exactly the clean run's store."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
SITROOM = Path(sys.executable).with_name("sitroom")
SEEDS = ROOT.parent / "shared" / "seeds"
KILLS = 4
TEMPLATE = (
    "{title}\n\n{place}, {date} - {actor} fighters attacked an army checkpoint near {place} on {day}, "
    "killing {n} soldiers, the defence ministry said. Government aircraft later struck positions held by "
    "{actor} outside the town, according to local residents, who said {m} civilians were wounded. "
    "The group said in a statement that it had taken control of two villages on the road to the border.\n"
)
STORIES = [
    ("Rebels attack checkpoint in Kidal", "Kidal", "Mali", "March 3, 2024", "Sunday", 7, 4),
    ("Militants storm army post near Gao", "Gao", "Mali", "April 9, 2024", "Monday", 12, 3),
    ("Fighting near Goma kills soldiers", "Goma", "M23", "May 14, 2024", "Tuesday", 9, 15),
    ("Insurgents hit base in Marawi", "Marawi", "Maute", "June 2, 2024", "Saturday", 5, 2),
    ("Clashes in Tigray town", "Mekelle", "TPLF", "July 21, 2024", "Friday", 11, 6),
    ("Attack on convoy near Mopti", "Mopti", "JNIM", "August 5, 2024", "Sunday", 8, 9),
]


def _corpus(root: Path) -> Path:
    root.mkdir()
    for k, (title, place, actor, date, day, n, m) in enumerate(STORIES):
        text = TEMPLATE.format(title=title, place=place, actor=actor, date=date, day=day, n=n, m=m)
        (root / f"story{k}.txt").write_text(text, encoding="utf-8")
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, root / seed.name)
    return root


def _args(corpus: Path, db: Path, out: Path) -> list[str]:
    # Small batches so kills land between (and inside) many store transactions.
    return [str(SITROOM), "run", str(corpus), "--db", str(db), "--out", str(out), "--no-progress",
            "--set", "store.batch_size=2"]


def _run(corpus: Path, db: Path, out: Path) -> float:
    start = time.monotonic()
    done = subprocess.run(_args(corpus, db, out), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.monotonic() - start


def _kill_after(seconds: float, corpus: Path, db: Path, out: Path) -> bool:
    """Start a run and SIGKILL it after ``seconds``; True when it was still running."""
    proc = subprocess.Popen(_args(corpus, db, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def _snapshot(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
        snap: dict[str, object] = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]
        snap["article_ids"] = sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall())
        snap["event_ids"] = sorted(r[0] for r in con.execute("SELECT id FROM events").fetchall())
    finally:
        con.close()
    return snap


def _exports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_hostile_crash_killed_runs_converge_to_the_clean_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    ref_db, ref_out = tmp_path / "ref.duckdb", tmp_path / "ref-out"
    clean_seconds = _run(corpus, ref_db, ref_out)
    reference = _snapshot(ref_db)
    assert reference["articles"] and reference["events"]
    db, out = tmp_path / "killed.duckdb", tmp_path / "killed-out"
    rng = random.Random(20241208)
    delays = [rng.uniform(0.3, clean_seconds) for _ in range(KILLS)]
    killed = [_kill_after(s, corpus, db, out) for s in delays]
    print(f"clean run {clean_seconds:.1f} s; kills after {[round(s, 1) for s in delays]} s: {killed}")
    assert any(killed)
    _run(corpus, db, out)
    assert _snapshot(db) == reference
    assert _exports(out) == _exports(ref_out)
