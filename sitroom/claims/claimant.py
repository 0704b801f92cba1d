"""The claimant's noun phrase: "two Iraqi security sources", "The head of Iraq's Popular Mobilisation Forces".

A phrase is its head's subtree without relative clauses, appositions, clausal modifiers and
date phrases ("a report from TASS on Friday" -> "a report from TASS"), cut to one line.
"""

from __future__ import annotations

import logging
from .rules import ClaimRules
from .tree import Tree, span_of, trim

LOGGER = logging.getLogger(__name__)

Range = tuple[int, int]
_DATE_ENTS = frozenset({"DATE", "TIME"})
# Dependencies inside a noun phrase that "the X of Y" can climb through to reach its head.
_NP_DEPS = frozenset({"pobj", "prep", "compound", "amod", "poss", "det", "nummod", "case"})


def noun_phrase(tree: Tree, head: int, rules: ClaimRules, others: list[int] | None = None,
                exclude: int | None = None, line_of: int | None = None) -> Range | None:
    """Token range of the phrase headed by ``head``; adjacent ``others`` (a split subject) join it.

    The phrase keeps one line: the line of ``line_of`` when given, else the head's.
    """
    kept = _kept(tree, head, rules, exclude)
    first, last = _run_around(kept, head)
    grown = True
    while grown:
        grown = False
        for other in others or []:
            span = span_of(_kept(tree, other, rules, exclude))
            if span is not None and (span[1] + 1 == first or last + 1 == span[0]) and other not in range(first, last + 1):
                first, last = min(first, span[0]), max(last, span[1])
                grown = True
    keep = head if line_of is None else min(max(line_of, first), last)
    span = trim(tree, first, last, frozenset(), keep)
    if span is None:
        return None
    first, last = span
    head = min(max(head, first), last)
    cap = rules.max_claimant_tokens
    if last - first + 1 > cap:
        # Keep the head: long phrases are cut after it ("the leader of ... forces, who ...").
        first = max(first, head - cap + 1)
        last = min(last, first + cap - 1)
    return trim(tree, first, last, frozenset(), head)


def _kept(tree: Tree, head: int, rules: ClaimRules, exclude: int | None) -> set[int]:
    cut = {k for k in tree.subtree(head) if k != head and _cut(tree, k, rules)}
    if exclude is not None:
        cut.add(exclude)
    return tree.subtree(head, frozenset(cut)) - ({exclude} if exclude is not None else set())


def _cut(tree: Tree, k: int, rules: ClaimRules) -> bool:
    tok = tree.tokens[k]
    if tok.dep == "prep" and any(t.ent_type in _DATE_ENTS for t in tree.children(k, "pobj")):
        return True  # "on Friday" dates the report, it does not name the source
    if tok.dep not in rules.claimant_cut_deps:
        return False
    return not (tok.dep == "acl" and tok.lemma.lower() in rules.claimant_keep_acl)


def _run_around(kept: set[int], head: int) -> Range:
    """The longest run of consecutive indices in ``kept`` that contains ``head``."""
    first = last = head
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    return first, last


def subject_phrase(tree: Tree, verb: int, rules: ClaimRules) -> Range | None:
    """The speech verb's subject phrase.

    With several subjects (a parse split like "agency | Tasnim" or a stray fragment), the nearest
    common-noun subject wins ("the leader of ... , now called X, expressed"), else the nearest.
    """
    subjects = [t for t in tree.children(verb, "nsubj", "csubj") if t.pos != "SCONJ"]
    if not subjects:
        return None
    nouns = [t for t in subjects if t.pos in ("NOUN", "PRON")]
    pool = nouns or subjects
    nearest = min(pool, key=lambda t: abs(t.i - verb))
    if nearest.tag in ("WDT", "WP") and tree.tokens[verb].dep == "relcl":
        # "Moscow, which denies ...": the relative pronoun stands for the noun the clause modifies.
        return noun_phrase(tree, tree.tokens[verb].head, rules, exclude=verb)
    # "BATTLE FOR HOMS\n\nThe Homs resident said": a heading glued on; keep the line next to the verb.
    side = verb - 1 if nearest.i < verb else verb + 1
    return noun_phrase(tree, nearest.i, rules, [s.i for s in subjects if s.i != nearest.i], line_of=side)


def preceding_phrase(tree: Tree, verb: int, rules: ClaimRules) -> Range | None:
    """A noun phrase ending right before a subject-less verb ("..., the leader of X reported that")."""
    k = verb - 1
    while k >= 0 and not tree.tokens[k].text.strip():
        k -= 1
    if k < 0 or tree.tokens[k].pos not in ("NOUN", "PROPN"):
        return None
    cur = k
    while tree.tokens[cur].dep in _NP_DEPS:
        parent = tree.tokens[cur].head
        if parent == cur or max(tree.subtree(parent)) != k:
            break
        cur = parent
    if tree.tokens[cur].pos not in ("NOUN", "PROPN"):
        return None
    return noun_phrase(tree, cur, rules)
