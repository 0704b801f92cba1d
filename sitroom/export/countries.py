"""Country names as events carry them -> ISO 3166 codes and ACLED regions.

Events name countries as the gazetteer does ("Syria", "Palestinian Territory", "Kosovo").
Names map to alpha-2 codes through the gazetteer's country tables and pycountry; pycountry
gives alpha-3 and numeric codes; ``data/acled_regions.json`` gives ACLED's region and the
codes pycountry lacks (Kosovo) and ACLED's spelling where it differs ("Palestine").
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from ..resolve.gazetteer import data_dir, norm_key, read_table

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class CountryCodes:
    """ISO 3166 codes of one country, its ACLED region and ACLED's spelling of it (None: as given)."""

    alpha_2: str
    alpha_3: str
    numeric: int
    region: str
    acled_name: str | None = None


@lru_cache(maxsize=1)
def _regions_data() -> dict[str, Any]:
    text = resources.files("sitroom").joinpath("data/acled_regions.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Normalised country name -> alpha-2, from pycountry then the gazetteer (which wins)."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index[norm_key(name)] = country.alpha_2
    folder = data_dir()
    for row in read_table(folder / "countries.tsv"):
        for name in [row["name"], *row.get("aliases", "").split("|")]:
            if name:
                index[norm_key(name)] = row["iso"]
    for row in read_table(folder / "country_aliases.tsv"):
        for name in row["aliases"].split("|"):
            if name:
                index[norm_key(name)] = row["iso"]
    return index


@lru_cache(maxsize=1)
def _region_of() -> dict[str, str]:
    regions: dict[str, list[str]] = _regions_data()["regions"]
    return {code: region for region, codes in regions.items() for code in codes}


@lru_cache(maxsize=512)
def country_codes(name: str | None) -> CountryCodes | None:
    """Return the codes of a country name (or alpha-2/alpha-3 code); None when unknown."""
    if not name:
        return None
    alpha_2 = _name_index().get(norm_key(name))
    if alpha_2 is None:
        found = pycountry.countries.get(alpha_2=name.upper()) if len(name) == 2 else None
        found = found or (pycountry.countries.get(alpha_3=name.upper()) if len(name) == 3 else None)
        if found is None:
            LOGGER.debug("no ISO code for country %r", name)
            return None
        alpha_2 = found.alpha_2
    return _codes(alpha_2)


def _codes(alpha_2: str) -> CountryCodes | None:
    data = _regions_data()
    extra = data["codes"].get(alpha_2)
    if extra is not None:
        alpha_3, numeric = str(extra["alpha_3"]), int(extra["numeric"])
    else:
        found = pycountry.countries.get(alpha_2=alpha_2)
        if found is None:
            return None
        alpha_3, numeric = found.alpha_3, int(found.numeric)
    return CountryCodes(alpha_2, alpha_3, numeric, _region_of().get(alpha_2, ""), data["names"].get(alpha_2))
