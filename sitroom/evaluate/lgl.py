"""End-to-end geoparsing on LGL (Lieberman et al. 2010): spot and resolve toponyms in raw text.

Toponyms come from our spotter (spaCy NER spans + gazetteer scan), never from the gold spans.
A prediction matches a gold toponym when their character spans overlap (one to one, in text
order). Reported per half of the corpus (the first half is the development half; the second
is held out) and overall: span precision/recall/F1, Acc@161km and median km error over matched
toponyms that have gold coordinates. Last line:
``places: acc161 X span_f1 Y median_km Z n N``.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import PlaceRef
from ..resolve.places import PlaceResolver, default_resolver, haversine_km

ACC_KM = 161.0


@dataclass(slots=True, frozen=True)
class GoldToponym:
    """One annotated toponym; lat/lon are None where LGL gives no gazetteer tag."""

    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(slots=True, frozen=True)
class LglArticle:
    """One LGL article: its text and gold toponyms."""

    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(slots=True)
class Tally:
    """Counts for a set of articles."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors_km: list[float] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Accumulate another tally."""
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.errors_km.extend(other.errors_km)

    def line(self, name: str) -> str:
        """The summary line for these counts."""
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        acc = sum(1 for e in self.errors_km if e <= ACC_KM) / len(self.errors_km) if self.errors_km else 0.0
        median = statistics.median(self.errors_km) if self.errors_km else 0.0
        return (f"{name}: acc161 {acc:.2f} span_f1 {f1:.2f} median_km {median:.2f} n {len(self.errors_km)}"
                f" (span_p {precision:.2f} span_r {recall:.2f} gold {self.gold} predicted {self.predicted})")


@dataclass(slots=True)
class LglReport:
    """Per-half and overall tallies."""

    halves: list[Tally]

    def lines(self) -> list[str]:
        """Human-readable lines; the last is the machine-readable summary."""
        total = Tally()
        for half in self.halves:
            total.add(half)
        out = [self.halves[0].line("dev half (articles 1..n/2)"), self.halves[1].line("held-out half")]
        return out + [total.line("all"), total.line("places").split(" (")[0]]


def read_lgl(path: str | Path) -> list[LglArticle]:
    """Parse lgl.xml into articles with gold toponyms."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read LGL XML: {exc}") from exc
    articles = []
    for node in root.iter("article"):
        toponyms = []
        for top in node.iter("toponym"):
            gaz = top.find("gaztag")
            lat = float(gaz.findtext("lat") or "nan") if gaz is not None else None
            lon = float(gaz.findtext("lon") or "nan") if gaz is not None else None
            toponyms.append(GoldToponym(int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                                        top.findtext("phrase") or "", lat, lon))
        articles.append(LglArticle(node.get("docid", ""), node.findtext("text") or "", tuple(toponyms)))
    return articles


def score_article(article: LglArticle, places: list[PlaceRef]) -> Tally:
    """Match predictions to gold toponyms by span overlap, one to one, and measure km errors."""
    tally = Tally(gold=len(article.toponyms), predicted=len(places))
    used: set[int] = set()
    for gold in article.toponyms:
        for i, place in enumerate(places):
            ev = place.evidence
            if i in used or ev.end <= gold.start or ev.start >= gold.end:
                continue
            used.add(i)
            tally.matched += 1
            if gold.lat is not None and gold.lon is not None and place.latitude is not None:
                tally.errors_km.append(haversine_km(gold.lat, gold.lon, place.latitude, place.longitude or 0.0))
            break
    return tally


def ner_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Candidate name spans from the spaCy pipeline, one list per text."""
    from ..nlp.mentions import parse_texts

    return [list(parsed.candidates) for parsed in parse_texts(texts)]


def evaluate_lgl(path: str, resolver: PlaceResolver | None = None,
                 spans: list[list[tuple[int, int, str]]] | None = None) -> LglReport:
    """Geoparse every LGL article end to end and score it.

    Args:
        path: lgl.xml.
        resolver: the place resolver (packaged gazetteer when None).
        spans: precomputed NER spans per article (parsed with spaCy when None).
    """
    articles = read_lgl(path)
    resolver = resolver or default_resolver()
    spans = spans if spans is not None else ner_spans([a.text for a in articles])
    halves = [Tally(), Tally()]
    middle = len(articles) // 2
    for index, (article, candidates) in enumerate(zip(articles, spans)):
        places = resolver.resolve(article.text, article.docid, candidates)
        halves[0 if index < middle else 1].add(score_article(article, places))
    return LglReport(halves)
