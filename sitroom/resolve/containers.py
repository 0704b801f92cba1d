"""Containers: where a place-like mention the gazetteer cannot name lies ("nearest named container").

"al-Taybah in eastern Homs" -> Homs; "the city's X district", "north of the city" -> the
article's main city; "the al-Hari border crossing" -> the province named in its sentence.
Each is one level coarser than a named town (geo_precision 2, or 3 for a province).
"""

from __future__ import annotations

import re

from .gazetteer import GazEntry
from .placecontext import sentence_bounds
from .toponyms import Spot, rules

CONTAINER_LINK = re.compile(r"\s*,?\s*(?:in|near|outside|of|at|on)\s+(?:the\s+)?(?:[a-z]+ern\s+)?")
COREF = re.compile(
    r"\b(?:the|this)\s+(?:city|town)(?:['’]s(?:\s+[A-Z][\w'’-]*){0,3}"
    r"(?:\s+(?:district|neighbou?rhood|quarter|area|suburbs?))?)?(?!\s+(?:of|council|hall)\b)")
DEMONYM_AREA = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:desert|territory|territories|countryside|coast|coastline|"
    r"mainland|airspace|soil|border areas|border region|hinterland)\b")
PLACE_TYPE = re.compile(
    r"\b(?:crossing|bridge|airport|air ?base|base|camp|checkpoint|district|neighbou?rhood|quarter|"
    r"village|dam|port|prison|barracks|refinery|field|square|hospital)\b|\b(?:town|village|city|district|area)\s+of\s+$", re.I)


def pending_spans(text: str, taken: list[tuple[int, int]], unnamed: list[tuple[int, int]],
                  ner_places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that need a container: unnamed spots, unmatched NER place spans, framed "the city"."""
    pending = list(unnamed)
    pending += [clip for clip in ner_places if not any(a < clip[1] and clip[0] < b for a, b in taken + pending)]
    pending += [(m.start(), _extend(text, m.end())) for m in COREF.finditer(text)
                if _framed(text, m.start(), m.end()) and not any(a < m.end() and m.start() < b for a, b in taken)]
    return pending


def typed_span(text: str, start: int, end: int) -> bool:
    """Whether a span is typed as a place by a word in or around it ("crossing", "town of")."""
    return bool(PLACE_TYPE.search(text[start:end + 25]) or PLACE_TYPE.search(text[max(0, start - 20):start]))


def _extend(text: str, end: int) -> int:
    # "the city outskirts": the container words belong to the mention.
    after = rules()["after_re"].match(text, end, min(len(text), end + 40))
    return after.end() if after else end


def _framed(text: str, start: int, end: int) -> bool:
    # "the city" is a place mention when framed: "north of the city", "the city outskirts".
    before = text[max(0, start - 40):start]
    after = rules()["after_re"].match(text, end, min(len(text), end + 40))
    return bool(rules()["dir_of_re"].search(before) or after or re.search("['’]s", text[start:end]))


def container_of(text: str, start: int, end: int, resolved: list[Spot], typed: bool) -> tuple[GazEntry, int] | None:
    """Container of an unresolved span: 'X in/near Y', 'the city' -> last city, or the province named in its sentence."""
    for spot in resolved:
        if typed and end <= spot.name_start < end + 30 and CONTAINER_LINK.fullmatch(text[end:spot.name_start]):
            return spot.chosen, 2  # type: ignore[return-value]
    if COREF.match(text, start) or re.search(r"\bthe\s+(?:city|town)['’]s\s+$", text[max(0, start - 20):start]):
        before = [s.chosen for s in resolved if s.end <= start and s.chosen and s.chosen.kind == "city"]
        recent = {e.id: e for e in before[-4:]}
        if recent:
            # "the city" is the article's main city more often than the last one named.
            counts = {key: sum(1 for e in before if e.id == key) for key in recent}
            return recent[max(counts, key=lambda k: (counts[k], list(recent).index(k)))], 2
    if not typed:
        return None  # a bare unknown name ("Zainabiyoun") may be a group, not a place
    lo, hi = sentence_bounds(text, start)
    areas = [s for s in resolved if lo <= s.start < hi and s.chosen and s.chosen.kind in ("admin1", "admin2")]
    if areas:
        nearest = min(areas, key=lambda s: abs(s.start - start))
        return nearest.chosen, 3  # type: ignore[return-value]
    return None
