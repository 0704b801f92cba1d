"""The claims scorer: hint matching, P/R/stance counts, contradictions and the summary line (no model)."""

from __future__ import annotations

from sitroom.claims.contradict import Contradiction
from sitroom.claims.predict import ClaimsRun
from sitroom.evaluate.claims import hint_in, score_claims
from sitroom.model import Claim, Evidence

SENT_A = "Two officials said troops crossed the border late on Sunday."
SENT_B = "The ministry said no troops had entered the country."


def _claim(cid: str, stance: str, text: str, doc: str = "id1#1") -> Claim:
    return Claim(cid, doc, "x", stance, text, None, None, Evidence(doc, 0, len(text), text))


GOLD = [
    {"id": "g1", "doc": "f.txt#1", "stance": "asserts", "claimant": "officials", "evidence_hint": "crossed the border late",
     "about_event": "e1"},
    {"id": "g2", "doc": "f.txt#1", "stance": "denies", "claimant": "ministry", "evidence_hint": "no troops had entered",
     "about_event": "e1", "contradicts": "g1"},
    {"id": "g3", "doc": "f.txt#1", "docs": ["f.txt#1", "h.txt#1"], "stance": "promises", "claimant": "z",
     "evidence_hint": "will rebuild", "about_event": None},
]


def test_eval_hint_matches_words_across_quotes_and_punctuation() -> None:
    assert hint_in("intention to “build Syria”", 'expressed the intention to "build Syria" soon')
    assert hint_in("Al-Sharaa's visit", "al sharaa’s visit")
    assert not hint_in("crossed the border", "crossed a border")


def test_eval_scores_recall_precision_stance_and_contradictions() -> None:
    a = _claim("p1", "asserts", SENT_A)
    b = _claim("p2", "asserts", SENT_B)  # matched, wrong stance
    extra = _claim("p3", "asserts", "Nothing here.")
    pair = Contradiction(None, ("p1",), ("id1#1",), ("p2",), "")
    run = ClaimsRun([a, b, extra], [], [pair], {"id1#1": "f.txt#1"})
    report = score_claims(GOLD, {}, run)
    assert (report.gold_matched, report.pred_matched, report.stance_ok) == (2, 2, 1)
    assert (report.contradictions_found, report.contradictions_total) == (1, 1)
    assert report.lines()[-1] == ("claims: f1 0.667 precision 0.667 recall 0.667 stance_acc 0.500 "
                                  "contradictions 1/1")
    assert any(line.startswith("miss g3") for line in report.lines())


def test_eval_contradiction_needs_the_pair_and_the_other_article_counts() -> None:
    a = _claim("p1", "asserts", SENT_A)
    b = _claim("p2", "denies", SENT_B)
    promise = _claim("p4", "promises", "They will rebuild the bridge.", doc="id2#1")
    run = ClaimsRun([a, b, promise], [], [], {"id1#1": "f.txt#1", "id2#1": "h.txt#1"})
    report = score_claims(GOLD, {}, run)
    assert report.gold_matched == 3 and report.stance_ok == 3
    assert report.contradictions_found == 0
