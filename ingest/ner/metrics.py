"""Entity-level precision, recall and F1 as seqeval (and CoNLL's conlleval) count
them: an entity is found only when its span and its type are both exact; an I- tag
after O or after another type starts a new entity (IOB2 read leniently)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """(type, start, end) of each entity in one sentence's BIO tags."""
    out = set()
    kind, start = "", -1
    for i, tag in enumerate([*tags, "O"]):
        prefix, _dash, name = tag.partition("-")
        continues = prefix == "I" and name == kind
        if kind and not continues:
            out.add((kind, start, i))
            kind = ""
        if prefix in ("B", "I") and not continues:
            kind, start = name, i
    return out


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def _score(tp: int, found: int, gold: int) -> Score:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, gold)


def evaluate(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, Score]:
    """Scores per type and ``"micro"`` over all of them."""
    tp: Counter[str] = Counter()
    found: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        g, p = spans(g_tags), spans(p_tags)
        for kind, *_ in g:
            expected[kind] += 1
        for kind, *_ in p:
            found[kind] += 1
        for kind, *_ in g & p:
            tp[kind] += 1
    out = {
        kind: _score(tp[kind], found[kind], expected[kind])
        for kind in sorted(expected | found)
    }
    out["micro"] = _score(sum(tp.values()), sum(found.values()), sum(expected.values()))
    return out
