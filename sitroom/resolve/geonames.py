"""Optional full GeoNames loader: a dump file -> the same LocalGazetteer as the packaged default.

Reads the standard 19-column tab-separated format (allCountries.zip, a country file such as
SY.zip or SY.txt), optionally alternateNamesV2.zip/.txt (more spellings) and admin1CodesASCII.txt
(admin1 names; without it admin1 entries are named by their code). Rows become entries by
feature class: P -> city, A/ADM1 -> admin1, A/ADM2 -> admin2, A/PCL* -> country, L/T/H areas
-> region. Nothing is downloaded: pass paths to files you have.
"""

from __future__ import annotations

import io
import logging
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..errors import InputError
from .gazetteer import GazetteerBuilder, LocalGazetteer, usable_name

LOGGER = logging.getLogger(__name__)

COLUMNS = 19
REGION_CODES = frozenset({"RGN", "RGNH", "AREA", "ZN", "PRK", "DSRT", "MTS", "VAL", "PLN", "PEN", "ISLS", "CONT", "SEA", "GULF"})


@contextmanager
def open_text(path: str | Path, member: str | None = None) -> Iterator[IO[str]]:
    """Open a .txt file, or the named (else the first .txt) member of a .zip, as UTF-8 text."""
    path = Path(path)
    try:
        if path.suffix.lower() != ".zip":
            with open(path, encoding="utf-8") as handle:
                yield handle
            return
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            name = member if member in names else (names[0] if names else None)
            if name is None:
                raise InputError(str(path), "zip holds no .txt file")
            with archive.open(name) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8")
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(str(path), f"cannot read GeoNames file: {exc}") from exc


def read_admin1_names(path: str | Path) -> dict[str, str]:
    """admin1CodesASCII.txt: 'SY.07<TAB>Deir ez-Zor<TAB>ascii<TAB>geonameid' -> {code: name}."""
    names = {}
    with open_text(path) as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                names[parts[0]] = parts[1]
    return names


def read_alternate_names(path: str | Path, wanted: set[int]) -> dict[int, list[str]]:
    """alternateNamesV2: geonameid -> extra spellings (links, codes and post codes skipped)."""
    extra: dict[int, list[str]] = {}
    with open_text(path, "alternateNamesV2.txt") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[2] in ("link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc"):
                continue
            gid = int(parts[1]) if parts[1].isdigit() else -1
            if gid in wanted and usable_name(parts[3]):
                extra.setdefault(gid, []).append(parts[3])
    return extra


def _kind(feature_class: str, code: str) -> str | None:
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if code == "ADM1":
            return "admin1"
        if code == "ADM2":
            return "admin2"
        if code.startswith("PCL"):
            return "country"
        return None
    if feature_class in ("L", "T", "H") and code in REGION_CODES:
        return "region"
    return None


def load_geonames(
    dump: str | Path,
    alternate_names: str | Path | None = None,
    admin1_codes: str | Path | None = None,
    min_population: int = 0,
) -> LocalGazetteer:
    """Build a gazetteer from a GeoNames dump.

    Args:
        dump: allCountries.zip, a country .zip, or the .txt inside one.
        alternate_names: optional alternateNamesV2.zip/.txt for more spellings.
        admin1_codes: optional admin1CodesASCII.txt for admin1 names.
        min_population: towns below this population are skipped (0 keeps all; unknown is 0).

    Raises:
        InputError: a file is missing, unreadable, or a row does not have 19 columns.
    """
    builder = GazetteerBuilder()
    if admin1_codes is not None:
        builder.admin1.update(read_admin1_names(admin1_codes))
    rows = list(_rows(dump, min_population))
    extra = read_alternate_names(alternate_names, {r[0] for r in rows}) if alternate_names else {}
    for gid, name, kind, cc, a1, lat, lon, pop, alts in rows:
        code = f"{cc}.{a1}" if a1 and a1 != "00" else None
        if kind == "admin1" and code:
            builder.admin1.setdefault(code, name)
        if kind == "country":
            builder.countries.setdefault(cc, name)
        builder.add((f"geonames:{gid}", name, kind, cc, code, lat, lon, pop),
                    [n for n in alts + extra.get(gid, []) if usable_name(n)])
    for code in {r[3] for r in rows}:
        builder.countries.setdefault(code, code)
    LOGGER.info("loaded %d GeoNames entries from %s", len(rows), dump)
    return builder.build()


def _rows(dump: str | Path, min_population: int) -> Iterator[tuple[int, str, str, str, str, float, float, int, list[str]]]:
    with open_text(dump) as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != COLUMNS:
                raise InputError(str(dump), f"line {number} has {len(parts)} columns, not {COLUMNS}")
            kind = _kind(parts[6], parts[7])
            population = int(parts[14] or 0)
            if kind is None or (kind == "city" and 0 < population < min_population):
                continue
            alts = [a for a in parts[3].split(",") if a]
            yield (int(parts[0]), parts[1], kind, parts[8], parts[10], float(parts[4]), float(parts[5]),
                   population, alts)
