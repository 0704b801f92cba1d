"""Link claims to the events they are about, and find contradictions: reported by some, denied by others.

``link_claims`` sets ``Claim.about_event``: the event read from the claim's own sentence, else
an event whose trigger and actors or places the claim's content shares (in the same article, or
across articles with a stronger overlap). ``find_contradictions`` pairs every ``denies`` claim
with the event it denies and the ``asserts`` claims reporting the same thing: claims about the
same event, or claims whose content shares key words and a synonym class ("entered Syria" vs
"crossed into Syria"). ``mark_contradictions`` writes the best asserting claim into
``Claim.contradicts`` on the denial.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Claim, Event, Evidence, Record
from .rules import ClaimRules, load_rules
from .words import Keys, keys_of, merge

LOGGER = logging.getLogger(__name__)

# A claim read from the very sentence an event was extracted from is about that event.
SAME_SENTENCE = 10


@dataclass(slots=True, frozen=True)
class Contradiction(Record):
    """An event or statement asserted by some sources and denied by others.

    ``asserting`` holds asserting claim ids, best match first; ``docs`` the articles that report
    the event or carry an asserting claim; ``denying`` the denial claim ids.
    """

    event_id: str | None
    asserting: tuple[str, ...]
    docs: tuple[str, ...]
    denying: tuple[str, ...]
    summary: str


@dataclass(slots=True, frozen=True)
class ClaimGraph:
    """Claims with ``about_event`` and ``contradicts`` filled, and the contradictions found."""

    claims: list[Claim]
    contradictions: list[Contradiction]


def analyse_claims(claims: Sequence[Claim], events: Sequence[Event], rules: ClaimRules | None = None) -> ClaimGraph:
    """Link claims to events, find contradictions and mark the denials (the three steps in order)."""
    linked = link_claims(claims, events, rules)
    found = find_contradictions(linked, events, rules)
    return ClaimGraph(mark_contradictions(linked, found), found)


def link_claims(claims: Sequence[Claim], events: Sequence[Event], rules: ClaimRules | None = None) -> list[Claim]:
    """Return the claims with ``about_event`` set to the event each is about (None if none)."""
    rules = rules or load_rules()
    # A claim can only be about an event its own article reports (``_event_score``), so each
    # claim meets the events of its article, not the corpus: linear in the corpus, not claims x
    # events (10,000 generated articles: the merge spent minutes here). Each list keeps the
    # events' order, so ties go to the same event as a full scan.
    by_doc: dict[str, list[tuple[Event, _EventKeys]]] = {}
    for event in events:
        event_keys = _event_keys(event, rules)
        for doc in dict.fromkeys(event.docs):
            by_doc.setdefault(doc, []).append((event, event_keys))
    out: list[Claim] = []
    for claim in claims:
        keys = keys_of(claim.about, rules)
        best: tuple[float, str] | None = None
        for event, event_keys in by_doc.get(claim.doc, ()):
            score = _event_score(claim, keys, event, event_keys, rules)
            if score > 0 and (best is None or score > best[0]):
                best = (score, event.id)
        out.append(dataclasses.replace(claim, about_event=best[1] if best else None))
    return out


@dataclass(slots=True, frozen=True)
class _EventKeys:
    """An event's trigger word (first word of its trigger span), actor, place and country stems."""

    trigger: Keys
    actors: frozenset[str]
    places: frozenset[str]
    country: frozenset[str]


def _event_keys(event: Event, rules: ClaimRules) -> _EventKeys:
    # The trigger span may run on into its object ("sent some supervising forces"): its first
    # word is the action. Generic actor words ("Military Forces of X") say nothing about who.
    trigger = event.evidence.get("event_type")
    words = (trigger.text if trigger else event.sub_event_type).split()
    actors = [event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2]
    actor_stems = keys_of(" ".join(a for a in actors if a), rules).names - rules.generic_actor_words
    places = keys_of(" ".join(p for p in (event.location, event.admin1) if p), rules).names
    country = keys_of(event.country or "", rules).names
    return _EventKeys(keys_of(words[0] if words else "", rules), actor_stems, places, country)


