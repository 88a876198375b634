"""Benchmark ``import_claims_tsv --format liar``: rows per second, a whole LIAR-sized
file (12,836 rows, the dataset's train + valid + test) by default.

    .venv/bin/python -m benchmarks.liar_import [--rows 12836] [--speakers 3300]
        [--database-url postgres://postgres@127.0.0.1:5432/claimdesk_bench_liar]

Re-creates the (``claimdesk_bench*``) database, migrates it, writes a TSV in LIAR's
layout from the 120 rows of ``tests/data/liar`` (new ids; speakers spread over
``--speakers`` names, as the real file has about 3,300), and times the command's
import, then a second run of the same file (every row ``unchanged``). A
``sqlite:///PATH`` URL benchmarks SQLite (the file is removed first).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.pages import _recreate, _setup

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_liar"
SAMPLE = Path(__file__).resolve().parent.parent / "tests/data/liar/test-part1.tsv"


def write_rows(path: Path, rows: int, speakers: int) -> None:
    sample = [line.split("\t") for line in SAMPLE.read_text().splitlines()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            fields = list(sample[i % len(sample)])
            fields[0] = f"{i + 1}.json"
            fields[2] = f"{fields[2]} ({i})"
            who = i % speakers  # exactly ``speakers`` names, the sample's first
            speaker = sample[who % len(sample)][4]
            fields[4] = speaker if who < len(sample) else f"{speaker}-{who}"
            out.write("\t".join(fields) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=12_836)
    parser.add_argument("--speakers", type=int, default=3_300)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()

    url = args.database_url
    if url.startswith("sqlite:"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django

        django.setup()
    else:
        _recreate(url)
        _setup(url, timeout=600)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from claims.models import Claim, ExternalId, ReviewEvent, Source
    from interop.importer import import_tables
    from interop.tabular import Layout

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "liar.tsv"
        write_rows(path, args.rows, args.speakers)
        size = os.path.getsize(path)
        started = time.perf_counter()
        lines = import_tables([str(path)], Layout.liar())
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = import_tables([str(path)], Layout.liar())
        second = time.perf_counter() - started
    imported = sum(line.outcome == "imported" for line in lines)
    unchanged = sum(line.outcome == "unchanged" for line in again)
    mb = size / 1e6
    print(f"file:      {args.rows:,} rows, {mb:.1f} MB ({connection.vendor})")
    print(f"imported:  {imported:,} in {first:.1f} s ({imported / first:,.0f} rows/s)")
    print(f"again:     {unchanged:,} unchanged in {second:.1f} s")
    counts = [m.objects.count() for m in (Claim, ExternalId, Source, ReviewEvent)]
    print("claims {:,}, external ids {:,}, sources {:,}, events {:,}".format(*counts))
    ok = imported == unchanged == args.rows == ExternalId.objects.count()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
