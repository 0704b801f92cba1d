"""extract_claims on hand-built parses (spacy.blank + manual heads): claimant, stance, content, date, ids."""

from __future__ import annotations

from sitroom.claims import extract_claims

from .helpers import actor, article, date, parse, stances

DENIAL_BY_NEGATION = """
Officials official NOUN NNS nsubj 1
said say VERB VBD ROOT 1
no no DET DT det 3
troops troop NOUN NNS nsubj 5
had have AUX VBD aux 5
crossed cross VERB VBN ccomp 1
the the DET DT det 7
border border NOUN NN dobj 5
. . PUNCT . punct 1
"""

DENIAL_BY_VERB = """
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
denied deny VERB VBD ROOT 2
reports report NOUN NNS dobj 2
of of ADP IN prep 3
an an DET DT det 6
attack attack NOUN NN pobj 4
on on ADP IN prep 6
the the DET DT det 9
port port NOUN NN pobj 7
. . PUNCT . punct 2
"""

NO_COMMENT = """
The the DET DT det 1
army army NOUN NN nsubj 5
did do AUX VBD aux 5
not not PART RB neg 5
immediately immediately ADV RB advmod 5
comment comment VERB VB ROOT 5
. . PUNCT . punct 5
"""

ACCORDING_TO = """
According accord VERB VBG prep 5
to to ADP IN prep 0
witnesses witness NOUN NNS pobj 1
, , PUNCT , punct 5
soldiers soldier NOUN NNS nsubj 5
fired fire VERB VBD ROOT 5
on on ADP IN prep 5
the the DET DT det 8
crowd crowd NOUN NN pobj 6
. . PUNCT . punct 5
"""

THREAT_VERB = """
The the DET DT det 1
militia militia NOUN NN nsubj 2
threatened threaten VERB VBD ROOT 2
to to PART TO aux 4
strike strike VERB VB xcomp 2
the the DET DT det 6
capital capital NOUN NN dobj 4
. . PUNCT . punct 2
"""

THREAT_CONTENT = """
He he PRON PRP nsubj 1
said say VERB VBD ROOT 1
any any DET DT det 3
attack attack NOUN NN nsubjpass 6
would would AUX MD aux 6
be be AUX VB auxpass 6
met meet VERB VBN ccomp 1
with with ADP IN prep 6
fire fire NOUN NN pobj 7
. . PUNCT . punct 1
"""

PROMISE = """
The the DET DT det 1
governor governor NOUN NN nsubj 2
said say VERB VBD ROOT 2
the the DET DT det 4
city city NOUN NN nsubj 6
will will AUX MD aux 6
provide provide VERB VB ccomp 2
shelter shelter NOUN NN dobj 6
. . PUNCT . punct 2
"""

DEONTIC_NEGATION = """
She she PRON PRP nsubj 1
said say VERB VBD ROOT 1
civilians civilian NOUN NNS nsubjpass 6
should should AUX MD aux 6
not not PART RB neg 6
be be AUX VB auxpass 6
targeted target VERB VBN ccomp 1
. . PUNCT . punct 1
"""

TRAILING = """
Rebels rebel NOUN NNS nsubj 1
took take VERB VBD ccomp 7
the the DET DT det 3
town town NOUN NN dobj 1
, , PUNCT , punct 7
a a DET DT det 6
commander commander NOUN NN nsubj 7
said say VERB VBD ROOT 7
. . PUNCT . punct 7
"""

DATED = """
The the DET DT det 1
army army NOUN NN nsubj 2
said say VERB VBD ROOT 2
on on ADP IN prep 2
Monday Monday PROPN NNP pobj 3
that that SCONJ IN mark 7
rebels rebel NOUN NNS nsubj 7
withdrew withdraw VERB VBD ccomp 2
on on ADP IN prep 7
Sunday Sunday PROPN NNP pobj 8
. . PUNCT . punct 2
"""

ROLE_OF_ACTOR = """
The the DET DT det 1
head head NOUN NN nsubj 12
of of ADP IN prep 1
the the DET DT det 5
Popular Popular PROPN NNP compound 5
Front Front PROPN NNP pobj 2
, , PUNCT , punct 1
who who PRON WP nsubj 8
spoke speak VERB VBD relcl 1
by by ADP IN prep 8
phone phone NOUN NN pobj 9
, , PUNCT , punct 1
said say VERB VBD ROOT 12
the the DET DT det 14
ceasefire ceasefire NOUN NN nsubj 15
held hold VERB VBD ccomp 12
. . PUNCT . punct 12
"""

