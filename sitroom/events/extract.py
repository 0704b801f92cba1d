"""Turn an article's sentences and resolved references into ACLED-style events.

Per sentence: find triggers (``triggers.py``), cut the sentence into frames (``frames.py``), drop
frames that report no event, then read roles (``roles.py``), place and date (``locate.py``),
fatalities and counts (``quantities.py``), attribution and hedging (``attribution.py``). Every
field carries an Evidence span slicing ``Article.text`` exactly. Reports of one event within the
article are merged (``merge.py``).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import Sequence, TypeVar

from ..model import ActorRef, Article, DateRef, Event, Evidence, PlaceRef
from .attribution import Attribution, find_attribution, has_phrase, is_hedged
from .codebook import event_type_of
from .coding import (NO_TARGET_SUBS, Registry, actor_names, antecedent, context_roles, dominant_actors,
                     fallback_roles, fill_sides, recode_actors, roles_all, sub_event_type)
from .frames import Frame, build_frames, drop_reason, is_caption
from .lexicon import Lexicon, load_lexicon
from .locate import (Located, When, choose_places, dates_for, nearest_date, speech_date,
                     when_from_publication, when_from_ref, within_window)
from .merge import event_id, merge_events
from .quantities import Number, fatalities, quantities
from .roles import Placed, Roles, assign_roles
from .sentences import Sentence, Token, split_sentences, strip_dateline, tokenize
from .triggers import Rule, load_rules

LOGGER = logging.getLogger(__name__)

_SKIP_ACTOR_TYPES = frozenset({"media"})
CLAUSE_REASONS = frozenset({"aggregate", "background history", "negated or denied"})
HEADLINE_ENDS = ".!?\"”’'):"
HEADLINE_WORDS = 16
# "while"/"as" clauses describe the wider scene ("as front lines collapse"): they inherit nothing.
_CONTINUING = frozenset({"after", "following", "amid", "with", "before", "during", "and"})
_TERRITORY_RULE = "Government regains territory"
_ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_LOCATIVE = frozenset({"in", "at", "inside", "near", "outside", "to"})
_PRESENT_TAGS = frozenset({"VBP", "VBZ"})
_RELATIVE_ACTOR = frozenset({"who", "which", "that"})
_RELATIVE_PLACE = frozenset({"where"})


@dataclass(slots=True, frozen=True)
class ExtractOptions:
    """Knobs for the extractor; the defaults follow the gold coding NOTES."""

    history_days: int = 30
    vague_fatalities: bool = False
    fallback_place: bool = True
    rules: tuple[Rule, ...] | None = None
    lexicon: Lexicon | None = None
    registry: Registry | None = None


@dataclass(slots=True)
class _Sent:
    """One sentence with its tokens and the references located in it."""

    sentence: Sentence
    tokens: Sequence[Token]
    actors: list[Placed] = field(default_factory=list)
    places: list[Located] = field(default_factory=list)
    dates: list[Located] = field(default_factory=list)


@dataclass(slots=True)
class _Article:
    article: Article
    options: ExtractOptions
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    fallback: PlaceRef | None
    dominant: dict[str, ActorRef] = field(default_factory=dict)
    names: frozenset[str] = frozenset()


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    actors: Sequence[ActorRef],
    places: Sequence[PlaceRef],
    dates: Sequence[DateRef],
    options: ExtractOptions | None = None,
) -> list[Event]:
    """Extract the events one article reports.

    Args:
        article: the article; evidence spans index its ``text``.
        sentences: its sentences (parsed or from ``split_sentences``), offsets into ``text``.
        actors, places, dates: resolved references with evidence in this article.
        options: extractor settings (defaults follow the gold NOTES).

    Returns:
        Events, merged where the article reports one event twice.
    """
    options = options or ExtractOptions()
    ctx = _Article(article, options, options.lexicon or load_lexicon(), options.rules or load_rules(),
                   _fallback_place(places), dominant_actors(actors), frozenset(a.name for a in actors))
    events: list[Event] = []
    for sentence in sentences:
        if _skip_sentence(ctx, sentence):
            continue
        sent = _locate(sentence, actors, places, dates)
        events.extend(_sentence_events(ctx, sent))
    return merge_events(events)


def _skip_sentence(ctx: _Article, sentence: Sentence) -> bool:
    text = sentence.text.strip()
    title = (ctx.article.title or "").strip()
    if title and text == title:
        return True  # headlines repeat the lead in headline tense, without dates
    if text and text[-1] not in HEADLINE_ENDS and len(text.split()) < HEADLINE_WORDS:
        return True  # a subheading or headline: no sentence punctuation, few words
    return is_caption(ctx.article.text, sentence, ctx.lexicon)


def _fallback_place(places: Sequence[PlaceRef]) -> PlaceRef | None:
    """The article's main country, standing in coarsely (geo_precision 3) when a sentence names no place.

    The country of the first place named (news leads locate the story) unless another country
    is named at least twice as often.
    """
    located = sorted((p for p in places if p.country and p.latitude is not None), key=lambda p: p.evidence.start)
    if not located:
        return None
    counts: dict[str, int] = {}
    for place in located:
        counts[place.country or ""] = counts.get(place.country or "", 0) + 1
    country = located[0].country or ""
    busiest = max(counts, key=lambda n: counts[n])
    if counts[busiest] >= 2 * counts[country]:
        country = busiest
    mentions = [p for p in located if p.country == country]
    # Prefer the country's own entry (its centroid); else its most coarse mention.
    return max(mentions, key=lambda p: (p.kind == "country", p.geo_precision))


def _locate(sentence: Sentence, actors: Sequence[ActorRef], places: Sequence[PlaceRef], dates: Sequence[DateRef]) -> _Sent:
    if not sentence.tokens:
        sentence = Sentence(sentence.start, sentence.end, sentence.text, tokenize(sentence.text, sentence.start))
    sentence = strip_dateline(sentence)
    tokens = sentence.tokens
    sent = _Sent(sentence, tokens)
    starts = [t.start for t in tokens]
    in_places = _inside(places, sentence)
    for actor in _inside(actors, sentence):
        span = _token_span(starts, actor.evidence)
        if span is not None and actor.type not in _SKIP_ACTOR_TYPES and not _place_not_actor(actor, in_places):
            sent.actors.append(Placed(actor, *span))
    for place in _inside(places, sentence):
        span = _token_span(starts, place.evidence)
        if span is not None:
            sent.places.append(Located(place, *span))
    for day in _inside(dates, sentence):
        span = _token_span(starts, day.evidence)
        if span is not None:
            sent.dates.append(Located(day, *span))
    return sent


def _place_not_actor(actor: ActorRef, places: Sequence[PlaceRef]) -> bool:
    # A guessed (provisional) actor on a span the gazetteer resolved is the place: "Tel Rifaat".
    return actor.provisional and any(
        p.evidence.start < actor.evidence.end and actor.evidence.start < p.evidence.end for p in places
    )


_R = TypeVar("_R", ActorRef, PlaceRef, DateRef)


def _inside(refs: Sequence[_R], sentence: Sentence) -> list[_R]:
    return [r for r in refs if sentence.start <= r.evidence.start < sentence.end]


def _token_span(starts: list[int], evidence: Evidence) -> tuple[int, int] | None:
    """First and last token index whose start lies in the evidence span (starts are sorted)."""
    first = bisect.bisect_left(starts, evidence.start)
    last = bisect.bisect_left(starts, evidence.end) - 1
    if first >= len(starts) or last < first:
        return None
    return first, last


def _sentence_events(ctx: _Article, sent: _Sent) -> list[Event]:
    from .triggers import find_triggers

    parsed = Sentence(sent.sentence.start, sent.sentence.end, sent.sentence.text, tuple(sent.tokens))
    starts = frozenset(sent.tokens[p.first].start for p in sent.places)
    matches = find_triggers(parsed, ctx.rules, starts, ctx.lexicon)
    year = int(ctx.article.published[:4]) if ctx.article.published else None
    events: list[Event] = []
    where = _Where([[]], [])
    for clause in build_frames(parsed, sent.tokens, matches, ctx.lexicon):
        for frame in clause.alternatives():
            reason = drop_reason(sent.tokens, frame, ctx.lexicon, year)
            if reason is None:
                found, where = _frame_events(ctx, sent, frame, where)
                events.extend(found)
                break
            LOGGER.debug("%s: dropped %r (%s)", ctx.article.article_id, _text(ctx, frame), reason)
            if reason in CLAUSE_REASONS:
                break  # the whole clause is background or statistics, not just this trigger
    return events


def _text(ctx: _Article, frame: Frame) -> str:
    return ctx.article.text[frame.trigger.start : frame.trigger.end]


@dataclass(slots=True)
class _Where:
    """The place groups and dates a frame used; a later clause of the sentence naming neither inherits them."""

    groups: list[list[Located]]
    dates: list[Located]
    actor1: Placed | None = None


def _frame_events(ctx: _Article, sent: _Sent, frame: Frame, before: _Where) -> tuple[list[Event], _Where]:
    tokens = sent.tokens
    trig = frame.trigger
    attribution = find_attribution(tokens, trig.first, ctx.lexicon)
    lo, hi = _narrow(frame, attribution)
    actor_lo = antecedent(tokens, lo, sent.actors, _RELATIVE_ACTOR)
    place_lo = antecedent(tokens, lo, sent.places, _RELATIVE_PLACE)
    actors = [a for a in sent.actors if not _in_attribution(a.first, attribution)]
    roles = assign_roles(tokens, (trig.first, trig.last), (actor_lo, hi), actors)
    if roles.actor1 is None and roles.actor2 is None:
        roles = fallback_roles(tokens, frame, lo, attribution, sent.actors, actors)
    if roles.actor1 is None and roles.actor2 is None:
        roles = context_roles(ctx.dominant, trig.rule)
    if roles.actor1 is None and roles.actor2 is not None and before.actor1 is not None and _continues(tokens, lo):
        if roles.actor2.actor.name != before.actor1.actor.name:
            roles.actor1 = before.actor1  # "X recaptured Y after heavy fighting with Z": X fought Z
    if trig.rule.swap_roles and roles.actor1 is not None and roles.actor2 is not None:
        roles = Roles(roles.actor2, roles.assoc2, roles.actor1, roles.assoc1)  # the acquirer is actor1
    if roles.actor2 is not None and frame.trigger.rule.sub_event_type in NO_TARGET_SUBS:
        roles.actor2, roles.assoc2 = None, []  # "pulled back ... from Damascus": a reference, not a target
    if roles.actor2 is not None and _TERRITORY_RULE in (trig.rule.sub_event_type, trig.rule.state_sub) and not _taken_from(
            tokens, trig.last, roles.actor2):
        roles.actor2, roles.assoc2 = None, []  # "captured Laukkai on the border with China": not the loser
    if trig.rule.needs_place and not any(lo <= p.first <= hi and _locative(tokens, p, trig.last) for p in sent.places):
        return [], before  # a meeting needs "in/at <place>", not a country named as a party
    candidates = [p for p in sent.places if place_lo <= p.first <= hi and not _in_attribution(p.first, attribution)]
    places = [p for p in candidates if not _names_role(p, roles)]
    acting = [p for p in candidates if roles.actor2 is not None and roles.actor2.first <= p.first <= roles.actor2.last
              and event_type_of(trig.rule.sub_event_type) in _ATTACK_TYPES]
    # Countries that are also the actors locate the event only when nothing else does, as one place.
    groups = choose_places(tokens, places, trig.first) or choose_places(tokens, acting[:1], trig.first) or [[]]
    frame_dates = [d for d in sent.dates if lo <= d.first <= hi and not speech_date(tokens, d, attribution)
                   and not getattr(d.ref, "future", False)]
    speech = [d for d in sent.dates if speech_date(tokens, d, attribution)]
    if not frame_dates and (_bare_participle(tokens, trig.first) or _state_sentence(tokens, trig.first)):
        return [], before  # "fighters ready to deploy, many of them amassed near the border": a state
    if tokens[trig.first].tag in _PRESENT_TAGS and not frame_dates:
        LOGGER.debug("%s: dropped %r (present tense, undated)", ctx.article.article_id, _text(ctx, frame))
        return [], before  # "government forces battle to save ...": ongoing or habitual, not an event
    if not frame_dates and has_phrase(tokens, ctx.lexicon.history, 0, len(tokens)):
        return [], before  # "Assad had long relied on allies ..., while Iran sent forces": background
    if not frame_dates and tokens[lo].text.lower() in _RELATIVE_ACTOR and lo > 0:
        return [], before  # "forces, which fought IS with US help, hold ...": a description, not a report
    if groups == [[]] and not frame_dates and _continues(tokens, lo):
        groups, frame_dates = before.groups, before.dates  # "..., with government forces reinforcing"
    dead = fatalities(tokens[lo : hi + 1], ctx.options.vague_fatalities, ctx.lexicon)
    owner = _toll_owner(groups, lo + dead.first) if dead is not None else -1
    events = []
    for k, group in enumerate(groups):
        next_start = groups[k + 1][0].first if k + 1 < len(groups) and groups[k + 1] else hi + 1
        for when in _whens(ctx, tokens, frame, lo, group, next_start, frame_dates, speech):
            toll = dead if k == owner else None
            event = _build(ctx, sent, frame, roles, group, when, attribution, (lo, hi), toll)
            if event is not None:
                events.append(event)
    return events, _Where(groups, frame_dates, roles.actor1 or before.actor1)


def _state_sentence(tokens: Sequence[Token], k: int) -> bool:
    """ "Militias are on high alert, with fighters ... amassed near the border": a present state.

    A relative clause keeps its own report ("Jarmana, where protesters pulled down a statue, is ...").
    """
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    if root is None or root.lemma != "be" or root.tag not in _PRESENT_TAGS:
        return False
    seen = set()
    while tokens[k].head != k and k not in seen:
        seen.add(k)
        if tokens[k].dep in ("relcl", "acl", "ccomp"):
            return False
        k = tokens[k].head
    return True


def _bare_participle(tokens: Sequence[Token], k: int) -> bool:
    """A past participle with no auxiliary before it describes a state, not a reported act."""
    if tokens[k].tag != "VBN":
        return False
    before = {t.text.lower() for t in tokens[max(0, k - 3) : k]}
    return not before & {"had", "has", "have", "was", "were", "been", "be", "is", "are", "being"}


def _taken_from(tokens: Sequence[Token], last: int, actor: Placed) -> bool:
    """ "captured X from Y" / "recaptured from rebels": Y lost the territory."""
    if actor.first < 0:
        return True
    return "from" in [t.text.lower() for t in tokens[last + 1 : actor.first]]


def _names_role(place: Located, roles: Roles) -> bool:
    """A place mention that is also a role's actor ("Damascus said", "Turkey met")."""
    return any(a.first <= place.first <= a.last for a in roles_all(roles))


