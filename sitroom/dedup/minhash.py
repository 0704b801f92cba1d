"""Candidate near-duplicate pairs from MinHash LSH over shingle sets."""

from __future__ import annotations

import functools
import logging
import zlib
from typing import Iterator, Mapping

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from ..config import DedupSettings
from ..errors import ConfigError

LOGGER = logging.getLogger(__name__)

# Weights of (false positive, false negative) area when datasketch picks bands and rows. Every
# candidate is confirmed by an exact measure afterwards, so a false positive costs one set
# intersection while a false negative loses a duplicate for good: favour recall. At the default
# threshold this picks 64 bands of 2 rows, which still finds pairs of Jaccard 0.15 ~77% of the
# time while unrelated same-topic articles (Jaccard ~0.01) become candidates ~1% of the time.
_WEIGHTS = (0.1, 0.9)
_SEED = 1


def sketch(hashes: np.ndarray, num_perm: int) -> MinHash:
    """Return the MinHash of a shingle set given as its 32-bit hashes (``shingles.hashed``).

    The hashes are datasketch's input hash values: CRC32 is a stable 32-bit hash in C, several
    times faster than datasketch's SHA-1 default, and MinHash's random permutations supply the
    mixing (Python's hash() would change per process). Fixed seed, so sketches are reproducible.
    """
    minhash = MinHash(num_perm=num_perm, seed=_SEED, hashfunc=int)
    minhash.update_batch(hashes.tolist())
    return minhash


def candidate_pairs(sets: Mapping[str, np.ndarray], settings: DedupSettings) -> Iterator[tuple[str, str]]:
    """Yield each unordered pair ``(a, b)`` with ``a < b`` whose sets may be near duplicates, once.

    Args:
        sets: hashed shingle set (``shingles.hashed``) per item id; empty sets never pair.
        settings: threshold and num_perm of the LSH index.

    Yields:
        The candidate pairs in order of ``a`` (sorted), independent of the order of ``sets``.
    """
    lsh = _index(settings)
    sketches = {key: sketch(sets[key], settings.num_perm) for key in sorted(sets) if sets[key].size}
    for key, minhash in sketches.items():
        lsh.insert(key, minhash)
    # Sharing a band is symmetric, so a pair is seen from both ends: yielding it from its smaller
    # id only needs no set of pairs seen. Candidates can number in the millions (a corpus of one
    # story's rewrites, or template text) while the confirmed pairs are few: streaming them keeps
    # memory to the sketches.
    found = 0
    for key, minhash in sketches.items():
        for other in sorted(other for other in lsh.query(minhash) if other > key):
            found += 1
            yield key, other
    LOGGER.debug("%d sketches, %d candidate pairs", len(sketches), found)


def _index(settings: DedupSettings) -> MinHashLSH:
    try:
        return MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm, weights=_WEIGHTS)
    except ValueError as exc:
        raise ConfigError(f"dedup.threshold={settings.threshold}, dedup.num_perm={settings.num_perm}: {exc}") from exc


def band_keys(hashes: np.ndarray, settings: DedupSettings) -> list[str]:
    """Return the LSH bucket keys of a non-empty hashed shingle set, one per band.

    Two sets are candidates in ``candidate_pairs`` exactly when they share a key: a key is the
    band's index and its MinHash values, as MinHashLSH files them. Engines that cannot hold
    one in-memory index (Spark) join on these keys instead.
    """
    values = sketch(hashes, settings.num_perm).hashvalues
    return [f"{i}:{values[start:end].tobytes().hex()}" for i, (start, end) in enumerate(_bands(settings))]


@functools.lru_cache(maxsize=8)
def _bands(settings: DedupSettings) -> tuple[tuple[int, int], ...]:
    # The (start, end) slice of each band, as MinHashLSH chose them for these settings.
    return tuple((int(start), int(end)) for start, end in _index(settings).hashranges)
