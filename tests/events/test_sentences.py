import pytest

from sitroom.events.extract import extract_events
from sitroom.events.sentences import Sentence, Token, split_lines, split_sentences

from .helpers import article, refs


def test_sentences_split_keeps_offsets_into_the_text() -> None:
    text = "Rebels shelled the town. The U.S. envoy met them on Monday.\n\nNew paragraph here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Rebels shelled the town.", "The U.S. envoy met them on Monday.", "New paragraph here."]
    for sent in sentences:
        assert text[sent.start : sent.end] == sent.text
        assert all(text[t.start : t.end] == t.text for t in sent.tokens)


def test_sentences_split_lines_reindexes_tokens_and_heads() -> None:
    tokens = (Token(0, "Air", "air", "PROPN", "compound", 1, 0), Token(1, "strikes", "strike", "NOUN", "ROOT", 1, 4),
              Token(2, "Rebels", "rebel", "NOUN", "nsubj", 3, 12), Token(3, "fled", "flee", "VERB", "ROOT", 3, 19))
    parts = split_lines(Sentence(0, 23, "Air strikes\nRebels fled", tokens))
    assert [p.text for p in parts] == ["Air strikes", "Rebels fled"]
    assert [(t.i, t.head) for t in parts[1].tokens] == [(0, 1), (1, 1)]


@pytest.mark.slow
def test_sentences_from_parsed_doc_feed_the_extractor() -> None:
    from sitroom.events.sentences import sentences_from_doc
    from sitroom.nlp import load_pipeline

    text = "On Sunday, M23 rebels captured Goma after heavy fighting, residents said."
    doc = load_pipeline()(text)
    sentences = sentences_from_doc(doc)
    assert sentences[0].parsed and any(t.dep == "nsubj" for t in sentences[0].tokens)
    art = article(text)
    actors, places, dates = refs(art)
    events = extract_events(art, sentences, actors, places, dates)
    capture = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [(e.actor1, e.location, e.event_date) for e in capture] == [("M23: March 23 Movement", "Goma", "2025-03-02")]


@pytest.mark.slow
def test_sentences_parsed_state_sentence_is_no_event_but_its_relative_clause_is() -> None:
    from sitroom.events.sentences import sentences_from_doc
    from sitroom.nlp import load_pipeline

    text = ("M23 rebels are on high alert, with fighters massed near Goma. "
            "Goma, where protesters marched on Sunday, is calm.")
    art = article(text)
    actors, places, dates = refs(art)
    events = extract_events(art, sentences_from_doc(load_pipeline()(text)), actors, places, dates)
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Peaceful protest", "2025-03-02")]
