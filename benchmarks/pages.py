"""Time the public pages, the API and the desk at N claims, and compare sizes.

``run`` fills a dedicated PostgreSQL database (default ``claimdesk_bench_<N>``,
dropped and re-created; ``--reuse`` keeps it when it already holds N claims) with
``manage.py generate_synthetic``, then requests every page in this process through
Django's test ``Client``: a few warm-up requests, then ``--repeat`` timed ones,
reporting the median and 95th percentile of the server time (ms) and the SQL queries
per request. Each SQL statement may run for ``--timeout`` seconds (PostgreSQL's
``statement_timeout``); a page that needs longer reports "timeout".

Caches: public pages are timed with the whole-page cache off (a page-cache miss:
``CLAIMDESK_PAGE_CACHE_SECONDS = 0``), while the caches of counts, facets and claim
cards work as in production (the warm-up requests fill them; they are keyed by
versions that every publication moves). ``--cold`` replaces Django's cache with a
``DummyCache`` instead, so that nothing at all is found in it. The claim page is
also timed from its page cache, and as a reader's conditional GET with the ETag of
the page (a 304 from ``public/caching.py``'s validators).

``compare a.json b.json …`` prints one column per file (its number of claims) and
the ratio of the largest to the smallest. Figures come from one shared machine:
compare them within a run, not across machines.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_{n}"
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _recreate(url: str) -> None:
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("claimdesk_bench"):
        sys.exit(
            f"Refusing to drop {name!r}: benchmark databases are claimdesk_bench*."
        )
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _exists(url: str) -> bool:
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        dbname="postgres",
    ) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [parsed.path.lstrip("/")]
        ).fetchone()
    return row is not None


def _setup(url: str, timeout: float) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.db import connections

    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    options["options"] = f"-c statement_timeout={int(timeout * 1000)}"


def _prepare(args: argparse.Namespace, url: str) -> float | None:
    """Make sure the database holds ``args.claims`` claims; the seconds it took to
    generate them, or None if they were reused."""
    reusable = args.reuse and _exists(url)
    if reusable:
        _setup(url, args.timeout)
        from claims.models import Claim

        try:
            if Claim.objects.count() == args.claims:
                print(f"reusing {url} ({args.claims:,} claims); migrating it")
                from django.core.management import call_command

                call_command("migrate", verbosity=0)  # the code may be newer
                return None
        except Exception:
            pass
        from django.db import connections

        connections.close_all()
    _recreate(url)
    if "django" not in sys.modules or not _is_setup():
        _setup(url, args.timeout)
    from django.core.management import call_command
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "generate_synthetic", "--claims", str(args.claims), "--seed", str(args.seed)
    )
    return time.perf_counter() - started


def _is_setup() -> bool:
    from django.apps import apps

    return apps.ready


def _cases() -> list[tuple[str, str, dict[str, str]]]:
    """(label, URL, extra headers) of every page timed, from the data at hand."""
    from django.db.models import Count

    from claims.models import Claim, Rating, Tag
    from claims.synthetic import COMMON_TERM, RARE_TERM

    published = Claim.objects.published()
    claim = published.order_by("-pk").first()
    assert claim is not None, "no published claim"
    top = (
        published.order_by()
        .values("claimant__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    verdict = Rating.objects.order_by("order").first()
    tag = Tag.objects.order_by("pk").first()
    pages = max(1, math.ceil(published.count() / 20))
    deep = max(1, min(pages, 500) // 2)
    review_claim = Claim.objects.awaiting_review().order_by("pk").first() or claim
    admin = "/admin/claims/claim/"
    # Synthetic claims end where their decade ends: the dashboard's window there.
    newest = Claim.objects.order_by("-created_at").values_list("created_at", flat=True)
    last_capture = newest[0].date().isoformat()
    return [
        ("home", "/", {}),
        ("list", "/claims/", {}),
        ("list by verdict", f"/claims/?verdict={verdict.slug}", {}),
        ("list by tag", f"/claims/?tag={tag.slug}", {}),
        ("list by claimant", f"/claims/?claimant={top['claimant__slug']}", {}),
        ("list by language", "/claims/?language=id", {}),
        (f"list search '{COMMON_TERM}'", f"/claims/?q={COMMON_TERM}", {}),
        (f"list search '{RARE_TERM}'", f"/claims/?q={RARE_TERM}", {}),
        ("list deep page", f"/claims/?page={deep}", {}),
        ("search by relevance", f"/claims/?q={COMMON_TERM}&sort=relevance", {}),
        ("claim page", claim.get_absolute_url(), {}),
        ("claim page (page cache)", claim.get_absolute_url(), {"page_cache": "1"}),
        ("claim page (cached, 304)", claim.get_absolute_url(), {"etag": "page"}),
        ("claim page ?lang=id", f"{claim.get_absolute_url()}?lang=id", {}),
        ("largest claimant's page", f"/sources/{top['claimant__slug']}/", {}),
        ("timeline", "/timeline/", {}),
        ("api claims list", "/api/claims/", {}),
        ("api claim detail", f"/api/claims/{claim.pk}/", {}),
        ("feed rss", "/feeds/rss/", {}),
        ("feed atom", "/feeds/atom/", {}),
        ("sitemap index", "/sitemap.xml", {}),
        ("sitemap claims", "/sitemap-claims.xml", {}),
        ("admin claims list", admin, {"admin": "1"}),
        ("admin filtered", f"{admin}?status__exact=published&verdict__id__exact="
         f"{verdict.pk}", {"admin": "1"}),
        ("admin searched", f"{admin}?q={COMMON_TERM}", {"admin": "1"}),
        ("admin page 100", f"{admin}?p=100", {"admin": "1"}),
        ("admin claim change", f"{admin}{review_claim.pk}/change/", {"admin": "1"}),
        ("admin missing id", f"{admin}?translation=missing:id", {"admin": "1"}),
        ("admin review queue", f"{admin}?status__exact=in_review", {"admin": "1"}),
        ("admin index (queue)", "/admin/", {"admin": "1"}),
        ("admin dashboard", "/admin/dashboard/?weeks=52", {"admin": "1"}),
        ("admin dashboard (data's last year)",
         f"/admin/dashboard/?weeks=52&end={last_capture}", {"admin": "1"}),
        ("admin dashboard csv",
         f"/admin/dashboard/?weeks=52&end={last_capture}&format=csv", {"admin": "1"}),
        ("admin notifications", "/admin/notifications/", {"admin": "1"}),
    ]  # fmt: skip


def _measure(
    client: Any,
    url: str,
    headers: dict[str, str],
    repeat: int,
    warm: int,
    cold: bool = False,
) -> dict[str, Any]:
    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext, override_settings

    extra = {}
    if headers.get("etag"):
        first = client.get(url)
        extra["HTTP_IF_NONE_MATCH"] = first.headers.get("ETag", "")
    timings, queries, status = [], 0, 0
    overrides: dict[str, Any] = {
        "CLAIMDESK_FRAGMENT_CACHE_SECONDS": 86400,
        "CLAIMDESK_PAGE_CACHE_SECONDS": 86400 if headers.get("page_cache") else 0,
    }
    if cold:
        overrides["CACHES"] = DUMMY_CACHE
    with override_settings(**overrides):
        for i in range(warm + repeat):
            try:
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url, **extra)
                    elapsed = (time.perf_counter() - started) * 1000
            except DatabaseError as exc:
                if "statement timeout" in str(exc) or "canceling" in str(exc):
                    return {"url": url, "status": "timeout"}
                raise
            if i >= warm:
                timings.append(elapsed)
            queries, status = len(ctx.captured_queries), response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, math.ceil(len(timings) * 0.95) - 1)]
    return {
        "url": url,
        "status": status,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
    }


def _sign_in(client: Any, user: Any) -> None:
    """Sign the desk client in past both steps (password and authenticator), as
    ``django_otp.login`` marks a session verified: the desk refuses editors without."""
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Benchmark authenticator", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def run(args: argparse.Namespace) -> None:
    url = args.database_url or DEFAULT_URL.format(n=args.claims)
    if not url.startswith("postgres"):
        sys.exit("The benchmark needs a PostgreSQL --database-url.")
    generate_seconds = _prepare(args, url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from claims.models import Claim

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        print(f"statement_timeout = {cursor.fetchone()[0]}")
    public, desk = Client(), Client()
    from django.contrib.auth.models import Group

    editor, _ = get_user_model().objects.get_or_create(
        username="benchmark-editor", defaults={"is_staff": True}
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    _sign_in(desk, editor)
    total = Claim.objects.count()
    print(f"\n{total:,} claims; median and p95 of {args.repeat} requests (ms)")
    print(f"{'page':<32} {'median':>9} {'p95':>9} {'queries':>8} {'status':>7}")
    results = {}
    for label, path, headers in _cases():
        if args.only and not any(part in label for part in args.only):
            continue
        client = desk if headers.get("admin") else public
        result = _measure(client, path, headers, args.repeat, args.warm, args.cold)
        results[label] = result
        if result["status"] == "timeout":
            print(f"{label:<32} {'timeout':>9}")
            continue
        print(
            f"{label:<32} {result['median_ms']:>9.1f} {result['p95_ms']:>9.1f} "
            f"{result['queries']:>8} {result['status']:>7}"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "claims": total,
                    "generate_seconds": generate_seconds,
                    "repeat": args.repeat,
                    "cold": args.cold,
                    "results": results,
                },
                indent=2,
            )
        )
        print(f"\nwrote {args.json}")


def _cell(result: dict[str, Any] | None, key: str) -> str:
    if not result:
        return "-"
    if result.get("status") == "timeout":
        return "timeout"
    return f"{result[key]:g}"


def compare(args: argparse.Namespace) -> None:
    runs = [json.loads(Path(p).read_text()) for p in args.files]
    runs.sort(key=lambda r: r["claims"])
    labels = list(dict.fromkeys(k for r in runs for k in r["results"]))
    head = "".join(f"{r['claims']:>12,}" for r in runs)
    for key, title in (("median_ms", "median ms"), ("queries", "queries")):
        print(f"\n{title + ' by number of claims':<34}{head}{'ratio':>9}")
        for label in labels:
            cells = [r["results"].get(label) for r in runs]
            line = f"{label:<34}" + "".join(f"{_cell(c, key):>12}" for c in cells)
            a, b = cells[0], cells[-1]
            ok = all(c and c.get("status") != "timeout" for c in (a, b))
            ratio = (b[key] / a[key]) if ok and a[key] else None  # type: ignore[index]
            print(line + (f"{ratio:>9.1f}" if ratio is not None else f"{'-':>9}"))
    times = [r.get("generate_seconds") for r in runs]
    if any(times):
        print(
            f"\n{'generate (s)':<34}"
            + "".join(f"{t:>12.0f}" if t else f"{'reused':>12}" for t in times)
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="generate (or reuse) N claims and time the pages")
    r.add_argument("--claims", type=int, default=10_000)
    r.add_argument("--json", help="write the results to this file")
    r.add_argument("--database-url", help=f"default {DEFAULT_URL}")
    r.add_argument("--reuse", action="store_true", help="keep a DB with N claims")
    r.add_argument("--repeat", type=int, default=15)
    r.add_argument("--warm", type=int, default=3)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--timeout", type=float, default=30, help="seconds per statement")
    r.add_argument("--cold", action="store_true", help="no cache at all (a DummyCache)")
    r.add_argument(
        "--only", action="append", default=[],
        help="time only the pages whose label contains this (repeatable)",
    )  # fmt: skip
    sub.add_parser(
        "instructions", add_help=False,
        help="instructions per request under valgrind (benchmarks/instructions.py)",
    )  # fmt: skip
    c = sub.add_parser("compare", help="one column per result file")
    c.add_argument("files", nargs="+")
    if sys.argv[1:2] == ["instructions"]:
        from benchmarks.instructions import main as instructions

        instructions(sys.argv[2:])
        return
    args = parser.parse_args()
    if args.command == "run":
        if args.claims < 1:
            parser.error("--claims must be at least 1")
        run(args)
    else:
        compare(args)
