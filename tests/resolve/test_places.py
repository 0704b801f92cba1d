"""Place resolution on small texts, with a hand-built gazetteer (fast) and the packaged one (slow)."""

from __future__ import annotations

import re

import pytest

from sitroom.resolve.gazetteer import GazetteerBuilder, LocalGazetteer
from sitroom.resolve.places import PlaceResolver, resolve_places

ROWS = [
    # id, name, kind, cc, admin1, lat, lon, population, aliases
    ("c:sy", "Syria", "country", "SY", None, 35.0, 38.5, 17_000_000, []),
    ("c:us", "United States", "country", "US", None, 39.5, -99.0, 327_000_000, ["U.S."]),
    ("c:eg", "Egypt", "country", "EG", None, 26.5, 29.9, 98_000_000, []),
    ("a:SY.07", "Deir ez-Zor", "admin1", "SY", "SY.07", 35.0, 40.4, 447_454, ["Deir Ezzor"]),
    ("a:SY.10", "Hama", "admin1", "SY", "SY.10", 35.3, 36.8, 754_036, []),
    ("a:SY.12", "Idlib", "admin1", "SY", "SY.12", 35.8, 36.6, 442_917, []),
    ("a:US.LA", "Louisiana", "admin1", "US", "US.LA", 31.2, -91.8, 3_144_142, ["La."]),
    ("a:US.VA", "Virginia", "admin1", "US", "US.VA", 37.5, -78.8, 8_000_000, []),
    ("a:EG.06", "Alexandria", "admin1", "EG", "EG.06", 30.9, 29.7, 5_369_848, []),
    ("g:hama", "Ḩamāh", "city", "SY", "SY.10", 35.13, 36.76, 696_863, ["Hama"]),
    ("g:idlib", "Idlib", "city", "SY", "SY.12", 35.93, 36.63, 128_840, []),
    ("g:bk", "Ālbū Kamāl", "city", "SY", "SY.07", 34.45, 40.92, 57_572, ["Abu Kamal", "Al-Bukamal"]),
    ("g:dz", "Deir ez-Zor", "city", "SY", "SY.07", 35.34, 40.14, 271_800, []),
    ("g:rastan", "Ar Rastan", "city", "SY", "SY.10", 34.93, 36.73, 53_152, ["Rastan"]),
    ("g:alx-eg", "Alexandria", "city", "EG", "EG.06", 31.2, 29.92, 5_263_542, []),
    ("g:alx-la", "Alexandria", "city", "US", "US.LA", 31.31, -92.45, 47_723, []),
    ("g:alx-va", "Alexandria", "city", "US", "US.VA", 38.8, -77.05, 159_428, []),
    ("g:pineville", "Pineville", "city", "US", "US.LA", 31.32, -92.43, 14_555, []),
    ("g:taybah-il", "Et Taiyiba", "city", "IL", "IL.02", 32.27, 35.01, 43_100, ["al-Taybah", "Taybah"]),
    ("g:reading", "Reading", "city", "US", "US.PA", 40.34, -75.93, 88_000, []),
    ("g:mobile", "Mobile", "city", "US", "US.AL", 30.69, -88.04, 190_000, []),
]


def gazetteer() -> LocalGazetteer:
    builder = GazetteerBuilder()
    builder.countries.update({"SY": "Syria", "US": "United States", "EG": "Egypt", "IL": "Israel"})
    for gid, name, kind, cc, a1, lat, lon, pop, aliases in ROWS:
        if kind == "admin1" and a1:
            builder.admin1[a1] = name
        builder.add((gid, name, kind, cc, a1, lat, lon, pop), aliases)
    return builder.build()


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(gazetteer())


def ents(text: str, *pairs: tuple[str, str]) -> list[tuple[int, int, str]]:
    """NER-like spans for the given (surface, label) pairs, first occurrence after the previous."""
    out, pos = [], 0
    for surface, label in pairs:
        start = text.index(surface, pos)
        out.append((start, start + len(surface), label))
        pos = start + len(surface)
    return out


class ByText(dict):
    """Refs keyed by evidence text; a key also finds evidence that contains it ("near X")."""

    def __missing__(self, key):
        for text, ref in self.items():
            if key in text:
                return ref
        raise KeyError(key)


def by_text(refs):
    return ByText({r.evidence.text: r for r in refs})


def test_places_resolves_with_country_context(resolver: PlaceResolver) -> None:
    text = "Police in Alexandria and Pineville said the storm hit Louisiana hardest."
    refs = by_text(resolver.resolve(text, "a#1", ents(text, ("Alexandria", "GPE"), ("Pineville", "GPE"),
                                                      ("Louisiana", "GPE"))))
    assert refs["Alexandria"].gazetteer_id == "g:alx-la"
    assert refs["Alexandria"].admin1 == "Louisiana" and refs["Alexandria"].geo_precision == 1
    assert refs["Louisiana"].geo_precision == 3 and refs["Louisiana"].kind == "province"


def test_places_without_context_prefers_the_populous_reading(resolver: PlaceResolver) -> None:
    text = "The ship docked in Alexandria on Monday."
    refs = resolver.resolve(text, "a#1", ents(text, ("Alexandria", "GPE")))
    assert [r.gazetteer_id for r in refs] == ["g:alx-eg"]


def test_places_state_qualifier_picks_the_town_in_that_state(resolver: PlaceResolver) -> None:
    text = "She lives in Alexandria, La., with her family."
    refs = by_text(resolver.resolve(text, "a#1", ents(text, ("Alexandria", "GPE"))))
    assert refs["Alexandria"].gazetteer_id == "g:alx-la"


