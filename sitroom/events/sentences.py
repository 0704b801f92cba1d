"""Sentences the event extractor reads: character spans plus optional parse tokens.

The extractor never sees a spaCy Doc: ``sentences_from_doc`` copies what it needs into frozen
records, and ``split_sentences`` gives parse-less sentences (regex tokens, crude lemmas) so the
rules run and are testable without a model.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

from .lexicon import TOKEN_RE

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class Token:
    """One token: index in its sentence, text, lemma, coarse POS, dependency, head index, char start, fine tag."""

    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int
    tag: str = ""

    @property
    def end(self) -> int:
        """Character offset just past the token (in the article text)."""
        return self.start + len(self.text)


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of ``Article.text``: [start, end) offsets, text, tokens (parsed or regex)."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()

    @property
    def parsed(self) -> bool:
        """True when tokens carry a dependency parse (not regex fallbacks)."""
        return any(t.dep for t in self.tokens)


class _TokenLike(Protocol):
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int


class _SentenceLike(Protocol):
    start: int
    end: int
    text: str
    tokens: Sequence[Any]


_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z“\"])")
# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(r"\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|St|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.$")


def sentences_from_doc(doc: Any) -> list[Sentence]:
    """Copy a parsed spaCy Doc's sentences and tokens into plain records (offsets from doc start)."""
    return [part for sent in doc.sents for part in split_lines(_from_span(sent))]


def split_lines(sentence: Sentence) -> list[Sentence]:
    """Split a sentence at line breaks: parsers glue headings and captions to the next sentence."""
    if "\n" not in sentence.text.strip():
        return [sentence]
    out = []
    offset = 0
    for line in sentence.text.split("\n"):
        start = sentence.start + offset + (len(line) - len(line.lstrip()))
        offset += len(line) + 1
        text = line.strip()
        if not text:
            continue
        end = start + len(text)
        tokens = [t for t in sentence.tokens if start <= t.start < end]
        base = tokens[0].i if tokens else 0
        # Re-index tokens from 0; heads outside the line point to the token itself.
        fixed = tuple(Token(t.i - base, t.text, t.lemma, t.pos, t.dep,
                            t.head - base if 0 <= t.head - base < len(tokens) else t.i - base, t.start, t.tag)
                      for t in tokens)
        out.append(Sentence(start, end, text, fixed))
    return out


def _from_span(sent: Any) -> Sentence:
    first = sent.start
    tokens = tuple(
        Token(t.i - first, t.text, t.lemma_.lower(), t.pos_, t.dep_, t.head.i - first, t.idx, t.tag_) for t in sent
    )
    return Sentence(sent.start_char, sent.end_char, sent.text, tokens)


def from_records(sentences: Iterable[_SentenceLike]) -> list[Sentence]:
    """Adapt sentence records of the same shape (e.g. ``sitroom.nlp.Sentence``) to ours."""
    out = []
    for sent in sentences:
        tokens = tuple(
            Token(t.i, t.text, (t.lemma or t.text).lower(), t.pos, t.dep, t.head, t.start, getattr(t, "tag", ""))
            for t in sent.tokens
        )
        out.extend(split_lines(Sentence(sent.start, sent.end, sent.text, tokens)))
    return out


_DASHES = frozenset({"-", "—", "–", "--"})
DATELINE_TOKENS = 16


def strip_dateline(sentence: Sentence) -> Sentence:
    """Drop a leading dateline ("KYIV, March 4 (Reuters) -"): its city and agency are no actors or places."""
    tokens = sentence.tokens
    if len(tokens) < 4 or not (tokens[0].text.isupper() and len(tokens[0].text) >= 3):
        return sentence
    for k, tok in enumerate(tokens[: DATELINE_TOKENS]):
        if tok.text in _DASHES and k + 1 < len(tokens):
            rest = tokens[k + 1 :]
            start = rest[0].start
            base = rest[0].i
            fixed = tuple(Token(t.i - base, t.text, t.lemma, t.pos, t.dep,
                                t.head - base if 0 <= t.head - base < len(rest) else t.i - base, t.start, t.tag)
                          for t in rest)
            return Sentence(start, sentence.end, sentence.text[start - sentence.start :], fixed)
    return sentence


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split plain text into sentences with regex tokens; offsets are relative to ``text`` + offset."""
    out: list[Sentence] = []
    start = 0
    for match in _SENT_END.finditer(text):
        if _ABBREV.search(text[start : match.start()]):
            continue
        _append(out, text, start, match.start(), offset)
        start = match.end()
    _append(out, text, start, len(text), offset)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(s + offset, e + offset, stripped, tokenize(stripped, s + offset)))


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Regex tokens with lowercase text as lemma and no parse (the rules lemmatize crudely)."""
    return tuple(
        Token(i, m.group(), m.group().lower(), "", "", i, m.start() + offset)
        for i, m in enumerate(TOKEN_RE.finditer(text))
    )
