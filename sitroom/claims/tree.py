"""Read a sentence's dependency parse: children, subtrees, token ranges and clause cues.

Works on the plain ``sitroom.nlp.mentions`` tokens (indices relative to the sentence), so the
claims rules never touch a spaCy Doc and tests can build parses by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Sequence

from ..nlp.mentions import Sentence, Token

LOGGER = logging.getLogger(__name__)

PUNCT_EDGES = frozenset({",", ".", ";", ":", "\"", "'", "“", "”", "‘", "’", "(", ")", "-", "–", "—", "«", "»"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Clausal relations through which a verb reports the content of another speech verb.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis"})


@dataclass(slots=True, frozen=True)
class Tree:
    """One sentence's tokens with a children index."""

    sentence: Sentence
    kids: tuple[tuple[int, ...], ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The sentence's tokens."""
        return self.sentence.tokens

    def children(self, i: int, *deps: str) -> list[Token]:
        """Children of token ``i``, optionally only those with one of ``deps``."""
        found = [self.tokens[k] for k in self.kids[i]]
        return [t for t in found if not deps or t.dep in deps]

    def subtree(self, i: int, cut: frozenset[int] = frozenset()) -> set[int]:
        """Indices of ``i`` and its descendants, not descending into the roots in ``cut``."""
        out: set[int] = set()
        stack = [i]
        while stack:
            k = stack.pop()
            if k in out:
                continue
            out.add(k)
            stack.extend(c for c in self.kids[k] if c not in cut)
        return out

    def ancestors(self, i: int) -> list[int]:
        """Heads above token ``i``, nearest first (stops at the root or on a cycle)."""
        out: list[int] = []
        k = i
        while self.tokens[k].head != k and self.tokens[k].head not in out and len(out) < len(self.tokens):
            k = self.tokens[k].head
            out.append(k)
        return out

    def end(self, i: int) -> int:
        """Character offset just past token ``i``."""
        tok = self.tokens[i]
        return tok.start + len(tok.text)


def build_tree(sentence: Sentence) -> Tree:
    """Index a sentence's children by head (tokens with a head outside the sentence are roots)."""
    kids: list[list[int]] = [[] for _ in sentence.tokens]
    for tok in sentence.tokens:
        if tok.head != tok.i and 0 <= tok.head < len(sentence.tokens):
            kids[tok.head].append(tok.i)
    return Tree(sentence, tuple(tuple(k) for k in kids))


def trim(tree: Tree, first: int, last: int, drop: frozenset[str] = frozenset(),
         head: int | None = None) -> tuple[int, int] | None:
    """Shrink [first, last] to the line holding ``head``, past edge punctuation and words in ``drop``.

    spaCy can run a sentence across a blank line (a subheading before the lead); a claimant or
    content never spans one, so the range keeps only the line with its head.
    """
    toks = tree.tokens
    anchor = head if head is not None and first <= head <= last else first
    for k in range(first, last + 1):
        if "\n" in toks[k].text:
            if k < anchor:
                first = k + 1
            elif k > anchor:
                last = k - 1
                break
    while first <= last and (_edge(toks[first].text) or toks[first].text.lower() in drop):
        first += 1
    while last >= first and _edge(toks[last].text):
        last -= 1
    return (first, last) if first <= last else None


def _edge(text: str) -> bool:
    return text in PUNCT_EDGES or not text.strip()


def span_of(indices: set[int] | Sequence[int]) -> tuple[int, int] | None:
    """The smallest [first, last] range covering ``indices``."""
    return (min(indices), max(indices)) if indices else None


def lower(tok: Token) -> str:
    """The token's lowercase text with curly apostrophes made straight."""
    return tok.text.lower().replace("’", "'")


def aux_words(tree: Tree, i: int) -> set[str]:
    """Lowercase auxiliaries of verb ``i`` ("would", "has", "be" ...)."""
    return {lower(t) for t in tree.children(i, "aux", "auxpass")}


def is_passive(tree: Tree, i: int) -> bool:
    """True when verb ``i`` has a passive auxiliary or subject."""
    return bool(tree.children(i, "auxpass", "nsubjpass"))


def has_negation(tree: Tree, i: int, negations: frozenset[str]) -> bool:
    """True when token ``i`` carries a negation child ("not", "never", "n't")."""
    return any(t.dep == "neg" or lower(t) in negations and t.dep in ("advmod", "neg")
               for t in tree.children(i))