def _locative(tokens: Sequence[Token], place: Located, trigger: int) -> bool:
    """ "met Assad in Damascus": a locative place close to the trigger (not "discussed the fighting in Syria")."""
    before = [t.text.lower() for t in tokens[max(0, place.first - 3) : place.first]]
    return any(w in _LOCATIVE for w in before) and (place.first < trigger or place.first - trigger <= 10)


def _continues(tokens: Sequence[Token], lo: int) -> bool:
    """A clause opened by "after/following/amid/with/and" continues the previous clause's scene."""
    return lo > 0 and tokens[lo].text.lower() in _CONTINUING


def _toll_owner(groups: Sequence[Sequence[Located]], number: int) -> int:
    # With several places in one clause, the death toll belongs to the last place named before it.
    owner = 0
    for k, group in enumerate(groups):
        if group and group[0].first < number:
            owner = k
    return owner


def _narrow(frame: Frame, attribution: Attribution | None) -> tuple[int, int]:
    lo, hi = frame.lo, frame.hi
    if attribution is None:
        return lo, hi
    if attribution.verb < frame.trigger.first and attribution.verb >= lo:
        lo = attribution.verb + 1  # "X said (that) <event>": the event starts after the verb
    elif attribution.first > frame.trigger.last and attribution.first <= hi:
        hi = attribution.first - 1  # "<event>, X said": the source is not part of it
    return lo, hi


