"""What search's expansion (aliases, tags, hyphens: ``claims.search.expand``) costs:
the public list's server time for each query, with the expansion and without it.

    DATABASE_URL=postgres://.../claimdesk_bench_1000000 \\
        .venv/bin/python -m benchmarks.search_expansion komodo inflation "Kim Jong-un"

Django's test client against the database in ``DATABASE_URL`` (read only): two
warm-up requests, then the median of ``--repeat`` timed ones, per query and mode.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.test import Client

    import claims.search as search

    expand = search.expand
    client = Client()
    for mode in ("expanded", "plain"):
        if mode == "plain":
            search.expand = lambda text: search.Expansion([text])
        for query in args.queries:
            for _ in range(2):
                client.get("/claims/", {"q": query})
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get("/claims/", {"q": query})
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"{mode:9} {query!r:28} {response.status_code} "
                f"median {statistics.median(times):7.1f} ms"
            )
    search.expand = expand


if __name__ == "__main__":
    main()
