"""Actor roles for a trigger: actor1 (who acts), actor2 (against whom), and their associates.

Cascade (each step only when the previous found nothing):
1. passive agent: "... were killed by X" -> actor1 X, the subject becomes actor2;
2. dependency subject of the trigger's verb, when the sentence is parsed;
3. position: the nearest actor before the trigger, extended left through "X and Y";
actor2 is the first actor after the trigger in its frame (preferring "on/against/with/from X"),
extended right through "and". Actors inside the attribution phrase never take a role.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Sequence

from ..model import ActorRef
from .sentences import Token

LOGGER = logging.getLogger(__name__)

_TARGET_PREPS = frozenset({"on", "against", "with", "from", "at", "targeting", "toward", "towards", "into"})
_CONJ = frozenset({"and", ",", "&", "plus", "the", "its", "their", "allied"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(slots=True, frozen=True)
class Placed:
    """An actor mention located at tokens [first, last] of the sentence."""

    actor: ActorRef
    first: int
    last: int


@dataclass(slots=True)
class Roles:
    """The actors chosen for one event frame."""

    actor1: Placed | None = None
    assoc1: list[Placed] = field(default_factory=list)
    actor2: Placed | None = None
    assoc2: list[Placed] = field(default_factory=list)


def assign_roles(tokens: Sequence[Token], trigger: tuple[int, int], frame: tuple[int, int], actors: Sequence[Placed]) -> Roles:
    """Pick actor1/actor2 (and associates) for the trigger tokens within frame [lo, hi]."""
    lo, hi = frame
    first, last = trigger
    inside = sorted((a for a in actors if lo <= a.first and a.last <= hi), key=lambda a: a.first)
    roles = Roles()
    agent = _passive_agent(tokens, last, inside)
    # An actor whose span runs into the trigger ("Israeli bombardments") modifies it: it acts.
    before = [a for a in inside if a.first < first]
    after = [a for a in inside if a.first > last]
    if agent is not None:
        roles.actor1, roles.assoc1 = agent, _chain_right(tokens, agent, after)
        patient = before[-1] if before else None
        if patient is not None:
            roles.actor2, roles.assoc2 = _chain_left(tokens, patient, before)
        return roles
    anchor = _dep_subject(tokens, trigger, before) or (before[-1] if before else None)
    if anchor is not None:
        roles.actor1, roles.assoc1 = _chain_left(tokens, anchor, before)
        named = _apposition(tokens, roles.actor1, inside)
        if named is not None:
            # "A top Iranian official, Ali Larijani, met ...": the named person acts for Iran.
            roles.assoc1 = [roles.actor1, *roles.assoc1]
            roles.actor1 = named
        else:
            head = next((a for a in before if _apposition(tokens, a, [roles.actor1]) is roles.actor1), None)
            if head is not None and head.actor.name not in {a.actor.name for a in roles.assoc1}:
                roles.assoc1 = [head, *roles.assoc1]
    between = _between(tokens, last, after)
    if roles.actor1 is None and between is not None:
        roles.actor1, roles.actor2 = between  # "clashes between the army and IS fighters"
        return roles
    target = _target(tokens, last, after)
    if target is not None:
        roles.actor2, roles.assoc2 = target, _chain_right(tokens, target, after)
        if roles.actor1 is None and _source_of_noun(tokens, trigger, target):
            # "Reinforcements from X", "an attack by X": the noun's source acts.
            roles.actor1, roles.assoc1, roles.actor2, roles.assoc2 = roles.actor2, roles.assoc2, None, []
    _drop_same(roles)
    return roles


def _between(tokens: Sequence[Token], last: int, after: Sequence[Placed]) -> tuple[Placed, Placed] | None:
    if len(after) < 2 or not any(t.text.lower() == "between" for t in tokens[last + 1 : last + 3]):
        return None
    first, second = after[0], after[1]
    gap = [t.text.lower() for t in tokens[first.last + 1 : second.first]]
    return (first, second) if "and" in gap and len(gap) <= 6 else None


def _source_of_noun(tokens: Sequence[Token], trigger: tuple[int, int], target: Placed) -> bool:
    head = tokens[trigger[1]]
    nominal = head.pos in ("NOUN", "PROPN") if head.pos else not head.text.lower().endswith("ed")
    gap = [t.text.lower() for t in tokens[trigger[1] + 1 : target.first]]
    return nominal and bool(gap) and gap[0] in ("from", "by")


def _passive_agent(tokens: Sequence[Token], last: int, inside: Sequence[Placed]) -> Placed | None:
    for k in range(last + 1, min(len(tokens), last + 4)):
        if tokens[k].text.lower() == "by":
            return next((a for a in inside if a.first in (k + 1, k + 2)), None)
    return None


def _dep_subject(tokens: Sequence[Token], trigger: tuple[int, int], before: Sequence[Placed]) -> Placed | None:
    """The actor heading the subject of the trigger's verb, when a parse says so."""
    if not before or not any(t.dep for t in tokens):
        return None
    verb = _governing_verb(tokens, trigger[0])
    for tok in tokens:
        if tok.head == verb and tok.dep in _SUBJ_DEPS and tok.i != verb:
            for actor in reversed(before):
                if actor.first <= tok.i <= actor.last:
                    return actor
    return None


