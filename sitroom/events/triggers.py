"""Trigger rules as data: lemma patterns per ACLED sub-event type, and a matcher over tokens.

``sitroom/data/triggers.jsonl`` holds one rule a line::

    {"id": "air", "sub_event_type": "Air/drone strike", "priority": 90,
     "patterns": ["airstrike", "air strike", "drone hit|strike", "launch * rocket|missile"],
     "state_sub": "...", "nonstate_sub": "...", "civilian_sub": "...", "armed_sub": "...",
     "needs_place": false, "infinitive_ok": false, "exclude": ["hunger strike"]}

Pattern syntax: words separated by spaces; ``a|b`` alternatives; ``*`` a gap of up to four
tokens; ``@PLACE`` a token that starts a resolved place. A word matches a token's text, lemma,
irregular base or crude stem. Higher ``priority`` wins when triggers compete in one clause.
``swap_roles`` makes the clause's second actor actor1 ("YPG pulled out under a deal with rebels":
the rebels acquire the territory). ``consequence`` marks triggers ("killed") that, alone in a clause after another frame, only
report that frame's toll. ``exclude`` patterns veto a match on the tokens they cover; ``infinitive_ok`` keeps "to protest"
and "to disperse" (a purpose clause that still reports the act).
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence

from ..errors import InputError
from .codebook import SUB_EVENT_TYPES
from .lexicon import MONTHS, Lexicon, load_lexicon, word_forms, words
from .sentences import Sentence, Token

LOGGER = logging.getLogger(__name__)

TRIGGERS_FILE = "triggers.jsonl"
GAP = 4
PLACE = "@place"


@dataclass(slots=True, frozen=True)
class Rule:
    """One trigger rule: compiled patterns and the sub-event types it yields."""

    id: str
    sub_event_type: str
    priority: int
    patterns: tuple[tuple[frozenset[str], ...], ...]
    state_sub: str | None = None
    nonstate_sub: str | None = None
    civilian_sub: str | None = None
    armed_sub: str | None = None
    needs_place: bool = False
    infinitive_ok: bool = False
    consequence: bool = False
    swap_roles: bool = False
    exclude: tuple[tuple[frozenset[str], ...], ...] = ()


@dataclass(slots=True, frozen=True)
class TriggerMatch:
    """A rule matched on tokens [first, last] of a sentence; ``start``/``end`` are article offsets."""

    rule: Rule
    first: int
    last: int
    start: int
    end: int
    head: int


def compile_pattern(pattern: str) -> tuple[frozenset[str], ...]:
    """Compile ``"launch * rocket|missile"`` into per-slot sets of accepted words."""
    slots: list[frozenset[str]] = []
    for part in pattern.strip().split(" "):
        if part == "*":
            slots.append(frozenset({"*"}))
        elif part.lower() == PLACE:
            slots.append(frozenset({PLACE}))
        else:
            # A hyphenated or punctuated word becomes several token slots, as the tokenizer splits it;
            # "@PLACE" may be one alternative of a slot ("town|city|@PLACE").
            raw = part.split("|")
            marker = {PLACE} if any(a.lower() == PLACE for a in raw) else set()
            alternatives = [words(alt) for alt in raw if alt.lower() != PLACE]
            if all(len(a) == 1 for a in alternatives):
                slots.append(frozenset({a[0] for a in alternatives} | marker))
            else:
                slots.extend(frozenset({w}) for w in alternatives[0])
    return tuple(slots)


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """Load trigger rules from ``path`` or the packaged file; InputError names a bad line."""
    name = path or TRIGGERS_FILE
    try:
        if path is None:
            text = resources.files("sitroom.data").joinpath(TRIGGERS_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(name, str(exc)) from exc
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            rules.append(_rule(name, number, line))
    return tuple(sorted(rules, key=lambda r: -r.priority))


def _rule(name: str, number: int, line: str) -> Rule:
    try:
        raw = json.loads(line)
        rule = Rule(
            id=raw["id"],
            sub_event_type=raw["sub_event_type"],
            priority=int(raw["priority"]),
            patterns=tuple(compile_pattern(p) for p in raw["patterns"]),
            state_sub=raw.get("state_sub"),
            nonstate_sub=raw.get("nonstate_sub"),
            civilian_sub=raw.get("civilian_sub"),
            armed_sub=raw.get("armed_sub"),
            needs_place=bool(raw.get("needs_place", False)),
            infinitive_ok=bool(raw.get("infinitive_ok", False)),
            consequence=bool(raw.get("consequence", False)),
            swap_roles=bool(raw.get("swap_roles", False)),
            exclude=tuple(compile_pattern(p) for p in raw.get("exclude", [])),
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(name, f"line {number}: bad trigger rule: {exc!r}") from exc
    for sub in (rule.sub_event_type, rule.state_sub, rule.nonstate_sub, rule.civilian_sub, rule.armed_sub):
        if sub is not None and sub not in SUB_EVENT_TYPES:
            raise InputError(name, f"line {number}: unknown sub-event type {sub!r}")
    return rule


def find_triggers(
    sentence: Sentence,
    rules: Sequence[Rule] | None = None,
    place_starts: frozenset[int] = frozenset(),
    lexicon: Lexicon | None = None,
) -> list[TriggerMatch]:
    """Return every rule match in ``sentence``, longest first at each position, no overlaps per rule."""
    rules = tuple(rules) if rules is not None else load_rules()
    lexicon = lexicon or load_lexicon()
    forms = [_forms(tok, k, lexicon) for k, tok in enumerate(sentence.tokens)]
    starts = [tok.start in place_starts for tok in sentence.tokens]
    all_ends = _all_ends(_index(rules), forms, starts)
    found: list[TriggerMatch] = []
    for rule_no, rule in enumerate(rules):
        ends = all_ends.get((rule_no, False))
        if not ends:
            continue
        taken = _covered(all_ends.get((rule_no, True), {}))
        for k in sorted(ends):
            span = set(range(k, ends[k] + 1))
            if not taken & span:
                taken |= span
                found.append(_match(rule, sentence.tokens, k, ends[k]))
    return found


_Entry = tuple[int, bool, tuple[frozenset[str], ...]]


@functools.lru_cache(maxsize=8)
def _index(rules: tuple[Rule, ...]) -> tuple[dict[str, list[_Entry]], list[_Entry]]:
    """Patterns by their first word, so each token tries only patterns that can start on it."""
    by_word: dict[str, list[_Entry]] = {}
    anywhere: list[_Entry] = []
    for rule_no, rule in enumerate(rules):
        for exclude, patterns in ((False, rule.patterns), (True, rule.exclude)):
            for pattern in patterns:
                entry = (rule_no, exclude, pattern)
                if "*" in pattern[0] or PLACE in pattern[0]:
                    anywhere.append(entry)
                    continue
                for word in pattern[0] - {"*", PLACE}:
                    by_word.setdefault(word, []).append(entry)
    return by_word, anywhere


def _all_ends(index: tuple[dict[str, list[_Entry]], list[_Entry]], forms: list[frozenset[str]],
              starts: list[bool]) -> dict[tuple[int, bool], dict[int, int]]:
    """(rule, is_exclude) -> start token -> last token of the longest match starting there."""
    by_word, anywhere = index
    ends: dict[tuple[int, bool], dict[int, int]] = {}
    for k, token_forms in enumerate(forms):
        entries = [e for f in token_forms for e in by_word.get(f, ())] + anywhere
        for rule_no, is_exclude, pattern in entries:
            end = _match_at(pattern, 0, forms, starts, k)
            if end is not None:
                per_rule = ends.setdefault((rule_no, is_exclude), {})
                if end > per_rule.get(k, -1):
                    per_rule[k] = end
    return ends


def _covered(ends: dict[int, int]) -> set[int]:
    return {k for start, end in ends.items() for k in range(start, end + 1)}


def _forms(tok: Token, k: int, lexicon: Lexicon) -> frozenset[str]:
    # Capitalised month names ("in March", "May 7") are dates, never triggers.
    if k > 0 and tok.text[:1].isupper() and tok.text.lower() in MONTHS:
        return frozenset()
    return word_forms(tok.text, tok.lemma, lexicon)


def _match_at(
    pattern: tuple[frozenset[str], ...], p: int, forms: list[frozenset[str]], starts: list[bool], k: int
) -> int | None:
    """Return the last token index of a match of pattern[p:] starting at token k, else None."""
    if k >= len(forms):
        return None
    slot = pattern[p]
    if "*" in slot:
        for skip in range(GAP + 1):
            end = _match_at(pattern, p + 1, forms, starts, k + skip)
            if end is not None:
                return end
        return None
    ok = (PLACE in slot and starts[k]) or bool(slot & forms[k])
    if not ok:
        return None
    if p == len(pattern) - 1:
        return k
    return _match_at(pattern, p + 1, forms, starts, k + 1)


def _match(rule: Rule, tokens: Sequence[Token], first: int, last: int) -> TriggerMatch:
    head = first
    # The head of a multi-word trigger is its first verb or noun, for dependency roles.
    for k in range(first, last + 1):
        if tokens[k].pos in ("VERB", "NOUN", "PROPN"):
            head = k
            break
    return TriggerMatch(rule, first, last, tokens[first].start, tokens[last].end, head)
