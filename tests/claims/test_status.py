"""The status vocabulary: which statuses the public sees is said once, in
claims/status.py, and every surface imports it."""

import re
from pathlib import Path

from claims.models import Claim
from claims.status import CLOSED_STATUSES, PAGE_STATUSES, PUBLIC_STATUSES, Status
from tests.factories import ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("claims", "desk", "public", "api", "ingest")
#: Two or more public-facing statuses written out side by side, in any order.
RETYPED = re.compile(
    r"Status\.(PUBLISHED|CORRECTED|RETRACTED)\s*,\s*Status\.(PUBLISHED|CORRECTED|RETRACTED)"
    r"|[\"'](published|corrected|retracted)[\"']\s*,\s*[\"'](published|corrected|retracted)[\"']"
)


def test_public_statuses_are_named_once():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "status.py":
                continue
            for n, line in enumerate(path.read_text().splitlines(), 1):
                if RETYPED.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == [], "import the tuples from claims.status instead"


def test_the_sets_nest():
    assert set(PUBLIC_STATUSES) < set(PAGE_STATUSES) < set(CLOSED_STATUSES)
    assert Status.RETRACTED in PAGE_STATUSES and Status.RETRACTED not in PUBLIC_STATUSES


def test_querysets_follow_the_vocabulary(db):
    for status in Status.values:
        ClaimFactory(status=status)
    assert {c.status for c in Claim.objects.published()} == set(PUBLIC_STATUSES)
    assert {c.status for c in Claim.objects.with_public_page()} == set(PAGE_STATUSES)
