"""Speech predicates in a parsed sentence: speech verbs, stance nouns and "according to X".

For each candidate predicate this module reads the claimant token range and the content range
from the dependency parse (see ``_verb_content`` for the cascade). ``speech.find_speech_acts``
then reconciles the candidates of one sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .claimant import noun_phrase, preceding_phrase, subject_phrase
from .rules import ClaimRules
from .tree import Tree, lower, span_of, trim

LOGGER = logging.getLogger(__name__)

Range = tuple[int, int]
_THAT = frozenset({"that", "whether", "if"})
# Modifiers a misattached complement may hang below: "said in a speech aired on Wednesday that ...".
_MODIFIER_DEPS = frozenset({"prep", "pobj", "acl", "npadvmod", "advmod"})

@dataclass(slots=True, frozen=True)
class SpeechAct:
    """One reporting predicate with its claimant and content (inclusive token ranges)."""

    anchor: int
    lemma: str
    kind: str  # "verb", "noun" or "according"
    stance: str | None
    claimant: Range | None
    claimant_head: int | None
    content: Range | None
    content_head: int | None
    embedded: bool = False  # content found as a dependent (so speech verbs inside it are nested)
    noun: int | None = None  # "..., a charge the militia denied": the noun standing for the content


def candidate(tree: Tree, i: int, rules: ClaimRules) -> SpeechAct | None:
    tok = tree.tokens[i]
    lemma = tok.lemma.lower()
    if tok.pos == "VERB" and lemma in rules.speech_verbs:
        return _verb_act(tree, i, rules)
    if tok.pos in ("NOUN", "PROPN") and lemma in rules.speech_nouns:
        return _noun_act(tree, i, rules)
    for phrase in rules.according:
        if _phrase_at(tree, i, phrase):
            return _according_act(tree, i, len(phrase), rules)
    return None


def _phrase_at(tree: Tree, i: int, phrase: tuple[str, ...]) -> bool:
    toks = tree.tokens
    return i + len(phrase) <= len(toks) and all(lower(toks[i + k]) == w for k, w in enumerate(phrase))


def _verb_act(tree: Tree, i: int, rules: ClaimRules) -> SpeechAct | None:
    tok = tree.tokens[i]
    if tok.dep in ("amod", "compound") or _blocked(tree, i, rules):
        return None  # "reported deaths", "did not comment", "declined to comment"
    referent = _referent(tree, i, rules)
    if referent is not None:
        return _back_reference(tree, i, rules, referent)
    if tok.dep == "acl" and tok.tag == "VBN":
        return _participle_act(tree, i, rules)
    claimant = _verb_claimant(tree, i, rules)
    content, head, embedded = _verb_content(tree, i, rules, claimant)
    lemma = tok.lemma.lower()
    return SpeechAct(i, lemma, "verb", rules.speech_verbs[lemma], claimant, _head_of(tree, claimant),
                     content, head, embedded)


def _referent(tree: Tree, i: int, rules: ClaimRules) -> int | None:
    """The word a relative speech verb points back through: "a charge (the militia denied)", ", which X denies"."""
    tok = tree.tokens[i]
    noun = tree.tokens[tok.head]
    if tok.dep not in ("relcl", "acl") or noun.i > i:
        return None
    if noun.lemma.lower() in rules.content_nouns:
        return noun.i
    for child in tree.children(i, "dobj", "nsubjpass"):
        if lower(child) == "which" and child.i < i:
            return child.i
    return None


def _back_reference(tree: Tree, i: int, rules: ClaimRules, referent: int) -> SpeechAct | None:
    """'<clause>, a charge the militia denied' / '<clause>, which X denies': the clause is the content."""
    tok = tree.tokens[i]
    noun = tree.tokens[tok.head]
    claimant = subject_phrase(tree, i, rules)
    for agent in tree.children(i, "agent") if claimant is None else ():
        for obj in tree.children(agent.i, "pobj"):
            claimant = noun_phrase(tree, obj.i, rules)
    head = _clause_verb(tree, noun.head)
    region = [k for k in tree.subtree(head) if k < min(tree.subtree(referent))]
    span = span_of(region)
    content = None if span is None else trim(tree, span[0], span[1], _THAT, head)
    lemma = tok.lemma.lower()
    return SpeechAct(i, lemma, "verb", rules.speech_verbs[lemma], claimant, _head_of(tree, claimant),
                     content, head, False, referent)


def _participle_act(tree: Tree, i: int, rules: ClaimRules) -> SpeechAct | None:
    """A speech verb parsed as a noun's modifier: a misparse of "X announced that ..." or "..., X reported".

    "The attacks reported by X" (with an agent) describes a noun and reports nothing.
    """
    tok = tree.tokens[i]
    lemma = tok.lemma.lower()
    stance = rules.speech_verbs[lemma]
    if tree.children(i, "agent"):
        return None
    noun = tree.tokens[tok.head]
    if noun.head == noun.i or tree.children(i, "ccomp"):
        claimant = noun_phrase(tree, noun.i, rules, exclude=i)
        content, head, embedded = _verb_content(tree, i, rules, claimant)
        return SpeechAct(i, lemma, "verb", stance, claimant, noun.i, content, head, embedded)
    if _trailing_report(tree, i):
        claimant = noun_phrase(tree, noun.i, rules, exclude=i)
        content, head, embedded = _leading_text(tree, i, claimant)
        return SpeechAct(i, lemma, "verb", stance, claimant, noun.i, content, head, embedded)
    return None


def _trailing_report(tree: Tree, i: int) -> bool:
    """'<clause>, the Axios website reported on Saturday.' misparsed as a noun modifier."""
    if tree.children(i, "agent", "dobj"):
        return False
    phrase = tree.subtree(tree.tokens[i].head, frozenset({i}))
    start = min(phrase)
    after = [t for t in tree.tokens[max(tree.subtree(i)) + 1 :] if t.text.strip()]
    return start > 0 and tree.tokens[start - 1].text == "," and all(t.pos == "PUNCT" for t in after)


def _blocked(tree: Tree, i: int, rules: ClaimRules) -> bool:
    if any(t.dep == "neg" or lower(t) in ("not", "n't", "never") for t in tree.children(i, "neg", "advmod")):
        return True
    tok = tree.tokens[i]
    head = tree.tokens[tok.head]
    return tok.dep in ("xcomp", "acomp") and head.lemma.lower() in rules.blocking_heads


def _verb_claimant(tree: Tree, i: int, rules: ClaimRules) -> Range | None:
    """Subject of the speech verb; else the agent ("reported by X"); else the noun it modifies."""
    found = subject_phrase(tree, i, rules)
    if found is not None:
        return found
    for agent in tree.children(i, "agent"):
        for obj in tree.children(agent.i, "pobj"):
            return noun_phrase(tree, obj.i, rules)
    tok = tree.tokens[i]
    head = tree.tokens[tok.head]
    if tok.dep == "acl" and head.pos in ("NOUN", "PROPN"):  # "sources in Damascus claiming ..."
        return noun_phrase(tree, head.i, rules, exclude=i)
    if tok.dep == "ROOT":
        return preceding_phrase(tree, i, rules)  # the parser hung the subject elsewhere
    return None


def _head_of(tree: Tree, span: Range | None) -> int | None:
    if span is None:
        return None
    first, last = span
    for k in range(first, last + 1):
        head = tree.tokens[k].head
        if not first <= head <= last or head == k:
            return k
    return first


def _verb_content(tree: Tree, i: int, rules: ClaimRules, claimant: Range | None) -> tuple[Range | None, int | None, bool]:
    """Content of a speech verb, first match wins.

    1. a clausal complement, right of the verb first ("said (that) ...");
    2. a quote parsed as parataxis before the verb;
    3. the object of a verb that takes its content as object ("denied reports", "claimed control");
    4. a that-clause hung below a modifier ("said in a speech aired on Monday that ...");
    5. the governing clause ("<clause>, X said", "<clause>, as reported by X");
    6. the text before ", X said" when the parser found no complement at all.
    """
    complement = _complement(tree, i, rules)
    if complement is not None:
        return _clause_range(tree, complement), complement, True
    found = _object_content(tree, i, rules)
    if found is not None:
        return _with_of_phrase(tree, i, _clause_range(tree, found)), found, True
    found = _hung_clause(tree, i)
    if found is not None:
        return _clause_range(tree, found), found, True
    governing = _governing_clause(tree, i, rules)
    if governing is not None:
        return governing[0], governing[1], False
    return _leading_text(tree, i, claimant)


def _complement(tree: Tree, i: int, rules: ClaimRules) -> int | None:
    options = [t for t in tree.children(i, "ccomp", "xcomp") if not _is_speech_clause(tree, t.i, rules)]
    options.sort(key=lambda t: (t.i < i, abs(t.i - i)))
    if options:
        return options[0].i
    quotes = [t for t in tree.children(i, "parataxis") if t.i < i and not _is_speech_clause(tree, t.i, rules)]
    return quotes[0].i if quotes else None


def _is_speech_clause(tree: Tree, k: int, rules: ClaimRules) -> bool:
    """'Araqchi said ..., he added ...': an earlier speech verb with its own subject is no content.

    One to the right is reported speech ("the website reported that the minister told ...").
    """
    tok = tree.tokens[k]
    return k < tok.head and tok.lemma.lower() in rules.speech_verbs and bool(tree.children(k, "nsubj"))


def _object_content(tree: Tree, i: int, rules: ClaimRules) -> int | None:
    if tree.tokens[i].lemma.lower() not in rules.object_content_verbs:
        return None
    strict = tree.tokens[i].lemma.lower() in rules.strict_object_verbs
    objects = tree.children(i, "dobj") or (tree.children(i, "nsubjpass") if tree.children(i, "agent") else [])
    for child in objects:  # "denied the report" / "the report was denied by X"
        if strict and child.lemma.lower() not in rules.content_nouns:
            return None  # "dismissed the general", "rejected the offer": no statement is denied
        return child.i
    for prep in tree.children(i, "prep"):
        if lower(prep) in ("of", "about"):  # "warned of", "spoke about"; never "reported on Saturday"
            for obj in tree.children(prep.i, "pobj", "pcomp"):
                return obj.i
    return None


def _with_of_phrase(tree: Tree, i: int, span: Range | None) -> Range | None:
    """'accused X of shelling a hospital': the object's content runs on through "of ..."."""
    if span is None:
        return None
    for prep in tree.children(i, "prep"):
        if lower(prep) == "of" and prep.i == span[1] + 1:
            return span[0], max(tree.subtree(prep.i))
    return span


