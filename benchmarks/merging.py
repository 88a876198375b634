"""Benchmark merging: suggesting a source's duplicates among N sources, and merging
a claim with many rows.

    .venv/bin/python -m benchmarks.merging [--sources 50000] [--rows 200]
        [--database-url postgres://postgres@127.0.0.1:5432/claimdesk_bench_merge]

Re-creates the (``claimdesk_bench*``) database, adds ``--sources`` sources with
person-like names (plus an alias each), then times ``source_duplicates`` for a
few probes (what the desk's source page computes) and ``claim_merge`` of a
claim holding ``--rows`` appearances, evidence items, notes and dates into
another, as an editor. Prints the median of each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from benchmarks.pages import _recreate, _setup

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_merge"
SYLLABLES = [c + v for c in "bdghklmnprst" for v in "aeiou"] + ["wa", "ya"]


def fake_name(rng: random.Random) -> str:
    """A person-like name of random syllables ("Bamira Tosuki")."""
    words = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        for _ in range(rng.randint(2, 3))
    ]
    return " ".join(w.capitalize() for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=50_000)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()

    _recreate(args.database_url)
    _setup(args.database_url, timeout=600)
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from claims import services
    from claims.models import (
        Appearance,
        Claim,
        ClaimDate,
        Document,
        Evidence,
        Note,
        Source,
        SourceAlias,
    )
    from claims.sourcematch import source_duplicates

    rng = random.Random(7)
    sources = [
        Source(
            name=fake_name(rng),
            slug=f"s-{i}",
            kind="person",
        )
        for i in range(args.sources)
    ]
    Source.objects.bulk_create(sources, batch_size=5000)
    SourceAlias.objects.bulk_create(
        [SourceAlias(source=s, name=fake_name(rng)) for s in sources],
        batch_size=5000,
    )
    widodo = Source.objects.create(name="Joko Widodo", kind="person")
    Source.objects.create(name="Jokowi", kind="person")
    retno = Source.objects.create(name="Retno L.P. Marsudi", kind="person")
    outlet = Source.objects.create(name="liputan6.com", kind="outlet")
    Source.objects.create(name="Liputan6", kind="outlet")
    print(f"{Source.objects.count():,} sources")

    timings = []
    for probe in (widodo, retno, outlet) * 3:
        start = time.perf_counter()
        found = source_duplicates(probe)
        timings.append(time.perf_counter() - start)
    print(
        f"source_duplicates: median {statistics.median(timings) * 1000:.0f} ms "
        f"(e.g. {probe.name}: {[x.source.name for x in found][:3]})"
    )

    editor = User.objects.create(username="bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    editor = User.objects.get(pk=editor.pk)
    text = " ".join(f"Sentence {i} says the figure was {i}." for i in range(args.rows))
    doc = Document.objects.create(
        title="Bench", text=text, language="en", text_sha256=Document.hash_text(text)
    )
    merge_times = []
    for _ in range(3):
        survivor = Claim.objects.create(statement="Survivor", status="researching")
        merged = Claim.objects.create(statement="Duplicate", status="researching")
        quotes = [f"Sentence {i} says" for i in range(args.rows)]
        Appearance.objects.bulk_create(
            Appearance(
                claim=merged,
                document=doc,
                quote=q,
                start=text.find(q),
                end=text.find(q) + len(q),
            )
            for q in quotes
        )
        Evidence.objects.bulk_create(
            Evidence(claim=merged, url=f"https://e.example/{i}", stance="context")
            for i in range(args.rows)
        )
        Note.objects.bulk_create(
            Note(claim=merged, body=f"note {i}") for i in range(args.rows)
        )
        ClaimDate.objects.bulk_create(
            ClaimDate(claim=merged, start=f"2019-01-{1 + i % 28:02d}", role="event")
            for i in range(args.rows)
        )
        start = time.perf_counter()
        services.claim_merge(survivor=survivor, merged=merged, by=editor)
        merge_times.append(time.perf_counter() - start)
    print(
        f"claim_merge of {4 * args.rows} rows: median "
        f"{statistics.median(merge_times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
