"""Articles in, knowledge out: parse, resolve, extract events and claims, merge across sources.

One composition shared by ``sitroom run``, ``sitroom extract``, the evaluators and the Spark
job, so every path codes the same text the same way:

1. parse each article once with ``nlp.pipe`` (batched);
2. resolve places first (their countries give the context actors need), then actors, dates
   and stated affiliations;
3. extract events and claims per article;
4. merge reports of one event across articles (copies in one dedup cluster count once), link
   claims to events and list contradictions.
"""

from __future__ import annotations

import collections

import logging
import sys
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Sequence

from .config import EventsSettings
from .model import ActorRef, Article, Claim, DateRef, Event, Evidence, PlaceRef, Relation

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class ArticleAnalysis:
    """Everything found in one article, before cross-article merging."""

    article: Article
    actors: tuple[ActorRef, ...]
    places: tuple[PlaceRef, ...]
    dates: tuple[DateRef, ...]
    relations: tuple[Relation, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]


@dataclass(slots=True)
class Analysis:
    """The merged result over a set of articles."""

    articles: list[ArticleAnalysis] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    contradictions: list[Any] = field(default_factory=list)

    def actors(self) -> list[ActorRef]:
        """Every resolved actor mention, in article order."""
        return [ref for item in self.articles for ref in item.actors]


def analyse_article(article: Article, parsed: Any, corpus_day: str | None = None,
                    settings: EventsSettings | None = None) -> ArticleAnalysis:
    """Resolve and extract one parsed article (``parsed`` is a sitroom.nlp ParsedText).

    ``corpus_day`` (latest publication day of the batch) dates the calendar expressions of an
    undated article; see events.predict.resolve_article.
    """
    from .claims.extract import extract_claims
    from .events.extract import extract_events
    from .events.predict import options_from, resolve_article

    resolved = resolve_article(article, parsed, corpus_day)
    actors = drop_place_names(resolved.actors, resolved.places)
    relations = _affiliations(article, actors)
    options = options_from(settings or EventsSettings())[0]
    # resolved.article may carry a widened date precision (events.predict.coarse_publication).
    events = extract_events(resolved.article, resolved.sentences, actors, resolved.places, resolved.dates, options)
    claims = extract_claims(article, parsed.sentences, actors, resolved.dates)
    return ArticleAnalysis(
        article, tuple(actors), tuple(resolved.places), tuple(resolved.dates), tuple(relations),
        tuple(events), tuple(claims),
    )


def drop_place_names(actors: Sequence[ActorRef], places: Sequence[PlaceRef]) -> list[ActorRef]:
    """Drop provisional actors whose span is a resolved place: the small model calls towns ORG."""
    spans = [(p.evidence.start, p.evidence.end) for p in places]
    return [
        a for a in actors
        if not a.provisional or not any(s < a.evidence.end and a.evidence.start < e for s, e in spans)
    ]


def _affiliations(article: Article, actors: Sequence[ActorRef]) -> list[Relation]:
    try:
        from .resolve.affiliations import find_affiliations
        from .resolve.actors import default_registry
    except ImportError:  # the affiliation finder is optional until it ships
        return []
    return list(find_affiliations(article.text, article.article_id, list(actors), default_registry()))


def corpus_day_of(articles: Iterable[Article]) -> str | None:
    """Return the latest publication day of ``articles`` (None when none is dated)."""
    days = [a.published[:10] for a in articles if a.published]
    return max(days) if days else None


_OF_BATCH = "of the batch"


def analyse_articles(articles: Sequence[Article], progress: bool | None = False,
                     settings: EventsSettings | None = None,
                     corpus_day: str | None = _OF_BATCH, workers: int = 1) -> Iterator[ArticleAnalysis]:
    """Parse articles in batches and analyse each one, in input order.

    Only one batch of parses is alive at a time: each article's parse is dropped once its
    small result is made. ``corpus_day`` is the latest publication day of ``articles`` unless
    given (a caller analysing part of a store passes the store's).
    ``workers`` other than 1 analyses in worker processes (``sitroom.parallel``; 0 = one per core).
    """
    from tqdm import tqdm

    from .nlp import parse_texts
    from .parallel import analyse_in_workers, worker_count

    if corpus_day is _OF_BATCH:
        corpus_day = corpus_day_of(articles)

    disable = None if progress is None else not progress
    processes = worker_count(workers, len(articles))
    if processes > 1:
        # Same results, same order: each article's analysis depends only on it and corpus_day.
        done = analyse_in_workers(articles, processes, corpus_day, settings)
        yield from tqdm(done, total=len(articles), desc=f"analysing ({processes} workers)", unit="article",
                        disable=disable)
        return
    texts = (a.text for a in articles)
    pairs: Iterable[tuple[Article, Any]] = zip(articles, parse_texts(texts))
    for article, parsed in tqdm(pairs, total=len(articles), desc="analysing", unit="article", disable=disable):
        yield analyse_article(article, parsed, corpus_day, settings)


_NO_SPAN = Evidence("", 0, 0, "")


def for_merging(item: ArticleAnalysis) -> ArticleAnalysis:
    """Return ``item`` with only what merging and the ``actors`` table read.

    A long run keeps every article's result until the merge, so this drops places and dates
    (merging never reads them) and the spans of actor mentions (the ``actors`` table only
    counts names, types and provisional flags; names are interned): 66 -> 39 KB per article
    on the seeds. sitroom.cache stores results whole.
    """
    actors = tuple(
        ActorRef(sys.intern(a.name), sys.intern(a.alias_matched), sys.intern(a.type), _NO_SPAN, a.provisional)
        for a in item.actors
    )
    return replace(item, actors=actors, places=(), dates=())


def combine(items: Iterable[ArticleAnalysis], settings: EventsSettings | None = None) -> Analysis:
    """Merge per-article results: one event per real-world event, claims linked to events."""
    from .claims.contradict import analyse_claims
    from .events.merge import merge_events
    from .events.predict import options_from

    result = Analysis(articles=list(items))
    clusters = {i.article.article_id: i.article.cluster_id for i in result.articles}
    raw_events = [e for i in result.articles for e in i.events]
    result.events = merge_events(raw_events, clusters, options_from(settings or EventsSettings())[1])
    graph = analyse_claims([c for i in result.articles for c in i.claims], result.events)
    result.claims = list(graph.claims)
    result.contradictions = list(graph.contradictions)
    result.relations = merge_relations(r for i in result.articles for r in i.relations)
    return result


def merge_relations(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (source, relation, target), listing every document that states it."""
    first: dict[tuple[str, str, str], Relation] = {}
    docs: dict[tuple[str, str, str], set[str]] = {}
    stated: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for rel in relations:
        key = (rel.source, rel.relation, rel.target)
        first.setdefault(key, rel)  # the first statement's evidence stands for the relation
        docs.setdefault(key, set()).update(rel.docs)
        stated[key] += 1
    # Documents are gathered in sets and sorted once: a relation stated in thousands of
    # articles (who backs whom recurs in every background paragraph) stays linear.
    return [
        first[k] if stated[k] == 1
        else Relation(first[k].source, first[k].relation, first[k].target, tuple(sorted(docs[k])), first[k].evidence)
        for k in sorted(first)
    ]


def analyse(articles: Sequence[Article], progress: bool | None = False,
            settings: EventsSettings | None = None) -> Analysis:
    """Run the whole analysis over ``articles`` (which carry their dedup cluster ids)."""
    return combine(analyse_articles(articles, progress=progress, settings=settings), settings)
