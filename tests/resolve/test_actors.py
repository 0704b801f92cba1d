"""Actor lookup and mention resolution: normalisation, context, time, provisional actors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.errors import InputError
from sitroom.resolve.actors import ActorRegistry, default_registry, resolve_mentions

SMALL_DEMONYMS = {"countries": [
    {"country": "Syria", "alpha_3": "SYR", "demonyms": ["Syrian"], "names": []},
    {"country": "Sudan", "alpha_3": "SDN", "demonyms": ["Sudanese"], "names": []},
]}


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return default_registry()


def _names(refs) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.name for r in refs]


@pytest.mark.parametrize("surface", ["Turkey", "Turkiye", "Türkiye", "TÜRKIYE", "Ankara", "Republic of Türkiye"])
def test_actors_lookup_turkey_spellings(reg: ActorRegistry, surface: str) -> None:
    assert reg.lookup(surface).name == "Turkey"


@pytest.mark.parametrize("surface", ["Nujaba", "Nujabaa", "al-Nujaba", "Al Nujaba", "el-Nujaba", "Harakat al-Nujaba",
                                     "Harakat al Nujaba", "Harakat an-Nujaba", "Harakat al-Nujabaa", "the Nujaba's"])
def test_actors_lookup_nujaba_variants(reg: ActorRegistry, surface: str) -> None:
    assert reg.lookup(surface).name == "Harakat al-Nujaba"


@pytest.mark.parametrize("surface, name", [
    ("HTS", "Hayat Tahrir al-Sham"), ("Hay’at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
    ("hayat tahrir al sham", "Hayat Tahrir al-Sham"), ("Hayat Tahreer al-Sham", "Hayat Tahrir al-Sham"),
    ("Araqchi", "Abbas Araqchi"), ("Araghchi", "Abbas Araqchi"), ("Abbas Araghchi", "Abbas Araqchi"),
    ("Maj. Gen. Abdel Fattah al-Burhan", "Abdel Fattah al-Burhan"), ("Fatimiyun", "Fatemiyoun Brigade"),
])
def test_actors_lookup_normalises_spellings_titles_and_typos(reg: ActorRegistry, surface: str, name: str) -> None:
    assert reg.lookup(surface).name == name


def test_actors_lookup_fuzzy_never_for_short_or_unrelated_names(reg: ActorRegistry) -> None:
    assert reg.lookup("HTZ") is None
    found = reg.lookup("Government of Oman")
    assert found is None or found.name == "Oman"


def test_actors_syrian_government_depends_on_date(reg: ActorRegistry) -> None:
    assert reg.lookup("Syrian army", on_date="2024-12-01").name == "Military Forces of Syria (2000-2024)"
    assert reg.lookup("Syrian army", on_date="2025-03-10").name == "Military Forces of Syria (2024-)"
    assert reg.lookup("Syrian government", on_date="2023-05-01").name == "Government of Syria (2000-2024)"
    assert reg.lookup("Syrian government", on_date="2025-07-12").name == "Government of Syria (2024-)"
    assert reg.lookup("Syrian government").name == "Government of Syria (2024-)"  # no date: the current name


def test_actors_timed_alias_names_nobody_outside_its_window(reg: ActorRegistry) -> None:
    assert reg.lookup("Hezbollah chief", on_date="2024-08-01").name == "Hassan Nasrallah"
    assert reg.lookup("Hezbollah chief", on_date="2024-12-01").name == "Naim Qassem"
    assert reg.lookup("US envoy", on_date="2024-11-20").name == "Amos Hochstein"
    assert reg.lookup("US envoy", on_date="2025-07-01") is None


def test_actors_generic_phrases_need_the_country_context(reg: ActorRegistry) -> None:
    assert reg.lookup("government forces") is None
    assert reg.lookup("government forces", "Syria", "2024-12-01").name == "Military Forces of Syria (2000-2024)"
    assert reg.lookup("government forces", "Sudan").name == "Military Forces of Sudan (2019-)"
    assert reg.lookup("protesters", "Kenya").name == "Protesters (Kenya)"


def test_actors_country_branches_win_in_their_country(reg: ActorRegistry) -> None:
    assert reg.lookup("ISIS").name == "Islamic State"
    assert reg.lookup("ISIS", "Syria").name == "Islamic State (Syria)"
    assert reg.lookup("Islamic State", "Nigeria").name == "Islamic State West Africa Province"
    assert reg.lookup("al-Shabaab").name == "Al Shabaab"
    assert reg.lookup("al-Shabaab", "Mozambique").name == "Islamic State Mozambique Province"
    assert reg.lookup("SNA").name == "Syrian National Army"
    assert reg.lookup("SNA", "Somalia").name == "Military Forces of Somalia (2022-)"


def test_actors_demonym_phrases_map_to_state_forces(reg: ActorRegistry) -> None:
    assert reg.lookup("Sudanese army").name == "Military Forces of Sudan (2019-)"
    assert reg.lookup("Israel's military").name == "Military Forces of Israel (2022-)"
    assert reg.lookup("Polish troops").name == "Military Forces of Poland"
    assert reg.lookup("Iranian official").name == "Iran"
    assert reg.lookup("Russian warplanes").name == "Military Forces of Russia (2000-)"


def test_actors_acronyms_match_case_sensitively(reg: ActorRegistry) -> None:
    assert reg.lookup("US").name == "United States"
    assert reg.lookup("us") is None
    text = "This is what the rest of us feared. IS fighters attacked the town."
    refs = reg.resolve_mentions(text, "a#1", country_context="Syria")
    assert [(r.alias_matched, r.name) for r in refs] == [("IS fighters", "Islamic State (Syria)")]


def test_actors_resolve_mentions_longest_match_and_exact_evidence(reg: ActorRegistry) -> None:
    text = ("Hundreds of fighters from Iran-backed Iraqi militias crossed into Syria overnight, and the "
            "Turkey-backed Syrian National Army took Tel Rifaat from the Kurdish YPG militia.")
    refs = reg.resolve_mentions(text, "doc#1", on_date="2024-12-02")
    assert _names(refs) == ["Iran-backed Iraqi militias", "Syrian National Army", "People's Protection Units"]
    for ref in refs:
        assert text[ref.evidence.start:ref.evidence.end] == ref.evidence.text == ref.alias_matched
        assert ref.evidence.article_id == "doc#1" and not ref.provisional


def test_actors_place_words_after_locatives_are_not_actors(reg: ActorRegistry) -> None:
    text = "Strikes hit central Beirut and Homs, Syria. Damascus said it would respond, and Lebanon protested."
    refs = reg.resolve_mentions(text, "a", on_date="2024-11-20")
    assert [r.alias_matched for r in refs] == ["Damascus", "Lebanon"]
    text = "Arms went to Iran, Libya, North Korea, Sudan and Syria. On Monday, Iraq said it would comply."
    refs = reg.resolve_mentions(text, "a", on_date="2024-11-20")
    assert [r.alias_matched for r in refs] == ["Libya", "North Korea", "Sudan", "Syria", "Iraq"]


def test_actors_country_context_is_inferred_from_the_text(reg: ActorRegistry) -> None:
    text = ("Sudan's war entered a new phase. The Sudanese army said the army had retaken the bridge "
            "from the paramilitary RSF, Sudanese officials said.")
    refs = reg.resolve_mentions(text, "a", on_date="2025-03-20")
    assert "Rapid Support Forces" in _names(refs)
    assert _names(refs).count("Military Forces of Sudan (2019-)") == 2


def test_actors_unknown_groups_become_provisional_and_merge(reg: ActorRegistry) -> None:
    text = ("The Free Alawite Brigade attacked a checkpoint. Later the Free Alawite Brigades said "
            "Hezbollah had not helped them, and Yusuf Hamdan of the group spoke. Hamdan denied it.")
    def span(word: str, label: str, nth: int = 0) -> tuple[int, int, str]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return start, start + len(word), label

    spans = [span("Free Alawite Brigade", "ORG"), span("Free Alawite Brigades", "ORG"), span("Hezbollah", "ORG"),
             span("Yusuf Hamdan", "PERSON"), span("Hamdan", "PERSON", 1), span("Alawite", "NORP")]
    refs = reg.resolve_mentions(text, "a", candidates=spans, country_context="Syria")
    by_text = {r.alias_matched: r for r in refs}
    brigade, brigades = by_text["Free Alawite Brigade"], by_text["Free Alawite Brigades"]
    assert brigade.provisional and brigade.type == "militia"
    assert brigade.name == brigades.name == "Free Alawite Brigade"
    assert not by_text["Hezbollah"].provisional
    assert by_text["Hamdan"].name == by_text["Yusuf Hamdan"].name == "Yusuf Hamdan"
    assert by_text["Yusuf Hamdan"].type == "person"


def test_actors_head_noun_names_are_provisional_without_ner(reg: ActorRegistry) -> None:
    text = "Fighters of the Coastal Shield Brigade clashed with the Jaysh al-Wafa militia near Jableh."
    refs = reg.resolve_mentions(text, "a", country_context="Syria")
    provisional = {r.name: r.type for r in refs if r.provisional}
    assert provisional == {"Coastal Shield Brigade": "militia", "Jaysh al-Wafa militia": "militia"}


def test_actors_from_records_builds_a_small_registry() -> None:
    records = [
        {"id": "x-front", "name": "X Front", "aliases": ["XF"], "type": "rebel", "country": "Syria", "inter": 2},
        {"id": "gov-sy", "name": "Government of Syria", "aliases": [], "type": "state", "country": "Syria", "inter": 1},
    ]
    reg = ActorRegistry.from_records(records, demonyms=SMALL_DEMONYMS)
    assert reg.lookup("XF").name == "X Front"
    assert reg.lookup("Syrian government").name == "Government of Syria"
    assert reg.lookup("Sudanese troops").name == "Military Forces of Sudan"  # generated from the template
    refs = resolve_mentions("XF fighters and the X Front met.", "d", registry=reg)
    assert _names(refs) == ["X Front", "X Front"]


def test_actors_from_records_rejects_bad_records() -> None:
    with pytest.raises(InputError, match="unknown type"):
        ActorRegistry.from_records([{"id": "a", "name": "A", "type": "gang"}], demonyms=SMALL_DEMONYMS)
    with pytest.raises(InputError, match="duplicate"):
        ActorRegistry.from_records([{"id": "a", "name": "A", "type": "rebel"}, {"id": "a", "name": "B", "type": "rebel"}],
                                   demonyms=SMALL_DEMONYMS)


ALIASES = ["Hezbollah", "the Syrian army", "Iran-backed militias", "US forces", "rebels", "HTS", "Türkiye",
           "Reuters", "Putin", "government forces", "IS", "us", "is", "Damascus"]
FILLER = ["said", "in", "on", "Monday", "the", "town", "near", "and", ",", "."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ALIASES + FILLER), min_size=1, max_size=40))
def test_actors_mentions_never_overlap_and_always_slice_the_text(words: list[str]) -> None:
    reg = default_registry()
    text = " ".join(words)
    refs = reg.resolve_mentions(text, "p", country_context="Syria", on_date="2024-12-01")
    last_end = -1
    for ref in refs:
        assert text[ref.evidence.start:ref.evidence.end] == ref.evidence.text
        assert ref.evidence.start >= last_end
        last_end = ref.evidence.end


@pytest.mark.slow
def test_actors_resolve_mentions_with_spacy_candidates(reg: ActorRegistry) -> None:
    from sitroom.nlp.mentions import parse_texts

    text = ("The Coastal Shield Brigade, a new armed group, said on Monday it attacked positions of the Syrian "
            "army near Jableh, while Hezbollah denied any role. Its commander Ghiath Dalla spoke to Reuters.")
    parsed = next(parse_texts([text]))
    refs = reg.resolve_mentions(text, "a", candidates=list(parsed.candidates), on_date="2025-03-07")
    names = _names(refs)
    assert "Military Forces of Syria (2024-)" in names and "Hezbollah" in names and "Reuters" in names
    provisional = [r for r in refs if r.provisional]
    assert any(r.name == "Coastal Shield Brigade" for r in provisional)