def _in_attribution(k: int, attribution: Attribution | None) -> bool:
    return attribution is not None and attribution.first <= k <= attribution.last


def _reported_on(speech: Sequence[Located]) -> When | None:
    """ "X said on Sunday" and nothing dates the event: it happened by Sunday (precision 2)."""
    days = [d for d in speech if not getattr(d.ref, "future", False)]
    if not days:
        return None
    ref: DateRef = days[-1].ref  # type: ignore[assignment]
    return When(ref.day, None, max(2, ref.time_precision), days[-1])


def _whens(ctx: _Article, tokens: Sequence[Token], frame: Frame, lo: int, group: Sequence[Located],
           next_start: int, frame_dates: Sequence[Located], speech: Sequence[Located] = ()) -> list[When]:
    refs = dates_for(tokens, group, next_start, frame_dates) if group else []
    if not refs:
        near = nearest_date(frame_dates, frame.trigger.first)
        refs = [near] if near is not None else []
    whens = [when_from_ref(r) for r in refs]
    if not whens:
        if not group or _old_year_in(tokens, ctx.article.published):
            return []  # neither placed nor dated by the text, or background with a past year
        reported = _reported_on(speech)
        published = reported or when_from_publication(ctx.article, tokens, lo, frame.trigger.first, ctx.lexicon)
        whens = [published] if published is not None else []
    return [w for w in whens if within_window(w, ctx.article.published, ctx.options.history_days)]


