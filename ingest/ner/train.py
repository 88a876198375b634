"""Train the Indonesian NER model and report entity-level F1 on both test splits.

    python -m ingest.ner.train [--data DIR] [--out PATH] [--c1 0.05] [--c2 0.05]
    python -m ingest.ner.train --evaluate-only      # score the shipped model

``DIR`` holds ``nerp/`` and ``nergrit/``, each with ``train``, ``valid`` and ``test``
(``.txt`` or ``.txt.gz``, IndoNLU's format); the default is the copy in
``ingest/ner/data``. The model is trained on both corpora's train splits together
(their types mapped to PER, LOC, ORG, EVT, FNB), its settings chosen on the valid
splits, and it is scored on each test split in that corpus's own types, exact span
and type (``ingest.ner.metrics``).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import time
from pathlib import Path
from typing import Any, Protocol

from . import corpus, metrics
from .features import sentence_features
from .tagger import MODEL, tag_tokens

DATA = Path(__file__).parent / "data"


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


#: chosen on the valid splits (ingest/README.md): L1 keeps the model small
C1 = 0.1
C2 = 0.05
ITERATIONS = 150
#: features seen fewer times are dropped: a third of the model's size for ~1 point
MIN_FREQ = 2


def _split(data: Path, name: str, split: str) -> list[corpus.Sentence]:
    plain = data / name / f"{split}.txt"
    if plain.is_file():
        return corpus.read(plain)
    packed = data / name / f"{split}.txt.gz"
    if not packed.is_file():
        raise FileNotFoundError(f"neither {plain} nor {packed} exists")
    with gzip.open(packed, "rt", encoding="utf-8") as fh:
        tmp = io.StringIO(fh.read())
    return corpus.parse(tmp)


def training_sequences(data: Path) -> list[corpus.Sentence]:
    out: list[corpus.Sentence] = []
    for name in corpus.CORPORA:
        for words, tags in _split(data, name, "train"):
            out.append((words, corpus.to_model(tags)))
    return out


def train(
    data: Path,
    out: Path,
    *,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
    min_freq: int = MIN_FREQ,
    verbose: bool = False,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for words, tags in training_sequences(data):
        trainer.append(sentence_features(words), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": min_freq,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def evaluate(data: Path, model: Path, split: str = "test") -> dict[str, Any]:
    """Per corpus: scores per type and micro-averaged, in the corpus's own types."""
    report: dict[str, Any] = {}
    for name in corpus.CORPORA:
        sentences = _split(data, name, split)
        gold = [tags for _words, tags in sentences]
        predicted = [
            corpus.from_model(tag_tokens(words, model), name) for words, _ in sentences
        ]
        scores = metrics.evaluate(gold, predicted)
        report[name] = {
            kind: {
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "f1": round(s.f1, 3),
                "support": s.support,
            }
            for kind, s in scores.items()
        }
    return report


def print_report(report: dict[str, Any], stream: Writer = sys.stdout) -> None:
    for name, scores in report.items():
        stream.write(f"{name}\n{'type':<14}{'prec.':>7}{'rec.':>7}{'F1':>7}{'n':>7}\n")
        for kind, s in scores.items():
            stream.write(
                f"{kind:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                f"{s['support']:>7}\n"
            )


def main(
    argv: list[str] | None = None,
    stdout: Writer = sys.stdout,
    stderr: Writer = sys.stderr,
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--min-freq", type=int, default=MIN_FREQ)
    parser.add_argument("--split", default="test", choices=["valid", "test"])
    parser.add_argument("--evaluate-only", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.evaluate_only:
        started = time.process_time()
        train(
            args.data,
            args.out,
            c1=args.c1,
            c2=args.c2,
            iterations=args.iterations,
            min_freq=args.min_freq,
        )
        stderr.write(
            f"trained {args.out} ({args.out.stat().st_size // 1024} KB) in "
            f"{time.process_time() - started:.0f} s CPU\n"
        )
    report = evaluate(args.data, args.out, args.split)
    if args.json:
        stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        print_report(report, stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
