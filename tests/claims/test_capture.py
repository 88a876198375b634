"""Evidence capture: fetching an evidence URL into a WARC file, and every way it can
fail without breaking anything else."""

import base64
import gzip
import hashlib
import ipaddress
import socket
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from warcio.archiveiterator import ArchiveIterator

from claims import capture, services
from claims.models import CaptureStatus, Evidence, Job
from tests.capture import (
    LIMIT,
    PAGE,
    PAGE_SHA256,
    capture_server,
    capture_settings,
    captures,
)
from tests.factories import ClaimFactory, DocumentFactory, EvidenceFactory

__all__ = ["capture_server", "capture_settings"]

pytestmark = pytest.mark.django_db


def captured(url):
    evidence = EvidenceFactory(url=url)
    services.evidence_capture(evidence=evidence)
    evidence.refresh_from_db()
    return evidence


def records(evidence):
    with evidence.capture_file.open("rb") as f:
        return [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers,
                r.http_headers,
                r.content_stream().read(),
            )
            for r in ArchiveIterator(BytesIO(f.read()))
        ]


# --- Success --------------------------------------------------------------------------


def test_capture_stores_a_warc_file_with_the_body_and_its_hash(
    capture_settings, capture_server
):
    evidence = captured(capture_server.url("/page"))

    assert evidence.capture_status == CaptureStatus.OK
    assert evidence.capture_error == ""
    assert evidence.captured_at is not None
    assert evidence.capture_sha256 == PAGE_SHA256 == hashlib.sha256(PAGE).hexdigest()
    stored = Path(capture_settings.MEDIA_ROOT) / evidence.capture_file.name
    assert stored.is_file()
    assert evidence.capture_file.name.endswith(".warc.gz")
    assert gzip.decompress(stored.read_bytes()).startswith(b"WARC/1.0")

    recs = {r[0]: r for r in records(evidence)}
    assert sorted(recs) == ["request", "response", "warcinfo"]
    _type, uri, warc_headers, http_headers, body = recs["response"]
    assert uri == capture_server.url("/page")
    assert body == PAGE
    assert http_headers.get_statuscode() == "200"
    assert warc_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    digest = warc_headers.get_header("WARC-Payload-Digest")
    assert digest == "sha256:" + base64.b32encode(bytes.fromhex(PAGE_SHA256)).decode()
    request_headers = recs["request"][3]
    request_line = f"{request_headers.protocol} {request_headers.statusline}"
    assert request_line == "GET /page HTTP/1.1"
    assert request_headers.get_header("Accept-Encoding") == "identity"


def test_capture_follows_redirects_and_keeps_every_hop(
    capture_settings, capture_server
):
    evidence = captured(capture_server.url("/redirect"))

    assert evidence.capture_status == CaptureStatus.OK
    assert evidence.capture_sha256 == PAGE_SHA256
    responses = [r for r in records(evidence) if r[0] == "response"]
    assert [r[1] for r in responses] == [
        capture_server.url("/redirect"),
        capture_server.url("/page"),
    ]
    assert responses[0][3].get_statuscode() == "302"


def test_a_new_capture_replaces_a_failed_one(capture_settings, capture_server):
    evidence = EvidenceFactory(
        url=capture_server.url("/page"),
        capture_status=CaptureStatus.FAILED,
        capture_error="The server answered 503 Service Unavailable.",
    )
    services.evidence_capture(evidence=evidence)
    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.OK
    assert evidence.capture_error == ""


def test_a_capture_for_a_url_that_changed_meanwhile_is_dropped(
    capture_settings, capture_server, monkeypatch
):
    evidence = EvidenceFactory(url=capture_server.url("/page"))
    fetch = capture.fetch

    def fetch_while_an_editor_saves(url):
        result = fetch(url)
        Evidence.objects.filter(pk=evidence.pk).update(url="https://elsewhere.org/")
        return result

    monkeypatch.setattr(services.capture, "fetch", fetch_while_an_editor_saves)
    services.evidence_capture(evidence=evidence)
    evidence.refresh_from_db()
    assert evidence.capture_status == ""
    assert not evidence.capture_file
    assert not list(Path(capture_settings.MEDIA_ROOT).rglob("*.warc.gz"))