def _hung_clause(tree: Tree, i: int) -> int | None:
    """A that-clause below the verb's modifiers; search stops at clauses with their own subject."""
    stack = [t.i for t in tree.children(i) if t.dep in _MODIFIER_DEPS]
    while stack:
        k = stack.pop(0)
        for child in tree.children(k):
            marked = any(lower(m) == "that" for m in tree.children(child.i, "mark"))
            if child.dep in ("ccomp", "acl", "relcl") and marked:
                return child.i
            if child.dep in _MODIFIER_DEPS:
                stack.append(child.i)
    return None


def _clause_range(tree: Tree, head: int) -> Range | None:
    span = span_of(tree.subtree(head))
    return None if span is None else trim(tree, span[0], span[1], _THAT, head)


def _governing_clause(tree: Tree, i: int, rules: ClaimRules) -> tuple[Range | None, int] | None:
    """'<clause>, X said' or '<clause>, as reported by X': the content is the governing clause."""
    tok = tree.tokens[i]
    if tok.head == i or tok.head > i or tok.tag == "VBG":
        return None  # participles ("..., saying ...") report what follows them, not their governor
    if tree.children(i, "dobj") and tok.lemma.lower() not in rules.addressee_verbs:
        return None  # "where allies maintain a base": an object, so not a trailing speech verb
    marked = any(lower(t) == "as" for t in tree.children(i, "mark", "advmod"))
    if tok.dep not in ("parataxis", "ccomp", "conj") and not (tok.dep == "advcl" and marked):
        return None
    head = _clause_verb(tree, tok.head)
    own = tree.subtree(i)
    region = [k for k in tree.subtree(head, frozenset({i})) if k < min(own)]
    span = span_of(region)
    return (None if span is None else trim(tree, span[0], span[1], _THAT, head)), head


