"""Score place resolution against gold places.jsonl (shared/eval SCHEMA.md).

For every gold place, every article in its ``docs`` and every spelling that occurs in that
article's text, one mention is counted. It is *found* when a predicted PlaceRef's evidence
overlaps an occurrence, and *resolved* when such a PlaceRef lies within 10 km of the gold point,
or, for gold kinds region/province/country, names the gold admin1 (else the gold country; else
lies within 300 km, the event scorer's region tolerance). Span precision counts predictions
that overlap any gold spelling. Last line: ``places: acc161 X span_f1 Y median_km Z n N``.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..model import PlaceRef
from ..resolve.gazetteer import norm_key
from ..resolve.places import PlaceResolver, default_resolver, haversine_km

LOGGER = logging.getLogger(__name__)

POINT_KM = 10.0
REGION_KM = 300.0
ACC_KM = 161.0
AREA_KINDS = frozenset({"region", "province", "country"})


@dataclass(slots=True)
class PlacesReport:
    """Mention counts and misses."""

    counted: int = 0
    found: int = 0
    resolved: int = 0
    predicted: int = 0
    predicted_on_gold: int = 0
    errors_km: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    articles: str = ""

    def lines(self) -> list[str]:
        """Misses, then totals; the last line is the machine-readable summary."""
        precision = self.predicted_on_gold / self.predicted if self.predicted else 0.0
        recall = self.found / self.counted if self.counted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        acc = sum(1 for e in self.errors_km if e <= ACC_KM) / len(self.errors_km) if self.errors_km else 0.0
        median = statistics.median(self.errors_km) if self.errors_km else 0.0
        share = self.resolved / self.counted if self.counted else 0.0
        return [
            *self.misses,
            self.articles,
            f"mentions found {self.found}/{self.counted}; predictions on gold spellings {self.predicted_on_gold}/{self.predicted}",
            f"resolved (10 km, or right admin area for regions) {self.resolved}/{self.counted} = {share:.3f}",
            f"places: acc161 {acc:.2f} span_f1 {f1:.2f} median_km {median:.2f} n {len(self.errors_km)}",
        ]


def read_articles(gold_dir: Path, inputs: Path, settings: Settings) -> dict[str, str]:
    """Article id ('file#k') -> text, from the segmenter, matched to gold articles by title/lines.

    Gold articles the segmenter did not produce are cut from the raw file by their gold line
    range, so that a segmentation miss does not count as a place miss (it is reported).
    """
    from ..ingest import read_file
    from ..model import RawDocument
    from ..segment import segment
    from ..segment.decode import decode
    from .documents import Predicted, _line_range, load_gold, match_articles

    texts: dict[str, str] = {}
    for entry in load_gold(gold_dir / "documents.jsonl"):
        path = inputs / entry["file"]
        predicted = []
        for item in read_file(str(path), settings.ingest):
            if isinstance(item, RawDocument):
                raw = decode(item.content, item.path)
                predicted += [Predicted(a, _line_range(raw, a.span)) for a in segment(item, settings.segment)]
        matches = match_articles(entry["articles"], predicted)
        raw_lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for gold in entry["articles"]:
            key = f"{entry['file']}#{gold['k']}"
            if gold["k"] in matches:
                texts[key] = matches[gold["k"]].article.text
            elif gold.get("lines"):
                LOGGER.info("%s not segmented; cutting gold lines", key)
                texts[key] = "\n".join(raw_lines[gold["lines"][0] - 1: gold["lines"][1]])
    return texts


def evaluate_places(gold: str, inputs: str, resolver: PlaceResolver | None = None,
                    settings: Settings | None = None) -> PlacesReport:
    """Resolve the places of every gold article and score them against places.jsonl.

    Args:
        gold: folder with places.jsonl and documents.jsonl.
        inputs: folder with the raw files the gold describes.
        resolver: the place resolver (packaged gazetteer when None).
        settings: ingest/segment settings (defaults when None).
    """
    from ..nlp.mentions import parse_texts

    gold_dir, settings = Path(gold), settings or Settings()
    places = _load_places(gold_dir / "places.jsonl")
    texts = read_articles(gold_dir, Path(inputs), settings)
    resolver = resolver or default_resolver()
    ids = sorted(texts)
    predictions: dict[str, list[PlaceRef]] = {}
    for key, parsed in zip(ids, parse_texts([texts[k] for k in ids])):
        predictions[key] = resolver.resolve(texts[key], key, list(parsed.candidates))
    report = PlacesReport(articles=f"articles read {len(texts)}")
    for place in places:
        for doc in place["docs"]:
            if doc in texts:
                _score_place(place, doc, texts[doc], predictions[doc], report, resolver)
    for key, refs in predictions.items():
        report.predicted += len(refs)
        golds = [o for p in places if key in p["docs"] for s in p["spellings"] for o in _occurrences(texts[key], s)]
        report.predicted_on_gold += sum(1 for r in refs if any(_overlaps(r, o) for o in golds))
    return report


def _load_places(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold places: {exc}") from exc


def _occurrences(text: str, spelling: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text)]


def _overlaps(ref: PlaceRef, span: tuple[int, int]) -> bool:
    return ref.evidence.start < span[1] and span[0] < ref.evidence.end


def _score_place(place: dict[str, Any], doc: str, text: str, refs: list[PlaceRef], report: PlacesReport,
                 resolver: PlaceResolver) -> None:
    for spelling in place["spellings"]:
        spans = _occurrences(text, spelling)
        if not spans:
            continue
        report.counted += 1
        hits = [r for r in refs if any(_overlaps(r, s) for s in spans)]
        if not hits:
            report.misses.append(f"miss {doc} {spelling!r} ({place['name']}): not found")
            continue
        report.found += 1
        best = min(hits, key=lambda r: _km(r, place))
        report.errors_km.append(_km(best, place))
        if any(_correct(r, place, resolver) for r in hits):
            report.resolved += 1
        else:
            report.misses.append(f"miss {doc} {spelling!r} ({place['name']}): resolved to {best.name}, "
                                 f"{best.admin1}, {best.country} ({_km(best, place):.0f} km)")


def _km(ref: PlaceRef, place: dict[str, Any]) -> float:
    if ref.latitude is None or ref.longitude is None:
        return float("inf")
    return haversine_km(ref.latitude, ref.longitude, place["lat"], place["lon"])


def _correct(ref: PlaceRef, place: dict[str, Any], resolver: PlaceResolver) -> bool:
    if _km(ref, place) <= POINT_KM:
        return True
    if place["kind"] not in AREA_KINDS:
        return False
    if ref.kind == "region" and _same_area(ref.name, place["name"]):
        return True  # the same named region, whatever point each side picked for it
    if place.get("admin1"):
        return bool(ref.admin1) and _same_area(ref.admin1 or "", place["admin1"]) and \
            _same_country(ref.country, place.get("country"), resolver)
    if place.get("country"):
        return _same_country(ref.country, place["country"], resolver)
    return _km(ref, place) <= REGION_KM


def _same_area(a: str, b: str) -> bool:
    # "As-Suwayda" and "Suwayda", "Al-Anbar" and "Anbar" name the same governorate.
    return norm_key(a) == norm_key(b)


def _same_country(a: str | None, b: str | None, resolver: PlaceResolver) -> bool:
    if not a or not b:
        return False
    return resolver.country_code(a) == resolver.country_code(b)