def _old_year_in(tokens: Sequence[Token], published: str | None) -> bool:
    # "held much of Aleppo from 2012 until 2016, when Syrian forces retook it": an undated
    # clause in a sentence about past years is background.
    if not published:
        return False
    year = int(published[:4])
    return any(len(t.text) == 4 and t.text.isdigit() and 1900 < int(t.text) < year for t in tokens)


def _evidence(ctx: _Article, start: int, end: int) -> Evidence:
    return Evidence(ctx.article.article_id, start, end, ctx.article.text[start:end])


def _build(ctx: _Article, sent: _Sent, frame: Frame, roles: Roles, group: Sequence[Located], when: When,
           attribution: Attribution | None, bounds: tuple[int, int], dead: Number | None) -> Event | None:
    tokens = sent.tokens
    place, geo = _place(ctx, group)
    if place is None:
        LOGGER.debug("%s: dropped %r (no place)", ctx.article.article_id, _text(ctx, frame))
        return None
    sub = sub_event_type(frame.trigger.rule, roles, place if group else None, tokens, frame)
    roles = fill_sides(roles, sub, ctx.dominant)
    actor1, actor2 = actor_names(roles, sub, tokens, frame, place)
    if actor1 is None and actor2 is None:
        LOGGER.debug("%s: dropped %r (no actor)", ctx.article.article_id, _text(ctx, frame))
        return None
    ev: dict[str, Evidence] = {"event_type": _evidence(ctx, frame.trigger.start, frame.trigger.end),
                               "sentence": _evidence(ctx, sent.sentence.start, sent.sentence.end)}
    _role_evidence(ctx, ev, roles)
    if group:
        ev["location"] = _evidence(ctx, group[0].ref.evidence.start, group[0].ref.evidence.end)
    if when.ref is not None:
        ev["event_date"] = _evidence(ctx, when.ref.ref.evidence.start, when.ref.ref.evidence.end)
    lo, hi = bounds
    counts, source = _numbers_and_source(ctx, tokens[lo : hi + 1], dead, tokens, attribution, ev)
    event = Event(
        id="", docs=(ctx.article.article_id,), event_date=when.day, end_date=when.end_day,
        time_precision=when.precision, event_type=event_type_of(sub), sub_event_type=sub,
        actor1=actor1, assoc_actor_1=tuple(a.actor.name for a in roles.assoc1),
        actor2=actor2, assoc_actor_2=tuple(a.actor.name for a in roles.assoc2),
        country=place.country, admin1=place.admin1, location=place.name if geo < 3 or place.kind != "country" else None,
        latitude=place.latitude, longitude=place.longitude, geo_precision=geo,
        fatalities=dead.value if dead is not None else None, quantities=counts, attribution=source,
        hedged=_hedged(tokens, frame, lo, attribution, ctx.lexicon),
        evidence=ev,
    )
    return _with_id(recode_actors(event, ctx.names, ctx.options.registry))


