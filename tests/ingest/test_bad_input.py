# ruff: noqa: E501 - article text and expected values read best unbroken
"""Bad input gives a clear message or a sane result, never a traceback or half a write."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, Document, Source
from ingest import services
from ingest.pipeline import analyse
from ingest.reading import InputError

from .conftest import TRIBUNNEWS

TEXT = "TRIBUNNEWS.COM - Menteri Pérez mengatakan ekonomi tumbuh 5 persen pada 2019, kata José."


def run(path, *args):
    out = io.StringIO()
    call_command(
        "import_article", str(path), "--json", *args, stdout=out, stderr=io.StringIO()
    )
    return json.loads(out.getvalue())


def nothing_written():
    return (
        not Document.objects.exists()
        and not Claim.objects.exists()
        and not Source.objects.exists()
    )


def test_empty_file(db, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        run(path)
    path.write_bytes(b"  \n\n \t ")
    with pytest.raises(CommandError, match="empty"):
        run(path)
    assert nothing_written()


def test_binary_file(db, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(CommandError, match="binary"):
        run(path)
    path.write_bytes(bytes(range(1, 32)) * 50)
    with pytest.raises(CommandError, match="binary"):
        run(path)
    assert nothing_written()


def test_twenty_megabytes_is_refused_before_reading(db, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Kalimat nomor satu di sini. " * (20 * 1024 * 1024 // 28))
    with pytest.raises(CommandError, match="MB"):
        run(path)
    with pytest.raises(InputError, match="MB"):
        analyse(path.read_bytes())
    assert nothing_written()


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("latin-1"),
        TEXT.replace("mengatakan", "“mengatakan”").encode("cp1252"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
    ],
    ids=["latin-1", "cp1252", "utf-8-bom", "utf-16"],
)
def test_other_encodings_are_decoded(db, tmp_path, encoded):
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    data = run(path)
    assert "Pérez" in data["text"]
    assert "\ufeff" not in data["text"]
    assert data["publisher"] == "Tribunnews"
    assert Document.objects.get().text == data["text"]
    quote = data["claims"][0]["quote"]
    assert quote in data["text"] and "José" in quote


def test_html_full_of_scripts(db, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>" + "var a = 1;" * 5000 + "</script></head><body>"
        "<script>document.write('x')</script><style>p{}</style></body></html>"
    )
    with pytest.raises(CommandError, match="No article text"):
        run(path)
    assert nothing_written()


def test_html_article_goes_through_trafilatura(db, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Ekonomi tumbuh</title>"
        '<meta property="article:published_time" content="2023-05-02T10:00:00+07:00">'
        "<script>var tracking = 1;</script></head><body><nav>Home News Ekonomi</nav>"
        "<article><h1>Ekonomi tumbuh</h1><p>JAKARTA, KOMPAS.com - Menteri Keuangan Sri "
        "Mulyani mengatakan ekonomi Indonesia tumbuh 5,03 persen pada kuartal pertama "
        '2023.</p><p>Baca juga: Harga beras naik</p><p>"Ini pertumbuhan tertinggi sejak '
        '2014," ujar Sri Mulyani, Selasa (2/5/2023).</p></article>'
        "<footer>Copyright 2023 Kompas</footer></body></html>"
    )
    data = run(path)
    assert data["title"] == "Ekonomi tumbuh"
    assert data["publisher"] == "Kompas"
    assert data["published_on"] == "2023-05-02"
    assert "tracking" not in data["text"] and "Baca juga" not in data["text"]
    assert [c["claimant"] for c in data["claims"]] == ["Sri Mulyani", "Sri Mulyani"]
    assert {
        "text": "Selasa (2/5/2023)",
        "value": "2023-05-02",
        "precision": "day",
        "role": "reported",
    } in data["claims"][1]["dates"]


def test_text_without_sentences(db, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("lorem\nipsum\n12345\n---\n")
    with pytest.raises(CommandError, match="no sentence"):
        run(path)
    assert nothing_written()
    assert run(path, "--dry-run")["claims"] == []


def test_a_failure_midway_leaves_nothing_behind(db, monkeypatch):
    analysis = analyse(TRIBUNNEWS.read_bytes(), filename=TRIBUNNEWS.name)
    calls = {"n": 0}
    real = services.appearance_add

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(services, "appearance_add", failing)
    with pytest.raises(RuntimeError):
        services.article_import(analysis=analysis, by=None)
    assert nothing_written()


def test_a_page_is_read_as_html_by_its_content_not_its_name(db, tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Ekonomi</title></head><body><article>"
        "<p>Menteri Keuangan mengatakan ekonomi Indonesia tumbuh 5,03 persen pada "
        "kuartal pertama 2023 menurut data terbaru.</p></article></body></html>"
    )
    assert "<p>" not in run(page, "--dry-run")["text"]
    text = tmp_path / "plain.html"
    text.write_text("Menteri Keuangan mengatakan ekonomi tumbuh 5 persen pada 2023.")
    assert run(text, "--dry-run")["claims"][0]["quote"].startswith("Menteri")
