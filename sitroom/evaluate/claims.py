"""Score extracted claims against gold claims.jsonl (shared/eval SCHEMA.md).

A predicted claim matches a gold claim when it comes from one of the gold claim's articles and
the words of the gold ``evidence_hint`` lie in its evidence span (case, quotes and punctuation
normalised). Reported: recall over gold claims, precision over predicted claims (a prediction
is correct when it matches some gold claim), stance accuracy on matched gold claims (correct
when any matching prediction has the gold stance), and contradictions: a gold denial with
``contradicts`` is found when a predicted Contradiction holds a prediction matching the denial
together with one matching the asserting claim (or another asserting gold claim about the same
gold event), or links the denial to a predicted event whose evidence holds that gold event's
hint. The last line is
``claims: f1 F precision P recall R stance_acc S contradictions C/T``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..claims.predict import ClaimsRun, predict_claims
from ..config import Settings
from ..model import Claim, Event
from .documents import load_gold

LOGGER = logging.getLogger(__name__)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
_WORDS = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lowercase word tokens with curly quotes straightened (punctuation dropped)."""
    return _WORDS.findall(text.translate(_QUOTES).lower().replace("'", " "))


def hint_in(hint: str, text: str) -> bool:
    """True when the hint's words occur consecutively in ``text``'s words."""
    needle, hay = words(hint), words(text)
    if not needle:
        return False
    n = len(needle)
    return any(hay[k : k + n] == needle for k in range(len(hay) - n + 1))


@dataclass(slots=True)
class ClaimsReport:
    """Counts and the lines explaining them."""

    gold: int
    predicted: int
    gold_matched: int
    pred_matched: int
    stance_ok: int
    contradictions_found: int
    contradictions_total: int
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predicted claims that match a gold claim."""
        return self.pred_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold claims matched by a prediction."""
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def stance_accuracy(self) -> float:
        """Share of matched gold claims whose stance some matching prediction has."""
        return self.stance_ok / self.gold_matched if self.gold_matched else 0.0

    def lines(self) -> list[str]:
        """The details, then the one-line summary."""
        return [*self.details, self.summary()]

    def summary(self) -> str:
        """``claims: f1 F precision P recall R stance_acc S contradictions C/T``."""
        return (f"claims: f1 {self.f1:.3f} precision {self.precision:.3f} recall {self.recall:.3f} "
                f"stance_acc {self.stance_accuracy:.3f} "
                f"contradictions {self.contradictions_found}/{self.contradictions_total}")


def evaluate_claims(gold_dir: str, inputs: str, settings: Settings | None = None) -> ClaimsReport:
    """Run the pipeline on ``inputs`` and score its claims against ``gold_dir/claims.jsonl``.

    Args:
        gold_dir: folder holding claims.jsonl (events.jsonl and documents.jsonl are used when present).
        inputs: the raw files the gold describes (a folder or one file).
        settings: pipeline settings (defaults when None).

    Returns:
        A ClaimsReport; ``lines()`` prints it, its last line is the summary.
    """
    gold = load_gold(Path(gold_dir) / "claims.jsonl")
    events_path = Path(gold_dir) / "events.jsonl"
    gold_events = {e["id"]: e for e in load_gold(events_path)} if events_path.is_file() else {}
    run = predict_claims(inputs, settings)
    return score_claims(gold, gold_events, run)


def score_claims(gold: Sequence[dict[str, Any]], gold_events: dict[str, dict[str, Any]], run: ClaimsRun) -> ClaimsReport:
    """Score a finished run (see the module docstring for the rules)."""
    matches = {g["id"]: _matches(g, run) for g in gold}
    matched_pred = {c.id for found in matches.values() for c in found}
    details = [*run.notes]
    stance_ok = 0
    for g in gold:
        found = matches[g["id"]]
        if not found:
            details.append(f"miss {g['id']} [{g['stance']}] {g['claimant']}: {g['evidence_hint']!r}")
        elif any(c.stance == g["stance"] for c in found):
            stance_ok += 1
        else:
            details.append(f"stance {g['id']}: gold {g['stance']}, predicted {sorted({c.stance for c in found})}")
    total, hits = 0, 0
    for g in gold:
        if g.get("contradicts"):
            total += 1
            ok = _contradiction_found(g, gold, gold_events, matches, run)
            hits += ok
            details.append(f"contradiction {g['id']} vs {g['contradicts']}: {'found' if ok else 'MISSED'}")
    return ClaimsReport(len(gold), len(run.claims), sum(1 for f in matches.values() if f), len(matched_pred),
                        stance_ok, hits, total, details)


def _matches(gold: dict[str, Any], run: ClaimsRun) -> list[Claim]:
    docs = set(gold.get("docs") or [gold["doc"]])
    hint = gold.get("evidence_hint") or ""
    return [c for c in run.claims if run.gold_doc.get(c.doc) in docs and hint_in(hint, c.evidence.text)]


def _contradiction_found(denial: dict[str, Any], gold: Sequence[dict[str, Any]],
                         gold_events: dict[str, dict[str, Any]], matches: dict[str, list[Claim]],
                         run: ClaimsRun) -> bool:
    deny_ids = {c.id for c in matches[denial["id"]]}
    target = next((g for g in gold if g["id"] == denial["contradicts"]), None)
    if not deny_ids or target is None:
        return False
    same_event = [g for g in gold if g["stance"] == "asserts" and target.get("about_event")
                  and g.get("about_event") == target["about_event"]]
    assert_ids = {c.id for g in [target, *same_event] for c in matches[g["id"]]}
    event_hint = gold_events.get(denial.get("about_event") or "", {}).get("evidence_hint")
    events = {e.id: e for e in run.events}
    for item in run.contradictions:
        if not deny_ids & set(item.denying):
            continue
        if assert_ids & set(item.asserting) or _event_holds(events.get(item.event_id or ""), event_hint):
            return True
    return False


def _event_holds(event: Event | None, hint: str | None) -> bool:
    return event is not None and bool(hint) and any(hint_in(hint or "", ev.text) for ev in event.evidence.values())
