"""Mentions the dictionary scan missed: NER candidate spans and "X Brigade"-style names.

A candidate span is looked up (exact, then fuzzy); when the registry does not know it and it
looks like an organisation or group, it becomes a provisional actor (``provisional=True``)
named by its cleaned surface, with a type guessed from its head noun. Provisional mentions
are merged within the article by key and by fuzzy ratio, so "Free Alawite Brigade" and
"Free Alawite Brigades" are one actor. Nothing that looks like a group is silently dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from rapidfuzz import fuzz

from ..model import ActorRef, Evidence
from .actor_text import fold_text, norm_key

if TYPE_CHECKING:
    from .actors import ActorRegistry

LOGGER = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_EDGE = re.compile(r"^[\s\"'“”‘’(\[]+|[\s\"'“”‘’)\],.;:!?]+$")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_STOP_CAPS = frozenset({"The", "A", "An", "In", "On", "At", "But", "And", "Its", "Their", "His", "Her", "This", "That",
                        "These", "Those", "Some", "Many", "Several", "When", "While", "After", "Before", "As", "If",
                        "According", "Meanwhile", "Both", "Two", "Three", "For", "From", "By", "With", "Of", "To"})


@dataclass(slots=True)
class _Group:
    name: str
    key: str
    type: str


class Provisional:
    """Resolve candidate spans and head-noun patterns; create and merge provisional actors."""

    def __init__(self, registry: ActorRegistry) -> None:
        rules = registry.rules["provisional"]
        self.registry = registry
        self.heads: dict[str, str] = rules["heads"]
        self.labels: dict[str, str] = rules["labels"]
        self.connectors = frozenset(rules["connectors"])
        self.not_actors = frozenset(fold_text(w) for w in rules["not_actors"])
        self.merge_ratio = float(rules["merge_ratio"])
        heads = sorted(rules["pattern_heads"], key=len, reverse=True)
        self.head_re = re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")\b")

    def resolve(self, text: str, folded: str, article_id: str, refs: Sequence[ActorRef],
                candidates: Iterable[tuple[int, int, str]], context: str | None, day: str | None) -> list[ActorRef]:
        """Refs for candidate spans and head-noun names not already covered by ``refs``."""
        taken = [(r.evidence.start, r.evidence.end) for r in refs]
        # NER spans first; head-noun names only fill what NER missed.
        spans = sorted(candidates, key=lambda x: (x[0], -x[1])) + list(self._pattern_spans(text, taken))
        out: list[ActorRef] = []
        groups: list[_Group] = []
        for start, end, label in spans:
            start, end = _clean(text, start, end)
            if end <= start or any(start < e and s < end for s, e in taken):
                continue
            ref = self._one(text, folded, article_id, start, end, label, context, day, groups)
            if ref is not None:
                taken.append((start, end))
                out.append(ref)
        return out

    def _one(self, text: str, folded: str, article_id: str, start: int, end: int, label: str,
             context: str | None, day: str | None, groups: list[_Group]) -> ActorRef | None:
        surface = text[start:end]
        locative = self.registry.index.is_locative(text, folded, start)
        idx = self.registry.resolve_index(surface, context, day, locative)
        if idx is not None:
            return self.registry.make_ref(idx, text, article_id, start, end)
        if label in PLACE_LABELS:
            return None  # an unknown place name is the gazetteer's business, not an actor
        kind = self.guess_type(surface, label)
        if kind is None:
            return None
        name = self._merge(surface, kind, groups)
        return ActorRef(name=name, alias_matched=surface, type=kind,
                        evidence=Evidence(article_id, start, end, surface), provisional=True)

    def guess_type(self, surface: str, label: str) -> str | None:
        """Actor type from the head noun, else from the NER label; None for non-actors."""
        words = fold_text(surface).split()
        if not words or fold_text(surface) in self.not_actors:
            return None
        if label == "NORP" and norm_key(words[-1]) in self.registry._demonyms:
            return None  # "Syrian", "Kurdish": adjectives, not groups
        head = words[-1].strip(".,")
        if head in self.heads and len(words) > 1:
            return self.heads[head]
        return self.labels.get(label)

    def _merge(self, surface: str, kind: str, groups: list[_Group]) -> str:
        key = " ".join(norm_key(w) for w in fold_text(surface).replace("-", " ").split())
        for group in groups:
            if group.key == key or fuzz.ratio(group.key, key) >= self.merge_ratio:
                return group.name
            # Why: reporters give a person's full name once, then the surname alone.
            if kind == "person" == group.type and " " not in key and group.key.split()[-1] == key:
                return group.name
        groups.append(_Group(surface, key, kind))
        return surface

    def _pattern_spans(self, text: str, taken: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
        """Capitalised names ending in a group head noun ("Free Alawite Brigade")."""
        occupied = bytearray(len(text))
        for s, e in taken:
            occupied[s:e] = b"\x01" * (e - s)
        for head in self.head_re.finditer(text):
            if occupied[head.start()]:
                continue  # the head word is part of a known actor's name ("Syrian Democratic Forces")
            line_start = max(text.rfind("\n", 0, head.start()) + 1, head.start() - 80)
            words = list(_WORD.finditer(text, line_start, head.start()))
            start = None
            for word in reversed(words):
                token = word.group()
                if token[-1] in ",.;:)!?\"”" or token.startswith(("(", "\"", "“")):
                    break
                if token[0].isupper() or token.lower() in self.connectors or token.lower().split("-")[0] in self.connectors:
                    start = word.start()
                    continue
                break
            if start is None:
                continue
            start = self._trim_leading(text, start, head.start())
            if start is not None:
                yield start, head.end(), "ORG"

    def _trim_leading(self, text: str, start: int, head_start: int) -> int | None:
        """Drop leading stop words and connectors; None when no capitalised qualifier is left."""
        words = list(_WORD.finditer(text, start, head_start))
        # "Fighters of the Coastal Shield Brigade", "Later the Free Alawite Brigades": the name
        # starts after the last lower-case "of", "the" or "for".
        cuts = [i for i, w in enumerate(words) if w.group() in ("of", "the", "for")]
        if cuts:
            words = words[cuts[-1] + 1:]
        while words and (words[0].group() in _STOP_CAPS or words[0].group().lower() in self.connectors):
            words.pop(0)
        if not words:
            return None
        qualifiers = [w.group() for w in words if w.group()[0].isupper()]
        if not qualifiers or all(fold_text(q).strip(".,'’s") in self.not_actors or
                                 norm_key(fold_text(q)) in self.registry._demonyms for q in qualifiers):
            return None
        return words[0].start()


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim quotes, punctuation, a leading article and a trailing possessive off a span."""
    surface = text[start:end]
    lead = _EDGE.match(surface)
    if lead and lead.end() < len(surface):
        start += lead.end()
    surface = text[start:end]
    article = _LEADING.match(surface)
    if article and article.end() < len(surface):
        start += article.end()
    surface = text[start:end]
    trail = re.search(r"[\s\"'“”‘’)\],.;:!?]+$", surface)
    if trail and trail.start() > 0:
        end = start + trail.start()
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive and possessive.start() > 0:
        end = start + possessive.start()
    return start, end
