import pytest

from sitroom.nlp.load import DEFAULT_MODEL, load_pipeline


@pytest.mark.slow
def test_load_pipeline_loads_the_default_model_once_however_it_is_named() -> None:
    # A worker warms up with load_pipeline() and parses with load_pipeline(model): one model, not two.
    assert load_pipeline() is load_pipeline(DEFAULT_MODEL) is load_pipeline(name=DEFAULT_MODEL, disable=())
    assert load_pipeline(disable=["lemmatizer"]) is load_pipeline(DEFAULT_MODEL, ("lemmatizer",))
    assert "lemmatizer" not in load_pipeline(disable=("lemmatizer",)).pipe_names
