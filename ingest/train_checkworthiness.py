"""Learn the check-worthiness weights from the tuned gold splits.

Every candidate the pipeline finds in a gold article of the splits ``tuned``,
``tuned_late``, ``tuned_3`` and ``tuned_4`` is an example, labelled by the
evaluator's own matching (``evaluation.score_analysis``: the candidate is mostly a
checkable gold quote, or the best match of one). The model is an L2-regularised logistic
regression over ``scoring.features`` (Newton's method, deterministic). The
regularisation and the threshold are chosen by leave-one-article-out
cross-validation: the highest precision of the suggested candidates with a recall
of at least ``MIN_RECALL``, both measured as ``evaluate_extraction`` measures them.
The held-out split is never read.

    python -m ingest.train_checkworthiness            # retrain, write the data file
    python -m ingest.train_checkworthiness --dry-run  # print the figures only
    python manage.py train_checkworthiness [--dry-run] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

#: the gold splits the weights are learned from; never "heldout"
TRAIN_SPLITS = ("tuned", "tuned_late", "tuned_3", "tuned_4")
#: L2 penalty (on the summed log-loss; sklearn's C is 1 / this) tried by the CV
PENALTIES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: the recall of suggested candidates the threshold must keep
MIN_RECALL = 0.85
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))
COMMAND = "python -m ingest.train_checkworthiness"

#: the hand-set weights of the third pass (base 0.3, clipped to 0-1, threshold
#: 0.35), kept to compare the learned model with under the same protocol
HAND_BASE = 0.3
HAND_THRESHOLD = 0.35
HAND_WEIGHTS = {
    "number": 0.15, "date": 0.15, "names": 0.06, "comparison": 0.1, "event": 0.1,
    "attributed": 0.05, "opinion": -0.3, "speculation": -0.2, "prediction": -0.45,
    "feeling": -0.2, "filler": -0.15, "hope": -0.4, "pleasantry": -0.35,
    "hedge": -0.2, "question": -0.3, "question_inside": -0.15, "short": -0.2,
    "personal": -0.1, "plan": -0.15, "vague": -0.1, "framing": -0.1,
    "caption": -0.5, "long": 0.0,
}  # fmt: skip


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


@dataclass
class Article:
    """One gold article's examples."""

    name: str
    split: str
    #: per candidate: per statement folded into it, (features, quote is a caption)
    scored: list[list[tuple[dict[str, float], bool]]]
    labels: list[bool]
    #: per checkable gold claim found, the candidate that finds it
    finders: list[int]
    gold_checkable: int


def collect(manifest: Path | None = None) -> list[Article]:
    """Run the pipeline on the training splits' articles."""
    from .evaluation import SPLITS_MANIFEST, evaluate_file, load_splits

    splits = load_splits(manifest or SPLITS_MANIFEST)
    articles = []
    for split in TRAIN_SPLITS:
        for path in splits[split]:
            score, analysis = evaluate_file(path)
            articles.append(
                Article(
                    name=path.name,
                    split=split,
                    scored=[list(c.scored) for c in analysis.candidates],
                    labels=[
                        i in score.checkable_candidates
                        for i in range(len(analysis.candidates))
                    ],
                    finders=list(score.finders),
                    gold_checkable=score.gold_checkable,
                )
            )
    return articles


def fit(
    rows: list[dict[str, float]], labels: list[bool], names: list[str], penalty: float
) -> tuple[dict[str, float], float]:
    """L2 logistic regression by Newton's method (the bias is not penalised)."""
    import numpy as np

    x = np.array([[row.get(n, 0.0) for n in names] + [1.0] for row in rows])
    y = np.array(labels, dtype=float)
    ridge = np.eye(len(names) + 1) * penalty
    ridge[-1, -1] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + ridge @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + ridge + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return {n: float(w[i]) for i, n in enumerate(names)}, float(w[-1])


def learned_scorer(weights: dict[str, float], bias: float) -> Any:
    from .scoring import Model

    model = Model(weights=weights, bias=bias, threshold=0.5)
    return lambda values: model.explain(values)[0]


