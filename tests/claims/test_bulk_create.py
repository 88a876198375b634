"""claims_bulk_create: many claims at once, with everything claim_create leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from claims import services
from claims.dates import PartialDate
from claims.models import Claim, ReviewEvent, Status
from tests.factories import SourceAliasFactory, SourceFactory


def _rows(claimant):
    return [
        {
            "statement": "Komodo dragons number 3,000 on Rinca.",
            "claimant": claimant,
            "tags": ["wildlife", "Rinca"],
            "made": PartialDate.parse("2024-05"),
        },
        {"statement": "Rice exports rose 40 percent.", "language": "en"},
        {"statement": "Harga beras naik dua kali lipat.", "language": "id"},
    ]


def test_bulk_created_claims_have_history_events_and_tags(fact_checker):
    minister = SourceFactory(name="Minister of Environment")
    claims = services.claims_bulk_create(rows=_rows(minister), by=fact_checker)
    assert [c.pk is not None for c in claims] == [True] * 3
    first = Claim.objects.get(pk=claims[0].pk)
    assert first.status == Status.NEW
    assert first.created_by == fact_checker
    assert first.made_on.isoformat() == "2024-05-01"
    assert sorted(first.tags.values_list("name", flat=True)) == ["Rinca", "wildlife"]
    # one "+" history row per claim, by the fact-checker, with its tags
    for claim in claims:
        rows = list(Claim.history.filter(id=claim.pk))
        assert [(r.history_type, r.history_user) for r in rows] == [("+", fact_checker)]
    version = Claim.history.get(id=first.pk)
    assert sorted(t.tag.name for t in version.tags.all()) == ["Rinca", "wildlife"]
    # the review event claim_create writes
    events = ReviewEvent.objects.filter(claim__in=claims)
    assert (
        sorted(events.values_list("action", "actor"))
        == [(ReviewEvent.Action.CREATED, fact_checker.pk)] * 3
    )


def test_bulk_created_claims_are_found_by_search(fact_checker, client):
    """Through the search vector on PostgreSQL (the trigger stays on)."""
    claimant = SourceFactory(name="Badan Konservasi")
    SourceAliasFactory(source=claimant, name="BKSDA")
    services.claims_bulk_create(rows=_rows(claimant), by=fact_checker)
    if connection.vendor == "postgresql":
        assert not Claim.objects.filter(search_vector__isnull=True).exists()
    assert [c.statement for c in Claim.objects.search("komodo")] == [
        "Komodo dragons number 3,000 on Rinca."
    ]
    assert Claim.objects.search("BKSDA").count() == 1  # the claimant's alias
    client.force_login(fact_checker)
    text = client.get(reverse("admin:claims_claim_changelist"), {"q": "komodo"}).text
    assert "Komodo dragons number 3,000" in text
    assert "Rice exports" not in text


def test_an_invalid_row_writes_nothing(fact_checker):
    rows = [{"statement": "Fine one."}, {"statement": "   "}]
    with pytest.raises(ValidationError, match="Row 1"):
        services.claims_bulk_create(rows=rows, by=fact_checker)
    with pytest.raises(ValidationError, match="Row 0"):
        services.claims_bulk_create(
            rows=[{"statement": "x", "checkworthiness": 7}], by=fact_checker
        )
    with pytest.raises(TypeError, match="status"):
        services.claims_bulk_create(
            rows=[{"statement": "x", "status": "published"}], by=fact_checker
        )
    assert not Claim.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_bulk_create_needs_the_add_permission(outsider):
    with pytest.raises(PermissionDenied):
        services.claims_bulk_create(rows=[{"statement": "x"}], by=outsider)
    assert not Claim.objects.exists()
