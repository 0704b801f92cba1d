"""ACLED coding decisions on top of the rules: sub-event type by actor kind, actor names, fallbacks.

Kept apart from ``extract.py`` (which finds frames and assembles events) so the coding
conventions read in one place: state forces regain and non-state groups overtake territory;
demonstrators are actor1 of protests; unnamed victims become ``Civilians (<country>)``;
territory changes told without actors take the article's two sides.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, Protocol, Sequence

from ..model import ActorRef, Event, PlaceRef
from .attribution import Attribution, has_phrase
from .codebook import ARMED_TYPES, STATE_TYPES, event_type_of
from .frames import Frame
from .locate import Located
from .roles import Placed, Roles, assign_roles
from .sentences import Token
from .triggers import Rule

LOGGER = logging.getLogger(__name__)


class Registry(Protocol):
    """What the coding needs from the actor registry (``sitroom.resolve.actors.ActorRegistry``)."""

    def get(self, name_or_id: str) -> Any:
        """The entry named ``name_or_id`` (with ``type``, ``country``, ``part_of``), or None."""

    def lookup(self, surface: str, country_context: str | None = None, on_date: str | None = None) -> Any:
        """The entry a surface form names in a country on a day, or None."""


CIVILIAN_WORDS = frozenset({"civilian", "civilians", "people", "residents", "resident", "villagers", "camp",
                            "displaced", "worshippers", "children", "families", "family", "passengers",
                            "farmers", "students", "women", "residential", "village", "villages", "neighborhood", "neighbourhood",
                            "market", "hospital", "school", "homes", "houses", "shelter"})
DEMO_TYPES = {"Protests": "Protesters", "Riots": "Rioters"}
NO_TARGET_SUBS = frozenset({"Change to group/activity", "Headquarters or base established", "Arrests"})
_TERRITORY_SUBS = frozenset({"Non-state actor overtakes territory", "Government regains territory",
                             "Non-violent transfer of territory"})
# "took the town without a fight": a change of control with no armed interaction.
UNOPPOSED = (("without", "a", "fight"), ("without", "fighting"), ("without", "resistance"), ("without", "a", "shot"),
             ("unopposed",), ("without", "firing", "a", "shot"), ("without", "a", "battle"), ("without", "clashes"))
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_OPPONENT_TYPES = ARMED_TYPES - {"state"}
_DEMONYM_ENDS = ("ans", "ese", "is", "ians")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their"})


def dominant_actors(actors: Sequence[ActorRef]) -> dict[str, list[ActorRef]]:
    """The article's state forces and armed non-state groups, most mentioned first (first mention as evidence)."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], ActorRef] = {}
    for actor in actors:
        side = "state" if actor.type in STATE_TYPES else "nonstate" if actor.type in ARMED_TYPES else ""
        if side:
            key = (side, actor.name)
            # Forces outrank their government by one mention: forces fight, governments speak.
            counts[key] = counts.get(key, 0) + (2 if actor.type == "state_force" else 1)
            first.setdefault(key, actor)
    out: dict[str, list[ActorRef]] = {"state": [], "nonstate": []}
    for (side, name), _n in sorted(counts.items(), key=lambda kv: -kv[1]):
        out[side].append(first[(side, name)])
    return out


def context_roles(dominant: dict[str, list[ActorRef]], rule: Rule) -> Roles:
    """Territory changes told without actors ("the fall of X") take the article's two sides."""
    if rule.sub_event_type not in _TERRITORY_SUBS or not dominant.get("state") or not dominant.get("nonstate"):
        return Roles()
    gainer, loser = dominant["nonstate"][0], dominant["state"][0]
    if rule.sub_event_type == "Government regains territory":
        gainer, loser = loser, gainer
    return Roles(actor1=Placed(gainer, -1, -1), actor2=Placed(loser, -1, -1))


def split_clash(roles: Roles, sub: str) -> Roles:
    """ "Government forces and rebels clashed": two sides listed as subjects fight each other."""
    if sub != "Armed clash" or roles.actor1 is None or roles.actor2 is not None:
        return roles
    side = is_state(roles.actor1.actor)
    for k, other in enumerate(roles.assoc1):
        if side is not None and is_state(other.actor) is not None and is_state(other.actor) != side:
            return Roles(roles.actor1, roles.assoc1[:k] + roles.assoc1[k + 1 :], other, [])
    return roles


