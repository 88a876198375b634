"""Our captured copies of evidence on the public site: linked with their hash from a
published claim's page, downloadable as a file and never rendered as a page."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import CaptureStatus
from tests.capture import (
    PAGE,
    PAGE_SHA256,
    capture_server,
    capture_settings,
    give_capture,
)
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
)

__all__ = ["capture_server", "capture_settings"]

pytestmark = pytest.mark.django_db


def download_url(evidence):
    return reverse("claims:evidence-capture", args=[evidence.pk])


def test_published_claim_page_links_the_capture_and_shows_its_hash(
    client, capture_settings, capture_server
):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, url=capture_server.url("/page"))
    services.evidence_capture(evidence=evidence)

    body = client.get(claim.get_absolute_url()).text

    assert download_url(evidence) in body
    assert PAGE_SHA256 in body
    assert "Our copy, fetched" in body
    assert "captured script" not in body  # the captured markup is not on the page


def test_the_download_is_the_warc_file_as_an_attachment(
    client, capture_settings, capture_server
):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, url=capture_server.url("/page"))
    services.evidence_capture(evidence=evidence)
    evidence.refresh_from_db()

    response = client.get(download_url(evidence))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{evidence.pk}-capture.warc.gz"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "Content-Encoding" not in response  # no browser unpacks it into a page
    content = b"".join(response.streaming_content)
    with evidence.capture_file.open("rb") as f:
        assert content == f.read()
    assert PAGE not in content  # gzipped: the page is not served as such


def _unpublished(status):
    return lambda: EvidenceFactory(claim=ClaimFactory(**{status: True}))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: EvidenceFactory(claim=ClaimFactory()), id="new"),
        pytest.param(_unpublished("researching"), id="researching"),
        pytest.param(_unpublished("in_review"), id="in-review"),
        pytest.param(_unpublished("not_checkable"), id="not-checkable"),
        pytest.param(_unpublished("retracted"), id="retracted"),
        pytest.param(
            lambda: EvidenceFactory(
                claim=ClaimFactory(published=True, is_archived=True)
            ),
            id="archived-claim",
        ),
        pytest.param(
            lambda: EvidenceFactory(
                claim=ClaimFactory(published=True), is_archived=True
            ),
            id="archived-evidence",
        ),
    ],
)
def test_no_link_and_no_download_outside_published_public_evidence(
    client, capture_settings, make
):
    evidence = give_capture(make())

    assert client.get(download_url(evidence)).status_code == 404
    page = client.get(evidence.claim.get_absolute_url())
    if page.status_code == 200:  # the retracted claim keeps its page
        assert download_url(evidence) not in page.text
        assert PAGE_SHA256 not in page.text


@pytest.mark.parametrize(
    "status", [CaptureStatus.PENDING, CaptureStatus.FAILED, ""], ids=repr
)
def test_no_link_and_no_download_without_a_successful_capture(
    client, capture_settings, status
):
    evidence = EvidenceFactory(
        claim=ClaimFactory(published=True),
        capture_status=status,
        capture_error="The server answered 404 Not Found." if status else "",
    )
    assert client.get(download_url(evidence)).status_code == 404
    body = client.get(evidence.claim.get_absolute_url()).text
    assert download_url(evidence) not in body
    assert "404 Not Found" not in body  # failures are the desk's business


def test_a_capture_file_gone_from_storage_answers_404(client, capture_settings):
    evidence = give_capture(EvidenceFactory(claim=ClaimFactory(published=True)))
    evidence.capture_file.storage.delete(evidence.capture_file.name)
    assert client.get(download_url(evidence)).status_code == 404


def test_a_capture_landing_changes_the_claim_page_etag(
    client, capture_settings, capture_server
):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, url=capture_server.url("/page"))
    before = client.get(claim.get_absolute_url())["ETag"]
    services.evidence_capture(evidence=evidence)  # as the background capture does
    response = client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert download_url(evidence) in response.text


def test_a_quoted_document_s_capture_is_linked_and_downloadable(
    client, capture_settings, capture_server
):
    claim = ClaimFactory(published=True)
    document = DocumentFactory(url=capture_server.url("/page"))
    AppearanceFactory(claim=claim, document=document)
    services.document_capture(document=document)
    url = reverse("claims:document-capture", args=[document.pk])

    body = client.get(claim.get_absolute_url()).text
    response = client.get(url)

    assert url in body
    assert PAGE_SHA256 in body
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"].startswith("sandbox")
    with document.capture_file.open("rb") as f:
        assert b"".join(response.streaming_content) == f.read()


def test_a_document_quoted_only_by_unpublished_claims_is_not_downloadable(
    client, capture_settings
):
    document = give_capture(DocumentFactory())
    AppearanceFactory(claim=ClaimFactory(in_review=True), document=document)
    retracted = ClaimFactory(retracted=True)
    AppearanceFactory(claim=retracted, document=document)
    url = reverse("claims:document-capture", args=[document.pk])

    assert client.get(url).status_code == 404
    assert url not in client.get(retracted.get_absolute_url()).text
