"""Our feed, read back into an empty database, gives the same fact-checks."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from claims.models import Claim, ExternalFactCheck, Source


class _Undo(Exception):
    pass


def summary(claim):
    appearances = [a.document for a in claim.original_appearances]
    return {
        "statement": claim.statement,
        "claimant": claim.claimant.name if claim.claimant else "",
        "verdict": claim.verdict.slug if claim.verdict else "",
        "made": claim.made.iso() if claim.made else "",
        "appearances": [d.url for d in appearances if d.url],
    }


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database(request, tmp_path):
    feed = tmp_path / "feed.json"
    try:
        with transaction.atomic():
            request.getfixturevalue("world")
            expected = sorted(
                (summary(c) for c in Claim.objects.published()),
                key=lambda s: s["statement"],
            )
            call_command("export_claimreview", "--out", str(feed))
            raise _Undo  # the world goes; the file stays
    except _Undo:
        pass
    assert not Claim.objects.exists() and not Source.objects.exists()

    out = StringIO()
    call_command("import_claimreview", str(feed), "--json", stdout=out)
    assert json.loads(out.getvalue())["counts"] == {"imported": len(expected)}
    got = sorted(
        (
            {
                "statement": r.claim.statement,
                "claimant": r.claim.claimant.name if r.claim.claimant else "",
                "verdict": r.rating.slug if r.rating else "",
                "made": r.claim.made.iso() if r.claim.made else "",
                "appearances": [a["url"] for a in r.appearances],
            }
            for r in ExternalFactCheck.objects.select_related(
                "claim__claimant", "rating"
            )
        ),
        key=lambda s: s["statement"],
    )
    assert got == expected
    # the world's published claim has a dated appearance; the corrected one has none
    assert [s["appearances"] != [] for s in expected].count(True) == 1
