"""spaCy layer: build the pipeline once per process and turn Docs into plain spans.

The spaCy ``Doc`` never leaves this package; stages receive ``Mention`` lists and sentence
offsets instead.
"""

from .load import DEFAULT_MODEL, load_pipeline
from .mentions import ParsedText, parse_texts

__all__ = ["DEFAULT_MODEL", "ParsedText", "load_pipeline", "parse_texts"]
