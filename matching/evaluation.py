"""Measuring the matcher on a labelled set (``evaluate_matching``).

A set is two JSON-lines files: the claims (``key``, ``statement``, ``language``,
``claimant``) and the queries (``id``, ``kind``, ``query``, ``expected``: the key
of the claim it states, or null for a negative, ``split``: "tune" or "heldout").
Kinds: ``en_reword``, ``id_reword`` (same language), ``en_to_id``, ``id_to_en``
(translations), ``embedded`` (the claim inside a longer sentence), ``negative``
(the same speaker and topic, another number or direction: no claim should match).

The claims are loaded into the database inside a transaction that is rolled back
at the end, embedded, and every query goes through ``similar_to_text`` as the desk
and ``similar_claims`` use it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from claims.services import claims_bulk_create

from .embedding import embed
from .finder import Suggestion, similar_to_text
from .scoring import Signals, fit, score
from .services import claim_embeddings_store

KINDS = ("en_reword", "id_reword", "en_to_id", "id_to_en", "embedded", "negative")
SAME_LANGUAGE = ("en_reword", "id_reword")
CROSS_LANGUAGE = ("en_to_id", "id_to_en")


class LabelledSetError(ValueError):
    pass


@dataclass
class Result:
    query: dict
    #: (claim key, score, signals), best first
    ranked: list[tuple[str, float, Signals]]

    @property
    def expected(self) -> str | None:
        return self.query.get("expected")

    def rescored(self, weights: tuple[float, ...]) -> Result:
        ranked = [(k, score(sig, weights), sig) for k, _, sig in self.ranked]
        ranked.sort(key=lambda r: -r[1])
        return Result(self.query, ranked)


def read_jsonl(path: Path, what: str = "file") -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise LabelledSetError(f"{path}: no such {what}") from exc
    except IsADirectoryError as exc:
        raise LabelledSetError(f"{path}: a directory, not a {what}") from exc
    except UnicodeDecodeError as exc:
        raise LabelledSetError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise LabelledSetError(f"{path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelledSetError(f"{path}, line {number}: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise LabelledSetError(f"{path}, line {number}: not a JSON object")
        rows.append(row)
    return rows


def load_set(
    queries_path: Path, claims_path: Path | None = None
) -> tuple[list[dict], list[dict]]:
    # the queries first: a mistyped FILE must be named as such, not as the
    # claims.jsonl derived from it
    queries = read_jsonl(queries_path, "queries file")
    if claims_path is None:
        claims_path = queries_path.with_name("claims.jsonl")
        if not claims_path.exists():
            raise LabelledSetError(
                f"{queries_path}: its claims are missing: no {claims_path.name} "
                f"beside it in {claims_path.parent} (give them with --claims)"
            )
    claims = read_jsonl(claims_path, "claims file")
    keys = set()
    for n, c in enumerate(claims, 1):
        if (
            not isinstance(c.get("key"), str)
            or not str(c.get("statement") or "").strip()
        ):
            raise LabelledSetError(
                f"{claims_path}, claim {n}: needs a key and a statement"
            )
        keys.add(c["key"])
    for n, q in enumerate(queries, 1):
        if not str(q.get("query") or "").strip():
            raise LabelledSetError(f"{queries_path}, query {n}: no query text")
        if q.get("expected") is not None and q["expected"] not in keys:
            raise LabelledSetError(
                f"{queries_path}, query {n}: expected claim {q['expected']!r} is not "
                f"in {claims_path.name}"
            )
        q.setdefault("kind", "negative" if q.get("expected") is None else "other")
        q.setdefault("split", "tune")
        q.setdefault("id", str(n))
    return claims, queries


class CachedEmbedder:
    """``embed`` with a file cache keyed by text, so repeated evaluations of the
    same set do not embed it again (the cache is an .npz file)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        if path and path.exists():
            with np.load(path) as data:
                self.vectors = {k: data[k] for k in data.files}

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if self._key(t) not in self.vectors]
        if todo:
            for text, vector in zip(todo, embed(todo), strict=True):
                self.vectors[self._key(text)] = vector
            self.dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self.vectors[self._key(t)] for t in texts])

    def save(self) -> None:
        if self.path and self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self.vectors)  # type: ignore[arg-type]


def load_claims(
    claims: list[dict], embedder: Callable[[list[str]], np.ndarray]
) -> dict[int, str]:
    """Create the set's claims and store their vectors; return id → key."""
    created = claims_bulk_create(
        rows=[
            {"statement": c["statement"], "language": c.get("language") or "en"}
            for c in claims
        ],
        by=None,
    )
    pairs = [(claim.pk, claim.statement) for claim in created]
    vectors = embedder([text for _, text in pairs])
    for start in range(0, len(pairs), 500):
        claim_embeddings_store(
            claims=pairs[start : start + 500], vectors=vectors[start : start + 500]
        )
    return {claim.pk: c["key"] for claim, c in zip(created, claims, strict=True)}


