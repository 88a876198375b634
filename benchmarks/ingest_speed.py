"""Benchmark the article pipeline: articles per second on one core, and peak memory.

    .venv/bin/python -m benchmarks.ingest_speed [--articles 300] [--size 5000]

Builds ~5 KB articles (Indonesian and English) from the texts in tests/data,
warms the pipeline up once (imports, the language models, dateparser's tables),
then times ``ingest.pipeline.analyse`` on every article in this one process (one
core), as ``import_article --dry-run`` runs it. Peak memory is the process's
maximum resident set size, start-up included.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def articles(count: int, size: int) -> list[bytes]:
    """``count`` articles of about ``size`` bytes, each from one language's texts."""
    data = ROOT / "tests" / "data"
    by_language: dict[str, list[str]] = {"id": [], "en": []}
    for path in sorted(data.glob("*.txt")):
        if path.name == "xss_payloads.txt":  # markup on purpose, not an article
            continue
        language = "en" if path.name.startswith("en_") else "id"
        lines = path.read_text(encoding="utf-8").splitlines()
        by_language[language].append(
            "\n".join(lines[1:] if lines[0].startswith("#") else lines)
        )
    rng = random.Random(4)
    out = []
    for i in range(count):
        texts = by_language["en" if i % 4 == 0 else "id"]
        parts: list[str] = []
        while sum(len(p.encode()) for p in parts) < size:
            parts.append(rng.choice(texts))
        out.append("\n\n".join(parts).encode()[: size + 500])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--size", type=int, default=5000, help="bytes per article")
    args = parser.parse_args()

    started = time.perf_counter()
    import django

    django.setup()
    from ingest.datefinder import parse_absolute
    from ingest.pipeline import analyse

    batch = articles(args.articles, args.size)
    analyse(batch[0])
    analyse(batch[1])  # both languages warm
    startup = time.perf_counter() - started

    timings = []
    claims = 0
    cpu_start = time.process_time()
    wall_start = time.perf_counter()
    for article in batch:
        parse_absolute.cache_clear()  # the articles repeat texts: no help from it
        t0 = time.perf_counter()
        result = analyse(article)
        timings.append(time.perf_counter() - t0)
        claims += len(result.candidates)
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mean_kb = sum(len(a) for a in batch) / len(batch) / 1024
    timings.sort()
    print(f"articles:             {len(batch)} of {mean_kb:.1f} KB on average")
    print(f"start-up:             {startup:.2f} s (imports, models, first parse)")
    print(f"articles/second/core: {len(batch) / cpu:.1f} (CPU time)")
    print(f"articles/second:      {len(batch) / wall:.1f} (wall clock, one process)")
    print(
        f"per article:          mean {statistics.mean(timings) * 1000:.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f} ms, "
        f"max {timings[-1] * 1000:.1f} ms"
    )
    print(f"candidate claims:     {claims / len(batch):.1f} per article")
    print(f"peak memory:          {peak_mb:.0f} MB (max RSS)")
    ok = len(batch) / cpu >= 20 and peak_mb < 300
    print("targets (>= 20 articles/s/core, < 300 MB):", "met" if ok else "MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
