"""The importer's edges an attacker or an accident reaches: prose about markup
taken for a page, a review screen left open for hours, a gold file that points
at a device or out of its folder."""

import json
import os

import pytest
from django.core.management import CommandError, call_command

from claims.models import Document
from ingest.reading import looks_like_html, read_article

from .conftest import TRIBUNNEWS
from .test_admin import URL, review_data, upload

PROSE = (
    "Jakarta - Pengembang web itu mengatakan halaman yang dibangun dengan <p dan "
    "<div lambat dimuat. Menurut dia, sebuah <div> di dalam <p> tidak sah, dan "
    "peramban harus menebak. Menteri mengatakan 40 persen situs pemerintah "
    "memakai <div untuk semuanya pada 2024."
)


def test_pasted_prose_that_mentions_tags_is_imported_as_text(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(URL, {"text": PROSE, "language": "id"})
    assert response.status_code == 200
    analysis = response.context["analysis"]
    assert analysis.text.startswith("Jakarta - Pengembang web")
    assert "<div> di dalam <p>" in analysis.text  # kept, not stripped as markup


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><html><body><article><p>Kata menteri.</p></article>"
        "</body></html>",
        "<p>Menteri mengatakan ekonomi tumbuh.</p><p>Dua.</p>",
        "Judul\n<div class='x'><p>" + "kata " * 80 + "</p><p>a</p><p>b</p></div>",
    ],
)
def test_real_html_is_still_read_as_a_page(html):
    assert looks_like_html(html)
    assert not looks_like_html(html, filename="pasted.txt") or html.startswith("<!")


def test_prose_is_text_even_with_a_tag_or_two():
    for text in (PROSE, PROSE * 20, "Gunakan <p> untuk paragraf, katanya. " * 3):
        article = read_article(text)
        assert not article.is_html
        assert article.text == text


def test_an_expired_review_asks_to_import_again(client, fact_checker, settings):
    client.force_login(fact_checker)
    response = upload(client)
    data = review_data(response, lambda i, row: row.update(accept=True))
    settings.CLAIMDESK_IMPORT_REVIEW_MAX_AGE = -1  # everything signed is too old
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == URL
    assert "expired" in response.content.decode()
    assert "import the article again" in response.content.decode()
    assert not Document.objects.exists()


def test_a_review_within_the_hour_saves(client, fact_checker, settings):
    assert settings.CLAIMDESK_IMPORT_REVIEW_MAX_AGE == 3600
    client.force_login(fact_checker)
    response = upload(client)
    data = review_data(response, lambda i, row: row.update(accept=i == 0))
    response = client.post(URL, data)
    assert response.status_code == 302
    assert Document.objects.count() == 1


def gold(tmp_path, file):
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"document": {"file": file}, "claims": []}))
    return path


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("../outside.txt", "outside"),
        ("/etc/hostname", "outside"),
        ("/dev/zero", "outside"),
        ("sub/../../outside.txt", "outside"),
        ("folder", "not a regular file"),
        ("missing.txt", "cannot be read"),
    ],
)
def test_evaluate_extraction_refuses_what_a_gold_file_may_not_name(
    db, tmp_path, file, message
):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "folder").mkdir()
    (tmp_path / "outside.txt").write_text("Secret text.")
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_extraction", str(gold(folder, file)))


def test_evaluate_extraction_refuses_a_symlink_out_of_the_folder(db, tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("Secret text.")
    os.symlink(tmp_path / "outside.txt", folder / "article.txt")
    with pytest.raises(CommandError, match="outside"):
        call_command("evaluate_extraction", str(gold(folder, "article.txt")))
    os.symlink("/dev/zero", folder / "zero.txt")
    with pytest.raises(CommandError, match="outside"):
        call_command("evaluate_extraction", str(gold(folder, "zero.txt")))


def test_evaluate_extraction_refuses_a_device_or_a_pipe_as_gold(db, tmp_path):
    with pytest.raises(CommandError, match="device"):
        call_command("evaluate_extraction", "/dev/zero")
    os.mkfifo(tmp_path / "pipe.gold.json")
    with pytest.raises(CommandError, match="not a regular file"):
        call_command("evaluate_extraction", str(tmp_path / "pipe.gold.json"))


def test_evaluate_extraction_still_reads_a_gold_file_and_its_article(db, tmp_path):
    (tmp_path / TRIBUNNEWS.name).write_bytes(TRIBUNNEWS.read_bytes())
    path = gold(tmp_path, TRIBUNNEWS.name)
    call_command("evaluate_extraction", str(path), "--json")
