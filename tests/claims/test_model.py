"""Claims from real text parsed by the packaged spaCy model (slow): stances, claimants, contradictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.claims import analyse_claims, extract_claims
from sitroom.nlp import parse_texts

from .helpers import article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

CASES = [
    ("Ukraine's military denied Russian claims that its troops had withdrawn from the village.",
     "Ukraine's military", "denies"),
    ("The RSF said on Tuesday it would not allow the army to enter El Fasher.", "The RSF", "threatens"),
    ("M23 rebels vowed to hold the town of Goma.", "M23 rebels", "promises"),
    ("The Congolese army warned that any attack on Bunia would be met with force.", "The Congolese army", "threatens"),
    ("Two local officials said no civilians were hurt in the strike.", "Two local officials", "denies"),
    ("According to the regional governor, Russian drones hit an energy facility overnight.",
     "the regional governor", "asserts"),
    ("The army rejected claims that its soldiers had looted homes in the town.", "The army", "denies"),
    ("\"We will respond with force,\" the defence minister told reporters.", "the defence minister", "threatens"),
]


def _claims(text: str, published: str = "2025-03-04"):  # type: ignore[no-untyped-def]
    (parsed,) = list(parse_texts([text]))
    return extract_claims(article(text, published), parsed.sentences, [], [])


@pytest.mark.slow
@pytest.mark.parametrize(("text", "claimant", "stance"), CASES)
def test_model_claimant_and_stance(text: str, claimant: str, stance: str) -> None:
    (claim,) = _claims(text)
    assert (claim.claimant, claim.stance) == (claimant, stance)
    assert claim.evidence.text == text


@pytest.mark.slow
def test_model_no_comment_is_no_claim() -> None:
    assert _claims("Sudan's army did not immediately comment on the reports.") == []
    assert _claims("A spokesman for the group declined to comment.") == []


@pytest.mark.slow
def test_model_report_and_denial_in_one_article_contradict() -> None:
    text = ("Russian forces have withdrawn from the village of Krynky, two Ukrainian officials said on Monday. "
            "Russia's defence ministry denied any withdrawal from Krynky, saying its units held their positions.")
    claims = _claims(text)
    assert [(c.claimant, c.stance) for c in claims] == [
        ("two Ukrainian officials", "asserts"), ("Russia's defence ministry", "denies"),
        ("Russia's defence ministry", "asserts")]
    graph = analyse_claims(claims, [])
    (found,) = graph.contradictions
    assert found.asserting == (claims[0].id,)
    denial = next(c for c in graph.claims if c.stance == "denies")
    assert denial.contradicts == claims[0].id


@pytest.mark.slow
def test_model_charge_denied_by_the_accused() -> None:
    claims = _claims("Residents said militiamen had torched dozens of houses, a charge the militia denied.")
    assert [(c.claimant, c.stance, c.about) for c in claims] == [
        ("Residents", "asserts", "militiamen had torched dozens of houses"),
        ("the militia", "denies", "militiamen had torched dozens of houses")]
    assert len(analyse_claims(claims, []).contradictions) == 1


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval" / "seeds").is_dir(), reason="../shared/eval/seeds (gold) is absent")
def test_model_seed_gold_contradictions_are_found() -> None:
    from sitroom.evaluate.claims import evaluate_claims

    report = evaluate_claims(str(SHARED / "eval" / "seeds"), str(SHARED / "seeds"))
    assert (report.contradictions_found, report.contradictions_total) == (4, 4), report.lines()
    assert report.recall >= 0.9 and report.stance_accuracy >= 0.9, report.summary()


@pytest.mark.slow
def test_model_relative_pronoun_claimant_and_dateline() -> None:
    claims = _claims("KYIV, March 3 (Reuters) - Russian missiles struck an apartment block in Zaporizhzhia, "
                     "regional governor Ivan Fedorov said. Moscow, which denies targeting civilians, said its "
                     "forces had hit military facilities.")
    assert [(c.claimant, c.stance) for c in claims] == [
        ("regional governor Ivan Fedorov", "asserts"), ("Moscow", "denies"), ("Moscow", "asserts")]
    assert claims[0].about == "Russian missiles struck an apartment block in Zaporizhzhia"


@pytest.mark.slow
def test_model_accusation_and_rejected_charge_contradict() -> None:
    claims = _claims("Sudan's army on Sunday accused the Rapid Support Forces of shelling a hospital in El Fasher, "
                     "a charge the RSF rejected.")
    assert [(c.claimant, c.stance) for c in claims] == [("Sudan's army", "asserts"), ("the RSF", "denies")]
    assert claims[0].about.endswith("of shelling a hospital in El Fasher")
    (found,) = analyse_claims(claims, []).contradictions
    assert found.asserting == (claims[0].id,) and found.denying == (claims[1].id,)


@pytest.mark.slow
def test_model_which_denial_passive_denial_and_uncertainty() -> None:
    claims = _claims("Kyiv says Russia is massing troops near the border, which Moscow denies.")
    assert [(c.claimant, c.stance, c.about) for c in claims] == [
        ("Kyiv", "asserts", "Russia is massing troops near the border"),
        ("Moscow", "denies", "Russia is massing troops near the border")]
    (passive,) = _claims("The report was denied by the army.")
    assert (passive.claimant, passive.stance, passive.about) == ("the army", "denies", "The report")
    (unclear,) = _claims("The spokesman said it was not clear who was behind the attack.")
    assert unclear.stance == "asserts"
