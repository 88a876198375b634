"""The IndoNLU NER files: one ``token<TAB>tag`` a line, a blank line between
sentences, BIO tags. Each corpus names its types its own way; the model uses one set
(PER, LOC, ORG, EVT, FNB) and answers each test split in that split's own names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: corpus type -> the model's type
TO_MODEL = {
    "PPL": "PER", "PLC": "LOC", "IND": "ORG", "EVT": "EVT", "FNB": "FNB",
    "PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG",
}  # fmt: skip
#: the model's type -> each corpus's own (a type a corpus does not annotate is "O")
FROM_MODEL = {
    "nerp": {"PER": "PPL", "LOC": "PLC", "ORG": "IND", "EVT": "EVT", "FNB": "FNB"},
    "nergrit": {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORGANISATION"},
}
CORPORA = ("nerp", "nergrit")

Sentence = tuple[list[str], list[str]]


def read(path: Path) -> list[Sentence]:
    """Sentences of one file, with their tags as the file writes them."""
    with path.open(encoding="utf-8") as lines:
        return parse(lines)


def parse(lines: Iterable[str]) -> list[Sentence]:
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        word, _tab, tag = line.rpartition("\t")
        words.append(word or line)
        tags.append(tag if word else "O")
    if words:
        sentences.append((words, tags))
    return sentences


def to_model(tags: list[str]) -> list[str]:
    return [t if t == "O" else f"{t[:2]}{TO_MODEL[t[2:]]}" for t in tags]


def from_model(tags: list[str], corpus: str) -> list[str]:
    names = FROM_MODEL[corpus]
    return [
        f"{t[:2]}{names[t[2:]]}" if t != "O" and t[2:] in names else "O" for t in tags
    ]
