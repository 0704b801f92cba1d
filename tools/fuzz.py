"""Fuzz ingest.read_file and segment.segment with hypothesis-generated files for N minutes.

Inputs: random bytes, mutated seed files, and random HTML, JSONL, CSV and feed text, each
written to a temporary file with a matching (or mismatched) name, sometimes gzipped. The
contract being checked: ``read_file`` never raises (bad input becomes a Rejection) and
``segment`` raises nothing but ``SitroomError`` (InputError for undecodable bytes). Anything
else is a crash: it is printed with the (shrunk) input and the exit status is 1.

Usage: python tools/fuzz.py --minutes 3 [--seeds ../shared/seeds] [--seed 0]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

from sitroom.config import IngestSettings, SegmentSettings
from sitroom.errors import SitroomError
from sitroom.ingest import read_file
from sitroom.model import RawDocument, Rejection
from sitroom.segment import segment

LOGGER = logging.getLogger(__name__)

NAMES = ("page.html", "page.htm", "note.txt", "data.jsonl", "data.json", "rows.csv", "rows.tsv",
         "feed.rss", "feed.atom", "feed.xml", "crawl.warc", "blob", "page.xhtml")
_INGEST = IngestSettings(max_file_mb=2.0, max_records=200)
_SEGMENT = SegmentSettings()
_WORDS = st.sampled_from(["the", "army", "said", "killed", "on", "Tuesday", "3", "Kidal", "قصف", "город",
                          "<", ">", "&amp;", "&#0;", "\x00", "\u202e", "\ufeff", "\r\n", "\n\n", '"', ",", "\t"])
_TEXT = st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=80).map(" ".join))
_TAGS = st.sampled_from(["html", "head", "body", "title", "p", "div", "article", "script", "style", "a",
                         "h1", "br", "meta", "table", "td", "noscript", "svg", "iframe", "time", "li"])


@st.composite
def _html(draw: st.DrawFn) -> bytes:
    """Random (often unbalanced, sometimes very deep) HTML."""
    parts = [draw(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<html>"]))]
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(_TAGS)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            attrs = draw(st.sampled_from(["", " charset='utf-8'", ' content="2024-13-45"', " class='x", " a=b"]))
            parts.append(f"<{tag}{attrs}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(_TEXT))
    depth = draw(st.sampled_from([0, 0, 0, 300, 3000]))
    parts.insert(len(parts) // 2, "<div>" * depth)
    return "".join(parts).encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), "replace")


_JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                           max_leaves=8)
_KEYS = st.sampled_from(["id", "url", "title", "outlet", "published", "text", "content", "body", "html"])


@st.composite
def _jsonl(draw: st.DrawFn) -> bytes:
    """JSON lines with known keys, values of any type, and broken lines."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        record = draw(st.dictionaries(_KEYS, st.one_of(_TEXT, _JSON_VALUE), max_size=6))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        if draw(st.integers(0, 4)) == 0:
            line = line[: draw(st.integers(0, len(line)))]
        lines.append(line)
    joined = "\n".join(lines)
    if draw(st.booleans()):  # one JSON document rather than lines
        joined = "[" + ",".join(lines) + "]"
    return joined.encode("utf-8", "surrogatepass")


@st.composite
def _csv(draw: st.DrawFn) -> bytes:
    """CSV/TSV with ragged rows, quotes, embedded newlines and an optional BOM."""
    sep = draw(st.sampled_from([",", "\t", ";"]))
    header = draw(st.lists(_KEYS, min_size=1, max_size=5))
    rows = [sep.join(header)]
    for _ in range(draw(st.integers(0, 10))):
        cells = draw(st.lists(_TEXT, max_size=7))
        rows.append(sep.join(c if draw(st.booleans()) else '"' + c + '"' for c in cells))
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + draw(st.sampled_from(["\n", "\r\n", "\r"])).join(rows)).encode("utf-8", "surrogatepass")


