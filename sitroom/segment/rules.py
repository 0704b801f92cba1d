"""Load the segmentation rules (sitroom/data/segment_rules.json) once and compile their regexes.

The rules are data: this module only turns them into compiled patterns and word sets, so a
new site's boilerplate is a JSON edit, not a code change.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "segment_rules.json"


@dataclass(slots=True, frozen=True, eq=False)
class Rules:
    """Compiled segmentation rules; build with ``load_rules()`` (hashed by identity, for caches)."""

    limits: dict[str, int]
    end_markers: tuple[re.Pattern[str], ...]
    title_echoes: tuple[re.Pattern[str], ...]
    zone_markers: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    nav_separators: tuple[str, ...]
    nav_min_separators: int
    strong_credits: tuple[re.Pattern[str], ...]
    weak_credits: tuple[re.Pattern[str], ...]
    credit_line: re.Pattern[str]
    file_photo: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]
    byline_max_words: int
    widgets: frozenset[str]
    published_keys: frozenset[str]
    updated_keys: frozenset[str]
    date_filler: frozenset[str]
    date_max_other_words: int
    relative_times: tuple[re.Pattern[str], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    dateline: re.Pattern[str]
    stopwords: dict[str, frozenset[str]]
    min_language_share: float
    scripts: tuple[dict[str, str], ...]


def _compile(patterns: list[str], flags: int = re.IGNORECASE, **fill: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for pattern in patterns:
        for key, value in fill.items():
            pattern = pattern.replace("{" + key + "}", value)
        out.append(re.compile(pattern, flags))
    return tuple(out)


def rules_from_dict(data: dict[str, Any]) -> Rules:
    """Compile a rules mapping shaped like segment_rules.json (tests build variants this way)."""
    caps = data["captions"]
    dates = data["dates"]
    langs = data["languages"]
    agencies = caps["agencies"]
    return Rules(
        limits={k: int(v) for k, v in data["limits"].items() if not k.startswith("_")},
        end_markers=_compile(data["end_markers"]["patterns"]),
        title_echoes=_compile(data["title_echoes"]["patterns"]),
        zone_markers=_compile(data["zone_markers"]["patterns"]),
        boilerplate=_compile(data["boilerplate"]["patterns"]),
        nav_separators=tuple(data["navigation"]["separators"]),
        nav_min_separators=int(data["navigation"]["min_separators"]),
        strong_credits=_compile(caps["strong"], agencies=agencies),
        weak_credits=_compile(caps["weak"], agencies=agencies),
        credit_line=re.compile(caps["credit_line"], re.IGNORECASE),
        file_photo=re.compile(caps["file_photo"], re.IGNORECASE),
        # Bylines rely on capitalised names, so they are matched case-sensitively.
        bylines=_compile(data["bylines"]["patterns"], flags=0),
        byline_max_words=int(data["bylines"]["max_words"]),
        widgets=frozenset(t.lower() for t in data["widgets"]["tokens"]),
        published_keys=frozenset(dates["published_keys"]),
        updated_keys=frozenset(dates["updated_keys"]),
        date_filler=frozenset(dates["filler"]),
        date_max_other_words=int(dates["max_other_words"]),
        relative_times=_compile(dates["relative"]),
        months={k.lower(): int(v) for k, v in dates["months"].items()},
        weekdays={k.lower(): int(v) for k, v in dates["weekdays"].items()},
        dateline=re.compile(dates["dateline"]),
        stopwords={k: frozenset(v) for k, v in langs["stopwords"].items()},
        min_language_share=float(langs["min_share"]),
        scripts=tuple(langs["scripts"]),
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the packaged rules once per process."""
    return rules_from_dict(json.loads(RULES_FILE.read_text(encoding="utf-8")))
