"""Cluster near-duplicate articles: syndicated copies and light rewrites of one story.

1. Shingle every article's normalised words (shingles.py).
2. Propose candidate pairs with MinHash LSH (minhash.py); cheap, tuned for recall.
3. Confirm each candidate with an exact overlap of the shorter article's shingles, over the
   whole text AND over its opening (``Overlap``); this is what keeps two different stories that
   share wire background paragraphs apart.
4. Union-find over confirmed pairs; the canonical member is the earliest published, then the
   longest, then the smallest article_id, so the result does not depend on input order.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from ..config import DedupSettings
from ..errors import StageError
from ..model import Article, content_id
from .minhash import candidate_pairs
from .shingles import hashed, shingles, words

LOGGER = logging.getLogger(__name__)

# News is written lead first: what is new in a story sits in its first paragraphs, background
# (often reused verbatim across a wire's follow-up stories) at the end. The opening checked is
# the first third of the shorter text, but at least this many words so short texts still count.
LEAD_MIN_WORDS = 50
LEAD_FRACTION = 1 / 3


@dataclass(slots=True, frozen=True, eq=False)
class Profile:
    """The shingles of one article, all of them and those of its opening, as ``shingles.hashed`` sets."""

    article_id: str
    shingles: np.ndarray
    lead: np.ndarray


@dataclass(slots=True, frozen=True)
class Overlap:
    """How much of the shorter article is found in the longer one."""

    containment: float
    lead_containment: float

    @property
    def score(self) -> float:
        """The confirmed similarity: both the whole text and its opening must be shared."""
        return min(self.containment, self.lead_containment)


def profile(article: Article, settings: DedupSettings) -> Profile:
    """Return the shingle profile of ``article``."""
    return text_profile(article.article_id, article.text, settings)


def text_profile(article_id: str, text: str, settings: DedupSettings) -> Profile:
    """Return the shingle profile of the article ``article_id`` whose text is ``text``."""
    tokens = words(text)
    ordered = shingles(tokens, settings.shingle_words)
    # The shingles starting within the opening words; at least one, so a short text has a lead.
    lead_words = max(LEAD_MIN_WORDS, int(len(tokens) * LEAD_FRACTION))
    lead = ordered[: max(1, lead_words - settings.shingle_words + 1)]
    return Profile(article_id=article_id, shingles=hashed(ordered), lead=hashed(lead))


def overlap(a: Profile, b: Profile) -> Overlap:
    """Return the overlap of the shorter profile (fewer shingles, then smaller id) with the other."""
    short, long = _shorter_first(a, b)
    if not short.shingles.size:
        return Overlap(0.0, 0.0)
    return Overlap(
        containment=_shared(short.shingles, long.shingles) / short.shingles.size,
        lead_containment=_shared(short.lead, long.shingles) / short.lead.size,
    )


def is_duplicate(a: Profile, b: Profile, confirm: float) -> bool:
    """``overlap(a, b).score >= confirm``, testing the opening first.

    Most LSH candidates are not copies and already fail on the opening, which is a third of
    the text: the whole-text count is then never taken (dedup twice as fast on generated news).
    """
    short, long = _shorter_first(a, b)
    if not short.shingles.size:
        return 0.0 >= confirm
    return (_shared(short.lead, long.shingles) / short.lead.size >= confirm
            and _shared(short.shingles, long.shingles) / short.shingles.size >= confirm)


def _shorter_first(a: Profile, b: Profile) -> tuple[Profile, Profile]:
    # Fewer shingles first, then the smaller id, so a pair is measured the same way either way round.
    short, long = sorted((a, b), key=lambda p: (p.shingles.size, p.article_id))
    return short, long


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    # How many of a's values are in b; both sorted and distinct (shingles.hashed). A binary
    # search of a's values in b, cheaper than intersect1d's sort of both when a is the opening.
    if not b.size:
        return 0
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    return int(np.count_nonzero(b[at] == a))


def cluster(articles: Sequence[Article], settings: DedupSettings) -> list[Article]:
    """Assign ``cluster_id`` to every article and ``duplicate_of`` to non-canonical members.

    Args:
        articles: the articles to cluster (ids must be unique).
        settings: shingle size, LSH parameters and the confirmation threshold.

    Returns:
        New Article objects sorted by (file, k, article_id); singletons get their own cluster.
    """
    by_id = _index(articles)
    profiles = {key: profile(article, settings) for key, article in by_id.items()}
    confirmed = [
        (a, b)
        for a, b in candidate_pairs({k: p.shingles for k, p in profiles.items()}, settings)
        if is_duplicate(profiles[a], profiles[b], settings.confirm)
    ]
    LOGGER.info("%d articles, %d confirmed duplicate pairs", len(by_id), len(confirmed))
    result = []
    for members in _components(by_id, confirmed):
        result.extend(assign_cluster(by_id[m] for m in members))
    return sorted(result, key=lambda a: (a.file, a.k, a.article_id))


def assign_cluster(members: Iterable[Article]) -> list[Article]:
    """Give one cluster's members its id and mark every non-canonical member a duplicate."""
    group = list(members)
    canonical = min(group, key=canonical_key)
    cluster_id = "c" + content_id(canonical.article_id)
    return [
        dataclasses.replace(
            a, cluster_id=cluster_id,
            duplicate_of=None if a.article_id == canonical.article_id else canonical.article_id,
        )
        for a in group
    ]


def canonical_key(article: Article) -> tuple[bool, str, int, str]:
    """Sort key for picking a cluster's canonical member: earliest, longest, smallest id."""
    return (article.published is None, article.published or "", -len(article.text), article.article_id)


def _index(articles: Iterable[Article]) -> dict[str, Article]:
    by_id: dict[str, Article] = {}
    for article in articles:
        if article.article_id in by_id:
            raise StageError("dedup", article.article_id, "article id appears more than once in the input")
        by_id[article.article_id] = article
    return by_id


def union_roots(pairs: Iterable[tuple[str, str]], keys: Iterable[str] = ()) -> dict[str, str]:
    """Return member -> smallest id of its connected component, for ``keys`` and every id in ``pairs``."""
    parent: dict[str, str] = {key: key for key in keys}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees shallow
            key = parent[key]
        return key

    for a, b in pairs:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {key: find(key) for key in list(parent)}


def _components(by_id: dict[str, Article], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    roots = union_roots(pairs, by_id)
    groups: dict[str, list[str]] = {}
    for key in sorted(by_id):
        groups.setdefault(roots[key], []).append(key)
    return list(groups.values())
