"""The claims stage's word lists, loaded from ``sitroom/data/claim_verbs.json``.

Code only interprets these lists: adding a speech verb, a negation cue or a synonym class is a
data change.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

RULES_FILE = "claim_verbs.json"
STANCES = ("asserts", "denies", "threatens", "promises")


@dataclass(slots=True, frozen=True)
class ClaimRules:
    """Lexical rules for speech acts, stance and claim comparison (all lowercase)."""

    speech_verbs: dict[str, str | None]
    speech_nouns: dict[str, str | None]
    addressee_verbs: frozenset[str]
    light_verbs: frozenset[str]
    content_nouns: frozenset[str]
    strict_object_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    blocking_heads: frozenset[str]
    negations: frozenset[str]
    negative_determiners: frozenset[str]
    negative_subjects: frozenset[str]
    future_aux: frozenset[str]
    deontic_aux: frozenset[str]
    hypothetical_words: frozenset[str]
    threat_verbs: frozenset[str]
    threat_passive_verbs: frozenset[str]
    restraint_verbs: frozenset[str]
    intention_words: frozenset[str]
    uncertainty_words: frozenset[str]
    non_agentive_heads: frozenset[str]
    pronouns: frozenset[str]
    generic_actor_words: frozenset[str]
    claimant_cut_deps: frozenset[str]
    claimant_keep_acl: frozenset[str]
    max_claimant_tokens: int
    max_about_chars: int
    dateline_dashes: frozenset[str]
    max_dateline_tokens: int
    near_chars: int
    pair_min_score: int
    pair_min_score_far: int
    stop_words: frozenset[str]
    irregular: dict[str, str]
    classes: dict[str, frozenset[str]]


def rules_from_dict(data: dict[str, Any]) -> ClaimRules:
    """Build rules from the JSON structure of ``claim_verbs.json``."""
    for name, stance in [*data["speech_verbs"].items(), *data["speech_nouns"].items()]:
        if stance is not None and stance not in STANCES:
            raise ValueError(f"{name}: unknown stance {stance!r}")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return ClaimRules(
        speech_verbs=dict(data["speech_verbs"]),
        speech_nouns=dict(data["speech_nouns"]),
        addressee_verbs=words("addressee_verbs"),
        light_verbs=words("light_verbs"),
        content_nouns=words("content_nouns"),
        strict_object_verbs=words("strict_object_verbs"),
        object_content_verbs=words("object_content_verbs"),
        according=tuple(tuple(p) for p in data["according"]),
        blocking_heads=words("blocking_heads"),
        negations=words("negations"),
        negative_determiners=words("negative_determiners"),
        negative_subjects=words("negative_subjects"),
        future_aux=words("future_aux"),
        deontic_aux=words("deontic_aux"),
        hypothetical_words=words("hypothetical_words"),
        threat_verbs=words("threat_verbs"),
        threat_passive_verbs=words("threat_passive_verbs"),
        restraint_verbs=words("restraint_verbs"),
        intention_words=words("intention_words"),
        uncertainty_words=words("uncertainty_words"),
        non_agentive_heads=words("non_agentive_heads"),
        pronouns=words("pronouns"),
        generic_actor_words=words("generic_actor_words"),
        claimant_cut_deps=words("claimant_cut_deps"),
        claimant_keep_acl=words("claimant_keep_acl"),
        max_claimant_tokens=int(data["max_claimant_tokens"]),
        max_about_chars=int(data["max_about_chars"]),
        dateline_dashes=frozenset(data["dateline_dashes"]),
        max_dateline_tokens=int(data["max_dateline_tokens"]),
        near_chars=int(data["near_chars"]),
        pair_min_score=int(data["pair_min_score"]),
        pair_min_score_far=int(data["pair_min_score_far"]),
        stop_words=words("stop_words"),
        irregular={k.lower(): v.lower() for k, v in data["irregular"].items()},
        classes={name: frozenset(w.lower() for w in items) for name, items in data["classes"].items()},
    )


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> ClaimRules:
    """Load and cache the packaged rules, or the rules file at ``path``."""
    try:
        if path is None:
            text = resources.files("sitroom.data").joinpath(RULES_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return rules_from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path or RULES_FILE, f"bad claim rules: {exc}") from exc
