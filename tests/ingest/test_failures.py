"""Imports that fail are logged once each: reason code, file name and size, no text."""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from config.logformat import KeyValueFormatter

from .conftest import TRIBUNNEWS

URL = "/admin/import/"
SECRET = "Rahasia negara: kode peluncuran 0000"


def failures(caplog):
    return [r for r in caplog.records if r.name == "ingest.failures"]


def fields(record):
    return (record.reason, record.source, record.file_name, record.size)


def run(path):
    call_command(
        "import_article", str(path), stdout=io.StringIO(), stderr=io.StringIO()
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + SECRET.encode() + bytes(range(256)) * 20, "binary"),
        (b"<html><script>" + SECRET.encode() + b"</script></html>", "no_text_in_html"),
        (b"lorem\nipsum\n" + SECRET.encode() + b"\n", "no_claims"),
    ],
)
def test_the_command_logs_why_an_article_was_refused(
    db, tmp_path, caplog, content, reason
):
    path = tmp_path / ("page.html" if b"<html>" in content else "article.txt")
    path.write_bytes(content)
    with caplog.at_level(logging.INFO), pytest.raises(CommandError):
        run(path)
    (record,) = failures(caplog)
    assert record.levelname == "WARNING"
    assert fields(record) == (reason, "command", path.name, len(content))
    line = KeyValueFormatter().format(record)
    assert "Rahasia" not in line and "\n" not in line


def test_the_command_logs_a_missing_file(db, tmp_path, caplog):
    with caplog.at_level(logging.INFO), pytest.raises(CommandError):
        run(tmp_path / "gone.txt")
    assert [fields(r) for r in failures(caplog)] == [
        ("missing_file", "command", "gone.txt", 0)
    ]


def test_the_command_logs_an_unexpected_error_by_its_class(db, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr("ingest.management.commands.import_article.analyse", broken)
    with caplog.at_level(logging.INFO), pytest.raises(RuntimeError):
        run(TRIBUNNEWS)
    (record,) = failures(caplog)
    assert record.levelname == "ERROR"
    assert fields(record) == (
        "unexpected",
        "command",
        TRIBUNNEWS.name,
        TRIBUNNEWS.stat().st_size,
    )
    assert record.exception == "RuntimeError"
    assert "Rahasia" not in KeyValueFormatter().format(record)


def test_a_good_import_logs_no_failure(db, caplog):
    with caplog.at_level(logging.INFO):
        run(TRIBUNNEWS)
    assert failures(caplog) == []


def upload(client, name, content):
    file = SimpleUploadedFile(name, content, content_type="text/plain")
    return client.post(URL, {"file": file})


def test_the_admin_logs_a_refused_upload(client, fact_checker, caplog):
    client.force_login(fact_checker)
    content = b"\x00\x01" + SECRET.encode() * 10
    with caplog.at_level(logging.INFO):
        response = upload(client, "scan.txt", content)
    assert response.status_code == 200
    assert "binary" in response.content.decode()  # the user sees why
    (record,) = failures(caplog)
    assert fields(record) == ("binary", "admin", "scan.txt", len(content))
    assert "Rahasia" not in KeyValueFormatter().format(record)


def test_the_admin_logs_a_refused_paste_by_its_size(client, fact_checker, caplog):
    client.force_login(fact_checker)
    text = "<html><body><script>x</script></body></html>"
    with caplog.at_level(logging.INFO):
        client.post(URL, {"text": text})
    assert [fields(r) for r in failures(caplog)] == [
        ("no_text_in_html", "admin", "", len(text))
    ]


def test_the_admin_logs_an_unexpected_error_then_fails(
    client, fact_checker, caplog, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr("ingest.views.analyse", broken)
    client.force_login(fact_checker)
    content = TRIBUNNEWS.read_bytes()
    with caplog.at_level(logging.INFO), pytest.raises(RuntimeError):
        upload(client, "a.txt", content)
    (record,) = failures(caplog)
    assert fields(record) == ("unexpected", "admin", "a.txt", len(content))
    assert record.exception == "RuntimeError"
    assert "Rahasia" not in KeyValueFormatter().format(record)
