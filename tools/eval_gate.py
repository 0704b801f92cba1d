"""Evaluation gate for events: score the dev set and compare with pinned floors.

    python tools/eval_gate.py                      # check: exit 1 if a metric fell below its floor
    python tools/eval_gate.py --update             # re-pin floors to the current scores
    python tools/eval_gate.py --update --allow-regression   # ... even when one goes down

The baseline (tools/eval_baseline.json) pins per-metric floors and the SHA-256 of the gold
files, so a changed gold set cannot silently move the floors: the check fails until re-pinned.
An optional "margin" in the baseline pins floors that much below the measured scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE = ROOT / "tools" / "eval_baseline.json"
GOLD = ROOT.parent / "shared" / "eval" / "seeds"
INPUTS = ROOT.parent / "shared" / "seeds"
GOLD_FILES = ("events.jsonl", "actors.jsonl")
EPSILON = 1e-9


def gold_sha(gold_dir: Path) -> str:
    """SHA-256 over the gold files the events score reads, in a fixed order."""
    digest = hashlib.sha256()
    for name in GOLD_FILES:
        path = gold_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def measure(gold_dir: Path, inputs: Path, pred: Path | None = None) -> dict[str, float]:
    """Score events on the dev set: F1, precision, recall and per-field accuracy."""
    from sitroom.evaluate.events import evaluate_events

    if pred is None:
        from sitroom.events.predict import predict_events

        predicted: Any = predict_events(inputs)
    else:
        predicted = pred
    report = evaluate_events(gold_dir, predicted)
    metrics = {"f1": report.f1, "precision": report.precision, "recall": report.recall}
    metrics.update(report.field_accuracy())
    return {k: round(v, 4) for k, v in metrics.items()}


def check(metrics: dict[str, float], baseline: dict[str, Any], sha: str) -> list[str]:
    """Failures: a changed gold set, or any metric below its pinned floor."""
    failures = []
    if baseline.get("gold_sha256") != sha:
        failures.append("gold files changed since the floors were pinned: review, then --update")
    for name, floor in baseline.get("floors", {}).items():
        value = metrics.get(name)
        if value is None or value + EPSILON < floor:
            failures.append(f"{name} {value} fell below its floor {floor}")
    return failures


def update(metrics: dict[str, float], baseline: dict[str, Any], sha: str, allow_regression: bool) -> dict[str, Any]:
    """New baseline with floors ``margin`` below ``metrics``; ValueError when a floor would drop without permission.

    The margin (default 0) absorbs noise from stages upstream of events that change often.
    """
    margin = float(baseline.get("margin", 0.0))
    floors = {k: max(0.0, math.floor((v - margin) * 100 + EPSILON) / 100) for k, v in metrics.items()}
    old = baseline.get("floors", {})
    lowered = [f"{k}: {old[k]} -> {v}" for k, v in floors.items() if k in old and v + EPSILON < old[k]]
    if lowered and not allow_regression and baseline.get("gold_sha256") == sha:
        raise ValueError("refusing to lower floors without --allow-regression: " + "; ".join(lowered))
    pinned: dict[str, Any] = {"gold_sha256": sha, "floors": dict(sorted(floors.items()))}
    if margin:
        pinned["margin"] = margin
    return pinned


def main(argv: list[str] | None = None) -> int:
    """Run the gate; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-pin the floors to the current scores")
    parser.add_argument("--allow-regression", action="store_true", help="let --update lower a floor")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--inputs", type=Path, default=INPUTS)
    parser.add_argument("--pred", type=Path, help="score this events JSONL instead of running the pipeline")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.exists() else {}
    sha = gold_sha(args.gold)
    metrics = measure(args.gold, args.inputs, args.pred)
    print(" ".join(f"{k} {v:.2f}" for k, v in metrics.items()))
    if args.update:
        try:
            new = update(metrics, baseline, sha, args.allow_regression)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
        args.baseline.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        print(f"pinned {args.baseline}")
        return 0
    failures = check(metrics, baseline, sha)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
