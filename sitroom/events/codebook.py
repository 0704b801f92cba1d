"""The ACLED codebook as constants: event types, sub-event types, disorder types, inter codes.

Definitions follow the ACLED codebook (2023/2024 editions): 6 event types split into 25
sub-event types, each mapped to a disorder type; actors get an inter code 1-8 by kind and an
event's interaction code joins the two inter codes, lower first (10 when there is no actor2).
"""

from __future__ import annotations

import logging
from enum import Enum

LOGGER = logging.getLogger(__name__)


class EventType(str, Enum):
    """The six ACLED event types."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VAC = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC = "Strategic developments"


class DisorderType(str, Enum):
    """ACLED's top-level split of events."""

    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    MIXED = "Political violence; Demonstrations"
    STRATEGIC = "Strategic developments"


# Sub-event type -> event type, in codebook order (all 25).
SUB_EVENT_TYPES: dict[str, EventType] = {
    "Armed clash": EventType.BATTLES,
    "Government regains territory": EventType.BATTLES,
    "Non-state actor overtakes territory": EventType.BATTLES,
    "Chemical weapon": EventType.EXPLOSIONS,
    "Air/drone strike": EventType.EXPLOSIONS,
    "Suicide bomb": EventType.EXPLOSIONS,
    "Shelling/artillery/missile attack": EventType.EXPLOSIONS,
    "Remote explosive/landmine/IED": EventType.EXPLOSIONS,
    "Grenade": EventType.EXPLOSIONS,
    "Sexual violence": EventType.VAC,
    "Attack": EventType.VAC,
    "Abduction/forced disappearance": EventType.VAC,
    "Peaceful protest": EventType.PROTESTS,
    "Protest with intervention": EventType.PROTESTS,
    "Excessive force against protesters": EventType.PROTESTS,
    "Violent demonstration": EventType.RIOTS,
    "Mob violence": EventType.RIOTS,
    "Agreement": EventType.STRATEGIC,
    "Arrests": EventType.STRATEGIC,
    "Change to group/activity": EventType.STRATEGIC,
    "Disrupted weapons use": EventType.STRATEGIC,
    "Headquarters or base established": EventType.STRATEGIC,
    "Looting/property destruction": EventType.STRATEGIC,
    "Non-violent transfer of territory": EventType.STRATEGIC,
    "Other": EventType.STRATEGIC,
}

# Exceptions to the event-type rule below: ACLED puts these sub-types in another disorder type.
_DISORDER_BY_SUB = {
    "Excessive force against protesters": DisorderType.MIXED,
    "Mob violence": DisorderType.POLITICAL_VIOLENCE,
}
_DISORDER_BY_TYPE = {
    EventType.BATTLES: DisorderType.POLITICAL_VIOLENCE,
    EventType.EXPLOSIONS: DisorderType.POLITICAL_VIOLENCE,
    EventType.VAC: DisorderType.POLITICAL_VIOLENCE,
    EventType.PROTESTS: DisorderType.DEMONSTRATIONS,
    EventType.RIOTS: DisorderType.DEMONSTRATIONS,
    EventType.STRATEGIC: DisorderType.STRATEGIC,
}


class InterCode(int, Enum):
    """ACLED actor categories ("inter codes")."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8


# Actor registry types (gold schema: state | state_force | rebel | militia | political |
# international | civilians | media | person) -> inter code. Persons and media are coded as
# "other" because ACLED codes them through the group they act for, which we may not know.
_INTER_BY_ACTOR_TYPE = {
    "state": InterCode.STATE_FORCES,
    "state_force": InterCode.STATE_FORCES,
    "rebel": InterCode.REBEL_GROUPS,
    "militia": InterCode.POLITICAL_MILITIAS,
    "identity": InterCode.IDENTITY_MILITIAS,
    "identity_militia": InterCode.IDENTITY_MILITIAS,
    "rioters": InterCode.RIOTERS,
    "protesters": InterCode.PROTESTERS,
    "civilians": InterCode.CIVILIANS,
    "international": InterCode.EXTERNAL_OTHER,
    "political": InterCode.EXTERNAL_OTHER,
    "media": InterCode.EXTERNAL_OTHER,
    "person": InterCode.EXTERNAL_OTHER,
}

STATE_TYPES = frozenset({"state", "state_force"})
ARMED_TYPES = frozenset({"state", "state_force", "rebel", "militia", "identity", "identity_militia"})


def event_type_of(sub_event_type: str) -> str:
    """Return the event type of an ACLED sub-event type; KeyError names an unknown one."""
    return SUB_EVENT_TYPES[sub_event_type].value


def disorder_type(sub_event_type: str) -> str:
    """Return the ACLED disorder type of a sub-event type."""
    if sub_event_type in _DISORDER_BY_SUB:
        return _DISORDER_BY_SUB[sub_event_type].value
    return _DISORDER_BY_TYPE[SUB_EVENT_TYPES[sub_event_type]].value


def inter_code(actor_type: str | None) -> int:
    """Return the inter code for an actor registry type; 0 when there is no actor."""
    if actor_type is None:
        return 0
    return int(_INTER_BY_ACTOR_TYPE.get(actor_type, InterCode.EXTERNAL_OTHER))


def interaction_code(actor1_type: str | None, actor2_type: str | None) -> int:
    """Return ACLED's two-digit interaction code: both inter codes, lower first (e.g. 12, 17, 10)."""
    first, second = inter_code(actor1_type), inter_code(actor2_type)
    if first == 0:
        first, second = second, first
    if second == 0:
        return first * 10
    low, high = sorted((first, second))
    return low * 10 + high
