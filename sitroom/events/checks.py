"""Token-level checks the extractor applies to a frame: tense and state, clause links, places and dates.

Pure functions over tokens and located references, kept apart from ``extract.py`` (which
assembles events) so each check reads and tests on its own.
"""

from __future__ import annotations

import logging
from typing import Sequence

from ..model import ActorRef, DateRef, PlaceRef
from .attribution import Attribution
from .coding import roles_all
from .frames import Frame
from .locate import Located, When
from .roles import Placed, Roles
from .sentences import Token

LOGGER = logging.getLogger(__name__)

# "while"/"as" clauses describe the wider scene ("as front lines collapse"): they inherit nothing.
CONTINUING = frozenset({"after", "following", "amid", "with", "before", "during", "and"})
TERRITORY_RULE = "Government regains territory"
ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
LOCATIVE = frozenset({"in", "at", "inside", "near", "outside", "to"})
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
PLACE_NOUNS = frozenset({"village", "town", "city", "district", "province", "region", "camp", "area", "neighbourhood",
                         "neighborhood", "suburb", "outskirts", "municipality", "county", "state"})
PLACE_INTRO = frozenset({"in", "at", "near", "into", "outside", "inside"})


def state_sentence(tokens: Sequence[Token], k: int) -> bool:
    """ "Militias are on high alert, with fighters ... amassed near the border": a present state.

    A relative clause keeps its own report ("Jarmana, where protesters pulled down a statue, is ...").
    """
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    if root is None or root.lemma != "be" or root.tag not in PRESENT_TAGS:
        return False
    seen = set()
    while tokens[k].head != k and k not in seen:
        seen.add(k)
        if tokens[k].dep in ("relcl", "acl", "ccomp"):
            return False
        k = tokens[k].head
    return True


def bare_participle(tokens: Sequence[Token], k: int) -> bool:
    """A past participle with no auxiliary before it describes a state, not a reported act."""
    if tokens[k].tag != "VBN":
        return False
    before = {t.text.lower() for t in tokens[max(0, k - 3) : k]}
    return not before & {"had", "has", "have", "was", "were", "been", "be", "is", "are", "being"}


def taken_from(tokens: Sequence[Token], last: int, actor: Placed) -> bool:
    """ "captured X from Y" / "recaptured from rebels": Y lost the territory."""
    if actor.first < 0:
        return True
    return "from" in [t.text.lower() for t in tokens[last + 1 : actor.first]]


DESTINATION = frozenset({"towards", "toward"})
_PLACE_BREAK = frozenset({"in", "at", "near", "on", "into", "to", "from", "after", "while", "as", ",", ";"})


def destination(tokens: Sequence[Token], place: Located) -> bool:
    """ "advancing towards the strategically important city of Homs": a goal not reached, not the event's place."""
    for k in range(place.first - 1, max(-1, place.first - 8), -1):
        low = tokens[k].text.lower()
        if low in DESTINATION:
            return True
        if low in _PLACE_BREAK:
            return False
    return False


LOCAL_SOURCES = frozenset({"resident", "residents", "witness", "witnesses", "eyewitness", "eyewitnesses", "local",
                           "locals", "villager", "villagers", "inhabitant", "inhabitants"})


def witness_place(tokens: Sequence[Token], places: Sequence[Located], attribution: Attribution | None) -> list[Located]:
    """ "A local resident in Homs reported that ...": a local witness's town locates a report that names no place."""
    if attribution is None:
        return []
    speaker = {t.text.lower() for t in tokens[attribution.first : attribution.verb]}
    if not speaker & LOCAL_SOURCES:
        return []
    return [p for p in places if attribution.first < p.first < attribution.verb
            and tokens[p.first - 1].text.lower() in ("in", "of", "from")]


def names_role(place: Located, roles: Roles) -> bool:
    """A place mention that is also a role's actor ("Damascus said", "Turkey met")."""
    return any(a.first <= place.first <= a.last for a in roles_all(roles))


def locative(tokens: Sequence[Token], place: Located, trigger: int) -> bool:
    """ "met Assad in Damascus": a locative place close to the trigger (not "discussed the fighting in Syria")."""
    before = [t.text.lower() for t in tokens[max(0, place.first - 3) : place.first]]
    return any(w in LOCATIVE for w in before) and (place.first < trigger or place.first - trigger <= 10)


