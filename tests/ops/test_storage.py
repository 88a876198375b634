"""Where captures live: any Django storage, a bucket in production.

``DJANGO_STORAGE=s3`` configures django-storages' S3 backend (checked in a
production subprocess, as a deployer starts it); with Django's in-memory storage as
the default, a capture is stored, linked and downloaded with nothing written under
MEDIA_ROOT, so nothing but the storage API touches the files.
"""

import json

import pytest
from django.core.files.storage import default_storage, storages
from django.urls import reverse

from claims import services
from claims.models import CaptureStatus
from tests.capture import PAGE_SHA256, capture_server, capture_settings
from tests.factories import ClaimFactory, EvidenceFactory

from .prod import prod_env, run

__all__ = ["capture_server", "capture_settings"]

S3 = {
    "DJANGO_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "claimdesk-captures",
    "AWS_S3_ENDPOINT_URL": "https://minio.example:9000",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "claimdesk",
    "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
}

PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
s = storages["default"]
print(json.dumps({
    "backend": type(s).__name__,
    "bucket": s.bucket_name, "endpoint": s.endpoint_url, "region": s.region_name,
    "acl": s.default_acl, "signed": s.querystring_auth, "overwrite": s.file_overwrite,
    "url": s.url("captures/2025/01/evidence-1.warc.gz"),
}))
"""


def test_production_keeps_files_in_an_s3_compatible_bucket(tmp_path):
    result = run(["-c", PROBE], prod_env(tmp_path, **S3))

    assert result.returncode == 0, result.stderr
    probed = json.loads(result.stdout.strip().splitlines()[-1])
    assert probed["backend"] == "S3Storage"
    assert (probed["bucket"], probed["endpoint"], probed["region"]) == (
        "claimdesk-captures",
        "https://minio.example:9000",
        "eu-central-1",
    )
    assert probed["acl"] is None  # private: the bucket's policy decides
    assert probed["signed"] is True
    assert probed["overwrite"] is False
    url = probed["url"]
    assert url.startswith("https://minio.example:9000/claimdesk-captures/captures/")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    assert "not-a-real-secret" not in url


def test_production_stores_files_on_disk_unless_told(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__)"
    )
    result = run(["-c", code], prod_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FileSystemStorage"


def test_an_s3_storage_without_a_bucket_is_refused_clearly(tmp_path):
    env = prod_env(tmp_path, **{**S3, "AWS_STORAGE_BUCKET_NAME": ""})
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_an_unknown_storage_is_refused_clearly(tmp_path):
    result = run(["manage.py", "check"], prod_env(tmp_path, DJANGO_STORAGE="ftp"))
    assert result.returncode != 0
    assert "DJANGO_STORAGE='ftp' is not a storage Claimdesk knows" in result.stderr


@pytest.fixture
def in_memory_storage(capture_settings):
    capture_settings.STORAGES = {
        **capture_settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return capture_settings


@pytest.mark.django_db
def test_captures_are_stored_and_downloaded_with_no_local_file(
    client, in_memory_storage, capture_server
):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, url=capture_server.url("/page"))

    services.evidence_capture(evidence=evidence)

    evidence.refresh_from_db()
    assert evidence.capture_status == CaptureStatus.OK
    assert type(storages["default"]).__name__ == "InMemoryStorage"
    assert default_storage.exists(evidence.capture_file.name)
    page = client.get(claim.get_absolute_url()).text
    download = reverse("claims:evidence-capture", args=[evidence.pk])
    assert download in page
    assert PAGE_SHA256 in page
    with default_storage.open(evidence.capture_file.name, "rb") as stored:
        warc = stored.read()
    assert warc[:2] == b"\x1f\x8b"  # the gzipped WARC file
    for _ in range(2):  # each download opens the file anew
        response = client.get(download)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/gzip"
        assert b"".join(response.streaming_content) == warc
    media = in_memory_storage.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*"))
