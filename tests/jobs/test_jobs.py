"""The job queue as the desk uses it: bulk actions and large imports become jobs
with progress and an outcome, and a failed job retried writes nothing twice."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import services
from claims.models import Claim, Document, Job, JobStep, ReviewEvent
from tests.factories import ClaimFactory

CHANGELIST = reverse("admin:claims_claim_changelist")
JOBS = reverse("admin:claims_job_changelist")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_a_bulk_action_on_many_claims_runs_as_a_job_with_progress(
    settings, editor_client, editor, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_BULK_JOB_THRESHOLD = 2
    ids = [ClaimFactory().pk for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            CHANGELIST,
            {"action": "assign_to_me", "_selected_action": ids},
            follow=True,
        )
    assert "as a job in the background" in response.content.decode()
    job = Job.objects.get()
    assert (job.status, job.done, job.total, job.started_by) == (
        Job.Status.SUCCEEDED,
        3,
        3,
        editor,
    )
    assert job.outcome == "3 claims done."
    assert set(Claim.objects.values_list("assignee", flat=True)) == {editor.pk}
    page = editor_client.get(JOBS).content.decode()
    assert '<progress value="3" max="3">' in page


def test_a_failed_job_retried_skips_what_it_already_wrote(
    settings, editor_client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_BULK_JOB_THRESHOLD = 2
    ids = [ClaimFactory().pk for _ in range(4)]
    real = services.bulk.claim_assign
    calls = []

    def crashes_on_the_third(*, claim, by, assignee):
        calls.append(claim.pk)
        if len(calls) == 3:
            raise RuntimeError("worker lost the database")
        return real(claim=claim, by=by, assignee=assignee)

    monkeypatch.setattr(services.bulk, "claim_assign", crashes_on_the_third)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            CHANGELIST, {"action": "assign_to_me", "_selected_action": ids}
        )
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert (job.done, job.total) == (2, 4)
    assert "worker lost the database" in job.outcome
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.ASSIGNED).count() == 2
    key = job.idempotency_key

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            JOBS, {"action": "retry", "_selected_action": [job.pk]}, follow=True
        )
    assert "1 job queued again." in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == (Job.Status.SUCCEEDED, 4, 2)
    assert job.idempotency_key == key
    # the first two claims were not assigned again: one event and one step each
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.ASSIGNED).count() == 4
    assert JobStep.objects.filter(job=job).count() == 4
    assert calls[3:] == sorted(ids)[2:]


def test_only_a_failed_job_can_be_retried(
    editor_client, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    job = Job.objects.create(
        kind="claims.bulk",
        args={"action": "assign_to_me", "ids": [claim.pk]},
        status=Job.Status.SUCCEEDED,
    )
    response = editor_client.post(
        JOBS, {"action": "retry", "_selected_action": [job.pk]}, follow=True
    )
    assert "Only a failed job can be retried." in response.content.decode()


def test_a_large_upload_is_imported_by_a_job(
    settings, client, superuser, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_IMPORT_JOB_BYTES = 1000
    client.force_login(superuser)
    with open("tests/data/tribunnews-nk-letter-2025.txt", "rb") as fh:
        raw = fh.read()
    assert len(raw) > 1000
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ingest:import-article"),
            {"file": SimpleUploadedFile("nk.txt", raw), "language": "id"},
            follow=True,
        )
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:claims_job_change", args=[job.pk]
    )
    assert job.status == Job.Status.SUCCEEDED, job.outcome
    assert (job.done, job.total) == (2, 2)
    document = Document.objects.get()
    assert f"document #{document.pk}" in job.outcome
    assert Claim.objects.exists()
