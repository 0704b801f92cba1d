"""claims.jsonl and contradictions.jsonl: records with evidence, sorted, empty when nothing was found."""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.export import write_all
from sitroom.store import open_store

from .helpers import TEXT_A, fill

NAMES = ["claims.jsonl", "contradictions.jsonl"]


def _read(path: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_claims_jsonl_lines_carry_evidence_in_text_order(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        fill(store)
        written = write_all(store, tmp_path, names=NAMES)
    claims = _read(written["claims.jsonl"])
    assert [c["id"] for c in claims] == ["c1", "c2"]  # by position in the article
    assert list(claims[1]) == ["id", "doc", "claimant", "stance", "about", "about_event", "date", "contradicts",
                               "evidence"]  # fmt: skip
    span = claims[1]["evidence"]
    assert isinstance(span, dict) and TEXT_A[span["start"]:span["end"]] == span["text"]
    assert claims[1]["contradicts"] == "c1"
    contradictions = _read(written["contradictions.jsonl"])
    assert len(contradictions) == 1
    assert {k: contradictions[0][k] for k in ("event_id", "asserting", "denying", "docs")} == {
        "event_id": "e1aaaaaaaaaaaaaa", "asserting": ["c1"], "denying": ["c2"], "docs": ["a.txt#1"]}  # fmt: skip


def test_claims_jsonl_empty_store_writes_empty_files(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        written = write_all(store, tmp_path, names=NAMES)
    assert [Path(written[n]).read_bytes() for n in NAMES] == [b"", b""]
