"""Find speech acts in a parsed sentence: who says what ("X said Y", "according to X", "X issued a denial").

A speech act has an anchor (the speech verb, the light verb of "issued a denial", or
"according"), a claimant token range read from the dependency parse and a content range
(``predicates.py``). This module reconciles one sentence's candidates: participles that fill a
content-less act, acts nested in another's content, inherited claimants.
"""

from __future__ import annotations

import dataclasses
import logging

from .claimant import noun_phrase
from .predicates import SpeechAct, candidate
from .rules import ClaimRules
from .tree import SUBJECT_DEPS, Tree, trim

LOGGER = logging.getLogger(__name__)

__all__ = ["SpeechAct", "find_speech_acts"]

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})

def find_speech_acts(tree: Tree, rules: ClaimRules) -> list[SpeechAct]:
    """Return the sentence's speech acts that have both a claimant and a content.

    1. collect candidates: speech verbs, stance nouns, "according to X";
    2. drop "citing X" under another act (it names the other act's source);
    3. fill a content-less act ("issued a denial, citing X as saying Y") from the participle under it;
    4. drop acts nested in another act's content (the outer claimant reports them);
    5. give subject-less acts ("..., adding that") their governor's claimant, and cut claimants
       and back-referring nouns ("a charge X denied") out of contents.
    """
    acts = [a for a in (candidate(tree, tok.i, rules) for tok in tree.tokens) if a is not None]
    anchors = {a.anchor for a in acts}
    acts = [a for a in acts if a.kind != "according" or not anchors & set(tree.ancestors(a.anchor))]
    acts = _merge_participles(tree, acts)
    acts = [a for a in acts if not _nested(a, acts)]
    acts = [_without_claimant(tree, _inherit_claimant(tree, a, acts, rules)) for a in acts]
    acts = [_without_back_references(tree, a, acts) for a in acts]
    return [a for a in acts if a.claimant is not None and a.content is not None and _meaningful(tree, a.content)]


def _meaningful(tree: Tree, span: tuple[int, int]) -> bool:
    """A content of only pronouns and particles ("which the UN says ...") says nothing checkable."""
    return any(tree.tokens[k].pos in _CONTENT_POS for k in range(span[0], span[1] + 1))


def _merge_participles(tree: Tree, acts: list[SpeechAct]) -> list[SpeechAct]:
    """A content-less act takes the content of a speech participle below it ("citing X as saying Y")."""
    by_anchor = {a.anchor: a for a in acts}
    out = dict(by_anchor)
    for act in acts:
        if act.kind != "verb" or tree.tokens[act.anchor].tag != "VBG":
            continue
        outer = next((by_anchor[k] for k in tree.ancestors(act.anchor) if k in by_anchor), None)
        if outer is None or outer.content is not None or act.content is None:
            continue
        out[outer.anchor] = dataclasses.replace(outer, content=act.content, content_head=act.content_head,
                                                embedded=act.embedded)
        out.pop(act.anchor, None)
    return sorted(out.values(), key=lambda a: a.anchor)


def _nested(act: SpeechAct, acts: list[SpeechAct]) -> bool:
    """True when ``act`` is reported by another act ("X reported that Putin told Y ...").

    A dependent content nests every act inside its range; a content cut from the text around
    the verb ("<clause>, X said") nests only the act heading it, so "despite sources claiming
    ..." inside it stays a claim of its own.
    """
    if act.noun is not None:
        return False  # it refers back to a clause, it is not reported inside one
    for other in acts:
        if other.anchor == act.anchor or other.content is None:
            continue
        if other.embedded and other.content[0] <= act.anchor <= other.content[1]:
            return True
        if not other.embedded and other.content_head == act.anchor:
            return True
    return False


def _without_back_references(tree: Tree, act: SpeechAct, acts: list[SpeechAct]) -> SpeechAct:
    """'X said <clause>, a charge Y denied': X's content ends before Y's noun phrase."""
    if act.content is None:
        return act
    for other in acts:
        if other.noun is not None and other is not act and act.content[0] < other.noun <= act.content[1]:
            start = min(tree.subtree(other.noun))
            return dataclasses.replace(act, content=trim(tree, act.content[0], start - 1))
    return act


def _without_claimant(tree: Tree, act: SpeechAct) -> SpeechAct:
    """Cut the claimant out of a content that contains it ("..., the mayor of X said")."""
    if act.claimant is None or act.content is None:
        return act
    (c0, c1), (n0, n1) = act.content, act.claimant
    if not (c0 <= n0 and n1 <= c1):
        return act
    span = trim(tree, c0, n0 - 1) if n0 > c0 else trim(tree, n1 + 1, c1)
    return dataclasses.replace(act, content=span)


def _inherit_claimant(tree: Tree, act: SpeechAct, acts: list[SpeechAct], rules: ClaimRules) -> SpeechAct:
    """'..., adding that ...' / 'and added': a speech verb without a subject takes its governor's."""
    if act.claimant is not None:
        return act
    tok = tree.tokens[act.anchor]
    if tok.dep not in ("advcl", "conj", "xcomp", "pcomp", "prep") and act.kind != "noun":
        return act
    by_anchor = {a.anchor: a for a in acts}
    for k in tree.ancestors(act.anchor):
        if k in by_anchor and by_anchor[k].claimant is not None:
            return dataclasses.replace(act, claimant=by_anchor[k].claimant, claimant_head=by_anchor[k].claimant_head)
        subjects = [t for t in tree.children(k) if t.dep in SUBJECT_DEPS and t.dep != "expl"]
        if subjects:
            return dataclasses.replace(act, claimant=noun_phrase(tree, subjects[0].i, rules),
                                       claimant_head=subjects[0].i)
    return act
