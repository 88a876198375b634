"""Load test: gunicorn under the production settings, driven by wrk on loopback.

    .venv/bin/python -m benchmarks.load --database-url postgres://…/claimdesk_bench_1000000
        [--workers 3] [--duration 60] [--connections 50] [--redis redis://127.0.0.1:6379/1]
        [--json out.json]

Starts ``gunicorn config.wsgi`` with ``config.settings.prod`` (a throwaway secret key,
plain HTTP on 127.0.0.1, the cache in Redis when ``--redis`` is given, as on several
app servers), waits for ``/healthz``, then runs ``wrk --latency`` for ``--duration``
seconds at ``--connections`` connections on each page: the list, a filtered list, a
claim page and the API list (and any ``--url`` given). It prints requests per second,
p50 and p99 latency and the errors wrk counted (non-2xx/3xx answers, timeouts and
socket errors); it stops gunicorn at the end. Needs Debian's ``wrk``.

Side by side with Datasette (``--datasette`` and a SQLite ``--database-url``):
after Claimdesk's pages, Datasette serves the same file (immutable) and its pages
for the same rows are loaded the same way: its row page of the same claim, and its
table page filtered to the same published claims with the same verdict and language,
newest first. ``--datasette`` alone installs Datasette into a throwaway virtual
environment (``var/datasette-venv``, not a project dependency); ``--datasette PATH``
uses that executable. The last table gives Claimdesk's requests per second as a
multiple of Datasette's for each pair.

For a page-cache-miss load, pass ``--no-page-cache`` (``DJANGO_PAGE_CACHE_SECONDS=0``):
the claim page is then rendered on every request, with cards and counts still cached.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
DATASETTE_VERSION = "0.65.5"
FILTERED_LIST = "/claims/?verdict=false&language=id"


NEWEST = (
    "SELECT max(id) FROM claims_claim WHERE status IN ('published', 'corrected') "
    "AND NOT is_archived"
)


def _newest_claim(database_url: str) -> int:
    """The newest published claim's id."""
    parsed = urlparse(database_url)
    if parsed.scheme == "sqlite":
        import sqlite3

        with sqlite3.connect(parsed.path) as conn:
            return int(conn.execute(NEWEST).fetchone()[0])
    import psycopg

    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        dbname=parsed.path.lstrip("/"),
    ) as conn:
        return int(conn.execute(NEWEST).fetchone()[0])  # type: ignore[index]


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The server did not answer {url} within {seconds:.0f} s")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, float]:
    """Requests per second, p50, p99 (ms) and errors from ``wrk --latency``."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "requests": requests,
            "errors": errors}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--redis", default="", help="REDIS_URL for the cache")
    parser.add_argument("--no-page-cache", action="store_true")
    parser.add_argument("--url", action="append", default=[], help="another path")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument(
        "--datasette",
        nargs="?",
        const="install",
        help="also serve the same SQLite file with Datasette and load its pages for "
        "the same rows: alone, Datasette is installed into var/datasette-venv; or "
        "the path of a datasette executable",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    claim = _newest_claim(args.database_url)
    pages = {
        "list": "/claims/",
        "filtered list": FILTERED_LIST,
        "claim page": f"/claims/{claim}/",
        "api list": "/api/claims/",
        **{url: url for url in args.url},
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "load-test-only-" + "x" * 40,
        "DATABASE_URL": args.database_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SITE_URL": f"http://127.0.0.1:{PORT}",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "REDIS_URL": args.redis,
        "DJANGO_STATIC_ROOT": str(ROOT / "var" / "load-static"),
        "DJANGO_MEDIA_ROOT": str(ROOT / "var" / "load-media"),
    }
    if args.no_page_cache:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput",
         "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind",
         f"127.0.0.1:{PORT}", "--workers", str(args.workers), "--log-level",
         "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    results: dict[str, dict[str, float]] = {}

    def load(label: str, url: str) -> None:
        urllib.request.urlopen(url, timeout=30).read()  # fill the caches once
        output = subprocess.run(
            ["wrk", "--latency", "-t", str(args.threads), "-c",
             str(args.connections), "-d", f"{args.duration}s", "--timeout",
             "30s", url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        result = {"url": url, **parse_wrk(output)}
        results[label] = result  # type: ignore[assignment]
        print(
            f"{label:<16} {result['rps']:>8.1f} {result['p50_ms']:>8.1f} "
            f"{result['p99_ms']:>8.1f} {result['errors']:>7}"
        )

    try:
        _wait(f"http://127.0.0.1:{PORT}/healthz")
        print(
            f"gunicorn: {args.workers} workers, prod settings; wrk: {args.threads} "
            f"threads, {args.connections} connections, {args.duration} s per page"
        )
        print(f"{'page':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for label, path in pages.items():
            load(label, f"http://127.0.0.1:{PORT}{path}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if args.datasette:
        _datasette(args, claim, load)
        print(f"\n{'Claimdesk / Datasette':<24} {'req/s':>8} {'req/s':>8} {'ratio':>7}")
        for ours, theirs in (("claim page", "datasette row"),
                             ("filtered list", "datasette filtered")):  # fmt: skip
            a, b = results[ours]["rps"], results[theirs]["rps"]
            if not results[theirs]["requests"]:  # none finished within the run
                print(f"{ours:<24} {a:>8.1f} {b:>8.1f}   (Datasette answered none)")
                continue
            results[f"ratio {ours}"] = {"ratio": round(a / b, 2)}
            print(f"{ours:<24} {a:>8.1f} {b:>8.1f} {a / b:>6.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def _datasette_executable(choice: str) -> str:
    """The datasette to run: the one given, or one installed into a throwaway
    virtual environment under var/ (kept for the next run)."""
    if choice != "install":
        return choice
    venv = ROOT / "var" / "datasette-venv"
    executable = venv / "bin" / "datasette"
    if not executable.exists():
        print(f"installing datasette=={DATASETTE_VERSION} into {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet",
             "--disable-pip-version-check", f"datasette=={DATASETTE_VERSION}"],
            check=True,
        )  # fmt: skip
    return str(executable)


def _verdict_id(path: str, slug: str) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT id FROM claims_rating WHERE slug = ?", (slug,))
        return int(row.fetchone()[0])


def _datasette(args: argparse.Namespace, claim: int, load: Any) -> None:
    """Datasette on the same SQLite file (immutable, as a read-only copy is
    served), its row page of the same claim under the same load."""
    path = "/" + urlparse(args.database_url).path.lstrip("/")
    if not path.endswith((".sqlite3", ".sqlite", ".db")):
        sys.exit("--datasette needs a sqlite:////path/to/file.sqlite3 database URL")
    executable = _datasette_executable(args.datasette)
    server = subprocess.Popen(
        [executable, "serve", "-i", path, "-p", str(PORT + 1), "-h",
         "127.0.0.1"],
        start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    database = Path(path).stem
    try:
        _wait(f"http://127.0.0.1:{PORT + 1}/-/versions.json", seconds=180)
        base = f"http://127.0.0.1:{PORT + 1}/{database}/claims_claim"
        load("datasette row", f"{base}/{claim}")
        # the rows of FILTERED_LIST: published, not archived, that verdict and
        # language, newest first, as Datasette's table page filters and sorts them
        verdict = _verdict_id(path, "false")
        load(
            "datasette filtered",
            f"{base}?status__in=published,corrected&is_archived=0"
            f"&verdict_id={verdict}&language=id&_sort_desc=published_at",
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
