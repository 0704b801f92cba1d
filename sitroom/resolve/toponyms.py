"""Toponym spotting: which character spans of an article name places, and how they are framed.

Sources, in order (each a named function below):
1. NER place spans (GPE/LOC/FAC): the whole span if the gazetteer knows it, else the longest
   known name inside it ("Rastan bridge" -> Rastan, framed as a vicinity);
2. NER ORG/PERSON spans: the small model often labels towns ORG or PERSON, so a span that is
   a known, populous place name is kept, and an ORG that starts with one ("Mansfield Police
   Department") yields that name;
3. a gazetteer scan of capitalised n-grams the model missed, filtered by a stoplist of common
   words, capitalisation, population and a preceding preposition.
Each spot then gets a frame from its surroundings: container words ("Idlib province",
"Homs desert"), directions ("north of Hama", "eastern Homs") and qualifiers ("Alexandria, La.").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .gazetteer import GazEntry, Gazetteer, data_dir, norm_key, read_table

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_LABELS = frozenset({"ORG", "PERSON", "NORP"})
ADMIN_KINDS = frozenset({"admin1", "country", "region"})
_ARTICLE = r"(?:al|el|ad|ar|as|at|az|ash|an|ed|er|es|et|ez)[-‐]"
_WORD = rf"(?:{_ARTICLE})?[A-Z][\w'’‘`\-\.]*(?<![\.\-])"
_RUN = re.compile(rf"{_WORD}(?:\s(?:{_WORD}|{_ARTICLE}[A-Z][\w'’‘\-]*|(?:de|del|la|le|of|on|upon|du|da)(?=\s[A-Z])))*")
_TOKEN = re.compile(rf"{_WORD}|\S+")
_INSTITUTION = re.compile(
    r"\b(?:Police|Fire|Sheriff|County|City|High|School|University|College|Hospital|Council|Department|"
    r"Library|Airport|Station|Court|Jail|Park)\b")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\(\w+\)\s*)?(?::|--|—|–|-\s)")
_RESIDENT = re.compile(
    r"(?:['’]s)?\s+(?:man|woman|men|women|boy|girl|teen|teenager|resident|residents|native|natives|couple|"
    r"family|police|mayor|city council|city hall|county commission|area|neighborhood|suburb|sewer|"
    r"residents)\b", re.I)


@dataclass(slots=True)
class Spot:
    """One toponym: where it is, what name to look up, and how the text frames it."""

    start: int
    end: int
    name_start: int
    name_end: int
    source: str
    entries: list[GazEntry]
    exact: bool
    want: str | None = None
    precision: int = 1
    qualifier: str | None = None
    demonym: str | None = None
    chosen: GazEntry | None = None
    name: str = ""


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The spotting rules (stoplist, container words, thresholds) from place_rules.json."""
    data: dict[str, Any] = json.loads((data_dir() / "place_rules.json").read_text(encoding="utf-8"))
    data["stopset"] = frozenset(data["stopwords"])
    words = "|".join(sorted(map(re.escape, data["admin1_words"] + data["vicinity_words"] + data["city_words"]), key=len, reverse=True))
    # Used with .match(text, pos): no "^", which would only match at the start of the text.
    data["after_re"] = re.compile(rf"[\s-]+({words})\b", re.I)
    dirs = "|".join(map(re.escape, data["directions"]))
    near = "|".join(sorted(map(re.escape, data["near_words"]), key=len, reverse=True))
    data["dir_of_re"] = re.compile(
        rf"\b(?:(?:{dirs})(?:ern)?\s+of|{near})\s+(?:the\s+)?(?:(?:city|town|province|village)\s+of\s+)?"
        rf"(?:[a-z-]+\s+)?$", re.I)
    data["dir_adj_re"] = re.compile(rf"\b(?:(?:{dirs})(?:ern)?|far|rural|greater|the)\s+$", re.I)
    data["prep_re"] = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(map(re.escape, data["place_prepositions"])), re.I)
    data["abbrev"] = {alias: row["code"] for row in read_table(data_dir() / "admin1_aliases.tsv")
                      for alias in row["aliases"].split("|") if alias}
    return data


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading 'the ', a possessive 's and stray punctuation from an NER span."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s"):
        if text[start:end].endswith(tail):
            end -= len(tail)
    while end > start and text[end - 1] in ".,;:-–—\"'’)":
        end -= 1
    while start < end and text[start] in "\"'‘(-":
        start += 1
    return start, end


