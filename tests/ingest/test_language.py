# ruff: noqa: E501 - article text reads best unbroken
"""Text in a language the importer does not read, and noise that is no language: a
clear refusal (with the language named), nothing stored as English or Indonesian."""

import io
import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from claims.models import Claim, Document, Source

SPANISH = (
    "El gobierno de España anunció este martes un nuevo paquete de medidas para "
    "contener la inflación, que alcanzó el 10,2 por ciento en junio, la tasa más alta "
    "desde 1985. El presidente Pedro Sánchez dijo en el Congreso que las ayudas "
    "llegarán a más de cuatro millones de hogares antes de septiembre."
)
FRENCH = (
    "Le gouvernement français a annoncé mardi un nouveau plan pour lutter contre "
    "l'inflation, qui a atteint 6 pour cent en juin selon l'Insee, le niveau le plus "
    "élevé depuis 1985, a déclaré le ministre de l'Économie à Paris."
)
ENGLISH = (
    "The economy grew 5.1 percent in 2023, the fastest pace in a decade, Finance "
    "Minister Sri Mulyani Indrawati said on Tuesday in Jakarta.\n\n"
    "Exports rose 12 percent to $250 billion last year, according to Statistics "
    "Indonesia, the highest figure since records began in 1960.\n\n"
    "The central bank kept its benchmark rate at 5.75 percent for a sixth month, "
    "its governor Perry Warjiyo told reporters after the board meeting on Thursday."
)
URL = "/admin/import/"


def run(path, *args):
    out = io.StringIO()
    call_command(
        "import_article", str(path), "--json", *args, stdout=out, stderr=io.StringIO()
    )
    return json.loads(out.getvalue())


def nothing_written():
    return not (
        Document.objects.exists() or Claim.objects.exists() or Source.objects.exists()
    )


def random_high_bytes(size=100 * 1024):
    rng = random.Random(12)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(size))


@pytest.mark.parametrize(
    ("text", "named"), [(SPANISH, "Spanish (es)"), (FRENCH, "French (fr)")]
)
def test_a_foreign_article_is_refused_with_its_language(db, tmp_path, text, named):
    path = tmp_path / "articulo.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=rf"{named.split()[0]} \(") as error:
        run(path)
    assert named in str(error.value)
    assert "Indonesian and English" in str(error.value)
    with pytest.raises(CommandError, match=r"Spanish|French"):
        run(path, "--dry-run")
    assert nothing_written()


def test_the_refusal_is_worded_in_indonesian_too(db, tmp_path):
    path = tmp_path / "articulo.txt"
    path.write_text(SPANISH, encoding="utf-8")
    with translation.override("id"), pytest.raises(CommandError) as error:
        run(path)
    assert "Teks ini berbahasa Spanyol (es)" in str(error.value)


def test_a_foreign_paragraph_is_left_out_with_a_warning(db, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(ENGLISH + "\n\n" + SPANISH, encoding="utf-8")
    data = run(path, "--dry-run")
    assert data["language"] == "en"
    assert any(
        "Spanish (es)" in w and "El gobierno de España" in w for w in data["warnings"]
    )
    quotes = " ".join(c["quote"] for c in data["claims"])
    assert "grew 5.1 percent" in quotes
    assert "inflación" not in quotes


def test_english_and_indonesian_articles_raise_no_language_warning(db, data_dir):
    for name in (
        "en_reuters_2018-10-25_china-mattis-meeting-constructive.txt",
        "id_tempo_2015-10-23_retno-bertemu-julie-bishop.txt",
        "id_voa_2018-09_wawancara-jusuf-kalla-pbb.txt",
    ):
        data = run(data_dir / name, "--dry-run")
        assert data["language"] in ("en", "id")
        assert not any("left out" in w for w in data["warnings"]), name


def test_random_high_bytes_are_refused_as_binary(db, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(random_high_bytes())
    with pytest.raises(CommandError, match="binary"):
        run(path)
    with pytest.raises(CommandError, match="binary"):
        run(path, "--dry-run")
    assert nothing_written()


def test_accented_text_in_cp1252_is_still_read(db, tmp_path):
    path = tmp_path / "cp1252.txt"
    text = "Menteri Pérez mengatakan ekonomi tumbuh 5 persen pada 2019, kata José Müller di Jakarta."
    path.write_bytes(text.encode("cp1252"))
    data = run(path, "--dry-run")
    assert "José Müller" in data["text"]


def test_the_admin_page_refuses_a_foreign_upload(client, fact_checker):
    client.force_login(fact_checker)
    file = SimpleUploadedFile(
        "articulo.txt", SPANISH.encode(), content_type="text/plain"
    )
    response = client.post(URL, {"file": file})
    assert response.status_code == 200
    assert "Spanish (es)" in response.content.decode()
    assert "review" not in response.context or response.context.get("review") is None
    assert not Document.objects.exists()


def test_the_admin_page_refuses_pasted_foreign_text(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(URL, {"text": FRENCH})
    assert response.status_code == 200
    assert "French (fr)" in response.content.decode()
    assert not Document.objects.exists()


def test_the_admin_page_refuses_random_high_bytes(client, fact_checker):
    client.force_login(fact_checker)
    file = SimpleUploadedFile(
        "noise.txt", random_high_bytes(), content_type="text/plain"
    )
    response = client.post(URL, {"file": file})
    assert response.status_code == 200
    assert "binary" in response.content.decode()
    pasted = random_high_bytes(4000).decode("cp1252", errors="replace")
    response = client.post(URL, {"text": pasted})
    assert response.status_code == 200
    assert "binary" in response.content.decode()
    assert not Document.objects.exists()


def test_text_in_another_script_is_refused_with_its_language(db, tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text(
        "政府今天宣布了新的经济政策，包括减税和增加基础设施投资。财政部长表示，经济增长率预计将达到百分之五。",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match=r"Chinese \(zh\)"):
        run(path, "--dry-run")
