"""Stated relations between actors: who backs, leads, is part of, allies with, fights or talks to whom.

Rules are data (``sitroom/data/affiliation_patterns.json``); this module interprets them over
the actor mentions of one article, sentence by sentence:

1. compounds: "Iran-backed Iraqi militias", "US-led coalition";
2. phrases after an actor: "rebels led by HTS", "a group allied with ...", "under IRGC command";
3. roles: "the main rebels' backer Turkey", "Nabih Berri, a Hezbollah ally";
4. titles: "Iranian Foreign Minister Abbas Araqchi" (see affiliation_rules);
5. verbs and pairs: "X fought Y", "Israel's battle with Hezbollah", "foreign ministers of A, B and C".

Every relation carries an Evidence span that slices the article text exactly. Relations
marked as past ("formerly affiliated with al-Qaeda") are not recorded.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Iterable, Mapping, Sequence

from ..model import ActorRef, Evidence, Relation
from .actor_data import load_json
from .actors import ActorRegistry, default_registry
from .affiliation_rules import RuleContext, Sentence, run_rules

LOGGER = logging.getLogger(__name__)

RELATIONS = frozenset({"backs", "allied_with", "part_of", "leads", "fights", "negotiates_with"})
SYMMETRIC = frozenset({"allied_with", "fights", "negotiates_with"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")


def find_affiliations(text: str, article_id: str, refs: Sequence[ActorRef],
                      registry: ActorRegistry | None = None,
                      patterns: Mapping[str, Any] | None = None) -> list[Relation]:
    """Return the relations between actors that ``text`` states.

    Args:
        text: the article text (the one ``refs`` index into).
        article_id: recorded in ``docs`` and on every Evidence.
        refs: actor mentions from ``resolve_mentions`` for this text.
        registry: the actor registry (the packaged one when None).
        patterns: rule data (the packaged affiliation_patterns.json when None).

    Returns:
        Relations in text order, one per (source, relation, target) and article.
    """
    reg = registry or default_registry()
    rules = patterns if patterns is not None else _packaged_patterns()
    context = RuleContext(text=text, registry=reg, rules=rules, compiled=_compiled(rules))
    ordered = sorted(refs, key=lambda r: (r.evidence.start, -r.evidence.end))
    previous: Sentence | None = None
    for start, end in split_sentences(text):
        inside = [r for r in ordered if start <= r.evidence.start and r.evidence.end <= end]
        sentence = Sentence(start, end, inside, previous)
        run_rules(context, sentence)
        previous = sentence
    return _relations(context, article_id)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: lines, split after ., ! or ? before a capital."""
    spans = []
    for line in _LINE.finditer(text):
        start = line.start()
        for brk in _SENTENCE_END.finditer(text, line.start(), line.end()):
            spans.append((start, brk.start()))
            start = brk.end()
        spans.append((start, line.end()))
    return [(s, e) for s, e in spans if e > s]


def _relations(context: RuleContext, article_id: str) -> list[Relation]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for source, relation, target, start, end in sorted(context.found, key=lambda f: (f[3], f[4])):
        if source == target or relation not in RELATIONS:
            continue
        key = (source, relation, target)
        mirror = (target, relation, source)
        if key in seen or (relation in SYMMETRIC and mirror in seen):
            continue
        seen.add(key)
        evidence = Evidence(article_id, start, end, context.text[start:end])
        out.append(Relation(source=source, relation=relation, target=target, docs=(article_id,), evidence=evidence))
    return out


@functools.lru_cache(maxsize=1)
def _packaged_patterns() -> Mapping[str, Any]:
    return load_json("affiliation_patterns.json")  # type: ignore[no-any-return]


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_COMPILED: dict[int, dict[str, re.Pattern[str]]] = {}


def _compiled(rules: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    """Regexes built from the rule data, cached per rules object."""
    cached = _COMPILED.get(id(rules))
    if cached is not None:
        return cached
    titles = rules["titles"]
    adjectives = _alternation(rules["role_adjectives"])
    compiled = {
        # The hyphenated word first (a literal "-" is fast to find), the backer's words after.
        "compound": re.compile(r"-(" + _alternation(rules["compound"]) + r")\b", re.I),
        "compound_left": re.compile(r"([\w.’']+(?:\s[\w’']+)?)$"),
        # Verbs and linking phrases are matched in lower case, as prose writes them mid-sentence.
        "after": re.compile(r"\b(" + _alternation(p["phrase"] for p in rules["after_subject"]) + r")\b"),
        "under": re.compile(r"\bunder\s+(?:the\s+)?([\w’'.-]+(?:\s[\w’'.-]+)?)\s+("
                            + _alternation(rules["under_command"]["words"]) + r")\b", re.I),
        "role": re.compile(r"^['’]?s?\s+(?:(?:" + adjectives + r")\s+){0,2}("
                           + _alternation(rules["possessive_roles"]) + r")\b,?\s*$", re.I),
        "appositive": re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:(?:" + adjectives + r")\s+){0,2}$", re.I),
        "appositive_role": re.compile(r"\s+(" + _alternation(rules["appositive_roles"]) + r")\b", re.I),
        "title_tail": re.compile(r"\b(" + _alternation(titles["leads"] + titles["part_of"])
                                 + r")\s*,?\s+(?:(?:" + _alternation(titles["honorifics"]) + r")\s+)*$", re.I),
        "title_after": re.compile(r"\s*,\s*(?:(?:the|a|an)\s+)?(?:(?:" + adjectives + r")\s+){0,2}("
                                  + _alternation(titles["leads"] + titles["part_of"]) + r")\s+(?:of|for|at)\s+(?:the\s+)?$",
                                  re.I),
        "past": re.compile(r"\b(?:" + _alternation(rules["past_markers"]) + r")\s+(?:\w+\s+)?$", re.I),
        "pair_between": re.compile(r"\b(" + _alternation(rules["pairs"]["between"]) + r")\s+between\s+(?:the\s+)?$",
                                   re.I),
        "pair_ministers": re.compile(r"\b(?:" + _alternation(rules["pairs"]["ministers"]) + r")\s+(?:of|from)\s+(?:the\s+)?",
                                     re.I),
        "demonym_pair": re.compile(r"\b([A-Z][\w’'-]+)\s+and\s+([A-Z][\w’'-]+)\s+(?:" + _alternation(
            rules["pairs"]["ministers"]) + r")\b"),
        "fight_noun": re.compile(r"^['’]?s?\s+(?:[\w-]+\s+){0,2}?(?:" + _alternation(rules["fight_nouns"])
                                 + r")\s+(?:with|against)\s+(?:the\s+)?$", re.I),
    }
    # "took the town of Tel Rifaat from the Kurdish YPG", but not "retook it with help from Russia".
    compiled["taken_from"] = re.compile(r"(?:(?!\b(?:with|help|support|backing)\b)[^.;:!?]){0,40}?\bfrom\s+", re.I)
    # One pass for all verbs; the named group says which relation the verb states.
    compiled["verbs"] = re.compile(r"\b(?:" + "|".join(
        f"(?P<{relation}>{_alternation(verbs)})" for relation, verbs in rules["verbs"].items()) + r")\b")
    _COMPILED[id(rules)] = compiled
    return compiled
