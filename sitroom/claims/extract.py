"""Attributed statements in one article: claimant, stance, content, date and evidence.

Per sentence, ``speech.find_speech_acts`` reads who says what from the dependency parse,
``stance.stance_of`` decides asserts/denies/threatens/promises, and this module turns each act
into a ``Claim``: the claimant phrase mapped to a canonical actor where one was resolved inside
it, the speech act's own date ("said on Monday") or else the publication day, and the sentence
as evidence. Claim ids are content hashes, so re-running an article gives the same ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Sequence

from ..model import ActorRef, Article, Claim, DateRef, Evidence, content_id
from ..nlp.mentions import Sentence
from .claimant import noun_phrase
from .rules import ClaimRules, load_rules
from .speech import SpeechAct, find_speech_acts
from .stance import stance_of
from .tree import Tree, build_tree, lower

LOGGER = logging.getLogger(__name__)

# A pronoun claimant ("he said") refers back to a claimant at most this many sentences earlier.
PRONOUN_REACH = 6
_ROLE_PREPS = frozenset({"of", "for", "from", "at"})


@dataclass(slots=True)
class _Context:
    """Per-article state: the article, its references and the last named claimant."""

    article: Article
    actors: Sequence[ActorRef]
    dates: Sequence[DateRef]
    rules: ClaimRules
    last_claimant: tuple[int, str] | None = None
    seen: set[tuple[str, str]] = field(default_factory=set)


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence],
    actors: Sequence[ActorRef],
    dates: Sequence[DateRef],
    rules: ClaimRules | None = None,
) -> list[Claim]:
    """Extract the attributed statements of one article.

    Args:
        article: the article; evidence spans index its ``text``.
        sentences: its parsed sentences (``sitroom.nlp.parse_texts`` over ``article.text``).
        actors: resolved actor mentions in this article (canonical claimant names).
        dates: resolved date expressions in this article (the date of the speech act).
        rules: claim rules (the packaged ``claim_verbs.json`` when None).

    Returns:
        Claims in text order, ``about_event``/``contradicts`` unset (see ``contradict.py``).
    """
    ctx = _Context(article, actors, dates, rules or load_rules())
    claims: list[Claim] = []
    for index, sentence in enumerate(sentences):
        if _is_title(article, sentence) or not sentence.tokens:
            continue
        tree = build_tree(sentence)
        for act in find_speech_acts(tree, ctx.rules):
            claim = _claim(ctx, tree, act, index)
            if claim is not None:
                claims.append(claim)
    return claims


def _is_title(article: Article, sentence: Sentence) -> bool:
    # Headlines restate the lead in headline grammar ("Chief Says It Reviewed ..."); the body has it.
    title = (article.title or "").strip()
    return bool(title) and sentence.text.strip() in title


def _claim(ctx: _Context, tree: Tree, act: SpeechAct, index: int) -> Claim | None:
    if act.claimant is None or act.content is None:
        return None  # find_speech_acts only returns complete acts; this keeps the types honest
    article = ctx.article
    claimant = _claimant_name(ctx, tree, act, index)
    if claimant is None:
        return None
    stance = stance_of(tree, act, ctx.rules)
    start, end = _content_chars(ctx, tree, act.content)
    about = _short(article.text[start:end], ctx.rules.max_about_chars)
    key = (claimant.lower(), about.lower())
    if not about or key in ctx.seen:
        return None  # doubled captions and repeated paragraphs state the same claim again
    ctx.seen.add(key)
    lo, hi = _evidence_bounds(article.text, tree, act.anchor)
    evidence = Evidence(article.article_id, lo, hi, article.text[lo:hi])
    return Claim(
        id=content_id(article.article_id, str(lo), str(hi), str(start), stance),
        doc=article.article_id,
        claimant=claimant,
        stance=stance,
        about=about,
        about_event=None,
        date=_speech_date(ctx, tree, act),
        evidence=evidence,
    )


def _claimant_name(ctx: _Context, tree: Tree, act: SpeechAct, index: int) -> str | None:
    """The claimant phrase, as 'Canonical (phrase)' when a resolved actor names it."""
    if act.claimant is None:
        return None
    first, last = act.claimant
    phrase = ctx.article.text[tree.tokens[first].start : tree.end(last)]
    if first == last and lower(tree.tokens[first]) in ctx.rules.pronouns:
        plural = _plural_subject(ctx, tree, act) if lower(tree.tokens[first]) == "they" else None
        if plural is not None:
            return plural
        if ctx.last_claimant is not None and index - ctx.last_claimant[0] <= PRONOUN_REACH:
            ctx.last_claimant = (index, ctx.last_claimant[1])
            return ctx.last_claimant[1]
        return phrase
    canonical = _canonical(ctx, tree, act)
    name = phrase if canonical is None or canonical.lower() == phrase.lower() else f"{canonical} ({phrase})"
    ctx.last_claimant = (index, name)
    return name


def _plural_subject(ctx: _Context, tree: Tree, act: SpeechAct) -> str | None:
    """'The ministers met and agreed ..., they said': "they" are the plural subject of the content."""
    if act.content_head is None or act.content is None or act.content[1] > act.anchor:
        return None
    for subj in tree.children(act.content_head, "nsubj"):
        if subj.tag in ("NNS", "NNPS"):
            span = noun_phrase(tree, subj.i, ctx.rules)
            if span is not None:
                return ctx.article.text[tree.tokens[span[0]].start : tree.end(span[1])]
    return None


def _canonical(ctx: _Context, tree: Tree, act: SpeechAct) -> str | None:
    """The actor resolved at the phrase's head, else in its 'of/for/from X' ("the head of X")."""
    if act.claimant is None:
        return None
    first, last = act.claimant
    lo, hi = tree.tokens[first].start, tree.end(last)
    inside = [a for a in ctx.actors if lo <= a.evidence.start and a.evidence.end <= hi]
    if not inside:
        return None
    head = act.claimant_head if act.claimant_head is not None else last
    for actor in inside:
        if actor.evidence.start <= tree.tokens[head].start < actor.evidence.end:
            return actor.name
    for prep in tree.children(head, "prep"):
        if lower(prep) not in _ROLE_PREPS:
            continue
        region = tree.subtree(prep.i)
        chars = [tree.tokens[k].start for k in region]
        for actor in sorted(inside, key=lambda a: -(a.evidence.end - a.evidence.start)):
            if chars and min(chars) <= actor.evidence.start < max(chars) + 1:
                return actor.name
    return None


