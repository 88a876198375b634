"""Evidence capture in the desk: adding evidence always saves, and the evidence inline
shows how its capture went."""

import socket

import pytest
from django.urls import reverse

from claims import capture, services
from claims.models import CaptureStatus, Claim
from tests.capture import (
    PAGE_SHA256,
    capture_server,
    capture_settings,
    captures,
    give_capture,
)
from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import ClaimFactory, DocumentFactory, EvidenceFactory

__all__ = ["capture_server", "capture_settings"]


@pytest.fixture
def fc_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


def add_claim_with_evidence(fc_client, url):
    data = claim_form_data(
        Claim(statement="", language="en", made_on_precision="day"),
        statement="Unemployment fell to 5.2 percent in 2019.",
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-stance": "refutes",
            "evidence-0-url": url,
        },
    )
    del data["loaded_version"]
    return fc_client.post(reverse("admin:claims_claim_add"), data)


def test_adding_evidence_in_the_admin_works_when_the_capture_fails(
    fc_client,
    fact_checker,
    capture_settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def no_dns(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(capture, "_resolve", no_dns)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = add_claim_with_evidence(
            fc_client, "https://stats.example.org/unemployment"
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(captures(callbacks)) == 1
    evidence = Claim.objects.get().evidence.get()
    assert evidence.added_by == fact_checker
    assert evidence.capture_status == CaptureStatus.FAILED
    page = fc_client.get(change_url(evidence.claim)).text
    assert "Capture failed" in page
    assert "Could not resolve stats.example.org: no network, or no such host." in page


def test_adding_evidence_in_the_admin_survives_a_bug_in_the_capture(
    fc_client, capture_settings, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(url):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services.capture, "fetch", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = add_claim_with_evidence(fc_client, "https://stats.example.org/t")
    assert response.status_code == 302
    evidence = Claim.objects.get().evidence.get()
    assert evidence.capture_error == "Internal error; see the server log."


def test_the_admin_shows_a_successful_capture(
    fc_client, capture_settings, capture_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add_claim_with_evidence(fc_client, capture_server.url("/page"))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.evidence.get().capture_status == CaptureStatus.OK
    page = fc_client.get(change_url(claim)).text
    assert "Captured" in page
    assert PAGE_SHA256 in page


def test_the_admin_shows_pending_and_not_yet_captured(fc_client, capture_settings):
    claim = ClaimFactory()
    EvidenceFactory(claim=claim, capture_status=CaptureStatus.PENDING)
    EvidenceFactory(claim=claim)
    page = fc_client.get(change_url(claim)).text
    assert "pending" in page
    assert "not captured yet" in page


def test_changing_an_evidence_url_in_the_admin_captures_the_new_one(
    fc_client, capture_settings, capture_server, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(researching=True)
    evidence = EvidenceFactory(
        claim=claim,
        url="https://stats.example.org/old",
        capture_status=CaptureStatus.FAILED,
        capture_error="The server answered 404 Not Found.",
    )
    data = claim_form_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-INITIAL_FORMS": 1,
            "evidence-0-id": evidence.pk,
            "evidence-0-claim": claim.pk,
            "evidence-0-stance": evidence.stance,
            "evidence-0-url": capture_server.url("/page"),
            "evidence-0-excerpt": evidence.excerpt,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = fc_client.post(change_url(claim), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.OK
    assert evidence.capture_error == ""


def test_saving_evidence_unchanged_does_not_capture_again(
    fc_client, capture_settings, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(researching=True)
    evidence = EvidenceFactory(claim=claim)
    data = claim_form_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-INITIAL_FORMS": 1,
            "evidence-0-id": evidence.pk,
            "evidence-0-claim": claim.pk,
            "evidence-0-stance": evidence.stance,
            "evidence-0-url": evidence.url,
            "evidence-0-excerpt": "A longer excerpt.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = fc_client.post(change_url(claim), data)
    assert response.status_code == 302
    assert captures(callbacks) == []


def staff_download_url(evidence):
    return reverse(
        "admin:claims_claim_evidence_capture", args=[evidence.claim_id, evidence.pk]
    )


def test_the_desk_downloads_the_capture_of_an_unpublished_claim(
    fc_client, capture_settings
):
    evidence = give_capture(EvidenceFactory(claim=ClaimFactory(in_review=True)))

    page = fc_client.get(change_url(evidence.claim)).text
    assert staff_download_url(evidence) in page
    response = fc_client.get(staff_download_url(evidence))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == b"WARC/1.0 stand-in"


def test_the_staff_download_checks_permission_and_the_claim(
    client, outsider, fc_client, capture_settings
):
    evidence = give_capture(EvidenceFactory(claim=ClaimFactory()))
    other_claim = ClaimFactory()
    failed = EvidenceFactory(claim=evidence.claim, capture_status=CaptureStatus.FAILED)

    wrong_claim = reverse(
        "admin:claims_claim_evidence_capture", args=[other_claim.pk, evidence.pk]
    )
    assert fc_client.get(wrong_claim).status_code == 404
    assert fc_client.get(staff_download_url(failed)).status_code == 404
    client.force_login(outsider)
    assert client.get(staff_download_url(evidence)).status_code == 403


def test_the_document_page_shows_its_capture(client, superuser, capture_settings):
    failed = DocumentFactory(
        capture_status=CaptureStatus.FAILED,
        capture_error="The server answered 410 Gone.",
    )
    ok = give_capture(DocumentFactory())
    client.force_login(superuser)
    change = "admin:claims_document_change"
    assert "410 Gone" in client.get(reverse(change, args=[failed.pk])).text
    assert PAGE_SHA256 in client.get(reverse(change, args=[ok.pk])).text
