"""Events: ACLED codebook, trigger rules as data, the extractor and cross-article merging."""

from .codebook import SUB_EVENT_TYPES, disorder_type, event_type_of, interaction_code
from .extract import ExtractOptions, extract_events
from .merge import MergeOptions, merge_events
from .predict import default_options, predict_events
from .sentences import Sentence, Token, sentences_from_doc, split_sentences

__all__ = [
    "SUB_EVENT_TYPES",
    "ExtractOptions",
    "MergeOptions",
    "Sentence",
    "Token",
    "default_options",
    "disorder_type",
    "event_type_of",
    "extract_events",
    "interaction_code",
    "merge_events",
    "predict_events",
    "sentences_from_doc",
    "split_sentences",
]
