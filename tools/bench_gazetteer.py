"""Gazetteer speed: load time from the built cache, and candidate lookups per second.

    python tools/bench_gazetteer.py [--lgl ../shared/eval/ext/lgl/lgl.xml]

Lookups are timed on the LGL corpus' gold toponyms (5,000+ real mentions, many repeated, as in
a mention stream) and on the distinct names alone with the key caches cleared ("cold"). The
last line: `gazetteer: load_s X lookups_per_s Y cold_lookups_per_s Z entries N`.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def names_from_lgl(path: Path) -> list[str]:
    """Gold toponym strings of the LGL corpus, in corpus order."""
    return re.findall(r"<phrase>([^<]+)</phrase>", path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Build the cache if needed, then time a load and the lookups."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lgl", type=Path, default=ROOT.parent / "shared" / "eval" / "ext" / "lgl" / "lgl.xml")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the mention stream")
    args = parser.parse_args(argv)
    from sitroom.resolve import gazetteer as gz

    path = gz.cache_path()
    if not path.exists():
        gz.save(gz.build_default(), path)
    start = time.perf_counter()
    gazetteer = gz.load(path)
    load_s = time.perf_counter() - start
    mentions = names_from_lgl(args.lgl)
    distinct = sorted(set(mentions))
    gz.norm_key.cache_clear()
    gz.vowel_key.cache_clear()
    start = time.perf_counter()
    for name in distinct:
        gazetteer.candidates(name)
    cold = len(distinct) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for name in mentions:
            gazetteer.candidates(name)
    stream = args.repeat * len(mentions) / (time.perf_counter() - start)
    print(f"mentions {len(mentions)} distinct {len(distinct)}")
    print(f"gazetteer: load_s {load_s:.2f} lookups_per_s {stream:.0f} cold_lookups_per_s {cold:.0f} "
          f"entries {len(gazetteer)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
