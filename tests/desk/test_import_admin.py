"""The admin's "Import fact-checks" screen: upload a ClaimReview file, the LIAR
TSV or a mapped CSV; a job imports it with progress and a report; a failed job
retried writes nothing twice."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim, ExternalFactCheck, ExternalId, Job, JobStep
from interop import jobs as import_jobs

DATA = Path(__file__).resolve().parent.parent / "data"
LIAR = DATA / "liar" / "test-part1.tsv"
URL = reverse("interop-admin:import-fact-checks")
JOBS = reverse("admin:claims_job_changelist")
pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    return client


def upload(client, capture, path_or_bytes, name=None, **fields):
    raw = (
        path_or_bytes
        if isinstance(path_or_bytes, bytes)
        else Path(path_or_bytes).read_bytes()
    )
    name = name or Path(path_or_bytes).name
    with capture(execute=True):
        return client.post(
            URL,
            {"file": SimpleUploadedFile(name, raw), "language": "en", **fields},
            follow=True,
        )


def test_the_desk_index_links_to_the_import_screen(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in page
    assert "Upload other fact-checkers" in editor_client.get(URL).content.decode()


def test_a_liar_file_imports_as_a_job_with_progress_and_a_report(
    editor_client, editor, django_capture_on_commit_callbacks, monkeypatch, tmp_path
):
    monkeypatch.setattr(import_jobs, "CHUNK", 50)
    response = upload(editor_client, django_capture_on_commit_callbacks, LIAR)
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:claims_job_change", args=[job.pk]
    )
    assert job.status == Job.Status.SUCCEEDED, job.outcome
    assert (job.kind, job.done, job.total, job.started_by) == (
        "interop.import",
        3,
        3,
        editor,
    )
    assert job.outcome == "120 imported."
    assert ExternalId.objects.count() == 120
    claims = Claim.objects.filter(origin=Claim.Origin.DATASET)
    assert set(claims.values_list("created_by", flat=True)) == {editor.pk}
    page = editor_client.get(response.redirect_chain[-1][0]).content.decode()
    assert "120 imported." in page and '<progress value="3" max="3">' in page
    assert '<progress value="3" max="3">' in editor_client.get(JOBS).content.decode()
    assert not list(tmp_path.rglob("*.tsv"))  # the upload is gone once imported


def test_a_running_job_page_refreshes_itself(editor_client, editor):
    job = Job.objects.create(kind="interop.import", status=Job.Status.RUNNING)
    page = editor_client.get(reverse("admin:claims_job_change", args=[job.pk]))
    assert 'http-equiv="refresh"' in page.content.decode()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    page = editor_client.get(reverse("admin:claims_job_change", args=[job.pk]))
    assert 'http-equiv="refresh"' not in page.content.decode()


def test_bad_rows_and_items_are_listed_in_the_report(
    editor_client, django_capture_on_commit_callbacks
):
    rows = LIAR.read_bytes().splitlines(keepends=True)
    data = rows[0] + b"99.json\tfalse\tcut\n" + rows[1].replace(b"\n", b"\r\n")
    upload(editor_client, django_capture_on_commit_callbacks, data, name="cut.tsv")
    job = Job.objects.get()
    assert job.outcome.splitlines() == [
        "2 imported, 1 skipped.",
        "cut.tsv:2 : 3 columns, expected 14.",
    ]
    upload(
        editor_client,
        django_capture_on_commit_callbacks,
        DATA / "claimreview" / "truncated.json",
    )
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.SUCCEEDED
    first, *skipped = job.outcome.splitlines()
    assert first == "2 imported, 1 skipped."
    assert "truncated.json:3 [2]: Invalid or truncated JSON" in skipped[0]
    assert ExternalFactCheck.objects.count() == 2


def test_a_mapped_csv_imports_from_the_admin(
    editor_client, django_capture_on_commit_callbacks
):
    csv = b"No;Klaim;Tokoh;Label\n1;Harga beras naik;Joko Widodo;Salah\n"
    upload(
        editor_client,
        django_capture_on_commit_callbacks,
        csv.replace(b";", b"\t"),
        name="cek.tsv",
        format="csv",
        mapping="id=No,statement=Klaim,claimant=Tokoh,label=Label",
        dataset="cekfakta",
        language="id",
    )
    record = ExternalId.objects.get(key="cekfakta:1")
    assert record.claim.claimant.name == "Joko Widodo"
    assert record.claim.language == "id"
    assert record.rating.slug == "false"


def test_a_form_error_starts_no_job(
    editor_client, settings, django_capture_on_commit_callbacks
):
    response = upload(
        editor_client,
        django_capture_on_commit_callbacks,
        b"a,b\n1,2\n",
        name="t.csv",
        mapping="speaker=b",
    )
    assert "Unknown target speaker" in response.content.decode()
    response = upload(
        editor_client, django_capture_on_commit_callbacks, b"x", name="notes.docx"
    )
    assert "its name does not say" in response.content.decode()
    settings.CLAIMDESK_IMPORT_MAX_BYTES = 100
    response = upload(editor_client, django_capture_on_commit_callbacks, LIAR)
    assert "over the import limit of 100" in response.content.decode()
    assert not Job.objects.exists()


def test_the_screen_needs_the_right_to_add_claims(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 12)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_a_failed_import_retried_writes_nothing_twice(
    editor_client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(import_jobs, "CHUNK", 50)
    real = import_jobs.import_chunk
    calls = []

    def crashes_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker lost the database")
        return real(*args, **kwargs)

    monkeypatch.setattr(import_jobs, "import_chunk", crashes_on_the_second)
    upload(editor_client, django_capture_on_commit_callbacks, LIAR)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "worker lost the database" in job.outcome
    assert (job.done, job.total) == (1, 3)
    assert ExternalId.objects.count() == Claim.objects.count() == 50
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            JOBS, {"action": "retry", "_selected_action": [job.pk]}, follow=True
        )
    assert "1 job queued again." in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == (Job.Status.SUCCEEDED, 3, 2)
    assert job.outcome == "120 imported."
    assert ExternalId.objects.count() == Claim.objects.count() == 120
    assert JobStep.objects.filter(job=job).count() == 3
    assert len(calls) == 4  # chunk 1 was not written again


def test_an_imported_claim_page_shows_what_the_dataset_said(
    editor_client, django_capture_on_commit_callbacks
):
    upload(editor_client, django_capture_on_commit_callbacks, LIAR)
    claim = ExternalId.objects.get(key="liar:11096.json").claim
    page = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for shown in ("liar:11096.json", "President-Elect", "New York", "republican"):
        assert shown in text
    assert "comments on ABC&#x27;s This Week." in text
    assert claim.claimant.name in text
