"""Tagging with the shipped model: tokens -> BIO tags -> entity spans."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

from .features import sentence_features
from .metrics import spans
from .tokens import tokenize

MODEL = Path(__file__).parent / "model" / "id.crfsuite"

_local = threading.local()


class Entity(NamedTuple):
    kind: str  # PER, LOC, ORG, EVT, FNB
    start: int
    end: int
    text: str


def _tagger(path: Path = MODEL) -> object:
    """One pycrfsuite tagger per thread (the C object is not shared safely)."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None or getattr(_local, "path", None) != path:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        _local.tagger, _local.path = tagger, path
    return tagger


def tag_tokens(words: list[str], model: Path = MODEL) -> list[str]:
    """BIO tags (PER, LOC, ORG, EVT, FNB) for one sentence's words."""
    if not words:
        return []
    return list(_tagger(model).tag(sentence_features(words)))  # type: ignore[attr-defined]


def entities(text: str, model: Path = MODEL) -> list[Entity]:
    """The named entities of one sentence (or a short passage), with offsets."""
    tokens = tokenize(text)
    tags = tag_tokens([t.text for t in tokens], model)
    out = []
    for kind, first, last in sorted(spans(tags), key=lambda s: s[1]):
        start, end = tokens[first].start, tokens[last - 1].end
        out.append(Entity(kind, start, end, text[start:end]))
    return out
