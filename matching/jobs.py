"""The job ``matching.index``: embed every claim whose vector is missing or stale.

Work is cut into ranges of claim ids, one ``JobStep`` each, so a retried job skips
the ranges it finished; the desk's job page shows the ranges done of all.
"""

from __future__ import annotations

from django.db.models import Max, Min

from claims.models import Claim
from claims.services import job_handler
from claims.services.jobs import JobRun

from .services import claim_embeddings_refresh

KIND = "matching.index"
RANGE = 5000


@job_handler(KIND)
def run(job: JobRun) -> str:
    bounds = Claim.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return "No claims."
    start = bounds["low"] - 1
    ranges = [(lo, lo + RANGE) for lo in range(start, bounds["high"], RANGE)]
    job.set_total(len(ranges))
    counts: list[int] = []

    def work(key: str) -> str:
        lo, hi = (int(x) for x in key.split("-"))
        n = claim_embeddings_refresh(after=lo, until=hi)
        counts.append(n)
        return f"{n} embedded"

    job.each([f"{lo}-{hi}" for lo, hi in ranges], work)
    return f"{sum(counts)} claims embedded."
