"""Time one 5 MB single-line page through ingest (read_file) and segment; prints the seconds.

Usage: python tools/bench_longline.py [--mb 5] [--kind text|html]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from sitroom.config import IngestSettings, SegmentSettings
from sitroom.ingest import read_file
from sitroom.model import RawDocument, Rejection
from sitroom.segment import segment

LOGGER = logging.getLogger(__name__)

SENTENCE = ("Artillery fire struck the central market of a frontline town on Tuesday, killing three civilians "
            "and wounding eleven, the regional governor said. ")


def page(mb: float, kind: str) -> bytes:
    """Return a single-line page of about ``mb`` MiB (no newline anywhere)."""
    body = SENTENCE * (int(mb * 2**20) // len(SENTENCE) + 1)
    if kind == "html":
        return f"<html><head><title>Long line</title></head><body><p>{body}</p></body></html>".encode("utf-8")
    return body.encode("utf-8")


def bench(mb: float, kind: str) -> tuple[float, float, int]:
    """Return (ingest seconds, segment seconds, article count) for one long-line file."""
    with tempfile.TemporaryDirectory(prefix="sitroom-longline-") as tmp:
        path = Path(tmp) / ("long.html" if kind == "html" else "long.txt")
        path.write_bytes(page(mb, kind))
        start = time.perf_counter()
        items = list(read_file(str(path), IngestSettings(max_file_mb=mb * 2)))
        read_s = time.perf_counter() - start
        docs = [i for i in items if isinstance(i, RawDocument)]
        for item in items:
            if isinstance(item, Rejection):
                print(f"rejected: {item.reason}", file=sys.stderr)
        start = time.perf_counter()
        articles = [a for d in docs for a in segment(d, SegmentSettings())]
        return read_s, time.perf_counter() - start, len(articles)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the bench and print the seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--kind", choices=("text", "html"), default="text")
    args = parser.parse_args(argv)
    segment(RawDocument("0" * 16, "warm.txt", "0" * 64, "text/plain", b"warm up\n", "warm.txt"), SegmentSettings())
    read_s, seg_s, n = bench(args.mb, args.kind)
    print(f"{args.mb:g} MiB single-line {args.kind}: ingest {read_s:.2f} s, segment {seg_s:.2f} s, "
          f"total {read_s + seg_s:.2f} s, {n} article(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