@st.composite
def _feed(draw: st.DrawFn) -> bytes:
    """RSS or Atom with random items, sometimes an entity declaration, sometimes cut short."""
    dtype = draw(st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY e "&#60;p&#62;">]>', "<!DOCTYPE rss>"]))
    items = "".join(
        f"<item><title>{draw(_TEXT)}</title><link>{draw(_TEXT)}</link><pubDate>{draw(_TEXT)}</pubDate>"
        f"<description>{draw(_TEXT)}</description></item>"
        for _ in range(draw(st.integers(0, 5)))
    )
    if draw(st.booleans()):
        doc = f'<?xml version="1.0"?>{dtype}<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    else:
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{items.replace("item", "entry")}</feed>'
    data = doc.encode("utf-8", "surrogatepass")
    return data[: draw(st.integers(0, len(data)))] if draw(st.integers(0, 3)) == 0 else data


@st.composite
def _mutated(draw: st.DrawFn, samples: tuple[bytes, ...]) -> bytes:
    """A seed file with bytes flipped, cut, repeated or spliced in."""
    data = bytearray(draw(st.sampled_from(samples)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.integers(0, 3))
        at = draw(st.integers(0, len(data)))
        if op == 0 and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == 1:
            del data[at : at + draw(st.integers(0, 500))]
        elif op == 2:
            data[at:at] = draw(st.binary(max_size=64))
        else:
            data[at:at] = bytes(data[at : at + 200]) * draw(st.integers(1, 20))
    return bytes(data)


def _inputs(samples: tuple[bytes, ...]) -> st.SearchStrategy[tuple[str, bytes, bool]]:
    content = st.one_of(st.binary(max_size=2000), _mutated(samples), _html(), _jsonl(), _csv(), _feed())
    return st.tuples(st.sampled_from(NAMES), content, st.booleans())


def check(name: str, data: bytes, gzipped: bool, folder: Path) -> None:
    """Run one input through read_file and segment; raise on anything outside the contract."""
    if gzipped:
        name, data = name + ".gz", gzip.compress(data)[: None if len(data) % 5 else -3]  # some truncated
    path = folder / name
    path.write_bytes(data)
    for item in read_file(str(path), _INGEST):
        if not isinstance(item, (RawDocument, Rejection)):
            raise TypeError(f"read_file yielded {type(item).__name__}")
        if isinstance(item, RawDocument):
            _segment(item)
    media = "text/html" if name.endswith((".html", ".htm")) else "text/plain"
    _segment(RawDocument(doc_id="0" * 16, path=str(path), sha256="0" * 64, media_type=media,
                         content=data, name=name))


def _segment(doc: RawDocument) -> None:
    try:
        articles = segment(doc, _SEGMENT)
    except SitroomError:
        return  # documented: undecodable bytes
    for article in articles:
        if not article.text.strip():
            raise AssertionError(f"segment returned an empty article from {doc.path}")


def _samples(seeds: Path | None) -> tuple[bytes, ...]:
    found = [p.read_bytes() for p in sorted(seeds.glob("*"))[:20] if p.is_file()] if seeds and seeds.is_dir() else []
    return tuple(found) or (b"Title\n\nThe army said on Tuesday that three soldiers were killed.\n",)


def fuzz(minutes: float, seeds: Path | None, seed: int | None) -> int:
    """Fuzz for ``minutes``; return the number of inputs tried (raises on the first crash)."""
    count = 0
    stop = time.monotonic() + minutes * 60
    with tempfile.TemporaryDirectory(prefix="sitroom-fuzz-") as tmp:
        folder = Path(tmp)

        @settings(max_examples=100, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
        @given(_inputs(_samples(seeds)))
        def one(case: tuple[str, bytes, bool]) -> None:
            nonlocal count
            count += 1
            check(*case, folder)

        rounds = 0
        while time.monotonic() < stop:
            (one if seed is None else fixed_seed(seed + rounds)(one))()
            rounds += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Command line: fuzz for --minutes and report; exit 1 on a crash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to fuzz")
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "seeds",
                        help="folder of sample files to mutate")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    args = parser.parse_args(argv)
    logging.disable(logging.ERROR)  # parsers log every bad page; crashes are what count
    start = time.monotonic()
    try:
        count = fuzz(args.minutes, args.seeds, args.seed)
    except Exception:  # noqa: BLE001 - any escape from the contract is the finding
        print("CRASH:", file=sys.stderr)
        traceback.print_exc()
        return 1
    print(f"fuzz: {count} inputs in {(time.monotonic() - start) / 60:.1f} min, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