# --- Failures, recorded on the item ---------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "The server answered 404 Not Found."),
        ("/slow", "No complete answer within 0.5 seconds."),
        ("/drip", "No complete answer within 0.5 seconds."),
        ("/big", f"larger than {LIMIT:,} bytes"),
        ("/big-unannounced", f"larger than {LIMIT:,} bytes"),
        ("/loop", "more than 5 redirects"),
        ("/redirect-inside", "non-public address (10.1.2.3)"),
    ],
)
def test_a_failed_fetch_is_recorded_on_the_item(
    capture_settings, capture_server, path, reason
):
    evidence = captured(capture_server.url(path))

    assert evidence.capture_status == CaptureStatus.FAILED
    assert reason in evidence.capture_error
    assert evidence.captured_at is not None
    assert not evidence.capture_file
    assert evidence.capture_sha256 == ""
    assert not list(Path(capture_settings.MEDIA_ROOT).rglob("*"))


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example.org/table.csv",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "javascript:alert(1)",
    ],
)
def test_other_schemes_are_refused(capture_settings, url):
    evidence = captured(url)
    assert evidence.capture_status == CaptureStatus.FAILED
    assert evidence.capture_error.startswith("Refused: only http and https")


def test_private_addresses_are_refused_unless_allowed(capture_settings, capture_server):
    capture_settings.CLAIMDESK_CAPTURE_ALLOWED_NETWORKS = []

    evidence = captured(capture_server.url("/page"))
    by_name = captured(capture_server.url("/page").replace("127.0.0.1", "localhost"))

    assert evidence.capture_status == by_name.capture_status == CaptureStatus.FAILED
    assert "non-public address (127.0.0.1)" in evidence.capture_error
    assert "localhost is at a non-public address" in by_name.capture_error
    assert capture_server.requests == []  # refused before connecting


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("10.0.0.8", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
    ],
)
def test_which_addresses_a_capture_may_reach(address, allowed):
    assert capture.is_allowed_address(ipaddress.ip_address(address), []) is allowed


def test_an_allowed_network_opens_a_private_range(settings):
    settings.CLAIMDESK_CAPTURE_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    networks = capture.allowed_networks()
    assert capture.is_allowed_address(ipaddress.ip_address("10.2.3.4"), networks)
    assert not capture.is_allowed_address(ipaddress.ip_address("127.0.0.1"), networks)


def test_a_host_with_any_private_address_is_refused(capture_settings, monkeypatch):
    """One public answer does not vouch for the others: DNS may hand out either."""
    monkeypatch.setattr(
        capture, "_resolve", lambda host, port: ["93.184.215.14", "10.0.0.7"]
    )
    evidence = captured("https://mixed.example.org/")
    assert evidence.capture_error == (
        "Refused: mixed.example.org is at a non-public address (10.0.0.7)."
    )