def run_queries(
    queries: list[dict],
    key_of: dict[int, str],
    embedder: Callable[[list[str]], np.ndarray],
    exclude: frozenset[int] = frozenset(),
) -> list[Result]:
    """Each query through ``similar_to_text``, leaving out ``exclude`` (the
    claims the database had before the set was loaded)."""
    vectors = embedder([q["query"] for q in queries])
    wide = (
        settings.CLAIMDESK_MATCH_CANDIDATES
        + settings.CLAIMDESK_MATCH_LEXICAL_CANDIDATES
    )
    results = []
    for q, vector in zip(queries, vectors, strict=True):
        found: list[Suggestion] = similar_to_text(
            q["query"], top=wide, vector=vector, exclude=exclude
        )
        results.append(
            Result(q, [(key_of.get(s.claim.pk, ""), s.score, s.signals) for s in found])
        )
    return results


@dataclass
class Report:
    per_kind: dict[str, dict[str, float]]
    false_match_rate: float
    precision: float
    recall: float
    threshold: float
    counts: dict[str, int]


def measure(results: list[Result], threshold: float) -> Report:
    """Success@1 and @5 per kind (the expected claim ranked first, or in the first
    five); the false-match rate (negatives whose best candidate reaches the
    threshold); precision (of the queries whose best candidate reaches the
    threshold, the share where it is the expected claim) and recall (of the
    positive queries, the share whose expected claim is first and reaches it)."""
    hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    false = negatives = true_positive = predicted = positives = 0
    for r in results:
        kind = r.query["kind"]
        top = r.ranked[0] if r.ranked else None
        over = bool(top and top[1] >= threshold)
        predicted += over
        if r.expected is None:
            negatives += 1
            false += over
            continue
        positives += 1
        keys = [k for k, _, _ in r.ranked]
        hits[kind].append((keys[:1] == [r.expected], r.expected in keys[:5]))
        true_positive += bool(over and top and top[0] == r.expected)
    per_kind = {
        kind: {
            "n": len(rows),
            "success@1": sum(a for a, _ in rows) / len(rows),
            "success@5": sum(b for _, b in rows) / len(rows),
        }
        for kind, rows in hits.items()
    }
    for group, kinds in (
        ("same_language", SAME_LANGUAGE),
        ("cross_language", CROSS_LANGUAGE),
    ):
        rows = [row for kind in kinds for row in hits.get(kind, [])]
        if rows:
            per_kind[group] = {
                "n": len(rows),
                "success@1": sum(a for a, _ in rows) / len(rows),
                "success@5": sum(b for _, b in rows) / len(rows),
            }
    return Report(
        per_kind=per_kind,
        false_match_rate=false / negatives if negatives else 0.0,
        precision=true_positive / predicted if predicted else 1.0,
        recall=true_positive / positives if positives else 0.0,
        threshold=threshold,
        counts={
            "queries": len(results),
            "positives": positives,
            "negatives": negatives,
        },
    )


def calibrate(results: list[Result]) -> tuple[float, float]:
    """The two thresholds, from these results. "suggest": of the scores that keep
    precision ≥ 0.95 and false matches ≤ 0.075 (a margin under the targets 0.9
    and 0.1, for queries not seen), those with the best recall minus false-match
    rate, and of those the middle one: when the set separates cleanly a whole
    range does equally well, and its lowest end (what this picked before) sits
    right on the tune split's own scores and let a fifth of unseen negatives
    through. "same": the lowest score that keeps precision at 1.0 with no false
    match."""
    grid = [round(t, 2) for t in np.arange(0.05, 1.0, 0.01)]
    reports = {t: measure(results, t) for t in grid}

    def lowest(ok: Callable[[Report], bool]) -> float:
        for t in grid:
            if ok(reports[t]):
                return t
        return grid[-1]

    allowed = [
        t
        for t in grid
        if reports[t].precision >= 0.95 and reports[t].false_match_rate <= 0.075
    ]
    if allowed:
        value = {t: reports[t].recall - reports[t].false_match_rate for t in allowed}
        best = max(value.values())
        plateau = [t for t in allowed if value[t] >= best - 0.01]
        suggest = plateau[len(plateau) // 2]
    else:
        suggest = grid[-1]
    same = lowest(lambda r: r.precision >= 1.0 and r.false_match_rate == 0.0)
    return suggest, max(same, suggest)


#: how much a negative query's candidates count in the fit: there are four
#: positive queries to one negative, and a false match is the costlier mistake
NEGATIVE_WEIGHT = 3.0
#: the fit's ridge penalty, chosen by 3-fold cross-validation within the tune
#: split (0.01, 0.1, 0.3, 1, 3: 0.1 kept the false matches lowest at the best recall)
L2 = 0.1


def fit_weights(
    results: list[Result], depth: int = 5, l2: float = L2
) -> tuple[float, ...]:
    """Refit the score's weights on these results: each of the first ``depth``
    candidates of each query (by cosine: the ones a decision is about) is a row,
    labelled 1 when it is the query's expected claim."""
    rows, labels, weights = [], [], []
    for r in results:
        by_cosine = sorted(r.ranked, key=lambda c: -c[2].cosine)[:depth]
        expected = [c for c in r.ranked if c[0] == r.expected and c not in by_cosine]
        for key, _, signals in by_cosine + expected:
            rows.append(signals.as_row())
            labels.append(int(key == r.expected))
            weights.append(NEGATIVE_WEIGHT if r.expected is None else 1.0)
    return fit(rows, labels, l2=l2, sample_weights=weights)
