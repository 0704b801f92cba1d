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
from .checks import (ATTACK_TYPES, PRESENT_TAGS, TERRITORY_RULE, bare_participle, continues, destination, fallback_place,
                     in_attribution, inside_actor, locative, names_role, narrow, old_year_in, place_not_actor, reported_on,
                     state_sentence, taken_from, toll_owner, witness_place)
from .codebook import event_type_of
from .coding import (NO_TARGET_SUBS, Registry, actor_country, actor_names, antecedent, context_roles, dominant_actors,
                     fallback_roles, fill_sides, recode_actors, split_clash, sub_event_type)
from .frames import Frame, build_frames, drop_reason, is_caption
from .lexicon import Lexicon, load_lexicon
from .locate import (Located, When, choose_places, dates_for, nearest_date, speech_date,
                     when_from_publication, when_from_ref, within_window)
from .merge import MergeOptions, event_id, merge_events
from .quantities import Number, fatalities, quantities
from .roles import Placed, Roles, assign_roles
from .sentences import Sentence, Token, split_sentences, strip_dateline, tokenize
from .triggers import Rule, load_rules

LOGGER = logging.getLogger(__name__)

_SKIP_ACTOR_TYPES = frozenset({"media"})
CLAUSE_REASONS = frozenset({"aggregate", "background history", "negated or denied"})
HEADLINE_ENDS = ".!?\"”’'):"
HEADLINE_WORDS = 16
NOTES_CHARS = 400
_RELATIVE_ACTOR = frozenset({"who", "which", "that"})
_RELATIVE_PLACE = frozenset({"where"})
MOVEMENT_SUB = "Change to group/activity"


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
    dominant: dict[str, list[ActorRef]] = field(default_factory=dict)
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
                   fallback_place(places), dominant_actors(actors), frozenset(a.name for a in actors))
    events: list[Event] = []
    for sentence in sentences:
        if _skip_sentence(ctx, sentence):
            continue
        sent = _locate(sentence, actors, places, dates, article.text)
        events.extend(_sentence_events(ctx, sent))
    return merge_events(events, options=MergeOptions(registry=options.registry))


def _skip_sentence(ctx: _Article, sentence: Sentence) -> bool:
    text = sentence.text.strip()
    title = (ctx.article.title or "").strip()
    if title and text == title:
        return True  # headlines repeat the lead in headline tense, without dates
    if text and text[-1] not in HEADLINE_ENDS and len(text.split()) < HEADLINE_WORDS:
        return True  # a subheading or headline: no sentence punctuation, few words
    return is_caption(ctx.article.text, sentence, ctx.lexicon)


def _locate(sentence: Sentence, actors: Sequence[ActorRef], places: Sequence[PlaceRef], dates: Sequence[DateRef],
            text: str) -> _Sent:
    if not sentence.tokens:
        sentence = Sentence(sentence.start, sentence.end, sentence.text, tokenize(sentence.text, sentence.start))
    sentence = strip_dateline(sentence)
    tokens = sentence.tokens
    sent = _Sent(sentence, tokens)
    starts = [t.start for t in tokens]
    in_places = _inside(places, sentence)
    kept = [a for a in _inside(actors, sentence)
            if a.type not in _SKIP_ACTOR_TYPES and not place_not_actor(a, in_places, text)]
    for actor in kept:
        span = _token_span(starts, actor.evidence)
        if span is not None:
            sent.actors.append(Placed(actor, *span))
    for place in in_places:
        span = _token_span(starts, place.evidence)
        if span is not None and not inside_actor(place, kept):
            sent.places.append(Located(place, *span))
    for day in _inside(dates, sentence):
        span = _token_span(starts, day.evidence)
        if span is not None:
            sent.dates.append(Located(day, *span))
    return sent


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
    lo, hi = narrow(frame, attribution, tokens)
    roles = _frame_roles(ctx, sent, frame, before, (lo, hi), attribution)
    if trig.rule.needs_place and not any(lo <= p.first <= hi and locative(tokens, p, trig.last) for p in sent.places):
        return [], before  # a meeting needs "in/at <place>", not a country named as a party
    place_lo = antecedent(tokens, lo, sent.places, _RELATIVE_PLACE)
    candidates = [p for p in sent.places if place_lo <= p.first <= hi and not in_attribution(p.first, attribution)]
    moving = trig.rule.sub_event_type == MOVEMENT_SUB  # troops sent "towards the border" are located there
    places = [p for p in candidates if not names_role(p, roles) and (moving or not destination(tokens, p))]
    acting = [p for p in candidates if roles.actor2 is not None and roles.actor2.first <= p.first <= roles.actor2.last
              and event_type_of(trig.rule.sub_event_type) in ATTACK_TYPES]
    # Countries that are also the actors locate the event only when nothing else does, as one place.
    groups = (choose_places(tokens, places, trig.first) or choose_places(tokens, acting[:1], trig.first)
              or choose_places(tokens, witness_place(tokens, sent.places, attribution)[:1], trig.first) or [[]])
    frame_dates = [d for d in sent.dates if lo <= d.first <= hi and not speech_date(tokens, d, attribution)
                   and not getattr(d.ref, "future", False)]
    speech = [d for d in sent.dates if speech_date(tokens, d, attribution)]
    if not frame_dates and _undated_description(ctx, tokens, frame, lo):
        return [], before
    if groups == [[]] and not frame_dates and continues(tokens, lo):
        groups, frame_dates = before.groups, before.dates  # "..., with government forces reinforcing"
    dead = fatalities(tokens[lo : hi + 1], ctx.options.vague_fatalities, ctx.lexicon)
    owner = toll_owner(groups, lo + dead.first) if dead is not None else -1
    events = []
    for k, group in enumerate(groups):
        next_start = groups[k + 1][0].first if k + 1 < len(groups) and groups[k + 1] else hi + 1
        for when in _whens(ctx, tokens, frame, lo, group, next_start, frame_dates, speech):
            event = _build(ctx, sent, frame, roles, group, when, attribution, (lo, hi), dead if k == owner else None)
            if event is not None:
                events.append(event)
    return events, _Where(groups, frame_dates, roles.actor1 or before.actor1)