def test_no_network_is_recorded(capture_settings, monkeypatch):
    def no_dns(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(capture, "_resolve", no_dns)
    evidence = captured("https://stats.example.org/table-4")
    assert evidence.capture_status == CaptureStatus.FAILED
    assert evidence.capture_error == (
        "Could not resolve stats.example.org: no network, or no such host."
    )


def test_nothing_listening_is_recorded(capture_settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    evidence = captured(f"http://127.0.0.1:{port}/page")
    assert evidence.capture_status == CaptureStatus.FAILED
    assert evidence.capture_error.startswith("Could not connect")


def test_a_storage_failure_is_recorded(capture_settings, capture_server, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    field = Evidence._meta.get_field("capture_file")
    monkeypatch.setattr(field.storage, "save", full_disk)
    evidence = captured(capture_server.url("/page"))
    assert evidence.capture_status == CaptureStatus.FAILED
    assert evidence.capture_error == "Fetched, but the copy could not be stored."


# --- When captures run ----------------------------------------------------------------


def test_adding_evidence_captures_it_after_the_commit(
    capture_settings, capture_server, fact_checker, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(researching=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        evidence = services.evidence_add(
            claim=claim,
            by=fact_checker,
            stance="refutes",
            url=capture_server.url("/page"),
        )
        assert evidence.capture_status == CaptureStatus.PENDING
        assert capture_server.requests == []  # nothing fetched inside the transaction
    assert len(captures(callbacks)) == 1
    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.OK
    assert evidence.capture_sha256 == PAGE_SHA256


def test_evidence_without_a_url_or_with_captures_off_schedules_nothing(
    capture_settings, fact_checker, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(researching=True)
    source = EvidenceFactory(claim=claim).claim.claimant
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        no_url = services.evidence_add(
            claim=claim, by=fact_checker, stance="context", source=source
        )
        capture_settings.CLAIMDESK_CAPTURE_ON_ADD = False
        off = services.evidence_add(
            claim=claim, by=fact_checker, stance="refutes", url="https://x.example/"
        )
    assert captures(callbacks) == []
    assert no_url.capture_status == off.capture_status == ""


def test_an_unexpected_error_is_logged_and_recorded_never_raised(
    capture_settings, fact_checker, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(url):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services.capture, "fetch", broken)
    claim = ClaimFactory(researching=True)
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_add(
            claim=claim, by=fact_checker, stance="refutes", url="https://x.example/"
        )
    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.FAILED
    assert evidence.capture_error == "Internal error; see the server log."


def test_in_the_background_a_job_captures_after_the_commit(
    capture_settings, capture_server, fact_checker, django_capture_on_commit_callbacks
):
    capture_settings.CLAIMDESK_CAPTURE_IN_BACKGROUND = True
    claim = ClaimFactory(researching=True)
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_add(
            claim=claim,
            by=fact_checker,
            stance="refutes",
            url=capture_server.url("/page"),
        )
        job = Job.objects.get()
        assert job.status == Job.Status.QUEUED  # nothing runs inside the transaction
    job.refresh_from_db()
    assert (job.kind, job.started_by, job.status) == (
        "claims.capture",
        fact_checker,
        Job.Status.SUCCEEDED,
    )
    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.OK


# --- The management command -----------------------------------------------------------


def test_capture_evidence_command_takes_what_has_no_capture(
    capture_settings, capture_server
):
    url = capture_server.url("/page")
    never = EvidenceFactory(url=url)
    pending = EvidenceFactory(url=url, capture_status=CaptureStatus.PENDING)
    failed = EvidenceFactory(
        url=capture_server.url("/missing"), capture_status=CaptureStatus.FAILED
    )
    archived = EvidenceFactory(url=url, is_archived=True)
    no_url = EvidenceFactory(url="", source=never.claim.claimant)
    out = StringIO()

    call_command("capture_evidence", stdout=out)

    for e in (never, pending, failed, archived, no_url):
        e.refresh_from_db()
    assert never.capture_status == pending.capture_status == CaptureStatus.OK
    assert failed.capture_error == ""  # not retried
    assert archived.capture_status == no_url.capture_status == ""
    assert "2 captured, 0 failed." in out.getvalue()
    assert capture_server.requests == ["/page", "/page"]


def test_capture_evidence_command_retries_failed_ones_when_asked(
    capture_settings, capture_server
):
    failed = EvidenceFactory(
        url=capture_server.url("/page"), capture_status=CaptureStatus.FAILED
    )
    call_command("capture_evidence", "--retry-failed", stdout=StringIO())
    failed.refresh_from_db()
    assert failed.capture_status == CaptureStatus.OK


# --- Documents -----------------------------------------------------------------------


def test_a_new_document_with_a_url_is_captured_after_the_commit(
    capture_settings, capture_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_create(
            by=None,
            title="Table 4",
            text="Unemployment rate 2019: 5.9 %",
            language="en",
            url=capture_server.url("/page"),
        )
        assert document.capture_status == CaptureStatus.PENDING
    document.refresh_from_db()
    assert document.capture_status == CaptureStatus.OK
    assert document.capture_sha256 == PAGE_SHA256
    assert document.capture_file.name.startswith("captures/")


def test_saving_a_document_captures_again_only_when_its_url_changed(
    capture_settings, capture_server, superuser, django_capture_on_commit_callbacks
):
    document = DocumentFactory(url=capture_server.url("/missing"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.title = "Renamed"
        services.document_save(document=document, by=superuser)
    assert captures(callbacks) == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.url = capture_server.url("/page")
        services.document_save(document=document, by=superuser)
    assert len(captures(callbacks)) == 1
    document.refresh_from_db()
    assert document.capture_status == CaptureStatus.OK


def test_capture_evidence_command_takes_documents_when_asked(
    capture_settings, capture_server
):
    document = DocumentFactory(url=capture_server.url("/page"))
    call_command("capture_evidence", stdout=StringIO())
    document.refresh_from_db()
    assert document.capture_status == ""
    out = StringIO()
    call_command("capture_evidence", "--documents", "--limit", "5", stdout=out)
    document.refresh_from_db()
    assert document.capture_status == CaptureStatus.OK
    assert "document #" in out.getvalue()