def hand_model() -> dict[str, Any]:
    """The hand-set weights as a data file (``kind: linear``)."""
    from .scoring import FEATURES

    return {
        "kind": "linear",
        "features": list(FEATURES),
        "weights": {n: HAND_WEIGHTS[n] for n in FEATURES},
        "bias": HAND_BASE,
        "threshold": HAND_THRESHOLD,
        "command": f"{COMMAND} --hand",
        "note": "the hand-set weights of the third pass, for comparison",
    }


def hand_score(values: dict[str, float]) -> float:
    from .scoring import Model

    model = Model(
        weights=HAND_WEIGHTS, bias=HAND_BASE, threshold=HAND_THRESHOLD, kind="linear"
    )
    return model.explain(values)[0]


def candidate_scores(article: Article, scorer: Any) -> list[list[tuple[float, bool]]]:
    return [[(scorer(v), caption) for v, caption in c] for c in article.scored]


def figures(
    articles: list[Article],
    scores: dict[str, list[list[tuple[float, bool]]]],
    threshold: float,
) -> dict[str, Any]:
    """Precision and recall of the suggested candidates, as the evaluator counts
    them: a candidate is suggested when one statement folded into it reaches the
    threshold and its quote is no caption."""
    suggested = right = found = gold = 0
    for article in articles:
        ticks = [
            any(s >= threshold and not caption for s, caption in c)
            for c in scores[article.name]
        ]
        suggested += sum(ticks)
        right += sum(
            1 for t, label in zip(ticks, article.labels, strict=True) if t and label
        )
        found += sum(1 for i in article.finders if ticks[i])
        gold += article.gold_checkable
    return {
        "precision": round(right / suggested, 3) if suggested else 1.0,
        "recall": round(found / gold, 3) if gold else 1.0,
        "suggested": f"{right}/{suggested}",
        "found": f"{found}/{gold}",
    }


def best_threshold(
    articles: list[Article], scores: dict[str, list[list[tuple[float, bool]]]]
) -> tuple[float, dict[str, Any]]:
    """The threshold with the highest precision at recall >= ``MIN_RECALL`` (ties:
    the higher recall, then the lower threshold)."""
    best: tuple[tuple[float, float, float], float, dict[str, Any]] | None = None
    for t in THRESHOLDS:
        f = figures(articles, scores, t)
        if f["recall"] < MIN_RECALL:
            continue
        key = (f["precision"], f["recall"], -t)
        if best is None or key > best[0]:
            best = (key, t, f)
    if best is None:  # no threshold keeps the recall: the most inclusive one
        t = THRESHOLDS[0]
        return t, figures(articles, scores, t)
    return best[1], best[2]


def cross_validate(
    articles: list[Article], names: list[str], penalty: float
) -> dict[str, list[list[tuple[float, bool]]]]:
    """Leave one article out: each article scored by a model fitted on the others."""
    out = {}
    for held in articles:
        rows, labels = [], []
        for article in articles:
            if article is held:
                continue
            for c, label in zip(article.scored, article.labels, strict=True):
                rows.append(c[0][0])  # the candidate's own statement
                labels.append(label)
        weights, bias = fit(rows, labels, names, penalty)
        out[held.name] = candidate_scores(held, learned_scorer(weights, bias))
    return out


def train(articles: list[Article]) -> dict[str, Any]:
    from .scoring import FEATURES

    names = list(FEATURES)
    by_split = {s: [a for a in articles if a.split == s] for s in TRAIN_SPLITS}
    hand = {a.name: candidate_scores(a, hand_score) for a in articles}
    hand_t, hand_cv = best_threshold(articles, hand)
    report: dict[str, Any] = {
        "hand": {
            "threshold_0.35": figures(articles, hand, HAND_THRESHOLD),
            "best_threshold": hand_t,
            "at_best_threshold": hand_cv,
            "by_split_0.35": {
                s: figures(arts, hand, HAND_THRESHOLD) for s, arts in by_split.items()
            },
        },
        "penalties": {},
    }
    best: tuple[tuple[float, float], float, float, Any] | None = None
    for penalty in PENALTIES:
        scores = cross_validate(articles, names, penalty)
        t, f = best_threshold(articles, scores)
        report["penalties"][str(penalty)] = {"threshold": t, **f}
        key = (f["precision"], f["recall"])
        if best is None or key > best[0]:
            best = (key, penalty, t, scores)
    assert best is not None
    _key, penalty, threshold, scores = best
    report["cv"] = {
        "penalty": penalty,
        "threshold": threshold,
        "overall": figures(articles, scores, threshold),
        "by_split": {
            s: figures(arts, scores, threshold) for s, arts in by_split.items()
        },
        "curve": {
            str(t): figures(articles, scores, t)
            for t in THRESHOLDS
            if round(t * 100) % 5 == 0
        },
    }
    rows = [c[0][0] for a in articles for c in a.scored]
    labels = [label for a in articles for label in a.labels]
    weights, bias = fit(rows, labels, names, penalty)
    final = {
        a.name: candidate_scores(a, learned_scorer(weights, bias)) for a in articles
    }
    report["fitted_on_all"] = {
        s: figures(arts, final, threshold) for s, arts in by_split.items()
    }
    return {
        "kind": "logistic",
        "features": names,
        "weights": {n: round(w, 4) for n, w in weights.items()},
        "bias": round(bias, 4),
        "threshold": threshold,
        "trained_on": dt.date.today().isoformat(),
        "command": COMMAND,
        "training_splits": list(TRAIN_SPLITS),
        "examples": len(rows),
        "positives": sum(labels),
        "articles": len(articles),
        "min_recall": MIN_RECALL,
        "report": report,
    }


