"""Finding a claim's likely duplicates among N claims on PostgreSQL, and embedding.

    python -m benchmarks.matching [--url postgres://…/claimdesk_bench_matching]
        [--queries 40] [--embed-sample 256] [--repeat 3]

The database must hold claims already (``manage.py generate_synthetic --claims N``
into it). The benchmark then, in one transaction that is rolled back at the end:

1. gives every claim without one a vector: **random but realistic**: each is a
   real embedding of one of the labelled set's 1,158 claims
   (``tests/data/matching/claims.jsonl``, embedded for real) with Gaussian noise
   added, so that, like real ones, the vectors crowd around a few hundred topics
   (cosine 0.6-0.8 to their topic's base) instead of spreading uniformly. They are
   written with COPY. Embedding a million synthetic claims for real would take
   hours on this machine (the rate is measured in step 3).
2. adds the labelled set's claims with their real vectors, then times
   ``similar_to_text`` for ``--queries`` of its queries (rewordings and
   translations): the model embedding the query, the in-memory index (loaded
   once, timed apart), the database reads, the full-text candidates and the
   scoring, the whole of what ``similar_claims`` does. It reports the median and
   95th percentile in ms, how often the expected claim was still found first
   among the N + 1,158 claims, and apart the medians of the query's embedding,
   the index search and the lexical candidates.
3. measures the embedding rate: the model alone on ``--embed-sample`` synthetic
   statements (claims/s), and the background job's rate
   (``claim_embeddings_refresh``: reading, embedding and writing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_matching"
DATA = ROOT / "tests" / "data" / "matching"


def _setup(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _copy_vectors(cursor, rows, model: str) -> None:  # type: ignore[no-untyped-def]
    """(claim id, vector) pairs into matching_claimembedding with COPY."""
    from matching.embedding import binary_code, quantise

    now = time.strftime("%Y-%m-%d %H:%M:%S+00")
    with cursor.copy(
        "COPY matching_claimembedding "
        "(claim_id, model, text_hash, vector, scale, code, created_at) FROM STDIN"
    ) as copy:
        for claim_id, vector in rows:
            data, scale = quantise(vector)
            copy.write_row(
                (claim_id, model, "synthetic", data, scale, binary_code(vector), now)
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--embed-sample", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    _setup(args.url)

    import numpy as np
    from django.db import connection, transaction

    from claims.models import Claim
    from matching.embedding import embed, model_name
    from matching.evaluation import CachedEmbedder, load_set
    from matching.finder import similar_to_text
    from matching.index import vector_index, vector_indexes_clear
    from matching.services import claim_embeddings_refresh, claim_embeddings_store

    figures: dict[str, object] = {}
    claims_set, queries = load_set(DATA / "queries.jsonl")
    embedder = CachedEmbedder(ROOT / "var" / "matching-eval.npz")
    base = embedder([c["statement"] for c in claims_set])
    embedder.save()
    rng = np.random.default_rng(1)

    with transaction.atomic():
        n = Claim.objects.count()
        figures["claims"] = n
        print(f"{n:,} claims in {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM claims_claim c WHERE NOT EXISTS (SELECT 1 FROM "
                "matching_claimembedding e WHERE e.claim_id = c.id AND e.model = %s)",
                [model_name()],
            )
            todo = [row[0] for row in cursor.fetchall()]
            raw = cursor.connection.cursor()
            for start in range(0, len(todo), 50_000):
                ids = todo[start : start + 50_000]
                topics = base[rng.integers(0, len(base), len(ids))]
                noisy = topics + rng.normal(0, args.noise, topics.shape).astype(
                    np.float32
                )
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                _copy_vectors(raw, zip(ids, noisy, strict=True), model_name())
        print(
            f"vectors for {len(todo):,} claims written in "
            f"{time.perf_counter() - started:.0f} s"
        )

        # the labelled set, with its real vectors, as claims among the others
        from claims.services import claims_bulk_create

        created = claims_bulk_create(
            rows=[
                {"statement": c["statement"], "language": c["language"]}
                for c in claims_set
            ],
            by=None,
        )
        claim_embeddings_store(
            claims=[(c.pk, c.statement) for c in created], vectors=base
        )
        key_of = {c.pk: s["key"] for c, s in zip(created, claims_set, strict=True)}
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
            cursor.execute("ANALYZE matching_claimembedding")

        vector_indexes_clear()
        started = time.perf_counter()
        vector_index().refresh()
        load = time.perf_counter() - started
        figures["index_load_s"] = round(load, 1)
        print(f"index loaded: {vector_index().size:,} codes in {load:.1f} s")

        picked = [q for q in queries if q["expected"]][: args.queries]
        similar_to_text("warm up the model", top=5)
        timings, first = [], 0
        for q in picked:
            for _ in range(args.repeat):
                t = time.perf_counter()
                found = similar_to_text(q["query"], top=5)
                timings.append((time.perf_counter() - t) * 1000)
            first += bool(found) and key_of.get(found[0].claim.pk) == q["expected"]
        timings.sort()
        median = statistics.median(timings)
        p95 = timings[int(0.95 * (len(timings) - 1))]
        figures.update(
            {
                "queries": len(picked),
                "median_ms": round(median, 1),
                "p95_ms": round(p95, 1),
                "found_first": round(first / len(picked), 3),
            }
        )
        print(
            f"similar_to_text among {n + len(created):,} claims, embedding included: "
            f"median {median:.0f} ms, p95 {p95:.0f} ms ({len(timings)} runs); "
            f"expected claim first for {first}/{len(picked)} queries"
        )
        t = time.perf_counter()
        for q in picked[:10]:
            embed([q["query"]])
        figures["query_embedding_ms"] = round((time.perf_counter() - t) * 100, 1)
        print(f"of which embedding one query: {figures['query_embedding_ms']} ms")
        from django.conf import settings

        vectors = embed([q["query"] for q in picked])
        searches = []
        for vector in vectors:
            t = time.perf_counter()
            vector_index().search(vector, settings.CLAIMDESK_MATCH_CANDIDATES)
            searches.append((time.perf_counter() - t) * 1000)
        figures["index_search_ms"] = round(statistics.median(searches), 1)
        print(
            "of which the vector index (Hamming prefilter, exact vectors read): "
            f"{figures['index_search_ms']} ms"
        )
        from matching.finder import _lexical_candidates

        lexical_times = []
        for q in picked:
            t = time.perf_counter()
            _lexical_candidates(q["query"], "default")
            lexical_times.append((time.perf_counter() - t) * 1000)
        figures["lexical_ms"] = round(statistics.median(lexical_times), 1)
        print(
            "of which the lexical candidates (full text, and trigrams up to "
            f"CLAIMDESK_MATCH_TRIGRAM_LIMIT claims): {figures['lexical_ms']} ms"
        )

        sample = list(
            Claim.objects.order_by("pk").values_list("statement", flat=True)[
                : args.embed_sample
            ]
        )
        t = time.perf_counter()
        embed(sample)
        rate = len(sample) / (time.perf_counter() - t)
        figures["model_claims_per_s"] = round(rate, 1)
        print(f"embedding rate, model alone: {rate:.1f} claims/s (batches of 32)")
        # the job's own rate: forget the first sample's vectors and redo them
        first_ids = list(
            Claim.objects.order_by("pk").values_list("pk", flat=True)[
                : args.embed_sample
            ]
        )
        from matching.models import ClaimEmbedding

        ClaimEmbedding.objects.filter(claim_id__in=first_ids).delete()
        t = time.perf_counter()
        done = claim_embeddings_refresh(claim_ids=first_ids)
        rate = done / (time.perf_counter() - t)
        figures["job_claims_per_s"] = round(rate, 1)
        hours = 1_000_000 / rate / 3600
        print(
            f"embedding rate, background job (read, embed, write): {rate:.1f} claims/s "
            f"(1,000,000 claims: {hours:.1f} h on one worker)"
        )
        transaction.set_rollback(True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
