"""How fast the editors' claims list answers with many claims.

Seeds a PostgreSQL database (default ``claimdesk_bench``; it is dropped and re-created)
with N claims spread over statuses, assignees, claimants, tags and event dates, then
times the admin's claims list as an editor uses it: plain, filtered, searched, a deep
page and a claim's change page. Prints the median and the query count of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_bench \\
        .venv/bin/python bench/admin_changelist.py --claims 200000

Figures come from one shared machine: compare them within a run, not across runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimdesk_bench"
)

WORDS = [
    "minister",
    "president",
    "unemployment",
    "inflation",
    "vaccine",
    "election",
    "budget",
    "border",
    "summit",
    "letter",
    "refused",
    "nuclear",
    "talks",
    "sanctions",
    "school",
    "hospital",
    "growth",
    "percent",
    "million",
    "billion",
    "record",
    "lowest",
    "highest",
    "doubled",
    "halved",
    "promised",
    "denied",
    "said",
    "korea",
    "trump",
    "kim",
    "jakarta",
    "washington",
    "singapore",
    "hanoi",
    "stockholm",
    "armistice",
]


def recreate_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def seed(n: int, batch: int = 5000) -> None:
    import datetime as dt

    from django.contrib.auth.models import Group, User
    from django.db import connection

    from claims.models import Claim, ClaimDate, Rating, Source, Status, Tag

    rng = random.Random(42)
    editors = Group.objects.get(name="Editors")
    users = []
    for i in range(20):
        user = User.objects.create_user(f"user{i}", password="x", is_staff=True)
        user.groups.add(editors)
        users.append(user)
    sources = Source.objects.bulk_create(
        Source(name=f"Source {i}", slug=f"source-{i}", kind="person")
        for i in range(500)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"topic {i}", slug=f"topic-{i}") for i in range(50)
    )
    ratings = list(Rating.objects.all())
    statuses = [s for s, _ in Status.choices]
    made = 0
    while made < n:
        size = min(batch, n - made)
        claims = [
            Claim(
                statement=" ".join(rng.choices(WORDS, k=14)).capitalize() + ".",
                language=rng.choice(["en", "id"]),
                claimant=rng.choice(sources),
                status=rng.choices(statuses, weights=[3, 3, 1, 6, 1, 1, 1])[0],
                verdict=rng.choice(ratings) if rng.random() < 0.6 else None,
                assignee=rng.choice(users) if rng.random() < 0.7 else None,
                checkworthiness=rng.random(),
            )
            for _ in range(size)
        ]
        Claim.objects.bulk_create(claims)
        ClaimDate.objects.bulk_create(
            ClaimDate(
                claim=c,
                start=dt.date(rng.randint(1950, 2025), rng.randint(1, 12), 1),
                precision="month",
            )
            for c in claims
        )
        through = Claim.tags.through
        through.objects.bulk_create(
            through(claim_id=c.pk, tag_id=rng.choice(tags).pk) for c in claims
        )
        made += size
        print(f"  seeded {made:,} claims", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measure(client, url: str, repeat: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    status = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(timings), queries, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="skip seeding")
    args = parser.parse_args()

    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        sys.exit("This benchmark needs PostgreSQL in DATABASE_URL.")
    if not args.reuse:
        recreate_database(url)

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from claims.models import Claim

    if not args.reuse:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed(args.claims)
        print(f"seeded {args.claims:,} claims in {time.perf_counter() - started:.0f} s")

    client = Client()
    client.force_login(User.objects.get(username="user0"))
    claim = Claim.objects.order_by("pk").last()
    base = "/admin/claims/claim/"
    cases = [
        ("claims list", base),
        ("filter status=in_review", f"{base}?status__exact=in_review"),
        ("filter assigned to me", f"{base}?assignee=me"),
        ("filter event year 2019", f"{base}?event_year=2019"),
        (
            "filter status + verdict",
            f"{base}?status__exact=published&verdict__id__exact=1",
        ),
        ("search 'refused letter'", f"{base}?q=refused+letter"),
        ("page 100", f"{base}?p=100"),
        ("claim change page", f"{base}{claim.pk}/change/"),
        ("admin index (queue)", "/admin/"),
    ]
    total = Claim.objects.count()
    print(
        f"\nAdmin at {total:,} claims on PostgreSQL, median of {args.repeat} requests"
    )
    print(f"{'page':<28} {'median ms':>10} {'queries':>8} {'status':>7}")
    for label, path in cases:
        median, queries, status = measure(client, path, args.repeat)
        print(f"{label:<28} {median:>10.1f} {queries:>8} {status:>7}")


if __name__ == "__main__":
    main()
