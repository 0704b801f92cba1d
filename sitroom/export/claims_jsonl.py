"""claims.jsonl and contradictions.jsonl: attributed statements with evidence, and where they clash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..claims.contradict import Contradiction
from ..model import Claim
from ..store import Store
from ..store.analysis_rows import contradiction_id
from .files import write_jsonl

CLAIMS = "claims.jsonl"
CONTRADICTIONS = "contradictions.jsonl"


def claim_record(claim: Claim) -> dict[str, Any]:
    """Return the exported record of one claim (keys in a fixed order, evidence span last)."""
    return {
        "id": claim.id,
        "doc": claim.doc,
        "claimant": claim.claimant,
        "stance": claim.stance,
        "about": claim.about,
        "about_event": claim.about_event,
        "date": claim.date,
        "contradicts": claim.contradicts,
        "evidence": claim.evidence.to_dict(),
    }


def contradiction_record(item: Contradiction) -> dict[str, Any]:
    """Return the exported record of one contradiction; ``id`` is its store key."""
    return {
        "id": contradiction_id(item),
        "event_id": item.event_id,
        "asserting": list(item.asserting),
        "denying": list(item.denying),
        "docs": list(item.docs),
        "summary": item.summary,
    }


def write_claims(store: Store, out_dir: Path) -> Path:
    """Write ``claims.jsonl`` (by article, position in it, id) into ``out_dir`` and return its path."""
    claims = sorted(store.claims(), key=lambda c: (c.doc, c.evidence.start, c.evidence.end, c.id))
    return write_jsonl(out_dir / CLAIMS, (claim_record(c) for c in claims))


def write_contradictions(store: Store, out_dir: Path) -> Path:
    """Write ``contradictions.jsonl`` (by event id, none last, then id) into ``out_dir``; return its path."""
    records = sorted((contradiction_record(c) for c in store.contradictions()),
                     key=lambda r: (r["event_id"] is None, r["event_id"] or "", r["id"]))  # fmt: skip
    return write_jsonl(out_dir / CONTRADICTIONS, records)
