"""Stance of a speech act: asserts, denies, threatens or promises.

The predicate's own stance wins ("denied", "threatened", "pledged", "issued a denial"). Otherwise
the content clause decides, read from its head verb:

1. a future modal with a hostile verb ("would be met with fire", "will strike") or a negated
   restraint verb ("would not let Iran ...") -> threatens;
2. a negated head ("said no group had entered", "had not sent", "does not seek"), unless the
   negation is future or deontic ("will not abandon", "should not be allowed") -> denies;
3. an intention word ("ready to", "intention to") or a future modal with an agentive verb
   ("will provide", "would head to") -> promises;
4. anything else -> asserts.
"""

from __future__ import annotations

import logging

from .rules import ClaimRules
from .speech import SpeechAct
from .tree import Tree, aux_words, has_negation, is_passive, lower

LOGGER = logging.getLogger(__name__)


def stance_of(tree: Tree, act: SpeechAct, rules: ClaimRules) -> str:
    """The act's stance: lexical when the predicate carries one, else read from the content head."""
    if act.stance is not None:
        return act.stance
    if act.content_head is None:
        return "asserts"
    return content_stance(tree, _main_verb(tree, act.content_head), rules)


def content_stance(tree: Tree, head: int, rules: ClaimRules) -> str:
    """Stance of a reported clause from its head token (see the module docstring)."""
    aux = aux_words(tree, head)
    future = bool(aux & rules.future_aux) or _going_to(tree, head)
    deontic = bool(aux & rules.deontic_aux)
    passive = is_passive(tree, head)
    negated = has_negation(tree, head, rules.negations) or _negative_subject(tree, head, rules)
    negated = negated and not _uncertain(tree, head, rules)
    verb = _progressive(tree, head)
    lemma = tree.tokens[verb].lemma.lower()
    if future and _threat(lemma, passive, negated, rules):
        return "threatens"
    if negated and not future and not deontic:
        return "denies"
    if _intention(tree, head, rules):
        return "promises"
    if future and not negated and not passive and lemma not in rules.non_agentive_heads:
        return "promises"
    return "asserts"


def _uncertain(tree: Tree, head: int, rules: ClaimRules) -> bool:
    """'it was not clear who ...', 'the toll is not yet known': uncertainty, not a denial."""
    if tree.tokens[head].lemma.lower() != "be":
        return False
    return any(c.lemma.lower() in rules.uncertainty_words for c in tree.children(head, "acomp", "advmod"))


def _main_verb(tree: Tree, head: int) -> int:
    """'is going to X' and 'are to X' report X; everything else is read at the head itself."""
    tok = tree.tokens[head]
    if tok.lemma.lower() == "go" and tok.tag == "VBG":
        for child in tree.children(head, "xcomp"):
            return child.i
    return head


def _progressive(tree: Tree, head: int) -> int:
    """'will be dispatching' parsed as be + acomp: the lexical verb is the -ing form."""
    if tree.tokens[head].lemma.lower() != "be":
        return head
    for child in tree.children(head, "acomp", "xcomp"):
        if child.tag == "VBG":
            return child.i
    return head


def _going_to(tree: Tree, head: int) -> bool:
    tok = tree.tokens[head]
    parent = tree.tokens[tok.head]
    return tok.dep == "xcomp" and parent.lemma.lower() == "go" and parent.tag == "VBG"


def _threat(lemma: str, passive: bool, negated: bool, rules: ClaimRules) -> bool:
    if negated:
        return lemma in rules.restraint_verbs
    if passive:
        return lemma in rules.threat_passive_verbs
    return lemma in rules.threat_verbs


def _negative_subject(tree: Tree, head: int, rules: ClaimRules) -> bool:
    """'no group ... had entered', 'nobody was hurt': the subject itself is negative."""
    for subj in tree.children(head, "nsubj", "nsubjpass"):
        if lower(subj) in rules.negative_subjects:
            return True
        if any(lower(d) in rules.negative_determiners for d in tree.children(subj.i, "det")):
            return True
    return False


def _intention(tree: Tree, head: int, rules: ClaimRules) -> bool:
    """'we are ready to ...', "the group's intention to ...", 'plans to ...'."""
    if is_passive(tree, head):
        return False  # "is intended to send a message" states a purpose, nobody commits to it
    if tree.tokens[head].lemma.lower() in rules.intention_words and not has_negation(tree, head, rules.negations):
        return True
    return any(c.lemma.lower() in rules.intention_words for c in tree.children(head, "acomp", "attr", "xcomp"))