def _content_chars(ctx: _Context, tree: Tree, content: tuple[int, int]) -> tuple[int, int]:
    """Character span of the content, without a leading dateline ("i24 News – ...")."""
    first, last = content
    text = ctx.article.text
    window = tree.tokens[first : min(last, first + ctx.rules.max_dateline_tokens) + 1] if first == 0 else ()
    for tok in window[1:]:
        if tok.pos in ("VERB", "AUX"):
            break  # a clause before the dash: a parenthesis, not a dateline
        spaced = text[tok.start - 1 : tok.start].isspace() and text[tok.start + len(tok.text)].isspace()
        if tok.text in ctx.rules.dateline_dashes and spaced and tok.i < last:
            first = tok.i + 1
            break
    return tree.tokens[first].start, tree.end(last)


def _evidence_bounds(text: str, tree: Tree, anchor: int) -> tuple[int, int]:
    """The sentence span, cut to the line holding the speech act (no glued-on subheading)."""
    sent = tree.sentence
    at = tree.tokens[anchor].start
    lo = text.rfind("\n", sent.start, at)
    hi = text.find("\n", at, sent.end)
    lo = sent.start if lo < 0 else lo + 1
    hi = sent.end if hi < 0 else hi
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (an exact prefix)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:")


def _speech_date(ctx: _Context, tree: Tree, act: SpeechAct) -> str | None:
    """The day of the speech act ("said on Monday"), else the publication day."""
    content = set(range(act.content[0], act.content[1] + 1)) if act.content else set()
    for ref in ctx.dates:
        if ref.future or not tree.sentence.start <= ref.evidence.start < tree.sentence.end:
            continue
        k = _token_at(tree, ref.evidence.start)
        if k is None or k in content:
            continue
        if act.anchor in tree.ancestors(k) or (act.kind == "according" and k in tree.subtree(act.anchor)):
            return ref.day
    published = ctx.article.published
    return published[:10] if published else None


def _token_at(tree: Tree, char: int) -> int | None:
    for tok in tree.tokens:
        if tok.start <= char < tok.start + max(len(tok.text), 1):
            return tok.i
    return None
