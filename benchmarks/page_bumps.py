"""Benchmark what publishing one claim costs its neighbours' pages: the UPDATE of
every claim sharing a tag or the claimant that the services made before the site
epoch (``claims.models.epoch``), against the epoch's one-row UPDATE they make now.

    .venv/bin/python -m benchmarks.page_bumps [--samples 10]
        [--database-url postgres://postgres@127.0.0.1:5432/claimdesk_bench_1000000]

Reads a database that ``python -m benchmarks run --claims N`` filled (it never
creates one), takes ``--samples`` of the newest published claims and, for each,
times both writes inside a transaction that is rolled back: nothing is kept.
Prints the rows the old write touched and the median and maximum of each.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from benchmarks.pages import DEFAULT_URL, _setup


def _old_neighbours(pks: Any) -> Any:
    """The claims whose pages the old services bumped on a publish: the claim,
    every claim sharing one of its tags and every claim of its claimant (the
    removed ``ClaimQuerySet.with_neighbours``, as of commit 14f5e8b)."""
    from claims.models import Claim

    links = Claim.tags.through.objects
    tagged = links.filter(tag__in=links.filter(claim__in=pks).values("tag"))
    same = Claim.objects.filter(
        claimant__in=Claim.objects.filter(pk__in=pks).values("claimant")
    )
    ids = Claim.objects.filter(pk__in=pks).values("pk")
    return Claim.objects.filter(
        pk__in=ids.union(tagged.values("claim"), same.values("pk"))
    )


def _timed(write: Any) -> tuple[float, Any]:
    from django.db import transaction

    with transaction.atomic():
        start = time.perf_counter()
        result = write()
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--database-url", default=DEFAULT_URL.format(n=1_000_000))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    _setup(args.database_url, args.timeout)

    from claims.models import Claim, SiteEpoch

    newest = Claim.objects.published().order_by("-pk").values_list("pk", flat=True)
    sample = list(newest[: args.samples * 100 : 100])
    old, new, rows = [], [], []
    for pk in sample:
        pks = Claim.objects.filter(pk=pk).values("pk")
        seconds, touched = _timed(_old_neighbours(pks).bump_page_version)
        old.append(seconds)
        rows.append(touched)

        def epoch_bump(pk: int = pk) -> None:
            Claim.objects.filter(pk=pk).bump_page_version()
            SiteEpoch.objects.bump(catalogue=False)

        new.append(_timed(epoch_bump)[0])
        print(
            f"claim {pk}: old {touched:,} rows {old[-1] * 1000:,.0f} ms, "
            f"now {new[-1] * 1000:.1f} ms",
            flush=True,
        )
    total = Claim.objects.count()
    print(f"\n{total:,} claims, {len(sample)} published claims")
    print(
        f"rows the old publish bumped: median {statistics.median(rows):,.0f}, "
        f"max {max(rows):,}"
    )
    print(
        f"old: median {statistics.median(old) * 1000:,.0f} ms, "
        f"max {max(old) * 1000:,.0f} ms"
    )
    print(
        f"now: median {statistics.median(new) * 1000:.1f} ms, "
        f"max {max(new) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