def _event_score(claim: Claim, keys: Keys, event: Event, ek: _EventKeys, rules: ClaimRules) -> float:
    """How surely ``claim`` is about ``event`` (an event its own article reports); 0 when it is not.

    1. the event's trigger lies inside the claim's content -> SAME_SENTENCE (+ word overlap);
    2. else the trigger word or its class recurs in the content together with one of the
       event's actors or places (its country only when near), and the sentences are near or
       the trigger word itself recurs.
    """
    if claim.doc not in event.docs:
        return 0  # other articles' reports reach the event through its merged ``docs``
    trigger = event.evidence.get("event_type")
    if trigger is not None and _inside_content(trigger, claim):
        return SAME_SENTENCE + keys.overlap(ek.trigger)
    same_word = bool(keys.stems & ek.trigger.stems)
    if not (same_word or keys.classes & ek.trigger.classes):
        return 0
    spans = [ev for ev in event.evidence.values() if ev.article_id == claim.doc]
    near = any(_gap(ev, claim.evidence) <= rules.near_chars for ev in spans)
    named = len(keys.stems & ek.actors) + len(keys.stems & (ek.places | (ek.country if near else frozenset())))
    if not named or not (near or same_word):
        return 0
    return 2 + named + (1 if near else 0) - _distance(spans, claim.evidence)


def _inside_content(span: Evidence, claim: Claim) -> bool:
    """True when ``span`` lies in the claim's reported content (``about`` within its evidence)."""
    if span.article_id != claim.doc or not _overlaps(span, claim.evidence):
        return False
    offset = claim.evidence.text.find(claim.about)
    if offset < 0:
        return True  # a hand-made claim whose about is a paraphrase: the sentence decides
    start = claim.evidence.start + offset
    return start <= span.start and span.end <= start + len(claim.about)


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _gap(a: Evidence, b: Evidence) -> int:
    if a.article_id != b.article_id:
        return 1 << 30
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _distance(spans: Sequence[Evidence], evidence: Evidence) -> float:
    # A tie-break below 1: among equally good events, the nearest report wins.
    gaps = [_gap(ev, evidence) for ev in spans]
    return min(min(gaps), 99_999) / 100_000 if gaps else 0.99


def find_contradictions(claims: Sequence[Claim], events: Sequence[Event],
                        rules: ClaimRules | None = None) -> list[Contradiction]:
    """Each denial with the event it denies and the asserting claims it contradicts."""
    rules = rules or load_rules()
    by_event = {e.id: e for e in events}
    asserting = [(c, merge(keys_of(c.about, rules), _names(c.claimant, rules))) for c in claims
                 if c.stance == "asserts"]
    index = _AssertingIndex(asserting)
    found: list[Contradiction] = []
    for denial in (c for c in claims if c.stance == "denies"):
        event = by_event.get(denial.about_event) if denial.about_event else None
        if event is not None and _hypothetical(denial.about, rules):
            event = None  # "rejected the notion that Israel could keep striking": no event is denied
        ranked = _rank_asserting(denial, event, index.candidates(denial, keys_of(denial.about, rules), event), rules)
        if event is not None and not ranked and _only_from(event, denial):
            event = None  # the "event" was read from the denial itself: nobody reported it
        if event is None and not ranked:
            continue
        docs = set(event.docs if event is not None else ()) | {c.doc for c in ranked}
        found.append(Contradiction(
            event_id=event.id if event is not None else None,
            asserting=tuple(c.id for c in ranked),
            docs=tuple(sorted(docs)),
            denying=(denial.id,),
            summary=_summary(denial, ranked, event),
        ))
    return found


class _AssertingIndex:
    """The asserting claims a denial can pair with, by article, linked event and (class, two names).

    ``_rank_asserting`` scores a claim only when it is about the denied event, sits in the
    denial's article (``_pair_score`` within an article), or shares a synonym class and two
    names with the denial (``_pair_score`` across articles): those are the only claims it needs
    to see. Keying the cross-article case by a class and a pair of names, not by any shared
    word, matters on large corpora, where "Syria" or "said" recur in every claim: 3,228
    generated articles spent 330 s here with a word index.
    """

    def __init__(self, asserting: Sequence[tuple[Claim, Keys]]) -> None:
        self._asserting = asserting
        self._by_key: dict[tuple[str, ...], list[int]] = {}
        for i, (claim, keys) in enumerate(asserting):
            for key in (("doc", claim.doc), *_index_keys(keys)):
                self._by_key.setdefault(key, []).append(i)
            if claim.about_event:
                self._by_key.setdefault(("event", claim.about_event), []).append(i)

    def candidates(self, denial: Claim, keys: Keys, event: Event | None) -> list[tuple[Claim, Keys]]:
        """The claims that can pair with ``denial`` (content ``keys``) about ``event``, in input order."""
        found: set[int] = set(self._by_key.get(("doc", denial.doc), ()))
        if event is not None:
            found.update(self._by_key.get(("event", event.id), ()))
        for key in _index_keys(keys):
            found.update(self._by_key.get(key, ()))
        return [self._asserting[i] for i in sorted(found)]