def _apposition(tokens: Sequence[Token], actor: Placed, inside: Sequence[Placed]) -> Placed | None:
    """A person named in apposition right after ``actor`` (", Ali Larijani,")."""
    for other in inside:
        gap = [t.text for t in tokens[actor.last + 1 : other.first]]
        closes = other.last + 1 < len(tokens) and tokens[other.last + 1].text == ","
        if other.actor.type == "person" and actor.actor.type != "person" and gap == [","] and closes:
            return other
    return None


def _governing_verb(tokens: Sequence[Token], k: int) -> int:
    seen = set()
    while tokens[k].pos not in ("VERB", "AUX") and tokens[k].head != k and k not in seen:
        seen.add(k)
        k = tokens[k].head
    return k


def _target(tokens: Sequence[Token], last: int, after: Sequence[Placed]) -> Placed | None:
    for actor in after:
        gap = [t.text.lower() for t in tokens[last + 1 : actor.first]]
        if any(w in _TARGET_PREPS for w in gap[-3:]) or len(gap) <= 3:
            return actor
    return None


def _chain_left(tokens: Sequence[Token], anchor: Placed, before: Sequence[Placed]) -> tuple[Placed, list[Placed]]:
    chain = [anchor]
    for actor in reversed([a for a in before if a.last < anchor.first]):
        gap = [t.text.lower() for t in tokens[actor.last + 1 : chain[-1].first]]
        # "A, B and C" is a list; "an Iranian official, Ali Larijani," is an apposition: the
        # link nearest the trigger must be "and" for commas to list.
        listed = gap and all(w in _CONJ for w in gap) and (len(chain) > 1 or "and" in gap or "&" in gap)
        if listed:
            chain.append(actor)
        else:
            break
    chain.reverse()
    return chain[0], [a for a in chain[1:] if a.actor.name != chain[0].actor.name]


def _chain_right(tokens: Sequence[Token], anchor: Placed, after: Sequence[Placed]) -> list[Placed]:
    chain = [anchor]
    for actor in [a for a in after if a.first > anchor.last]:
        gap = [t.text.lower() for t in tokens[chain[-1].last + 1 : actor.first]]
        if gap and all(w in _CONJ for w in gap):
            chain.append(actor)
        else:
            break
    return [a for a in chain[1:] if a.actor.name != anchor.actor.name]


def _drop_same(roles: Roles) -> None:
    # One actor cannot fight itself: a repeated mention after the trigger is not actor2.
    if roles.actor1 is not None and roles.actor2 is not None and roles.actor1.actor.name == roles.actor2.actor.name:
        roles.actor2, roles.assoc2 = None, []