def _clause_verb(tree: Tree, k: int) -> int:
    """The nearest verb at or above ``k`` (the clause a modifier belongs to)."""
    for j in [k, *tree.ancestors(k)]:
        if tree.tokens[j].pos in ("VERB", "AUX") or tree.tokens[j].head == j:
            return j
    return k


def _leading_text(tree: Tree, i: int, claimant: Range | None) -> tuple[Range | None, int | None, bool]:
    """', a source tells i24NEWS.' with no parsed complement: the content is the text before the comma."""
    start = min(i, claimant[0]) if claimant is not None else i
    if start < 2 or tree.tokens[start - 1].text not in (",", "”", "\""):
        return None, None, False
    span = trim(tree, 0, start - 1)
    if span is None:
        return None, None, False
    roots = [k for k in range(span[0], span[1] + 1)
             if not span[0] <= tree.tokens[k].head <= span[1] or tree.tokens[k].head == k]
    verbs = [k for k in roots if tree.tokens[k].pos in ("VERB", "AUX")]
    head = verbs[0] if verbs else (roots[0] if roots else None)
    return trim(tree, span[0], span[1], frozenset(), head), head, False


def _noun_act(tree: Tree, i: int, rules: ClaimRules) -> SpeechAct | None:
    """'X issued a denial', "X's denial of Y": a stance noun as the predicate."""
    tok = tree.tokens[i]
    head = tree.tokens[tok.head]
    stance = rules.speech_nouns[tok.lemma.lower()]
    owners = tree.children(i, "poss")
    if tok.dep == "dobj" and head.lemma.lower() in rules.light_verbs and head.i != i:
        claimant = _verb_claimant(tree, head.i, rules)
        anchor = head.i
    elif owners:
        claimant = noun_phrase(tree, owners[0].i, rules)
        anchor = i
    else:
        return None
    content, content_head = _noun_content(tree, i)
    return SpeechAct(anchor, tok.lemma.lower(), "noun", stance, claimant, _head_of(tree, claimant),
                     content, content_head, content is not None)


