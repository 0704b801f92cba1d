"""Watch a folder: run the pipeline on each new or changed file as it appears.

The folder is polled (no extra dependency). A file is taken when its size or modification
time differs from what the watcher last processed and it has not been touched for ``settle``
seconds (a writer still copying it is left for the next poll; writing to a temporary name and
renaming avoids the wait). Each cycle is one ``pipeline.run`` on just those files: ingest and
store them, re-cluster duplicates over the store, parse only the new articles (sitroom.cache),
merge over everything and rewrite the exports. The spaCy model, actor registry and gazetteer
are loaded once, and per-article results stay in memory between cycles.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import ingest
from .cache import Memo
from .config import Settings
from .model import Article
from .pipeline import RunSummary, run
from .store import Store

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class Cycle:
    """What one poll processed: the files taken, the run's summary and how long it took."""

    files: list[str] = field(default_factory=list)
    summary: RunSummary | None = None
    seconds: float = 0.0
    waiting: int = 0  # files seen but still being written


class Watcher:
    """Polls one folder and runs the pipeline on what changed since the last poll."""

    def __init__(self, folder: str | Path, store: Store, settings: Settings | None = None,
                 out_dir: str | Path | None = None, settle: float = 0.2) -> None:
        self.folder = str(folder)
        self.store = store
        self.settings = settings or Settings()
        self.out_dir = out_dir
        self.settle = settle
        self.seen: dict[str, tuple[int, int]] = {}
        self.memo = Memo()

    def changed(self) -> tuple[list[str], int]:
        """Return the files new or changed since processed (and settled), and how many are still settling."""
        ready, waiting = [], 0
        now = time.time()
        for path in ingest.discover([self.folder], self.settings.ingest).paths:
            try:
                info = os.stat(path)
            except OSError:
                continue  # removed since the walk
            if self.seen.get(path) == (info.st_size, info.st_mtime_ns):
                continue
            if now - info.st_mtime_ns / 1e9 < self.settle:
                waiting += 1
            else:
                ready.append(path)
        return ready, waiting

    def cycle(self) -> Cycle:
        """Process what changed; a cycle with no files did nothing."""
        start = time.perf_counter()
        files, waiting = self.changed()
        if not files:
            return Cycle(waiting=waiting)
        stats = {p: os.stat(p) for p in files if os.path.exists(p)}
        summary = run(files, self.store, settings=self.settings, out_dir=self.out_dir, progress=False, memo=self.memo)
        # Remember the state read, not the state now: a file rewritten during the run comes round again.
        self.seen.update({p: (s.st_size, s.st_mtime_ns) for p, s in stats.items()})
        return Cycle(files, summary, time.perf_counter() - start, waiting)


_WARM_UP = Article("warm-up#1", "warm-up", "warm-up", 1, None, None, "2024-01-02", "given",
                   "Rebels attacked an army post in Aleppo, Syria, on Monday, killing two soldiers.")


def warm_up(settings: Settings | None = None) -> None:
    """Load the spaCy model, actor registry and gazetteer now, so the first file is fast.

    One made-up sentence is analysed (and thrown away) so every lazy import and table is ready.
    """
    from .analysis import analyse

    analyse([_WARM_UP], settings=(settings or Settings()).events)


def watch(folder: str | Path, store: Store, settings: Settings | None = None, out_dir: str | Path | None = None,
          interval: float = 1.0, once: bool = False, stop: threading.Event | None = None,
          on_cycle: Callable[[Cycle], None] | None = None) -> None:
    """Poll ``folder`` every ``interval`` seconds until ``stop`` is set (or once, with ``once``).

    Every file found on the first poll is run too: what the store already holds is upserted
    unchanged and not parsed again. ``on_cycle`` sees each cycle that processed files.
    Ctrl-C (KeyboardInterrupt) propagates; the store's transactions roll back, so it is safe.
    """
    stop = stop or threading.Event()
    watcher = Watcher(folder, store, settings, out_dir)
    warm_up(watcher.settings)
    while not stop.is_set():
        cycle = watcher.cycle()
        if cycle.files and on_cycle is not None:
            on_cycle(cycle)
        if once and not cycle.waiting:
            return
        # A file still being written is looked at again soon, not a whole interval later.
        stop.wait(min(interval, watcher.settle) if cycle.waiting else interval)