def test_places_province_word_gives_admin1_with_precision_3(resolver: PlaceResolver) -> None:
    text = "An air strike hit a camp in Idlib province, Syria, on Sunday."
    refs = resolver.resolve(text, "a#1", ents(text, ("Idlib", "GPE"), ("Syria", "GPE")))
    idlib = next(r for r in refs if "Idlib" in r.evidence.text)
    assert idlib.evidence.text == "Idlib province"
    assert idlib.gazetteer_id == "a:SY.12" and idlib.geo_precision == 3


def test_places_direction_gives_precision_2(resolver: PlaceResolver) -> None:
    text = "Fighting raged north of Hama overnight, Syria's army said."
    refs = resolver.resolve(text, "a#1", ents(text, ("Hama", "GPE"), ("Syria", "GPE")))
    hama = next(r for r in refs if "Hama" in r.evidence.text)
    assert hama.evidence.text == "north of Hama"
    assert hama.gazetteer_id == "g:hama" and hama.geo_precision == 2


def test_places_transliteration_needs_local_support(resolver: PlaceResolver) -> None:
    text = "Fighters crossed into Deir Ezzor province and are stationed in Al-Boukamal."
    refs = by_text(resolver.resolve(text, "a#1", ents(text, ("Deir Ezzor", "GPE"), ("Al-Boukamal", "ORG"))))
    assert refs["Al-Boukamal"].gazetteer_id == "g:bk"
    # The same spelling with nothing in the article near Deir ez-Zor is not guessed.
    alone = "Reporters met in Al-Boukamal."
    assert resolver.resolve(alone, "a#2", ents(alone, ("Al-Boukamal", "PERSON"))) == []


def test_places_unknown_place_falls_back_to_named_container(resolver: PlaceResolver) -> None:
    text = "Syrian troops fought near the town of al-Taybah in eastern Hama."
    refs = by_text(resolver.resolve(text, "a#1", ents(text, ("Syrian", "NORP"), ("al-Taybah", "GPE"), ("Hama", "GPE"))))
    # Never the Israeli namesake: the container stands in, one level coarser.
    assert refs["al-Taybah"].gazetteer_id in ("g:hama", "a:SY.10")
    assert refs["al-Taybah"].geo_precision >= 2


def test_places_facility_inside_a_name_uses_the_town(resolver: PlaceResolver) -> None:
    text = "Jets destroyed the Rastan bridge in Syria."
    refs = by_text(resolver.resolve(text, "a#1", ents(text, ("Rastan bridge", "FAC"), ("Syria", "GPE"))))
    assert refs["Rastan bridge"].gazetteer_id == "g:rastan"
    assert refs["Rastan bridge"].geo_precision == 2


def test_places_scan_finds_unlabelled_places_but_not_common_words(resolver: PlaceResolver) -> None:
    text = ("Reading the report, officials in Hama said mobile clinics were sent to Idlib. "
            "Mobile teams will follow.")
    refs = resolver.resolve(text, "a#1", [])
    names = [r.evidence.text for r in refs]
    assert "Hama" in names and "Idlib" in names
    assert "Reading" not in names and "Mobile" not in names


def test_places_person_named_like_a_town_is_not_a_place(resolver: PlaceResolver) -> None:
    text = "Coach Hama Smith praised the team."
    refs = resolver.resolve(text, "a#1", ents(text, ("Hama Smith", "PERSON")))
    assert refs == []


def test_places_the_city_refers_back_when_framed(resolver: PlaceResolver) -> None:
    text = "Rebels reached Hama on Friday. Jets struck positions north of the city overnight."
    refs = resolver.resolve(text, "a#1", ents(text, ("Hama", "GPE")))
    framed = [r for r in refs if "the city" in r.evidence.text]
    assert framed and framed[0].gazetteer_id == "g:hama" and framed[0].geo_precision == 2


def test_places_evidence_matches_the_text(resolver: PlaceResolver) -> None:
    text = "Clashes in Idlib and Hama, Syria."
    for ref in resolver.resolve(text, "doc#3", None):
        assert text[ref.evidence.start:ref.evidence.end] == ref.evidence.text
        assert ref.evidence.article_id == "doc#3"


def test_places_country_hint_breaks_ties(resolver: PlaceResolver) -> None:
    text = "A fire broke out in Alexandria."
    refs = resolver.resolve(text, "a#1", ents(text, ("Alexandria", "GPE")), country_hint="US")
    assert refs[0].country == "United States"


@pytest.mark.slow
def test_places_default_resolver_on_a_conflict_paragraph() -> None:
    text = ("Rebels seized Tel Rifaat and advanced on Deir al-Zor, while government forces "
            "pulled back to Saasa, 30 km from Damascus. Strikes hit the Idlib province town of Sarmin.")
    spans = [(m.start(), m.end(), "GPE") for m in re.finditer(r"Tel Rifaat|Deir al-Zor|Damascus", text)]
    spans += [(m.start(), m.end(), "ORG") for m in re.finditer(r"Saasa|Sarmin", text)]
    refs = by_text(resolve_places(text, "x#1", spans))
    assert refs["Tel Rifaat"].admin1 == "Aleppo"
    assert refs["Deir al-Zor"].country == "Syria"
    assert refs["Saasa"].admin1 == "Rif Dimashq"
    assert refs["Damascus"].gazetteer_id and refs["Damascus"].gazetteer_id.startswith("geonames:")
    assert any(r.admin1 == "Idlib" for r in refs.values())