def _frame_roles(ctx: _Article, sent: _Sent, frame: Frame, before: _Where, bounds: tuple[int, int],
                 attribution: Attribution | None) -> Roles:
    """Actor roles of a frame: the cascade in roles.py, then the fallbacks and coding fixes of coding.py."""
    tokens, trig = sent.tokens, frame.trigger
    lo, hi = bounds
    actor_lo = antecedent(tokens, lo, sent.actors, _RELATIVE_ACTOR)
    actors = [a for a in sent.actors if not in_attribution(a.first, attribution)]
    roles = assign_roles(tokens, (trig.first, trig.last), (actor_lo, hi), actors)
    if roles.actor1 is None and roles.actor2 is None:
        roles = fallback_roles(tokens, frame, lo, attribution, sent.actors, actors)
    if roles.actor1 is None and roles.actor2 is None:
        roles = context_roles(ctx.dominant, trig.rule)
    if roles.actor1 is None and roles.actor2 is not None and before.actor1 is not None and continues(tokens, lo):
        if roles.actor2.actor.name != before.actor1.actor.name:
            roles.actor1 = before.actor1  # "X recaptured Y after heavy fighting with Z": X fought Z
    if trig.rule.swap_roles and roles.actor1 is not None and roles.actor2 is not None:
        roles = Roles(roles.actor2, roles.assoc2, roles.actor1, roles.assoc1)  # the acquirer is actor1
    if roles.actor2 is not None and trig.rule.sub_event_type in NO_TARGET_SUBS:
        roles.actor2, roles.assoc2 = None, []  # "pulled back ... from Damascus": a reference, not a target
    territory = TERRITORY_RULE in (trig.rule.sub_event_type, trig.rule.state_sub)
    if roles.actor2 is not None and territory and not taken_from(tokens, trig.last, roles.actor2):
        roles.actor2, roles.assoc2 = None, []  # "captured Laukkai on the border with China": not the loser
    return roles


def _undated_description(ctx: _Article, tokens: Sequence[Token], frame: Frame, lo: int) -> bool:
    """Undated frames that describe a state, a habit or background rather than report an act."""
    trig = frame.trigger
    if bare_participle(tokens, trig.first) or state_sentence(tokens, trig.first):
        return True  # "fighters ready to deploy, many of them amassed near the border": a state
    if tokens[trig.first].tag in PRESENT_TAGS:
        LOGGER.debug("%s: dropped %r (present tense, undated)", ctx.article.article_id, _text(ctx, frame))
        return True  # "government forces battle to save ...": ongoing or habitual, not an event
    if has_phrase(tokens, ctx.lexicon.history, 0, len(tokens)):
        return True  # "Assad had long relied on allies ..., while Iran sent forces": background
    # "forces, which fought IS with US help, hold ...": a description, not a report; "said that
    # troops had pulled out" opens a reported clause (a complementizer), not a relative one.
    return lo > 0 and tokens[lo].text.lower() in _RELATIVE_ACTOR and not _complementizer(ctx, tokens, lo)


def _complementizer(ctx: _Article, tokens: Sequence[Token], k: int) -> bool:
    """ "reported that ...": "that" after a reporting verb (or parsed as a marker) opens a reported clause."""
    if tokens[k].text.lower() != "that":
        return False
    return tokens[k].dep == "mark" or (tokens[k - 1].text.lower(),) in ctx.lexicon.attribution_verbs


def _whens(ctx: _Article, tokens: Sequence[Token], frame: Frame, lo: int, group: Sequence[Located],
           next_start: int, frame_dates: Sequence[Located], speech: Sequence[Located] = ()) -> list[When]:
    refs = dates_for(tokens, group, next_start, frame_dates) if group else []
    if not refs:
        near = nearest_date(frame_dates, frame.trigger.first)
        refs = [near] if near is not None else []
    whens = [when_from_ref(r) for r in refs]
    if not whens:
        if not group or old_year_in(tokens, ctx.article.published):
            return []  # neither placed nor dated by the text, or background with a past year
        reported = reported_on(speech)
        published = reported or when_from_publication(ctx.article, tokens, lo, frame.trigger.first, ctx.lexicon)
        whens = [published] if published is not None else []
    return [w for w in whens if within_window(w, ctx.article.published, ctx.options.history_days)]


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
    if sub == "Government regains territory" and roles.actor1 is not None and place.country is not None:
        home = actor_country(roles.actor1.actor.name, ctx.options.registry)
        if home is not None and home != place.country:
            sub = "Non-state actor overtakes territory"  # ACLED: a foreign state's capture is an overtake
    roles = split_clash(fill_sides(roles, sub, ctx.dominant, place.country), sub)
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
        hedged=_hedged(tokens, frame, lo, attribution, ctx.lexicon), notes=" ".join(sent.sentence.text.split())[:NOTES_CHARS],
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
