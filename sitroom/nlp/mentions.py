"""Doc -> plain data: sentences, candidate name spans and tokens, for the resolvers and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .load import DEFAULT_MODEL, load_pipeline

# Labels whose spans may name an actor or a place. The small model often mislabels militias
# as PERSON and towns as ORG, so resolvers get every name-like span and decide themselves.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"})


@dataclass(slots=True, frozen=True)
class Token:
    """One token with its parse, character offset relative to the text."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    ent_type: str


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence's character span and tokens."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(slots=True, frozen=True)
class ParsedText:
    """Everything later stages need from spaCy for one text."""

    sentences: tuple[Sentence, ...]
    candidates: tuple[tuple[int, int, str], ...]


def parse_texts(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator[ParsedText]:
    """Parse texts with ``nlp.pipe`` in batches and yield plain results in order."""
    nlp = load_pipeline(model)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield from_doc(doc)


def from_doc(doc: Any) -> ParsedText:
    """Convert a spaCy Doc into a ParsedText (the only place a Doc is read)."""
    sentences = tuple(_sentence(sent) for sent in doc.sents)
    candidates = tuple(
        (ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in NAME_LABELS
    )
    return ParsedText(sentences=sentences, candidates=candidates)


def _sentence(sent: Any) -> Sentence:
    first = sent.start
    tokens = tuple(
        Token(
            i=tok.i - first,
            text=tok.text,
            lemma=tok.lemma_,
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_,
            head=tok.head.i - first,
            start=tok.idx,
            ent_type=tok.ent_type_,
        )
        for tok in sent
    )
    return Sentence(start=sent.start_char, end=sent.end_char, text=sent.text, tokens=tokens)
