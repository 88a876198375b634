"""Compare sentence splitters on the gold articles: does each gold quote begin and
end where a sentence does, and does any boundary fall inside a one-sentence quote?

    .venv/bin/python -m benchmarks.sentence_split tests/data/*.gold.json

The splitters: the importer's own (``ingest.sentences``) and sentencex (PyPI, rules
for ~300 languages, Indonesian among them). Each runs on the article text as the
importer keeps it (page furniture removed), paragraph by paragraph. A gold quote's
edge counts as found when a sentence starts (or ends) there, allowing for spaces,
quotation marks and a dateline ("TRIBUNNEWS.COM - ") before it. A quote is cut when
a boundary falls inside it although the gold quote is a single sentence (its text
has no ". X" inside); it is whole when both its edges are found (it is a run of
whole sentences). "broken" counts sentences that are pieces of a word or a name
("TEMPO." and "CO, Jakarta - …" out of "TEMPO.CO, Jakarta - …").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

Spans = list[tuple[int, int]]
_EDGE = " \t\n\"“”‘’'()[]"
_DATELINE = re.compile(r"^[^.!?\n]{0,80}?[-–—]\s*$")
_INNER_END = re.compile(r"[.!?][\"”’)]*\s+[\"“‘(]?[A-Z0-9]")


def own(text: str, language: str) -> Spans:
    from ingest import sentences

    return [(s.start, s.end) for s in sentences.split(text)]


def sentencex_spans(text: str, language: str) -> Spans:
    import sentencex

    spans: Spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for b in sentencex.get_sentence_boundaries(language, line):
                piece = b["text"]
                start = line.find(piece.strip(), b["start_index"] - 5)
                start = b["start_index"] if start < 0 else start
                end = start + len(piece.strip())
                spans.append((offset + start, offset + end))
        offset += len(line) + 1
    return spans


SPLITTERS: dict[str, Callable[[str, str], Spans]] = {
    "ingest.sentences": own,
    "sentencex": sentencex_spans,
}


def _starts_at(text: str, spans: Spans, position: int) -> bool:
    for start, _end in spans:
        if start <= position:
            between = text[start:position]
            if not between.strip(_EDGE) or _DATELINE.match(between):
                return True
    return False


def _ends_at(text: str, spans: Spans, position: int) -> bool:
    return any(
        end >= position and not text[position:end].strip(_EDGE) for _s, end in spans
    )


def score(text: str, quotes: list[str], spans: Spans) -> dict[str, int]:
    starts = sorted({s for s, _e in spans})
    out = {"quotes": 0, "edges": 0, "edges_found": 0, "cut": 0, "whole": 0}
    for quote in quotes:
        at = text.find(quote)
        if at < 0:
            continue
        end = at + len(quote)
        out["quotes"] += 1
        near = [(s, e) for s, e in spans if s < end + 3 and e > at - 90]
        found_start = _starts_at(text, near, at)
        found_end = _ends_at(text, near, end)
        out["edges"] += 2
        out["edges_found"] += found_start + found_end
        inside = [s for s in starts if at + 3 < s < end - 3]
        if inside and not _INNER_END.search(quote):
            out["cut"] += 1
        if found_start and found_end:
            out["whole"] += 1
    return out


def broken(text: str, spans: Spans) -> int:
    """Sentences that start inside a word: "CO, Jakarta" after "TEMPO."."""
    return sum(1 for start, _end in spans if start > 0 and text[start - 1] == ".")


def article_text(gold_path: Path) -> tuple[str, str, list[str]]:
    from ingest import furniture
    from ingest.reading import read_article

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = gold_path.parent / gold["document"]["file"]
    raw = read_article(article.read_bytes(), article.name)
    layout = furniture.lay_out(raw.text, title=raw.title)
    text = "\n\n".join(layout.paragraphs)
    quotes = []
    for claim in gold["claims"]:
        quotes.append(claim["quote"])
        quotes.extend(q["quote"] for q in claim.get("appearances", []) if "quote" in q)
    return text, gold["document"].get("language", "id"), quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    args = parser.parse_args()
    import django

    django.setup()
    keys = ("quotes", "edges", "edges_found", "cut", "whole", "broken")
    totals = {name: dict.fromkeys(keys, 0) for name in SPLITTERS}
    seconds = dict.fromkeys(SPLITTERS, 0.0)
    sentences_seen = dict.fromkeys(SPLITTERS, 0)
    for path in args.gold:
        text, language, quotes = article_text(path)
        for name, split in SPLITTERS.items():
            started = time.process_time()
            spans = split(text, "en" if language == "en" else "id")
            seconds[name] += time.process_time() - started
            sentences_seen[name] += len(spans)
            for key, value in score(text, quotes, spans).items():
                totals[name][key] += value
            totals[name]["broken"] += broken(text, spans)
    print(f"{len(args.gold)} gold files")
    print(f"{'splitter':<18}{'quotes':>7}{'edges found':>13}{'cut':>5}{'whole':>7}"
          f"{'broken':>8}{'sentences':>11}{'ms/article':>12}")  # fmt: skip
    for name, t in totals.items():
        print(
            f"{name:<18}{t['quotes']:>7}"
            f"{t['edges_found'] / max(1, t['edges']):>13.3f}{t['cut']:>5}"
            f"{t['whole'] / max(1, t['quotes']):>7.3f}{t['broken']:>8}"
            f"{sentences_seen[name]:>11}"
            f"{1000 * seconds[name] / len(args.gold):>12.2f}"
        )


if __name__ == "__main__":
    main()
