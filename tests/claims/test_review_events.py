"""Review events are append-only and written by the services alone: the model, its
QuerySet and, on both databases, triggers refuse every other write."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimDeletion, ReviewEvent
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def event(fact_checker):
    claim = ClaimFactory()
    services.claim_start_research(claim=claim, by=fact_checker)
    return claim.events.get()


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_only_the_services_write_events(fact_checker):
    claim = ClaimFactory()
    with pytest.raises(PermissionError, match=r"claims\.services"):
        ReviewEvent.objects.create(claim=claim, action="claim.published")
    with pytest.raises(PermissionError):
        ReviewEvent.objects.bulk_create([ReviewEvent(claim=claim, action="x")])
    assert not ReviewEvent.objects.exists()


def test_the_service_token_is_used_by_the_services_alone():
    users = [
        path.relative_to(ROOT).as_posix()
        for app in ("claims", "desk", "public", "api", "ingest")
        for path in (ROOT / app).rglob("*.py")
        if "SERVICE_WRITE" in path.read_text()
    ]
    assert sorted(users) == ["claims/models/review.py", "claims/services/base.py"]


def test_an_event_is_stamped_with_the_time_of_writing(event):
    assert timezone.now() - event.created_at < dt.timedelta(minutes=1)
    backdated = ReviewEvent(claim=event.claim, action="x", created_at=timezone.now())
    backdated.created_at = timezone.now() - dt.timedelta(days=365)
    from claims.models.review import SERVICE_WRITE

    backdated.save(written_by=SERVICE_WRITE)
    assert timezone.now() - backdated.created_at < dt.timedelta(minutes=1)


def test_the_orm_refuses_edits_and_deletes(event):
    event.comment = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        ReviewEvent.objects.filter(pk=event.pk).update(comment="rewritten")
    with pytest.raises(PermissionError):
        ReviewEvent.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_reviewevent SET comment = 'rewritten'",
        "UPDATE claims_reviewevent SET action = 'claim.published'",
        "UPDATE claims_reviewevent SET created_at = '2001-01-01 00:00:00'",
        "DELETE FROM claims_reviewevent",
    ],
)
def test_the_database_refuses_raw_edits_and_deletes(event, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        raw(sql)
    assert ReviewEvent.objects.get(pk=event.pk).comment == event.comment


def test_the_database_refuses_to_unlink_a_live_claims_events(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE claims_reviewevent SET claim_id = NULL")
    assert ReviewEvent.objects.get(pk=event.pk).claim_id == event.claim_id


def test_truncate_is_refused_on_postgresql(event):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's; SQLite empties a table with DELETE")
    with pytest.raises(DatabaseError, match="append-only"):
        raw("SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE claims_reviewevent CASCADE")
    assert ReviewEvent.objects.filter(pk=event.pk).exists()


def test_a_superuser_deleting_a_claim_keeps_its_history_unlinked(event, superuser):
    claim, pk = event.claim, event.claim_id
    services.claim_delete(claim=claim, by=superuser)
    assert not Claim.objects.filter(pk=pk).exists()
    events = ReviewEvent.objects.filter(claim_ref__startswith=f"#{pk} ")
    assert events.count() == 2  # the research start and the deletion
    assert all(e.claim_id is None for e in events)
    deletion = ClaimDeletion.objects.get(claim_id=pk)
    assert deletion.deleted_by == superuser