def longest_inside(gaz: Gazetteer, text: str, start: int, end: int, exact_only: bool) -> tuple[int, int, list[GazEntry], bool] | None:
    """The longest known name within [start, end); among equally long ones the most populous.

    "Metro Nashville" -> Nashville, "Aleppo International Airport" -> Aleppo.
    """
    tokens = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]
    for size in range(len(tokens), 0, -1):
        hits = []
        for i in range(len(tokens) - size + 1):
            s, e = clean_span(text, tokens[i][0], tokens[i + size - 1][1])
            words = text[s:e]
            if not words[:1].isupper() and not re.match(_ARTICLE, words):
                continue
            if stopword(words):
                continue
            found = gaz.exact(words)
            if found:
                hits.append((max(x.population for x in found), s, e, found))
        if hits:
            _, s, e, found = max(hits, key=lambda h: h[0])
            return s, e, found, True
        # Spelling variants only for the whole span: inside it they find junk ("Port of X").
        words = text[tokens[0][0]:tokens[-1][1]] if tokens else ""
        if not exact_only and size == len(tokens) and len(norm_key(words)) >= 4:
            found = gaz.candidates(words)
            if found:
                s, e = clean_span(text, tokens[0][0], tokens[-1][1])
                return s, e, found, False
    return None


def spot_ner(gaz: Gazetteer, text: str, candidates: list[tuple[int, int, str]]) -> list[Spot]:
    """Spots from NER spans (see the module docstring, sources 1 and 2); the resolver vets them."""
    spots = []
    for start, end, label in candidates:
        start, end = clean_span(text, start, end)
        if end <= start:
            continue
        if label in PLACE_LABELS:
            spot = _place_span(gaz, text, start, end, label)
        else:
            spot = _maybe_span(gaz, text, start, end, label)
        if spot is not None:
            spots.append(spot)
    return spots


def _place_span(gaz: Gazetteer, text: str, start: int, end: int, label: str) -> Spot | None:
    found = longest_inside(gaz, text, start, end, exact_only=False)
    if found is None:
        return None
    s, e, entries, exact = found
    spot = Spot(start, end, s, e, label, entries, exact)
    if (s, e) != (start, end):
        # A known name inside a longer one: "Rastan bridge", "Aleppo International Airport".
        spot.precision = 2
    return spot


def _maybe_span(gaz: Gazetteer, text: str, start: int, end: int, label: str) -> Spot | None:
    name = text[start:end]
    if stopword(name) or (label == "NORP" and name in demonym_set()):
        return None
    entries = gaz.exact(name)
    if entries:
        return Spot(start, end, start, end, label, entries, True)
    if label == "ORG" or (label == "PERSON" and _INSTITUTION.search(name)):
        part = _org_part(gaz, text, start, end)
        if part is not None:
            return part
    if len(norm_key(name)) >= 4:
        entries = gaz.candidates(name)
        if entries:
            return Spot(start, end, start, end, label, entries, False)
    return None


def _org_part(gaz: Gazetteer, text: str, start: int, end: int) -> Spot | None:
    """"Mansfield Police Department", "State of Ohio": a leading name, or the one after "of"."""
    tokens = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]
    of = next((i for i, (s, e) in enumerate(tokens) if text[s:e] == "of"), None)
    spans = [(0, size) for size in range(min(3, len(tokens) - 1), 0, -1)]
    if of is not None and of + 1 < len(tokens):
        # "State of Ohio", "United Way of Metropolitan Atlanta": after "of", longest first.
        spans = [(first, len(tokens)) for first in range(of + 1, len(tokens))] + spans
    for first, last in spans:
        s, e = clean_span(text, tokens[first][0], tokens[last - 1][1])
        entries = gaz.exact(text[s:e]) if e > s else []
        if entries and plausible(entries, rules()["min_population"]["maybe_label"]) and not stopword(text[s:e]):
            return Spot(s, e, s, e, "ORG-PART", entries, True)
    return None


@lru_cache(maxsize=1)
def demonym_set() -> frozenset[str]:
    """Demonyms ("Syrian", "Israeli"): adjectives, never place mentions themselves."""
    from .placecontext import demonyms

    return frozenset(demonyms())


def stopword(name: str) -> bool:
    """Whether a name is a common word (all its words on the stoplist); "US" is an acronym."""
    if name.isupper() and len(name.replace(".", "")) <= 4:
        return False
    return all(w in rules()["stopset"] for w in norm_key(name).split())


def plausible(entries: list[GazEntry], min_population: int) -> bool:
    """Whether any entry is an admin area/country or a town of at least ``min_population``."""
    return any(e.kind in ADMIN_KINDS or e.population >= min_population for e in entries)


def spot_scan(gaz: Gazetteer, text: str, covered: list[tuple[int, int]]) -> list[Spot]:
    """Spots from capitalised runs outside ``covered`` (source 3)."""
    blocked = bytearray(len(text))
    for s, e in covered:
        blocked[s:e] = b"\x01" * (e - s)
    spots = []
    for run in _RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start()) for m in _TOKEN.finditer(run.group())]
        i = 0
        while i < len(tokens):
            hit = _scan_at(gaz, text, tokens, i, blocked)
            if hit is None:
                i += 1
                continue
            spots.append(hit[0])
            i = hit[1]
    return spots