def continues(tokens: Sequence[Token], lo: int) -> bool:
    """A clause opened by "after/following/amid/with/and" continues the previous clause's scene."""
    return lo > 0 and tokens[lo].text.lower() in CONTINUING


def toll_owner(groups: Sequence[Sequence[Located]], number: int) -> int:
    """Index of the place group a death toll belongs to: the last one named before the number."""
    # With several places in one clause, the death toll belongs to the last place named before it.
    owner = 0
    for k, group in enumerate(groups):
        if group and group[0].first < number:
            owner = k
    return owner


def narrow(frame: Frame, attribution: Attribution | None, tokens: Sequence[Token] = ()) -> tuple[int, int]:
    """The frame without its attribution: "X said (that) <event>" starts after the verb, "<event>, X said" ends before X.

    "<event>, X said, including/killing ...": the event goes on after the source, so the frame keeps its end
    (the source's own words are skipped by ``in_attribution``).
    """
    lo, hi = frame.lo, frame.hi
    if attribution is None:
        return lo, hi
    if attribution.verb < frame.trigger.first and attribution.verb >= lo:
        lo = attribution.verb + 1  # "X said (that) <event>": the event starts after the verb
    elif attribution.first > frame.trigger.last and attribution.first <= hi and not (tokens and _goes_on(tokens, attribution, hi)):
        hi = attribution.first - 1  # "<event>, X said": the source is not part of it
    return lo, hi


# "<event>, X said, including a strike on a camp that killed seven": the event's own detail goes on.
CONTINUATIONS = frozenset({"including", "killing", "wounding", "injuring", "leaving", "destroying", "damaging", "hitting"})


def _goes_on(tokens: Sequence[Token], attribution: Attribution, hi: int) -> bool:
    k = attribution.verb + 1
    while k <= hi and tokens[k].text.lower() in ("on", "monday", "tuesday", "wednesday", "thursday", "friday",
                                                  "saturday", "sunday"):
        k += 1  # "X said on Monday, killing ..."
    return k + 1 <= hi and tokens[k].text == "," and tokens[k + 1].text.lower() in CONTINUATIONS


def in_attribution(k: int, attribution: Attribution | None) -> bool:
    """True when token ``k`` lies in the attribution phrase."""
    return attribution is not None and attribution.first <= k <= attribution.last


def reported_on(speech: Sequence[Located]) -> When | None:
    """ "X said on Sunday" and nothing dates the event: it happened by Sunday (precision 2)."""
    days = [d for d in speech if not getattr(d.ref, "future", False)]
    if not days:
        return None
    ref: DateRef = days[-1].ref  # type: ignore[assignment]
    return When(ref.day, None, max(2, ref.time_precision), days[-1])


def old_year_in(tokens: Sequence[Token], published: str | None) -> bool:
    """True when the sentence names a year before publication (background, when the clause is undated)."""
    # "held much of Aleppo from 2012 until 2016, when Syrian forces retook it": an undated
    # clause in a sentence about past years is background.
    if not published:
        return False
    year = int(published[:4])
    return any(len(t.text) == 4 and t.text.isdigit() and 1900 < int(t.text) < year for t in tokens)


def fallback_place(places: Sequence[PlaceRef]) -> PlaceRef | None:
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


def place_not_actor(actor: ActorRef, places: Sequence[PlaceRef], text: str) -> bool:
    """True for a provisional actor that is really a place.

    1. the gazetteer resolved the same span ("Tel Rifaat");
    2. a place noun or locative preposition introduces it ("the village of Djiguibombo").
    """
    if not actor.provisional:
        return False
    ev = actor.evidence
    if any(p.evidence.start <= ev.start and ev.end <= p.evidence.end for p in places):
        return True
    before = text[max(0, ev.start - 24) : ev.start].lower().split()
    return bool(before) and (before[-1] in PLACE_INTRO or before[-1] == "of" and len(before) > 1
                             and before[-2] in PLACE_NOUNS)


def inside_actor(place: PlaceRef, actors: Sequence[ActorRef]) -> bool:
    """True for a place named inside a longer actor name ("Sahel" in "Islamic State Sahel Province")."""
    ev = place.evidence
    return any(a.evidence.start <= ev.start and ev.end <= a.evidence.end and a.evidence.end - a.evidence.start
               > ev.end - ev.start for a in actors)