def _numbers_and_source(ctx: _Article, clause: Sequence[Token], dead: Number | None, tokens: Sequence[Token],
                        attribution: Attribution | None, ev: dict[str, Evidence]) -> tuple[dict[str, int], str | None]:
    """Counts tied to the event and the attribution text, adding their evidence spans to ``ev``."""
    if dead is not None:
        ev["fatalities"] = _evidence(ctx, clause[dead.first].start, clause[dead.last].end)
    counts = {}
    for name, (value, first, last) in quantities(clause, ctx.lexicon).items():
        counts[name] = value
        ev[f"quantities.{name}"] = _evidence(ctx, clause[first].start, clause[last].end)
    if attribution is None:
        return counts, None
    ev["attribution"] = _evidence(ctx, tokens[attribution.first].start, tokens[attribution.last].end)
    return counts, ev["attribution"].text


def _hedged(tokens: Sequence[Token], frame: Frame, lo: int, attribution: Attribution | None, lexicon: Lexicon) -> bool:
    """Hedged near the trigger ("claimed control"), or second-hand in the attribution ("reported X as saying")."""
    if is_hedged(tokens, max(lo, frame.trigger.first - 6), frame.trigger.last + 1, lexicon):
        return True
    return attribution is not None and is_hedged(tokens, attribution.verb, len(tokens) - 1, lexicon)