def _scan_at(gaz: Gazetteer, text: str, tokens: list[tuple[int, int]], i: int, blocked: bytearray) -> tuple[Spot, int] | None:
    for size in range(min(4, len(tokens) - i), 0, -1):
        s, e = clean_span(text, tokens[i][0], tokens[i + size - 1][1])
        if e <= s or any(blocked[s:e]) or not (text[s].isupper() or re.match(_ARTICLE, text[s:e])):
            continue
        name = text[s:e]
        if stopword(name) or name in demonym_set() or (size == 1 and re.search(rf"\b{re.escape(name.lower())}\b", text)):
            continue
        entries = gaz.exact(name)
        # A place's own name or an area's alias; other aliases only after "in"/"near"...:
        # "Soul" is an old alias of Seoul, "Mayadeen" a common spelling of Al Mayadin.
        framed = bool(rules()["prep_re"].search(text[max(0, s - 30):s]))
        own = [e for e in entries if framed or e.kind in ADMIN_KINDS or norm_key(e.name) == norm_key(name)]
        if name.isupper() and len(name) <= 4:
            own = [e for e in own if e.kind in ("country", "admin1")]  # acronyms: "US", not a town "It"
        if own and plausible(own, scan_threshold(text, s, size)):
            return Spot(s, e, s, e, "GAZ", entries, True), i + size
    return None


def scan_threshold(text: str, start: int, size: int) -> int:
    """Population a scanned name needs: lower after 'in'/'near', higher at a sentence start."""
    limits = rules()["min_population"]
    before = text[max(0, start - 30):start]
    if rules()["prep_re"].search(before):
        return int(limits["scan_after_preposition"])
    if _DATELINE.match(text, start, start + 60) and text[start:start + 3].isupper():
        return int(limits["scan_after_preposition"])  # a dateline: "BEIRUT:", "MANSFIELD --"
    if not before.strip() or re.search(r"[.!?\"“]\s*$|\n\s*$", before):
        return 5 * int(limits["scan_single"])  # a capitalised first word: only a sizeable town
    return int(limits["scan_single"] if size == 1 else limits["scan_multi"])


def frame(text: str, spot: Spot, gaz: Gazetteer) -> None:
    """Read container words, directions and a ', State' qualifier around a spot (in place)."""
    data = rules()
    spot.name = text[spot.name_start:spot.name_end]
    after = data["after_re"].match(text, spot.name_end, min(len(text), spot.name_end + 40))
    if after is not None:
        _container_word(text, spot, gaz, after)
    before = text[max(0, spot.start - 60):spot.start]
    direction = data["dir_of_re"].search(before)
    if direction is not None:
        spot.precision = max(spot.precision, 2)
        spot.start -= len(before) - direction.start()
    elif data["dir_adj_re"].search(before) and not before.lower().endswith("the "):
        spot.precision = max(spot.precision, 2)
    spot.qualifier = qualifier(text, spot.name_end, gaz)
    if _RESIDENT.match(text, spot.end):
        spot.source = "TYPED"  # "a Gainesville man", "Mansfield police"
    if re.search(r"\b(?:town|village|city|suburb|district|province|region)s?\s+of\s+$",
                 text[max(0, spot.name_start - 30):spot.name_start]):
        spot.source = "TYPED"  # "the town of X": whatever the NER label, X is a place


def _container_word(text: str, spot: Spot, gaz: Gazetteer, after: re.Match[str]) -> None:
    """"Idlib province" -> admin area; "Douglas County" -> that county if known; "X desert" -> near X."""
    word = after.group(1).lower()
    name = text[spot.name_start:after.end()]
    whole, exact = gaz.exact(name), True
    if not whole and word in ("county", "parish"):
        whole, exact = [e for e in gaz.candidates(name) if e.kind == "admin2"], False  # "DeSoto"/"De Soto"
    if whole:
        # The word is part of the name ("Douglas County", "Quebec City").
        spot.entries, spot.exact, spot.name_end = whole, exact, after.end()
        spot.name = text[spot.name_start:spot.name_end]
    elif word in rules()["admin1_words"] and any(e.kind in ("admin1", "admin2") for e in spot.entries):
        spot.want, spot.precision = "admin", 3
    elif word in rules()["city_words"]:
        spot.want = "city"
    else:
        spot.precision = max(spot.precision, 2)
    spot.end = max(spot.end, after.end())


def qualifier(text: str, end: int, gaz: Gazetteer) -> str | None:
    """Admin1 or country code right after a name: "Alexandria, La.", "al-Taybah in eastern Homs".

    After a comma the area must not also be a big town ("Aleppo, Hama and Homs" is a list).
    """
    match = re.match(r"(,|\s+in)\s+(?:the\s+)?(?:[a-z]+ern\s+)?((?:[A-Z][\w]*\.?\s?){1,3})", text[end:end + 50])
    if match is None:
        return None
    comma, words = match.group(1) == ",", match.group(2).strip().split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if name in rules()["abbrev"]:
            return str(rules()["abbrev"][name])
        entries = gaz.exact(name.rstrip("."))
        areas = [e for e in entries if e.kind in ("admin1", "country")]
        towns = [e for e in entries if e.kind == "city" and areas and e.population * 3 >= areas[0].population]
        if areas and not (comma and towns):
            return areas[0].admin1_code if areas[0].kind == "admin1" else areas[0].country_code
    return None
