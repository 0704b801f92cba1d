"""Word lists for the event rules, loaded from ``sitroom/data/events_lexicon.json``.

The code only interprets these lists; adding a hedge word or a modal is a data change.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

LEXICON_FILE = "events_lexicon.json"
# Words, "n't" kept whole (as spaCy does), hyphens and other punctuation as their own tokens.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|\w+?(?=n['’]t\b)|n['’]t\b|\w+|[^\w\s]")
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


@dataclass(slots=True, frozen=True)
class Lexicon:
    """The extractor's word lists (all lowercase; phrases as tuples of words)."""

    irregular: dict[str, str]
    hedges: tuple[tuple[str, ...], ...]
    attribution_verbs: tuple[tuple[str, ...], ...]
    modals: tuple[tuple[str, ...], ...]
    negations: tuple[tuple[str, ...], ...]
    history: tuple[tuple[str, ...], ...]
    recent: tuple[tuple[str, ...], ...]
    perfect_markers: tuple[tuple[str, ...], ...]
    caption_markers: tuple[str, ...]
    aggregate_nouns: frozenset[str]
    aggregate_markers: tuple[tuple[str, ...], ...]
    vague_numbers: dict[str, int]
    quantity_nouns: dict[str, tuple[str, ...]]
    killed_words: frozenset[str]
    clause_breaks: tuple[tuple[str, ...], ...]
    place_prepositions: frozenset[str]
    withdrawal_words: frozenset[str] = frozenset()


def words(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way the tokenizer does (words, apostrophe parts and punctuation)."""
    return tuple(m.group().lower() for m in TOKEN_RE.finditer(phrase))


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(words(p) for p in items)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the lexicon from ``path`` or the packaged file; InputError names a bad file."""
    raw = _read(path)
    try:
        return Lexicon(
            irregular=dict(raw["irregular"]),
            hedges=_phrases(raw["hedges"]),
            attribution_verbs=_phrases(raw["attribution_verbs"]),
            modals=_phrases(raw["modals"]),
            negations=_phrases(raw["negations"]),
            history=_phrases(raw["history"]),
            recent=_phrases(raw["recent"]),
            perfect_markers=_phrases(raw["perfect_markers"]),
            caption_markers=tuple(raw["caption_markers"]),
            aggregate_nouns=frozenset(raw["aggregate_nouns"]),
            aggregate_markers=_phrases(raw["aggregate_markers"]),
            vague_numbers=dict(raw["vague_numbers"]),
            quantity_nouns={k: tuple(v) for k, v in raw["quantity_nouns"].items()},
            killed_words=frozenset(raw["killed_words"]),
            clause_breaks=_phrases(raw["clause_breaks"]),
            place_prepositions=frozenset(raw["place_prepositions"]),
            withdrawal_words=frozenset(raw.get("withdrawal_words", ())),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(path or LEXICON_FILE, f"bad events lexicon: {exc!r}") from exc


def _read(path: str | None) -> dict[str, Any]:
    try:
        if path is None:
            text = resources.files("sitroom.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(path or LEXICON_FILE, str(exc)) from exc
    if not isinstance(data, dict):
        raise InputError(path or LEXICON_FILE, "events lexicon must be a JSON object")
    return data


def word_forms(word: str, lemma: str, lexicon: Lexicon) -> frozenset[str]:
    """Forms a token may match: its text, lemma, irregular base and crude suffix stems."""
    low = word.lower()
    forms = {low, lemma.lower()}
    if low in lexicon.irregular:
        forms.add(lexicon.irregular[low])
    forms.update(_stems(low))
    return frozenset(forms)


@functools.lru_cache(maxsize=65536)
def _stems(low: str) -> frozenset[str]:
    # Crude English de-inflection so parse-less text still meets lemma patterns; over-stemmed
    # junk is harmless because patterns are whole known words.
    out: set[str] = set()
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: len(low) - len(suffix)] + repl
            out.add(stem)
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "shelled" -> "shell" stays; "stopped" -> "stop"
    return frozenset(out)
