"""Captured or edited claims are (re)embedded by a job after the commit."""

import pytest

from claims import services
from claims.models import Job
from matching import services as matching_services
from matching.finder import similar_to_text
from matching.models import ClaimEmbedding

pytestmark = pytest.mark.django_db


def test_a_captured_claim_is_embedded_after_the_commit(
    embed_on_save, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim = services.claim_create(by=None, statement="Rice prices doubled in 2024.")
    assert not ClaimEmbedding.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    stored = ClaimEmbedding.objects.get()
    assert stored.claim_id == claim.pk
    assert len(bytes(stored.vector)) == 384 and len(bytes(stored.code)) == 48


def test_an_edited_statement_is_embedded_again(
    embed_on_save, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_create(by=None, statement="Rice prices doubled in 2024.")
    first = ClaimEmbedding.objects.get()
    claim.statement = "Harga beras naik dua kali lipat pada 2024."
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_save(claim=claim, by=editor, expected_version=claim.version)
    second = ClaimEmbedding.objects.get()
    assert second.pk != first.pk and second.text_hash != first.text_hash
    # an edit that leaves the statement alone embeds nothing
    claim.refresh_from_db()
    claim.checkworthiness = 0.5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.claim_save(claim=claim, by=editor, expected_version=claim.version)
    assert ClaimEmbedding.objects.get().pk == second.pk
    assert not [c for c in callbacks if "claims_text_changed" in repr(c)]


def test_a_new_claim_finds_its_duplicates(
    embed_on_save, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = services.claim_create(
            by=None, statement="The governor cut school funding by 20 percent."
        )
        services.claim_create(
            by=None, statement="Jakarta has the worst traffic in Asia."
        )
    found = similar_to_text("School funding was cut 20% by the governor.")
    assert found[0].claim == old and found[0].suggested


def test_a_large_import_runs_the_index_job(
    embed_on_save, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(matching_services, "TASK_MAX_IDS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.claims_bulk_create(
            rows=[{"statement": f"Claim number {i} about rice."} for i in range(3)],
            by=None,
        )
    job = Job.objects.get(kind="matching.index")
    assert job.status == Job.Status.SUCCEEDED
    assert job.outcome == "3 claims embedded."
    assert ClaimEmbedding.objects.count() == 3


def test_nothing_is_queued_when_turned_off(
    settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_MATCH_EMBED_ON_SAVE = False
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_create(by=None, statement="Rice prices doubled in 2024.")
    assert not ClaimEmbedding.objects.exists()


def test_a_queue_that_fails_does_not_undo_the_capture(
    embed_on_save, monkeypatch, django_capture_on_commit_callbacks
):
    from matching import tasks

    class Broken:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "embed_claims", Broken())
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_create(by=None, statement="Rice prices doubled in 2024.")
    claim.refresh_from_db()
    assert not ClaimEmbedding.objects.exists()
    # the index job (or embed_claims) catches up later
    with django_capture_on_commit_callbacks(execute=True):
        matching_services.matching_index_start()
    assert ClaimEmbedding.objects.filter(claim=claim).exists()
