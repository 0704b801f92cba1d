"""Throughput of actor resolution (resolve_mentions) on 600-word articles.

Articles are 600-word windows over the texts in a folder (the seed pages by default). CPU
time is measured, and a `re.findall(r"\\w+")` pass over the same articles is timed as a
baseline so numbers from loaded or slow machines can be compared.

    python tools/bench_actors.py [--texts ../shared/seeds] [--seconds 10] [--affiliations]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path


def windows(folder: Path, size: int = 600) -> list[str]:
    """600-word articles cut from every .txt file in ``folder``, half-overlapping."""
    words: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        words += path.read_text(encoding="utf-8", errors="replace").split()
    step = size // 2
    return [" ".join(words[i:i + size]) for i in range(0, max(1, len(words) - size), step)]


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=root.parent / "shared" / "seeds")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--affiliations", action="store_true", help="also run find_affiliations")
    args = parser.parse_args(argv)

    from sitroom.resolve.actors import default_registry
    from sitroom.resolve.affiliations import find_affiliations

    started = time.perf_counter()
    registry = default_registry()
    print(f"registry: {len(registry)} entries, {len(registry.index.exact)} alias keys, "
          f"loaded in {time.perf_counter() - started:.2f} s")
    articles = windows(args.texts)
    for text in articles:  # warm the caches once
        registry.resolve_mentions(text, "w")
    done, refs, spent, base = 0, 0, 0.0, 0.0
    words = re.compile(r"\w+")
    while spent < args.seconds:
        for i, text in enumerate(articles):
            t0 = time.process_time()
            found = registry.resolve_mentions(text, f"a#{i}", on_date="2024-12-01")
            if args.affiliations:
                find_affiliations(text, f"a#{i}", found, registry)
            t1 = time.process_time()
            words.findall(text)
            base += time.process_time() - t1
            spent += t1 - t0
            done += 1
            refs += len(found)
    print(f"{done} articles of 600 words, {refs / done:.1f} actor mentions each")
    print(f"{done / spent:,.0f} articles/s ({spent / done * 1e6:,.0f} us CPU each); "
          f"baseline findall(\\w+) {base / done * 1e6:,.0f} us, ratio {spent / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
