"""Place resolution: an article's toponyms -> PlaceRef with gazetteer id, admin area and point.

``PlaceResolver.resolve`` runs a cascade:
1. spot toponyms (``toponyms.spot_ner`` on the caller's NER spans, then ``spot_scan``);
2. frame each (container words, directions, ", State" qualifiers) -> wanted kind, precision;
3. build the article context (placecontext): countries and admin1 areas voted by each distinct
   unambiguous name, demonyms and the caller's ``country_hint``;
4. score the credible candidates by population, kind, context and qualifier, then rescore
   with proximity to the other places chosen (local news names nearby towns);
5. fall back to the nearest named container for place-like spans that found no credible
   entry ("al-Hari border crossing", "al-Taybah in eastern Homs", "the city's X district"):
   a coarser geo_precision, never a namesake abroad.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Evidence, PlaceRef
from .containers import DEMONYM_AREA, container_of, pending_spans, typed_span
from .gazetteer import GazEntry, Gazetteer, default_gazetteer, norm_key, vowel_key
from .placecontext import Context, Vote, country_names, demonym_before, demonyms, vote_of
from .toponyms import ADMIN_KINDS, PLACE_LABELS, Spot, frame, rules, spot_ner, spot_scan

LOGGER = logging.getLogger(__name__)

KIND_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
KIND_LABEL = {"city": "city", "admin2": "district", "admin1": "province", "country": "country", "region": "region"}
TRUSTED_SOURCES = PLACE_LABELS | {"GAZ", "ORG-PART", "TYPED", "SAME-NAME"}
VOTING_SOURCES = PLACE_LABELS | {"GAZ", "TYPED"}
@dataclass(slots=True, frozen=True)
class Weights:
    """Scoring weights (log10 population is the base score)."""

    main_name: float = 2.0
    loose_match: float = 1.5
    loose_similarity: float = 80.0
    close_similarity: float = 90.0
    country_share: float = 3.0
    country_hint: float = 1.5
    admin1_share: float = 1.5
    qualifier: float = 6.0
    demonym: float = 2.0
    admin1_named: float = 1.5
    wanted_kind: float = 4.0
    proximity: float = 5.0
    proximity_km: float = 100.0
    admin1_bias: float = -1.0
    country_bias: float = 1.0
    unknown_population: int = 2000
    population: float = 0.8
    readings: int = 30
    local_km: float = 50.0


class PlaceResolver:
    """Resolve toponyms in article text against an injected gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights()

    def resolve(
        self,
        text: str,
        article_id: str,
        candidates: list[tuple[int, int, str]] | None = None,
        country_hint: str | None = None,
    ) -> list[PlaceRef]:
        """Return one PlaceRef per resolved toponym, in text order.

        Args:
            text: the article text (offsets refer to it).
            article_id: copied into each Evidence.
            candidates: NER spans ``(start, end, label)``; None scans the text only.
            country_hint: ISO code or name of the country the source is about, if known.
        """
        candidates = candidates or []
        spots = self.spot(text, candidates)
        context = self.context(text, spots, candidates, self.country_code(country_hint))
        readings = self.readings(spots, context)
        for round_ in range(2):
            # Repeated mentions framed alike score alike: choose once per distinct framing.
            chosen: dict[tuple[object, ...], GazEntry | None] = {}
            for spot in spots:
                key = norm_key(spot.name)
                signature = (key, spot.source, spot.exact, spot.want, spot.qualifier, spot.demonym,
                             tuple(e.id for e in spot.entries))
                if signature not in chosen:
                    others = [entries for name, entries in readings.items() if name != key]
                    chosen[signature] = self.choose(spot, context, others)
                spot.chosen = chosen[signature]
            self.one_sense(spots)
            if round_ == 0:
                # Second round: names that were ambiguous ("Georgia") now vote for their choice.
                context = self.revote(spots, context)
        resolved = [s for s in spots if s.chosen is not None]
        refs = [self.place_ref(text, article_id, s.start, s.end, s.chosen, s.precision) for s in resolved]
        refs += self.containers(text, article_id, spots, candidates)
        return sorted(refs, key=lambda r: (r.evidence.start, r.evidence.end))

    def spot(self, text: str, candidates: list[tuple[int, int, str]]) -> list[Spot]:
        """Steps 1-2: toponym spans with their frames, in text order, not overlapping."""
        spots = spot_ner(self.gazetteer, text, sorted(candidates))
        covered = [(s, e) for s, e, _ in candidates] + [(s.start, s.end) for s in spots]
        spots += spot_scan(self.gazetteer, text, covered)
        spots.sort(key=lambda s: (s.start, -s.end))
        kept: list[Spot] = []
        for spot in spots:
            if kept and spot.name_start < kept[-1].name_end:
                continue
            frame(text, spot, self.gazetteer)
            kept.append(spot)
        # One sense per discourse: a name the model once tagged as a place is a place each time.
        trusted = {norm_key(s.name) for s in kept if s.source in PLACE_LABELS}
        for spot in kept:
            if spot.source not in TRUSTED_SOURCES and norm_key(spot.name) in trusted:
                spot.source = "SAME-NAME"
        return kept

    def context(self, text: str, spots: list[Spot], candidates: list[tuple[int, int, str]], hint: str | None) -> Context:
        """Step 3: votes of distinct trusted names, demonyms, qualifiers and the hint."""
        context = Context(hint=hint)
        if hint:
            context.add("\x00hint", Vote(hint, None, 2.0))
        for spot in spots:
            areas_only = spot.source == "ORG-PART" and all(e.kind in ("admin1", "country") for e in spot.entries[:1])
            if (spot.source in VOTING_SOURCES or areas_only) and spot.exact:
                vote = vote_of(spot.name, spot.entries, self.weights.unknown_population)
                if vote is not None:
                    context.add(spot.name, vote)
                    anchor = next((e for e in spot.entries if e.kind == "city" and e.country_code == vote.country
                                   and norm_key(e.name) == norm_key(spot.name)), None)
                    if vote.admin1 and anchor is not None:
                        context.anchors.append(anchor)
            if spot.qualifier:
                code = spot.qualifier
                context.add(f"\x00q{code}", Vote(code.split(".")[0], code if "." in code else None, 1.0))
            spot.demonym = demonym_before(text, spot.name_start)
        for start, end, label in candidates:
            code = demonyms().get(text[start:end]) if label == "NORP" else None
            if code:
                context.add(text[start:end], Vote(code, None, 1.0))
        return context

    def revote(self, spots: list[Spot], context: Context) -> Context:
        """A context where every trusted, resolved name votes for the reading chosen for it."""
        fresh = Context(hint=context.hint, anchors=context.anchors)
        for key, vote in context.votes.items():
            if key.startswith("\x00") or key not in {norm_key(s.name) for s in spots}:
                fresh.votes[key] = vote
                fresh.add_counts(vote)
        for spot in spots:
            entry = spot.chosen
            if entry is not None and entry.kind == "admin1" and entry.admin1_code and spot.source in TRUSTED_SOURCES:
                fresh.named_admin1.add(entry.admin1_code)
                fresh.admin1_names[entry.admin1_code] = spot.name
            if entry is not None and spot.source in VOTING_SOURCES and entry.country_code:
                weight = 2.0 if entry.kind in ("country", "admin1") else 1.0
                fresh.add(spot.name, Vote(entry.country_code, entry.admin1_code, weight))
        return fresh

    def readings(self, spots: list[Spot], context: Context) -> dict[str, list[GazEntry]]:
        """Credible town/district readings of each distinct name (the most populous few)."""
        out: dict[str, list[GazEntry]] = {}
        for spot in spots:
            key = norm_key(spot.name)
            if key in out or spot.source not in TRUSTED_SOURCES:
                continue
            towns = [e for e in spot.entries if e.kind in ("city", "admin2") and self.credible(spot, e, context)]
            if towns:
                out[key] = towns[: self.weights.readings]
        return out

    def choose(self, spot: Spot, context: Context, others: list[list[GazEntry]]) -> GazEntry | None:
        """Step 4: the best-scoring credible candidate of a spot."""
        best, best_score = None, -math.inf
        for entry in spot.entries:
            if not self.credible(spot, entry, context):
                continue
            if spot.qualifier and entry.kind in ("city", "admin2") and \
                    spot.qualifier not in (entry.admin1_code, entry.country_code):
                continue  # "Alexandria, La." is in Louisiana; if we lack it, its container stands in
            value = self.score(spot, entry, context, others)
            if value > best_score:
                best, best_score = entry, value
        return best

    def one_sense(self, spots: list[Spot]) -> None:
        """One sense per discourse: unframed mentions of a name share its most frequent reading."""
        by_name: dict[str, list[Spot]] = {}
        for spot in spots:
            if spot.chosen is not None and spot.want is None and spot.qualifier is None:
                by_name.setdefault(norm_key(spot.name), []).append(spot)
        for group in by_name.values():
            counts = Counter(s.chosen.id for s in group if s.chosen is not None)
            top = counts.most_common(1)[0][0]
            entry = next(s.chosen for s in group if s.chosen is not None and s.chosen.id == top)
            for spot in group:
                if spot.chosen is not None and any(e.id == top for e in spot.entries):
                    spot.chosen = entry

    def credible(self, spot: Spot, entry: GazEntry, context: Context) -> bool:
        """Whether the span's label, spelling match and context allow this reading at all."""
        limits = rules()["min_population"]
        in_context = context.supports(entry.country_code, spot.name) or not entry.country_code
        if not spot.exact:
            # Transliteration variants only near home, only if the spellings stay close, and only
            # with local support ("Assad" ~ Issad): same admin1 area, a qualifier, or a
            # confidently placed town nearby.
            similar = fuzz.ratio(vowel_key(norm_key(spot.name)), vowel_key(norm_key(entry.name)))
            if not in_context or similar < self.weights.loose_similarity:
                return False
            if spot.source in TRUSTED_SOURCES and similar >= self.weights.close_similarity:
                return True
            return self.local(spot, entry, context)
        if spot.source in TRUSTED_SOURCES:
            if entry.kind in ADMIN_KINDS or in_context or not context.others_vote(spot.name):
                return True
            # A place the gazetteer lacks ("al-Hari crossing") must not become a namesake abroad.
            return entry.population >= limits["foreign_small_town"]
        # ORG/PERSON/NORP spans: the small model mislabels towns, but people are named after places.
        if entry.kind in ADMIN_KINDS:
            return spot.source != "PERSON" or in_context
        if entry.population >= limits["big_city"]:
            return True
        known = entry.population >= limits["maybe_label"] or entry.population == 0
        if spot.source == "PERSON":
            return known and self.local(spot, entry, context)
        return in_context and known

    def local(self, spot: Spot, entry: GazEntry, context: Context) -> bool:
        """Whether the article independently points to the area of ``entry``."""
        if spot.qualifier and spot.qualifier in (entry.admin1_code, entry.country_code):
            return True
        if spot.demonym == entry.country_code:
            return True
        if context.admin1_share(entry.admin1_code, spot.name) > 0:
            return True
        return any(distance_km(entry, anchor) <= self.weights.local_km for anchor in context.anchors)

    def score(self, spot: Spot, entry: GazEntry, context: Context, others: list[list[GazEntry]]) -> float:
        """Score one candidate for one spot (higher is better)."""
        w = self.weights
        value = w.population * math.log10(max(entry.population, w.unknown_population))
        if entry.kind == "country":
            value += w.country_bias
        elif entry.kind == "admin1" and any(e.kind == "city" and same_spelling(e.name, spot.name)
                                            and e.population * 10 >= entry.population for e in spot.entries):
            value += w.admin1_bias  # "Washington", "New York": the city unless the text says the state
        if not spot.exact:
            value -= w.loose_match
        if same_spelling(entry.name, spot.name):
            value += w.main_name
        if spot.want == "admin" and entry.kind in ("admin1", "admin2"):
            value += w.wanted_kind
        if spot.want == "city" and entry.kind == "city":
            value += w.wanted_kind
        value += w.country_share * context.country_share(entry.country_code, spot.name)
        value += w.admin1_share * context.admin1_share(entry.admin1_code, spot.name)
        if context.hint and entry.country_code == context.hint:
            value += w.country_hint
        if spot.qualifier and spot.qualifier in (entry.admin1_code, entry.country_code):
            value += w.qualifier
        if spot.demonym == entry.country_code:
            value += w.demonym
        if entry.admin1_code in context.named_admin1 and norm_key(context.admin1_names.get(entry.admin1_code, "")) != norm_key(spot.name):
            value += w.admin1_named
        if others and entry.kind in ("city", "admin2"):
            value += w.proximity * coherence(entry, others, w.proximity_km)
        return value

    def containers(self, text: str, article_id: str, spots: list[Spot],
                   candidates: list[tuple[int, int, str]]) -> list[PlaceRef]:
        """Step 5: place-like spans without a credible entry take their container's place."""
        resolved = [s for s in spots if s.chosen is not None]
        taken = [(s.start, s.end) for s in resolved]
        unnamed = [(s.start, s.end) for s in spots if s.chosen is None and s.source in TRUSTED_SOURCES]
        pending = pending_spans(text, taken, unnamed, [(s, e) for s, e, label in candidates if label in PLACE_LABELS])
        refs = self.demonym_areas(text, article_id, taken + pending)
        for start, end in sorted(pending):
            found = container_of(text, start, end, resolved, (start, end) in unnamed or typed_span(text, start, end))
            if found is not None:
                entry, precision = found
                refs.append(self.place_ref(text, article_id, start, end, entry, precision))
        return refs

    def demonym_areas(self, text: str, article_id: str, taken: list[tuple[int, int]]) -> list[PlaceRef]:
        """'the Syrian desert', 'Lebanese territory': a country-level place named by its adjective."""
        refs = []
        for match in DEMONYM_AREA.finditer(text):
            code = demonyms().get(match.group(1))
            if not code or any(a < match.end() and match.start() < b for a, b in taken):
                continue
            entry = next((e for e in self.gazetteer.exact(country_names().get(code, "")) if e.kind == "country"), None)
            if entry is not None:
                refs.append(self.place_ref(text, article_id, match.start(), match.end(), entry, 3))
        return refs

    def place_ref(self, text: str, article_id: str, start: int, end: int, entry: GazEntry | None,
                  precision: int) -> PlaceRef:
        """The PlaceRef for ``entry`` with evidence ``text[start:end]``."""
        assert entry is not None
        evidence = Evidence(article_id=article_id, start=start, end=end, text=text[start:end])
        return PlaceRef(
            name=entry.name, country=entry.country, admin1=entry.admin1 if entry.kind != "country" else None,
            latitude=entry.latitude, longitude=entry.longitude,
            geo_precision=max(precision, KIND_PRECISION[entry.kind]),
            gazetteer_id=entry.id, evidence=evidence, kind=KIND_LABEL[entry.kind],
        )

    def country_code(self, hint: str | None) -> str | None:
        """ISO code of a country given by code or name (None if unknown)."""
        if not hint:
            return None
        if len(hint) == 2 and hint.isupper():
            return hint
        found = [e for e in self.gazetteer.exact(hint) if e.kind == "country"]
        return found[0].country_code if found else None


@lru_cache(maxsize=65536)
def same_spelling(a: str, b: str) -> bool:
    """Whether two names are spelling variants ("Ḩamāh"/"Hama"), not merely alias-linked."""
    return vowel_key(norm_key(a)) == vowel_key(norm_key(b))


def coherence(entry: GazEntry, others: list[list[GazEntry]], scale_km: float) -> float:
    """How close ``entry`` lies to some reading of each other name (mean of exp(-km/scale))."""
    total = 0.0
    for readings in others:
        near = min(distance_km(entry, other) for other in readings)
        total += math.exp(-near / scale_km)
    return total / len(others)


def distance_km(a: GazEntry, b: GazEntry) -> float:
    """Great-circle distance between two entries."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1)
def default_resolver() -> PlaceResolver:
    """A resolver over the packaged gazetteer (loaded once per process)."""
    return PlaceResolver(default_gazetteer())


def resolve_places(
    text: str,
    article_id: str,
    candidates: list[tuple[int, int, str]] | None = None,
    country_hint: str | None = None,
) -> list[PlaceRef]:
    """Resolve the places of one article with the packaged gazetteer (see PlaceResolver.resolve)."""
    return default_resolver().resolve(text, article_id, candidates, country_hint)
