"""One score for "is this the same claim?": embedding and lexical signals combined.

A logistic model over eight signals of a (query, candidate) pair, fitted on the
tuned part of the labelled set (``evaluate_matching --fit`` prints new weights):
the score is its probability, 0 to 1, so the two thresholds
(``CLAIMDESK_MATCH_SUGGEST``, ``CLAIMDESK_MATCH_SAME``) read as confidence.
Copying Meedan's 0.75 / 0.95 cosine would mean nothing here: e5 scores unrelated
sentences about 0.8 in raw cosine.

Signals: the cosine of the centred embeddings; its margin over the best other
candidate; pg_trgm's trigram similarity; how much of the candidate's wording the
query repeats; whether they state different quantities; whether they point in
opposite directions; whether one negates the other; whether they are in
different languages (where cosine runs lower), and that times cosine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .text import Lexical

FEATURES = (
    "cosine",
    "margin",
    "trigram",
    "coverage",
    "numbers",
    "polarity",
    "negation",
    "cross_language",
    "cosine_cross",
)

#: fitted by ``evaluate_matching tests/data/matching/queries.jsonl --fit`` on the
#: "tune" split; the intercept last
WEIGHTS: tuple[float, ...] = (
    0.0,  # cosine: its margin over the next candidate says more
    10.69,  # margin
    0.0,  # trigram: coverage says it better
    3.399,  # coverage
    -9.403,  # numbers
    -8.189,  # polarity
    -7.305,  # negation
    1.144,  # cross_language
    3.856,  # cosine_cross
    -3.076,  # intercept
)


@dataclass(frozen=True)
class Signals:
    cosine: float
    margin: float
    lexical: Lexical
    cross_language: bool

    def as_row(self) -> list[float]:
        cross = 1.0 if self.cross_language else 0.0
        return [
            self.cosine,
            self.margin,
            self.lexical.trigram,
            self.lexical.coverage,
            self.lexical.numbers,
            self.lexical.polarity,
            self.lexical.negation,
            cross,
            self.cosine * cross,
        ]


def score(signals: Signals, weights: tuple[float, ...] = WEIGHTS) -> float:
    z = float(np.dot(weights[:-1], signals.as_row())) + weights[-1]
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


#: the sign each weight must have: more similarity never lowers the score, a
#: contradiction never raises it (a labelled set of near-copies with one number
#: changed would otherwise teach that word overlap is suspicious, and score an
#: exact repeat low); 0 leaves it free
SIGNS = (1, 1, 1, 1, -1, -1, -1, 0, 0)


def fit(
    rows: list[list[float]],
    labels: list[int],
    l2: float = 0.01,
    sample_weights: list[float] | None = None,
) -> tuple[float, ...]:
    """Logistic regression with the signs of ``SIGNS``: fitted by Newton's
    method, then each weight of the wrong sign is pinned at 0 and the rest fitted
    again, until none is left (a few hundred rows: no library needed)."""
    free = list(range(len(SIGNS) + 1))
    while True:
        w = _newton(
            [[row[i] for i in free if i < len(row)] for row in rows],
            labels,
            l2,
            sample_weights,
        )
        wrong = [
            i
            for i, value in zip(free, w, strict=False)
            if i < len(SIGNS) and SIGNS[i] * value < 0
        ]
        if not wrong:
            break
        free = [i for i in free if i not in wrong]
    weights = [0.0] * (len(SIGNS) + 1)
    for i, value in zip(free, w, strict=True):
        weights[i if i < len(SIGNS) else -1] = value
    return tuple(round(float(v), 3) for v in weights)


def _newton(
    rows: list[list[float]],
    labels: list[int],
    l2: float,
    sample_weights: list[float] | None,
) -> tuple[float, ...]:
    x = np.hstack([np.asarray(rows, dtype=np.float64), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=np.float64)
    sw = np.ones(len(rows)) if sample_weights is None else np.asarray(sample_weights)
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        gradient = x.T @ (sw * (p - y)) + penalty @ w
        hessian = (x.T * (sw * p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return tuple(float(v) for v in w)
