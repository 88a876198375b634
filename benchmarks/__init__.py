"""Claimdesk's benchmarks: how the pages answer at 10k, 100k and a million claims.

    .venv/bin/python -m benchmarks run --claims 100000 --json b100k.json
    .venv/bin/python -m benchmarks compare b10k.json b100k.json b1m.json
    .venv/bin/python -m benchmarks.ingest_speed      # the article importer

See ``benchmarks/pages.py`` for what is measured and how.
"""
