"""Claims stage: attributed statements (asserts, denies, threatens, promises) and contradictions.

``extract_claims`` reads one parsed article; ``link_claims`` and ``find_contradictions`` (or
``analyse_claims`` for both plus ``Claim.contradicts``) work across articles and events.
"""

from __future__ import annotations

from .contradict import ClaimGraph, Contradiction, analyse_claims, find_contradictions, link_claims, mark_contradictions
from .extract import extract_claims

__all__ = [
    "ClaimGraph",
    "Contradiction",
    "analyse_claims",
    "extract_claims",
    "find_contradictions",
    "link_claims",
    "mark_contradictions",
]