def _noun_content(tree: Tree, i: int) -> tuple[Range | None, int | None]:
    for child in tree.children(i, "acl", "ccomp"):
        if child.dep == "ccomp" or any(lower(t) == "that" for t in tree.children(child.i, "mark")):
            return _clause_range(tree, child.i), child.i
    for prep in tree.children(i, "prep"):
        if lower(prep) in ("of", "about", "on"):
            for obj in tree.children(prep.i, "pobj", "pcomp"):
                return _clause_range(tree, obj.i), obj.i
    return None, None


def _according_act(tree: Tree, i: int, width: int, rules: ClaimRules) -> SpeechAct | None:
    """'According to X, <clause>': the claimant is X, the content the clause the phrase modifies."""
    last_word = tree.tokens[i + width - 1]
    objects = tree.children(last_word.i, "pobj", "dobj") or tree.children(i, "pobj", "dobj")
    if not objects:
        return None
    claimant = noun_phrase(tree, objects[0].i, rules)
    phrase = tree.subtree(i)
    root = _clause_verb(tree, tree.tokens[i].head)
    region = tree.subtree(root) - phrase
    before = [k for k in region if k < min(phrase)]
    after = [k for k in region if k > max(phrase)]
    side = before if len(before) >= len(after) else after
    span = span_of(side)
    content = None if span is None else trim(tree, span[0], span[1], _THAT, root)
    return SpeechAct(i, lower(tree.tokens[i]), "according", None, claimant, _head_of(tree, claimant),
                     content, root if content is not None else None, False)