def _index_keys(keys: Keys) -> list[tuple[str, ...]]:
    names = sorted(keys.names)
    return [("pair", cls, first, second) for cls in keys.classes
            for n, first in enumerate(names) for second in names[n + 1:]]


def _hypothetical(text: str, rules: ClaimRules) -> bool:
    """True when the denied content is a possibility or a future ("would be able to", "will")."""
    return any(w in rules.hypothetical_words for w in re.findall(r"[a-z']+", text.lower().replace("’", "'")))


def _names(text: str, rules: ClaimRules) -> Keys:
    """Only the names in ``text``: a claimant's "Axios" may be what a denial names, its "sources" not."""
    names = keys_of(text, rules).names
    return Keys(names, names, frozenset())


def _rank_asserting(denial: Claim, event: Event | None, asserting: Sequence[tuple[Claim, Keys]],
                    rules: ClaimRules) -> list[Claim]:
    """Asserting claims the denial contradicts, best first (same event, then word overlap)."""
    keys = keys_of(denial.about, rules)
    scored: list[tuple[float, Claim]] = []
    for claim, claim_keys in asserting:
        if claim.id == denial.id or _same_claimant(claim, denial, rules):
            continue
        if event is not None and claim.about_event == event.id:
            scored.append((SAME_SENTENCE + keys.overlap(claim_keys), claim))
            continue
        score = _pair_score(denial, keys, claim, claim_keys, rules)
        if score > 0:
            scored.append((score, claim))
    scored.sort(key=lambda item: (-item[0], _gap(item[1].evidence, denial.evidence)))
    return [claim for _, claim in scored]


def _pair_score(denial: Claim, keys: Keys, claim: Claim, claim_keys: Keys, rules: ClaimRules) -> float:
    """How surely an asserting claim states what ``denial`` denies; 0 when it does not.

    They must share a synonym class (what happened), three content words, or two and a name.
    The score counts shared classes, names and words, plus 2 when the claims are near in one
    article; a pair across articles must also share two names (who and where). Thresholds:
    ``pair_min_score`` within an article, ``pair_min_score_far`` across.
    """
    classes = keys.classes & claim_keys.classes
    names = keys.names & claim_keys.names
    shared_words = (keys.stems - keys.names) & (claim_keys.stems - claim_keys.names)
    if not classes and len(shared_words) < 3 and not (len(shared_words) >= 2 and names):
        return 0
    score = len(classes) + len(names) + len(shared_words)
    if claim.doc == denial.doc:
        score += 2 if _gap(claim.evidence, denial.evidence) <= rules.near_chars else 0
        return score if score >= rules.pair_min_score else 0
    if len(names) >= 2 and classes and score >= rules.pair_min_score_far:
        return score
    return 0


def _same_claimant(a: Claim, b: Claim, rules: ClaimRules) -> bool:
    """Same source: one claimant's words are all in the other's ("Qassem", "Hezbollah chief Naim Qassem").

    Generic claimants ("sources", "officials") have no content words and are never the same.
    """
    first = keys_of(a.claimant.split(" (")[0], rules).stems
    second = keys_of(b.claimant.split(" (")[0], rules).stems
    return bool(first and second) and (first <= second or second <= first)


def _only_from(event: Event, denial: Claim) -> bool:
    return all(_overlaps(ev, denial.evidence) for ev in event.evidence.values() if ev.article_id == denial.doc) \
        and event.docs == (denial.doc,)


def _summary(denial: Claim, ranked: Sequence[Claim], event: Event | None) -> str:
    what = f"{event.sub_event_type} ({event.event_date or 'undated'})" if event is not None else None
    by = "; ".join(sorted({c.claimant for c in ranked})) or "the event's sources"
    return f"{denial.claimant} denies '{denial.about}'" + (f" [{what}]" if what else "") + f", reported by {by}"


def mark_contradictions(claims: Sequence[Claim], contradictions: Sequence[Contradiction]) -> list[Claim]:
    """Return the claims with ``contradicts`` set on each denial to its best asserting claim."""
    best = {d: c.asserting[0] for c in contradictions if c.asserting for d in c.denying}
    return [dataclasses.replace(c, contradicts=best[c.id]) if c.id in best else c for c in claims]