NOMINAL_DENIAL = """
The the DET DT det 1
agency agency NOUN NN nsubj 2
issued issue VERB VBD ROOT 2
a a DET DT det 4
denial denial NOUN NN dobj 2
, , PUNCT , punct 2
citing cite VERB VBG advcl 2
an an DET DT det 8
official official NOUN NN dobj 6
as as ADP IN prep 6
saying say VERB VBG pcomp 9
no no DET DT det 12
talks talk NOUN NNS nsubj 14
had have AUX VBD aux 14
taken take VERB VBN ccomp 10
place place NOUN NN dobj 14
. . PUNCT . punct 2
"""

NESTED = """
The the DET DT det 1
website website NOUN NN nsubj 2
reported report VERB VBD ROOT 2
that that SCONJ IN mark 6
the the DET DT det 5
minister minister NOUN NN nsubj 6
told tell VERB VBD ccomp 2
envoys envoy NOUN NNS dobj 6
he he PRON PRP nsubj 9
supports support VERB VBZ ccomp 6
the the DET DT det 11
deal deal NOUN NN dobj 9
. . PUNCT . punct 2
"""


def _claims(rows: str, actors=(), dates=(), published="2025-03-04"):  # type: ignore[no-untyped-def]
    text, sentence = parse(rows)
    return extract_claims(article(text, published), [sentence], list(actors), list(dates))


def test_extract_negated_content_is_a_denial() -> None:
    (claim,) = _claims(DENIAL_BY_NEGATION)
    assert (claim.claimant, claim.stance, claim.about) == ("Officials", "denies", "no troops had crossed the border")
    assert claim.date == "2025-03-04"  # no date on the speech act: the publication day
    assert claim.evidence.text == "Officials said no troops had crossed the border."


def test_extract_deny_verb_takes_its_object_as_content() -> None:
    (claim,) = _claims(DENIAL_BY_VERB)
    assert (claim.claimant, claim.stance, claim.about) == ("The ministry", "denies", "reports of an attack on the port")


def test_extract_negated_speech_verb_is_no_claim() -> None:
    assert _claims(NO_COMMENT) == []


def test_extract_according_to_names_the_claimant() -> None:
    (claim,) = _claims(ACCORDING_TO)
    assert (claim.claimant, claim.stance, claim.about) == ("witnesses", "asserts", "soldiers fired on the crowd")


def test_extract_threat_by_verb_and_by_content() -> None:
    assert stances(_claims(THREAT_VERB)) == ["threatens"]
    (claim,) = _claims(THREAT_CONTENT)
    assert (claim.stance, claim.about) == ("threatens", "any attack would be met with fire")


def test_extract_future_action_is_a_promise_and_deontic_negation_is_not_a_denial() -> None:
    assert stances(_claims(PROMISE)) == ["promises"]
    assert stances(_claims(DEONTIC_NEGATION)) == ["asserts"]


def test_extract_trailing_speech_verb_reports_the_clause_before_it() -> None:
    (claim,) = _claims(TRAILING)
    assert (claim.claimant, claim.about) == ("a commander", "Rebels took the town")


def test_extract_date_of_the_speech_act_not_of_the_content() -> None:
    text, _ = parse(DATED)
    refs = [date(text, "on Monday", "2025-03-03"), date(text, "on Sunday", "2025-03-02")]
    (claim,) = _claims(DATED, dates=refs)
    assert claim.date == "2025-03-03"
    (later,) = _claims(DATED, dates=refs[1:])
    assert later.date == "2025-03-04"  # "on Sunday" dates the withdrawal, not the statement


def test_extract_claimant_phrase_maps_to_the_actor_it_names() -> None:
    text, _ = parse(ROLE_OF_ACTOR)
    front = actor(text, "Popular Front", "Popular Front for Liberation", "rebel")
    (claim,) = _claims(ROLE_OF_ACTOR, actors=[front])
    assert claim.claimant == "Popular Front for Liberation (The head of the Popular Front)"


def test_extract_issued_a_denial_takes_the_quoted_content() -> None:
    (claim,) = _claims(NOMINAL_DENIAL)
    assert (claim.claimant, claim.stance, claim.about) == ("The agency", "denies", "no talks had taken place")


def test_extract_speech_inside_reported_content_is_not_a_second_claim() -> None:
    (claim,) = _claims(NESTED)
    assert claim.claimant == "The website"
    assert claim.about == "the minister told envoys he supports the deal"


def test_extract_ids_are_stable_content_hashes() -> None:
    first = _claims(DENIAL_BY_NEGATION)
    again = _claims(DENIAL_BY_NEGATION)
    other = _claims(DENIAL_BY_VERB)
    assert [c.id for c in first] == [c.id for c in again]
    assert first[0].id != other[0].id