def fill_sides(roles: Roles, sub: str, dominant: dict[str, list[ActorRef]], country: str | None) -> Roles:
    """Captures name the winner; ACLED also codes the loser: the article's main force of the other side.

    "Rebels seized Aleppo" -> actor2 the state forces; "towns recaptured from rebels" -> actor1
    the state forces. Only for territory changes, and only sides the sentence left empty. A
    capture by a foreign state's forces is lost by the forces of the country it happens in.
    """
    named = {a.actor.name for a in roles_all(roles)}
    home = [a for a in dominant.get("state", []) if actor_country(a.name, None) == country and a.name not in named]
    states = home + [a for a in dominant.get("state", []) if a.name not in named and a not in home]
    others = [a for a in dominant.get("nonstate", []) if a.name not in named]
    if sub == "Non-state actor overtakes territory":
        gainers, losers = others, states
    elif sub == "Government regains territory":
        gainers, losers = states, others
    else:
        return roles
    if roles.actor1 is None and gainers:
        roles = Roles(Placed(gainers[0], -1, -1), [], roles.actor2, roles.assoc2)
        named.add(gainers[0].name)
        losers = [a for a in losers if a.name not in named]
    if roles.actor2 is None and losers:
        roles = Roles(roles.actor1, roles.assoc1, Placed(losers[0], -1, -1), [])
    return roles


def fallback_roles(tokens: Sequence[Token], frame: Frame, lo: int, attribution: Attribution | None,
                   all_actors: Sequence[Placed], actors: Sequence[Placed]) -> Roles:
    """Roles when the frame names no actor.

    1. "X said (that) it/they <event>": the pronoun is the source, so X acts;
    2. otherwise the actors named elsewhere in the sentence, in order ("Fighting raged ... with
       government forces ... hammering the rebels").
    """
    trig = frame.trigger
    if attribution is not None and attribution.verb < trig.first and _pronoun_subject(tokens, lo, trig.first):
        sources = [a for a in all_actors if attribution.first <= a.first <= attribution.last]
        if sources:
            return Roles(actor1=sources[0])
    if trig.rule.sub_event_type in NO_TARGET_SUBS:
        return Roles()
    # Only actors after the trigger: those before it act in an earlier clause of their own.
    return assign_roles(tokens, (trig.first, trig.last), (trig.first, len(tokens) - 1), actors)


def _pronoun_subject(tokens: Sequence[Token], lo: int, first: int) -> bool:
    return any(t.text.lower() in _PRONOUNS for t in tokens[lo:first])


def antecedent(tokens: Sequence[Token], lo: int, refs: Sequence[Placed] | Sequence[Located], words: frozenset[str]) -> int:
    """Widen a relative clause ("rebels who seized", "Jarmana, where ...") to its antecedent."""
    if lo == 0 or tokens[lo].text.lower() not in words:
        return lo
    before = [r.first for r in refs if r.last < lo and lo - r.last <= 3]
    return max(before) if before else lo


def roles_all(roles: Roles) -> list[Placed]:
    """Every placed actor holding a role."""
    out = [roles.actor1, roles.actor2, *roles.assoc1, *roles.assoc2]
    return [a for a in out if a is not None]


def sub_event_type(rule: Rule, roles: Roles, place: PlaceRef | None, tokens: Sequence[Token], frame: Frame) -> str:
    """The rule's sub-event type, adjusted for who acts against whom and where (ACLED conventions).

    ``place`` is the place the sentence names (None when the event falls back to the article's country).
    """
    actor1 = roles.actor1.actor if roles.actor1 is not None else None
    actor2 = roles.actor2.actor if roles.actor2 is not None else None
    if rule.id == "overtake" and place is not None and place.kind == "country":
        return "Change to group/activity"  # entering a country is a deployment, not a capture
    if rule.sub_event_type in _TERRITORY_SUBS and has_phrase(tokens, UNOPPOSED, frame.lo, frame.hi + 1):
        return "Non-violent transfer of territory"  # ACLED: control changed hands with no armed interaction
    state1 = is_state(actor1) if actor1 is not None else None
    if actor1 is None and actor2 is not None and is_state(actor2) is not None:
        state1 = not is_state(actor2)  # taken from the state -> by non-state forces, and back
    if state1 is True and rule.state_sub:
        return rule.state_sub
    if state1 is False and rule.nonstate_sub:
        return rule.nonstate_sub
    if rule.civilian_sub and civilian_target(roles, tokens, frame):
        return rule.civilian_sub
    if rule.armed_sub and roles.actor2 is not None and roles.actor2.actor.type in ARMED_TYPES:
        return rule.armed_sub
    return rule.sub_event_type


def is_state(actor: ActorRef) -> bool | None:
    """True for state forces, False for armed non-state groups, None for persons and others."""
    if actor.type in STATE_TYPES:
        return True
    return False if actor.type in ARMED_TYPES else None