class WriteError(Exception):
    """The weights could not be written where ``--out`` says."""


def _write(path: Path, result: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise WriteError(f"Cannot write {path}: {exc.strerror or exc}") from exc


def main(
    argv: list[str] | None = None,
    *,
    stdout: Writer = sys.stdout,
) -> dict[str, Any]:
    from .scoring import MODEL_PATH

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--dry-run", action="store_true", help="write nothing")
    parser.add_argument("--json", action="store_true", help="print the whole result")
    parser.add_argument(
        "--hand",
        action="store_true",
        help="write the third pass's hand-set weights instead (to compare)",
    )
    args = parser.parse_args(argv)
    if args.hand:
        result = hand_model()
        if not args.dry_run:
            _write(args.out, result)
        stdout.write(json.dumps(result, indent=2) + "\n")
        return result
    result = train(collect())
    if not args.dry_run:
        _write(args.out, result)
    if args.json:
        stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return result
    report = result["report"]
    cv = report["cv"]
    stdout.write(
        f"{result['examples']} candidates ({result['positives']} checkable) in "
        f"{result['articles']} articles of {', '.join(TRAIN_SPLITS)}\n"
    )
    stdout.write("leave-one-article-out CV, best threshold per L2 penalty:\n")
    for penalty, f in report["penalties"].items():
        stdout.write(
            f"  penalty {penalty:>5}: threshold {f['threshold']:.2f} "
            f"P {f['precision']:.3f} ({f['suggested']}) R {f['recall']:.3f}\n"
        )
    stdout.write(
        f"chosen: penalty {cv['penalty']}, threshold {cv['threshold']:.2f}: "
        f"P {cv['overall']['precision']:.3f} R {cv['overall']['recall']:.3f}\n"
    )
    for split, f in cv["by_split"].items():
        h = report["hand"]["by_split_0.35"][split]
        stdout.write(
            f"  {split:<11} CV P {f['precision']:.3f} R {f['recall']:.3f} | "
            f"hand 0.35 P {h['precision']:.3f} R {h['recall']:.3f}\n"
        )
    hand = report["hand"]
    stdout.write(
        f"hand weights at 0.35: P {hand['threshold_0.35']['precision']:.3f} "
        f"R {hand['threshold_0.35']['recall']:.3f}; at their best threshold "
        f"{hand['best_threshold']:.2f}: P {hand['at_best_threshold']['precision']:.3f}"
        f" R {hand['at_best_threshold']['recall']:.3f}\n"
    )
    stdout.write("CV curve (threshold: P R):\n")
    for t, f in cv["curve"].items():
        stdout.write(f"  {float(t):.2f}: {f['precision']:.3f} {f['recall']:.3f}\n")
    stdout.write(
        "weights (log-odds): "
        + ", ".join(f"{n} {w:+.2f}" for n, w in result["weights"].items())
        + f"; bias {result['bias']:+.2f}\n"
    )
    if not args.dry_run:
        stdout.write(f"wrote {args.out}\n")
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    try:
        main()
    except WriteError as exc:
        sys.exit(str(exc))
