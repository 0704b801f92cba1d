"""events.csv: ACLED header order, coded values, determinism, empty stores, country tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pycountry

from sitroom.export import write_all
from sitroom.export.countries import country_codes
from sitroom.store import open_store

from .helpers import TEXT_A, fill

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp,"
    "articles,sources,evidence"
)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_acled_csv_header_is_acled_order_then_ours(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        fill(store)
        path = Path(write_all(store, tmp_path, names=["events.csv"])["events.csv"])
    assert path.read_text(encoding="utf-8").split("\n")[0] == HEADER


def test_acled_csv_values_follow_acled_conventions(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        fill(store)
        rows = _rows(Path(write_all(store, tmp_path, names=["events.csv"])["events.csv"]))
    assert [r["event_id_cnty"] for r in rows] == ["SYRe1aaaaaaaaaa", "SYRe2bbbbbbbbbb", "XXXe3cccccccccc"]
    clash, strike, unlocated = rows
    assert (clash["disorder_type"], clash["inter1"], clash["inter2"], clash["interaction"]) == (
        "Political violence", "2", "1", "12")  # fmt: skip
    assert clash["actor2"] == "Military Forces of Syria (2000-2024)"  # the registry's ACLED name
    assert (clash["iso"], clash["region"], clash["country"], clash["year"]) == ("760", "Middle East", "Syria", "2024")
    assert (clash["latitude"], clash["longitude"], clash["fatalities"]) == ("35.5836", "36.5603", "12")
    assert clash["source"] == "Reuters; the Observatory"
    assert clash["tags"] == "fighters=300" and clash["civilian_targeting"] == ""
    assert clash["notes"].startswith("On 2024-12-01, armed clash involving Dovan Front and Military Forces")
    assert clash["notes"].endswith("[clashed]")
    assert clash["timestamp"] == "1733097600"  # 2024-12-02, the article's publication day, 00:00 UTC
    evidence = json.loads(clash["evidence"])
    assert TEXT_A[evidence["event_type"]["start"]:evidence["event_type"]["end"]] == "clashed"
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["interaction"] == "17"
    assert strike["assoc_actor_1"] == "Government of Iran (1979-)"
    assert (strike["fatalities"], strike["tags"]) == ("0", "hedged; end_date=2024-12-03")
    assert (strike["articles"], strike["sources"]) == ("a.txt#1; a.txt#2", "2")
    assert strike["source"] == "Reuters; Enab Baladi"
    assert (unlocated["event_date"], unlocated["iso"]) == ("", "")
    assert (unlocated["inter1"], unlocated["inter2"], unlocated["interaction"]) == ("8", "0", "80")


def test_acled_csv_is_byte_identical_on_rerun(tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        with open_store(tmp_path / "s.duckdb") as store:
            fill(store)
            written = write_all(store, tmp_path / f"out{run}", names=["events.csv"])
        outputs.append(Path(written["events.csv"]).read_bytes())
    assert outputs[0] == outputs[1]


def test_acled_csv_empty_store_writes_the_header_only(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        path = Path(write_all(store, tmp_path, names=["events.csv"])["events.csv"])
    assert path.read_text(encoding="utf-8") == HEADER + "\n"


def test_acled_csv_regions_cover_every_iso_country() -> None:
    for country in pycountry.countries:
        by_code, by_name = country_codes(country.alpha_2), country_codes(country.name)
        assert by_code is not None and by_code == by_name, country.name
        assert (by_code.alpha_3, by_code.numeric) == (country.alpha_3, int(country.numeric))
        assert by_code.region, country.name
    kosovo, palestine = country_codes("Kosovo"), country_codes("Palestinian Territory")
    assert kosovo is not None and (kosovo.alpha_3, kosovo.region) == ("XKX", "Europe")
    assert palestine is not None and (palestine.numeric, palestine.acled_name) == (275, "Palestine")
    assert country_codes("Atlantis") is None