def civilian_target(roles: Roles, tokens: Sequence[Token], frame: Frame) -> bool:
    """True when the event's victims are civilians: a civilians actor, or civilian words after the trigger."""
    if roles.actor2 is not None:
        return roles.actor2.actor.type == "civilians"
    after = tokens[frame.trigger.first + 1 : min(frame.hi + 1, frame.trigger.last + 8)]
    if any(t.text.lower() in CIVILIAN_WORDS for t in after):
        return True
    # "killed 30 Palestinians": a count of people named by nationality, no armed group named.
    return any(a.text.replace(",", "").isdigit() and b.text[:1].isupper() and b.text.endswith(_DEMONYM_ENDS)
               for a, b in zip(after, after[1:]))


def actor_names(roles: Roles, sub: str, tokens: Sequence[Token], frame: Frame, place: PlaceRef) -> tuple[str | None, str | None]:
    """Actor1/actor2 names, with implicit demonstrators and civilian victims named ACLED-style."""
    actor1 = roles.actor1.actor.name if roles.actor1 is not None else None
    actor2 = roles.actor2.actor.name if roles.actor2 is not None else None
    country = place.country or place.name
    kind = event_type_of(sub)
    if kind in DEMO_TYPES:
        # Demonstrators are actor1 of protests and riots ("Thousands of Israelis protested" ->
        # Protesters (Israel)); police dispersing them is actor2.
        if roles.actor1 is not None and roles.actor1.actor.type in STATE_TYPES:
            actor2 = actor1
        actor1 = f"{DEMO_TYPES[kind]} ({country})"
    if kind in DEMO_TYPES and roles.actor2 is not None and roles.actor2.actor.type not in _OPPONENT_TYPES:
        actor2 = None  # "protesters in a Damascus suburb": the city names no opponent
    if actor2 is None and kind in _VIOLENT_TYPES and sub not in _TERRITORY_SUBS and civilian_target(roles, tokens, frame):
        actor2 = f"Civilians ({country})"
    return actor1, actor2


# Event types where a government acts through its forces ("Syrian government warplanes").
_FORCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_FORCE_SUBS = frozenset({"Change to group/activity", "Non-violent transfer of territory", "Headquarters or base established"})


def recode_actors(event: Event, article_actors: frozenset[str], registry: Registry | None) -> Event:
    """Apply registry-backed ACLED conventions to an event's actors.

    1. A government acting violently or moving troops is coded as its military forces;
    2. an umbrella actor1 ("Syrian rebels") becomes the one group of it the article names
       ("Hayat Tahrir al-Sham"), keeping the umbrella as an associate.
    """
    if registry is None:
        return _foreign_capture(event, event.actor1, None)
    actor1 = _as_forces(event.actor1, event, registry)
    actor2 = _as_forces(event.actor2, event, registry)
    assoc1 = event.assoc_actor_1
    specific = _specific_member(actor1, article_actors, registry)
    if specific is not None and actor1 is not None:
        assoc1 = (actor1, *[a for a in assoc1 if a not in (actor1, specific)])
        actor1 = specific
    event = dataclasses.replace(event, actor1=actor1, actor2=actor2, assoc_actor_1=assoc1)
    return _foreign_capture(event, actor1, registry)


def _foreign_capture(event: Event, actor1: str | None, registry: Registry | None) -> Event:
    """ACLED: a foreign state's forces capturing territory is "Non-state actor overtakes territory"."""
    if event.sub_event_type != "Government regains territory" or actor1 is None or event.country is None:
        return event
    home = actor_country(actor1, registry)
    if home is None or home == event.country:
        return event
    return dataclasses.replace(event, sub_event_type="Non-state actor overtakes territory")


_OF_COUNTRY = re.compile(r"\bof (?:the )?([A-Z][\w .'-]+?) \(")


def actor_country(name: str, registry: Registry | None) -> str | None:
    """The actor's country: from the registry, else from an ACLED-style name ("... of Russia (2000-)")."""
    entry = registry.get(name) if registry is not None else None
    if entry is not None and entry.country:
        return str(entry.country)
    match = _OF_COUNTRY.search(name)
    return match.group(1) if match else None


def _as_forces(name: str | None, event: Event, registry: Registry) -> str | None:
    if name is None or not (event.event_type in _FORCE_TYPES or event.sub_event_type in _FORCE_SUBS):
        return name
    entry = registry.get(name)
    if entry is None or entry.type != "state" or not entry.country:
        return name
    forces = registry.lookup("government forces", country_context=entry.country, on_date=event.event_date)
    return forces.name if forces is not None and forces.type == "state_force" else name


def _specific_member(name: str | None, article_actors: frozenset[str], registry: Registry) -> str | None:
    if name is None:
        return None
    members = []
    for other in sorted(article_actors):
        entry = registry.get(other)
        if entry is not None and name in tuple(entry.part_of or ()) and entry.type in ARMED_TYPES:
            members.append(other)
    return members[0] if len(members) == 1 else None
