"""Score sitroom's date span finder and resolver on WikiWars (TIMEX2-annotated war narratives).

Never imported by the package. Usage:
    python tools/eval_wikiwars.py [--dir ../shared/eval/ext/wikiwars/WikiWars_20120218_v104/keyinline]
        [--mode absolute|narrative] [--show 20]

Narratives have no publication date (their DCT is the 2009 download day), so:
- ``absolute``: resolve with no publication date; only expressions with a year get values.
- ``narrative``: each expression is resolved against 31 December of the latest year named
  before it (a crude reference time, like HeidelTime's narrative mode), so "in early October"
  after "1939" reads as 1939-10.

Reported: span P/R/F1 (overlap and exact) over all TIMEX2, and value accuracy / P/R/F1 over
gold values that are full dates or months (YYYY-MM-DD, YYYY-MM).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitroom.resolve.dates import resolve_span  # noqa: E402
from sitroom.resolve.datespans import DateSpan, detect_tense, find_date_spans  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared/eval/ext/wikiwars/WikiWars_20120218_v104/keyinline"
DATED = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
TAG = re.compile(r"<(/?)TIMEX2([^>]*)>")


@dataclass
class Timex:
    start: int
    end: int
    val: str


def parse(path: Path) -> tuple[str, list[Timex]]:
    """Text of <TEXT> with tags removed, and the gold TIMEX2 spans (nested ones included)."""
    raw = path.read_text("utf-8")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    gold: list[Timex] = []
    stack: list[tuple[int, str]] = []
    length, pos = 0, 0
    for m in TAG.finditer(body):
        out.append(body[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(1):
            start, val = stack.pop()
            gold.append(Timex(start, length, val))
        else:
            attr = re.search(r'val="([^"]*)"', m.group(2))
            stack.append((length, attr.group(1) if attr else ""))
    out.append(body[pos:])
    return "".join(out), gold


def value(span: DateSpan, text: str, reference: str | None) -> str | None:
    """Our value in TIMEX2 style: YYYY-MM-DD for days, YYYY-MM for month expressions."""
    if span.kind == "year":
        return span.fields.get("year")
    published = None if reference is None else date.fromisoformat(reference)
    resolved = resolve_span(span, published, detect_tense(text, span.start, span.end))
    if resolved is None:
        return None
    return resolved.day[:7] if span.kind == "month" else resolved.day


def score_doc(text: str, gold: list[Timex], mode: str) -> dict[str, int]:
    """Counts for one document: spans found, overlaps, exact matches, values right."""
    spans = find_date_spans(text)
    counts = dict.fromkeys(("gold", "pred", "overlap_tp_g", "overlap_tp_p", "exact", "vgold", "vpred",
                            "vcorrect", "vmatched"), 0)
    counts["gold"], counts["pred"] = len(gold), len(spans)
    last_year: str | None = None
    predicted: list[tuple[DateSpan, str | None]] = []
    for span in spans:
        reference = f"{last_year}-12-31" if (mode == "narrative" and last_year) else None
        val = value(span, text, reference)
        predicted.append((span, val))
        year = re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", span.text)
        if year:
            last_year = year.group(1)
    for g in gold:
        hits = [(s, v) for s, v in predicted if s.start < g.end and g.start < s.end]
        counts["overlap_tp_g"] += bool(hits)
        counts["exact"] += any(s.start == g.start and s.end == g.end for s, _ in hits)
        if DATED.match(g.val):
            counts["vgold"] += 1
            if hits:
                counts["vmatched"] += 1
                counts["vcorrect"] += any(v == g.val for _, v in hits)
    for s, v in predicted:
        counts["overlap_tp_p"] += any(s.start < g.end and g.start < s.end for g in gold)
        counts["vpred"] += bool(v and DATED.match(v))
    return counts


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall."""
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    """Score every key file and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--mode", choices=("absolute", "narrative"), default="narrative")
    args = parser.parse_args()
    files = sorted(args.dir.glob("*.xml"))
    if not files:
        sys.exit(f"no WikiWars key files under {args.dir}")
    total: dict[str, int] = {}
    for path in files:
        text, gold = parse(path)
        for k, v in score_doc(text, gold, args.mode).items():
            total[k] = total.get(k, 0) + v
    p = total["overlap_tp_p"] / total["pred"]
    r = total["overlap_tp_g"] / total["gold"]
    ep, er = total["exact"] / total["pred"], total["exact"] / total["gold"]
    vp, vr = total["vcorrect"] / max(1, total["vpred"]), total["vcorrect"] / total["vgold"]
    print(f"WikiWars ({len(files)} docs, mode={args.mode}): {total['gold']} gold TIMEX2, {total['pred']} predicted spans")
    print(f"span overlap  P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f}")
    print(f"span exact    P {ep:.3f} R {er:.3f} F1 {f1(ep, er):.3f}")
    print(f"values (gold YYYY-MM[-DD]: {total['vgold']}): accuracy on found {total['vcorrect'] / max(1, total['vmatched']):.3f}"
          f"  P {vp:.3f} R {vr:.3f} F1 {f1(vp, vr):.3f}")


if __name__ == "__main__":
    main()
