"""Benchmark bulk import: claims per second through ``claims_bulk_create``.

    .venv/bin/python -m benchmarks.bulk_import [--claims 50000] [--chunk 5000]
        [--database-url postgres://postgres@127.0.0.1:5432/claimdesk_bench_bulk]

Re-creates the (``claimdesk_bench*``) database, migrates it, adds 2,000 claimants,
builds the rows in memory, then times ``claims_bulk_create`` one chunk (one
transaction) at a time, as an editor: the claims with their history rows, tags and
their history, "created" review events and (PostgreSQL) search vectors. It then
checks that every claim has all of them. Target: at least 5,000 claims/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from benchmarks.pages import _recreate, _setup

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_bulk"
TARGET = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--chunk", type=int, default=5_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()

    _recreate(args.database_url)
    _setup(args.database_url, timeout=600)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from claims import services
    from claims.dates import PartialDate
    from claims.models import Claim, ReviewEvent, Source
    from tests.factories import UserFactory

    editor = UserFactory(username="bulk-editor", groups=["Editors"])
    sources = Source.objects.bulk_create(
        Source(name=f"Claimant {i}", slug=f"claimant-{i}", kind="person")
        for i in range(2000)
    )
    rng = random.Random(7)
    words = "rice exports inflation komodo harga beras naik rose fell percent"
    words = words.split()
    rows = [
        {
            "statement": f"{' '.join(rng.choices(words, k=12))} ({i}).",
            "language": rng.choice(["en", "id"]),
            "claimant": rng.choice(sources),
            "made": PartialDate.parse(f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}"),
            "checkworthiness": rng.random(),
            "tags": rng.sample(["economy", "health", "wildlife", "food"], k=2),
        }
        for i in range(args.claims)
    ]
    started = time.perf_counter()
    for at in range(0, len(rows), args.chunk):
        services.claims_bulk_create(rows=rows[at : at + args.chunk], by=editor)
    elapsed = time.perf_counter() - started

    made = Claim.objects.count()
    histories = Claim.history.filter(history_type="+").count()
    events = ReviewEvent.objects.filter(action=ReviewEvent.Action.CREATED).count()
    blank = (
        Claim.objects.filter(search_vector__isnull=True).count()
        if connection.vendor == "postgresql"
        else "n/a"
    )
    rate = made / elapsed
    print(f"claims:          {made:,} in {elapsed:.1f} s ({connection.vendor})")
    print(f"history rows:    {histories:,}; created events: {events:,}")
    print(f"without vector:  {blank}")
    print(f"claims/s:        {rate:,.0f}")
    ok = made == histories == events == args.claims and blank in (0, "n/a")
    print(
        f"target (>= {TARGET:,} claims/s, all recorded):",
        "met" if ok and rate >= TARGET else "MISSED",
    )
    sys.exit(0 if ok and rate >= TARGET else 1)


if __name__ == "__main__":
    main()
