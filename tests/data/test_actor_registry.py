"""Shape and coverage of the packaged actor registry (sitroom/data/actors.jsonl) and its rules."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from sitroom.resolve.actor_data import TYPES
from sitroom.resolve.actors import default_registry

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "eval" / "seeds" / "actors.jsonl"
VALID_INTER = {1, 2, 3, 4, 5, 6, 7, 8}


def _records() -> list[dict]:
    text = resources.files("sitroom.data").joinpath("actors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return default_registry()


def test_actor_registry_has_hundreds_of_checked_entries() -> None:
    assert len(_records()) >= 400


def test_actor_registry_ids_and_names_are_unique() -> None:
    records = _records()
    ids = [r["id"] for r in records]
    names = [r["name"] for r in records]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))


def test_actor_registry_types_and_inter_codes_are_valid() -> None:
    for rec in _records():
        assert rec["type"] in TYPES, rec["name"]
        if rec["type"] in ("person", "media", "political"):
            assert rec["inter"] is None or rec["inter"] in VALID_INTER, rec["name"]
        else:
            assert rec["inter"] in VALID_INTER, rec["name"]
        assert rec["acled_name"], rec["name"]
        if rec["type"] == "person":
            assert rec.get("role"), rec["name"]


def test_actor_registry_every_reference_names_a_known_actor() -> None:
    records = _records()
    known = {r["id"] for r in records} | {r["name"] for r in records}
    for rec in records:
        for ref in rec["backed_by"] + rec["part_of"] + rec.get("inherit_contextual", []):
            assert ref in known, f"{rec['name']} refers to unknown {ref!r}"


def test_actor_registry_validity_windows_are_iso_and_ordered() -> None:
    for rec in _records():
        windows = [(rec.get("valid_from"), rec.get("valid_to"))]
        windows += [(t.get("valid_from"), t.get("valid_to")) for t in rec.get("timed_aliases", [])]
        for start, end in windows:
            for value in (start, end):
                if value:
                    dt.date.fromisoformat(value if len(value) == 10 else value + "-01-01"[len(value) - 4:])
            if start and end:
                assert start <= end, rec["name"]


def test_actor_registry_no_alias_names_two_actors_at_once(registry) -> None:  # type: ignore[no-untyped-def]
    """A written, global alias may name two actors only when their validity windows do not overlap."""
    clashes = {}
    for keys, payload in registry.index.exact.items():
        entries = {i.entry for i in payload.general if i.tier == 0 and not i.valid_from and not i.valid_to}
        if len(entries) < 2:
            continue
        windows = sorted((registry.entries[e].valid_from or "0000", registry.entries[e].valid_to or "9999")
                         for e in entries)
        if any(a[1] > b[0] for a, b in zip(windows, windows[1:])):
            clashes[keys] = sorted(registry.entries[e].name for e in entries)
    assert clashes == {}


@pytest.mark.parametrize("name", [
    "Military Forces of Syria (2000-2024)", "Government of Syria (2024-)", "Hayat Tahrir al-Sham",
    "Syrian National Army", "Syrian Democratic Forces", "People's Protection Units", "Liwa al-Quds",
    "Kataib Hezbollah", "Asaib Ahl al-Haq", "Kataib Sayyid al-Shuhada", "Islamic Resistance in Iraq", "Peshmerga",
    "Qassam Brigades", "Al-Quds Brigades", "Settlers (Israel)", "Houthi Movement", "Southern Transitional Council",
    "Al-Qaeda in the Arabian Peninsula", "Quds Force", "Basij", "Military Forces of Russia (2000-)",
    "Military Forces of Ukraine (2019-)", "Wagner Group", "Africa Corps", "Akhmat", "Russian Volunteer Corps",
    "Azov Brigade", "Rapid Support Forces", "Military Forces of Sudan (2019-)", "SPLM-N (al-Hilu)", "Joint Forces (Sudan)",
    "Military Forces of Mali (2021-)", "JNIM", "Islamic State Sahel Province", "Volunteers for the Defence of the Homeland",
    "Azawad Liberation Front", "M23", "Alliance Fleuve Congo", "Wazalendo", "Allied Democratic Forces", "CODECO",
    "MONUSCO", "Military Forces of Myanmar (2021-)", "People's Defence Force", "National Unity Government",
    "Arakan Army", "Myanmar National Democratic Alliance Army", "Ta'ang National Liberation Army",
    "Kachin Independence Army", "Karen National Liberation Army", "Three Brotherhood Alliance", "Al Shabaab",
    "AUSSOM", "Puntland", "Jubaland", "Libyan National Army", "Government of National Unity (Libya)",
    "Government of Afghanistan (2021-)", "Tehrik-i-Taliban Pakistan", "Islamic State Khorasan Province",
    "Balochistan Liberation Army", "Fano", "Tigray People's Liberation Front", "Oromo Liberation Army", "Boko Haram",
    "Islamic State West Africa Province", "Islamic State Mozambique Province", "Viv Ansanm",
    "National Liberation Army (Colombia)", "FARC dissidents", "United Nations", "UN Security Council", "UNHCR",
    "World Food Programme", "OCHA", "International Committee of the Red Cross", "Doctors Without Borders", "NATO",
    "European Union", "African Union", "Arab League", "OPCW", "International Atomic Energy Agency",
    "International Criminal Court", "Syrian Observatory for Human Rights", "Reuters", "Agence France-Presse",
    "Associated Press", "TASS", "IRNA", "SANA", "Al Jazeera", "BBC", "Bashar al-Assad", "Ahmed al-Sharaa",
    "Vladimir Putin", "Volodymyr Zelensky", "Ali Khamenei", "Masoud Pezeshkian", "Abbas Araqchi", "Naim Qassem",
    "Hassan Nasrallah", "Abdel Fattah al-Burhan", "Mohamed Hamdan Dagalo", "Recep Tayyip Erdogan", "Hakan Fidan",
    "Donald Trump", "Joe Biden", "Amos Hochstein", "Tom Barrack", "Mazloum Abdi", "Hadi al-Bahra", "Ali Larijani",
])
def test_actor_registry_covers_todays_wars(name: str) -> None:
    names = {r["name"] for r in _records()}
    assert name in names


def test_actor_registry_generates_per_country_entries(registry) -> None:  # type: ignore[no-untyped-def]
    for name in ("Civilians (Chad)", "Protesters (Kenya)", "Rioters (Haiti)", "Unidentified Armed Group (Nigeria)",
                 "Military Forces of Poland", "Police Forces of Sudan"):
        entry = registry.get(name)
        assert entry is not None and entry.generated, name
    assert registry.get("Protesters (Syria)").generated is False  # written entries are never duplicated


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/seeds/actors.jsonl is absent")
def test_actor_registry_resolves_every_gold_alias(registry) -> None:  # type: ignore[no-untyped-def]
    """Each gold alias names its gold actor in the gold actor's country, on a day the actor existed."""
    failures = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        entry = registry.get(gold["name"])
        assert entry is not None, gold["name"]
        day = "2024-12-01"
        if entry.valid_from and entry.valid_from > day:
            day = (dt.date.fromisoformat(entry.valid_from) + dt.timedelta(days=30)).isoformat()
        for alias in [gold["name"], *gold["aliases"]]:
            found = registry.lookup(alias, country_context=gold["country"], on_date=day)
            if found is None or found.name != gold["name"]:
                failures[gold["name"]].append((alias, found.name if found else None))
    assert dict(failures) == {}


def test_actor_registry_records_round_trip() -> None:
    from sitroom.resolve.actor_data import ActorEntry

    for rec in _records():
        entry = ActorEntry.from_record(rec)
        assert ActorEntry.from_record(entry.to_record()) == entry
