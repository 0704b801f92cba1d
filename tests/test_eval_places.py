"""`sitroom eval places` and `sitroom eval lgl` scoring on tiny gold files written to tmp_path."""

from __future__ import annotations

import json

import pytest

from sitroom.evaluate.lgl import evaluate_lgl, read_lgl, score_article
from sitroom.evaluate.places import evaluate_places
from sitroom.model import Evidence, PlaceRef
from sitroom.resolve.gazetteer import GazetteerBuilder
from sitroom.resolve.places import PlaceResolver

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><text><![CDATA[Rain fell on Alexandria and Pineville, Louisiana.]]></text>
    <toponyms>
      <toponym><start>13</start><end>23</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
      <toponym><start>28</start><end>37</end><phrase>Pineville</phrase>
        <gaztag geonameid="4337045"><name>Pineville</name><lat>31.3224</lat><lon>-92.4343</lon></gaztag></toponym>
      <toponym><start>39</start><end>48</end><phrase>Louisiana</phrase></toponym>
    </toponyms></article>
  <article docid="2"><text><![CDATA[Talks in Alexandria resumed.]]></text>
    <toponyms>
      <toponym><start>9</start><end>19</end><phrase>Alexandria</phrase>
        <gaztag geonameid="361058"><name>Alexandria</name><lat>31.2</lat><lon>29.92</lon></gaztag></toponym>
    </toponyms></article>
</articles>
"""


def resolver() -> PlaceResolver:
    builder = GazetteerBuilder()
    builder.countries.update({"US": "United States", "EG": "Egypt", "SY": "Syria"})
    builder.admin1.update({"US.LA": "Louisiana", "SY.10": "Hama"})
    rows = [
        ("a:US.LA", "Louisiana", "admin1", "US", "US.LA", 31.2, -91.8, 3_144_142),
        ("g:alx-eg", "Alexandria", "city", "EG", "EG.06", 31.2, 29.92, 5_263_542),
        ("g:alx-la", "Alexandria", "city", "US", "US.LA", 31.31, -92.45, 47_723),
        ("g:pineville", "Pineville", "city", "US", "US.LA", 31.32, -92.43, 14_555),
        ("c:sy", "Syria", "country", "SY", None, 35.0, 38.5, 17_000_000),
        ("a:SY.10", "Hama", "admin1", "SY", "SY.10", 35.3, 36.8, 754_036),
        ("g:hama", "Hama", "city", "SY", "SY.10", 35.13, 36.76, 696_863),
    ]
    for gid, name, kind, cc, a1, lat, lon, pop in rows:
        builder.add((gid, name, kind, cc, a1, lat, lon, pop), [])
    return PlaceResolver(builder.build())


def ref(start: int, end: int, lat: float, lon: float) -> PlaceRef:
    return PlaceRef("x", None, None, lat, lon, 1, "x", Evidence("a", start, end, "x"))


def test_eval_lgl_scores_overlap_one_to_one_and_km_error(tmp_path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    first = read_lgl(path)[0]
    assert [t.phrase for t in first.toponyms] == ["Alexandria", "Pineville", "Louisiana"]
    assert first.toponyms[2].lat is None
    tally = score_article(first, [ref(13, 23, 31.3, -92.44), ref(13, 23, 31.3, -92.44), ref(0, 4, 0.0, 0.0)])
    assert (tally.gold, tally.predicted, tally.matched) == (3, 3, 1)
    assert tally.errors_km == [pytest.approx(1.2, abs=0.5)]


def test_eval_lgl_end_to_end_with_given_spans(tmp_path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    spans = [[(13, 23, "GPE"), (28, 37, "GPE"), (39, 48, "GPE")], [(9, 19, "GPE")]]
    lines = evaluate_lgl(str(path), resolver=resolver(), spans=spans).lines()
    assert lines[-1] == "places: acc161 1.00 span_f1 1.00 median_km 0.49 n 3"


def write_gold(tmp_path) -> tuple[str, str]:
    gold, raw = tmp_path / "gold", tmp_path / "raw"
    gold.mkdir()
    raw.mkdir()
    body = ("Rebels advance on Hama\n\n"
            "Syrian rebels said on Friday they had reached the outskirts of Hama, a city in western Syria, "
            "after days of fighting in the countryside north of Hama. Residents reported heavy shelling "
            "and many families leaving for safer towns further south.\n")
    (raw / "001.txt").write_text(body, encoding="utf-8")
    documents = {"file": "001.txt", "articles": [{"k": 1, "title": "Rebels advance on Hama", "lines": [1, 3]}]}
    (gold / "documents.jsonl").write_text(json.dumps(documents) + "\n", encoding="utf-8")
    places = [
        {"name": "Hama", "spellings": ["Hama"], "country": "Syria", "admin1": "Hama", "lat": 35.13, "lon": 36.75,
         "kind": "city", "docs": ["001.txt#1"]},
        {"name": "Northern Hama countryside", "spellings": ["north of Hama"], "country": "Syria", "admin1": "Hama",
         "lat": 35.28, "lon": 36.72, "kind": "region", "docs": ["001.txt#1"]},
        {"name": "Syria", "spellings": ["Syria"], "country": "Syria", "admin1": None, "lat": 35.0, "lon": 38.5,
         "kind": "country", "docs": ["001.txt#1"]},
        {"name": "Homs", "spellings": ["Homs"], "country": "Syria", "admin1": "Homs", "lat": 34.73, "lon": 36.71,
         "kind": "city", "docs": ["001.txt#1"]},
    ]
    (gold / "places.jsonl").write_text("".join(json.dumps(p) + "\n" for p in places), encoding="utf-8")
    return str(gold), str(raw)


@pytest.mark.slow
def test_eval_places_counts_spellings_found_and_resolved(tmp_path) -> None:
    gold, raw = write_gold(tmp_path)
    report = evaluate_places(gold, raw, resolver=resolver())
    # "Homs" is not in the text, so three spellings count; all three are found and right.
    assert (report.counted, report.found, report.resolved) == (3, 3, 3)
    last = report.lines()[-1]
    assert last.startswith("places: acc161 1.00 span_f1 ") and last.endswith(" n 3")