def _with_id(event: Event) -> Event:
    import dataclasses

    return dataclasses.replace(event, id=event_id(event))


def _place(ctx: _Article, group: Sequence[Located]) -> tuple[PlaceRef | None, int]:
    if group:
        place: PlaceRef = group[0].ref  # type: ignore[assignment]
        return place, place.geo_precision
    if ctx.options.fallback_place and ctx.fallback is not None:
        return ctx.fallback, 3
    return None, 0


def _role_evidence(ctx: _Article, ev: dict[str, Evidence], roles: Roles) -> None:
    for name, placed in (("actor1", roles.actor1), ("actor2", roles.actor2)):
        if placed is not None:
            ev[name] = _evidence(ctx, placed.actor.evidence.start, placed.actor.evidence.end)


def sentence_sub_types(text: str, options: ExtractOptions | None = None) -> list[str]:
    """Sub-event types a sentence reports by its triggers and filters alone (no actors, places or dates).

    For triage and trigger evaluation on sentence sets without resolved references.
    """
    from .triggers import find_triggers

    options = options or ExtractOptions()
    lexicon = options.lexicon or load_lexicon()
    rules = options.rules or load_rules()
    found: list[str] = []
    for sentence in split_sentences(text):
        matches = find_triggers(sentence, rules, frozenset(), lexicon)
        for clause in build_frames(sentence, sentence.tokens, matches, lexicon):
            frame = next((f for f in clause.alternatives() if drop_reason(sentence.tokens, f, lexicon) is None), None)
            if frame is not None:
                found.append(frame.trigger.rule.sub_event_type)
    return found
