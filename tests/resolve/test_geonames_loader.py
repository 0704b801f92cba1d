"""The optional GeoNames loader on a tiny fake dump written to tmp_path."""

from __future__ import annotations

import zipfile

import pytest

from sitroom.errors import InputError
from sitroom.resolve.geonames import load_geonames
from sitroom.resolve.places import PlaceResolver


def row(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, cc: str,
        admin1: str, population: int) -> str:
    """One line of the 19-column GeoNames format."""
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
            str(population), "", "200", "Asia/Damascus", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


DUMP = "\n".join([
    row(163843, "Syria", "Syrie,Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "00", 22_000_000),
    row(170792, "Deir ez-Zor", "Dayr az Zawr", 35.0, 40.5, "A", "ADM1", "SY", "07", 1_200_000),
    row(170794, "Deir ez-Zor", "Dayr az Zawr,Deir Ezzor", 35.336, 40.14, "P", "PPLA", "SY", "07", 271_800),
    row(174448, "Ālbū Kamāl", "Abu Kamal,Al-Bukamal,abw kmal,PMS", 34.452, 40.918, "P", "PPL", "SY", "07", 57_572),
    row(173480, "Al Mayādīn", "Al Mayadin,Mayadin", 35.02, 40.45, "P", "PPL", "SY", "07", 54_534),
    row(999001, "Tiny", "", 35.1, 40.2, "P", "PPL", "SY", "07", 12),
    row(999002, "Some Wadi", "", 35.2, 40.3, "H", "WAD", "SY", "07", 0),
]) + "\n"
ALTERNATES = "\n".join([
    "1\t173480\tar\tالميادين\t\t\t\t\t\t",
    "2\t173480\ten\tMayadeen\t\t\t\t\t\t",
    "3\t173480\tlink\thttps://en.wikipedia.org/wiki/Mayadin\t\t\t\t\t\t",
]) + "\n"
ADMIN1 = "SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n"


def test_geonames_loader_reads_a_country_text_file(tmp_path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    gaz = load_geonames(dump)
    city = next(e for e in gaz.exact("Al-Bukamal"))
    assert city.id == "geonames:174448" and city.kind == "city" and city.admin1 == "Deir ez-Zor"
    assert city.country == "Syria"
    assert [e.kind for e in gaz.exact("Deir ez-Zor")] == ["admin1", "city"]
    assert gaz.exact("PMS") == [] and gaz.exact("abw kmal") == []
    # Stream features are not places we resolve to.
    assert gaz.exact("Some Wadi") == []


def test_geonames_loader_reads_zips_with_alternate_names_and_admin1_codes(tmp_path) -> None:
    dump, alternates, admin1 = tmp_path / "SY.zip", tmp_path / "alternateNamesV2.zip", tmp_path / "admin1CodesASCII.txt"
    with zipfile.ZipFile(dump, "w") as archive:
        archive.writestr("readme.txt", "not data")
        archive.writestr("SY.txt", DUMP)
    with zipfile.ZipFile(alternates, "w") as archive:
        archive.writestr("alternateNamesV2.txt", ALTERNATES)
    admin1.write_text(ADMIN1, encoding="utf-8")
    gaz = load_geonames(dump, alternate_names=alternates, admin1_codes=admin1, min_population=500)
    assert [e.id for e in gaz.exact("Mayadeen")] == ["geonames:173480"]
    assert [e.id for e in gaz.exact("الميادين")] == ["geonames:173480"]
    assert gaz.exact("Tiny") == []  # below min_population
    assert gaz.find_admin1("SY.07") is not None


def test_geonames_loader_feeds_the_resolver(tmp_path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    resolver = PlaceResolver(load_geonames(dump))
    text = "Militias moved from Deir Ezzor to Al-Bukamal in Syria."
    spans = [(text.index(n), text.index(n) + len(n), "GPE") for n in ("Deir Ezzor", "Al-Bukamal", "Syria")]
    refs = {r.evidence.text: r.gazetteer_id for r in resolver.resolve(text, "t#1", spans)}
    assert refs["Al-Bukamal"] == "geonames:174448"
    assert refs["Syria"] == "geonames:163843"


def test_geonames_loader_rejects_a_malformed_row(tmp_path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(InputError, match="19"):
        load_geonames(dump)


def test_geonames_loader_names_a_missing_file(tmp_path) -> None:
    with pytest.raises(InputError, match="missing.zip"):
        load_geonames(tmp_path / "missing.zip")
