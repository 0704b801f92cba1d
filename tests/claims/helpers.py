"""Hand-built parses and articles for claims tests: spacy.blank + manual heads, no trained model."""

from __future__ import annotations

from typing import Sequence

import spacy
from spacy.tokens import Doc

from sitroom.model import ActorRef, Article, Claim, DateRef, Evidence
from sitroom.nlp.mentions import Sentence, from_doc

_NO_SPACE_BEFORE = {".", ",", ";", ":", "'s", "n't", "”", "’s"}


def parse(rows: str) -> tuple[str, Sentence]:
    """Build one sentence from rows "word lemma POS TAG dep head" (head = absolute token index).

    Returns the sentence text (an article text by itself) and the plain Sentence.
    """
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    spaces = [k + 1 < len(words) and words[k + 1] not in _NO_SPACE_BEFORE for k in range(len(words))]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in table],
        pos=[r[2] for r in table],
        tags=[r[3] for r in table],
        deps=[r[4] for r in table],
        heads=[int(r[5]) for r in table],
    )
    parsed = from_doc(doc)
    assert len(parsed.sentences) == 1, "rows must form one tree"
    return doc.text, parsed.sentences[0]


def article(text: str, published: str | None = "2025-03-04", aid: str = "a.txt#1", title: str | None = None) -> Article:
    """An article holding ``text``."""
    return Article(article_id=aid, doc_id=aid.split("#")[0], file=aid.split("#")[0], k=1, title=title,
                   outlet=None, published=published, date_source="given", text=text)


def actor(text: str, surface: str, name: str, kind: str = "state_force", aid: str = "a.txt#1") -> ActorRef:
    """An ActorRef for the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    return ActorRef(name, surface, kind, Evidence(aid, start, start + len(surface), surface))


def date(text: str, surface: str, day: str, aid: str = "a.txt#1") -> DateRef:
    """A DateRef for the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    return DateRef(day, None, 1, Evidence(aid, start, start + len(surface), surface))


def claim(cid: str, stance: str, about: str, claimant: str, doc: str = "a.txt#1", start: int = 0,
          end: int | None = None, about_event: str | None = None) -> Claim:
    """A hand-made claim whose evidence spans [start, end) of its article."""
    end = start + len(about) + 20 if end is None else end
    return Claim(cid, doc, claimant, stance, about, about_event, "2025-03-04",
                 Evidence(doc, start, end, about))


def stances(claims: Sequence[Claim]) -> list[str]:
    """The stances of ``claims`` in order."""
    return [c.stance for c in claims]
