"""Rules written in the third pass (the second held-out split, now "tuned_3"):
broadcast transcripts' furniture (the story menu, the spoken date, the presenter's
sign-on), site help lines, an author box and whose post follows it, organisations
quoted through "according to a statement from …", dates such as "the following
week", and what lowers a statement's check-worthiness. Every sentence here is made
up for the test, none is taken from a gold article."""

import io
import json

import pytest
from django.core.management import call_command

from ingest import furniture


def run(tmp_path, text, *args, published="2024-03-15", language="en"):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_article",
        str(path),
        "--json",
        "--published",
        published,
        "--language",
        language,
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def quotes(data):
    return [c["quote"] for c in data["claims"]]


def claim_with(data, words):
    return next(c for c in data["claims"] if words in c["quote"])


# --- broadcast transcripts and site help -------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Today on Radio Nusantara : the mayor opens a new bridge; a storm floods the "
        "coast; the league final ends in a draw and, in history, a poet is born.",
        "Coming up: the budget vote; a strike at the port; the weather.",
        "Hari ini di Radio Nusantara: banjir di Bekasi; harga beras naik; Persib "
        "menang.",
        "Today is Friday, March 15th, 2024. I'm Sarah Lane and this is Radio "
        "Nusantara.",
        "It's Monday, the 4th of March.",
        "Hari ini Jumat, 15 Maret 2024.",
        "For VOA News, I'm Sarah Lane in Jakarta.",
        "Saya Budi Santoso, melaporkan dari Bandung untuk Radio Nusantara.",
        "Questions? See our help page.",
        "Lihat panduan lengkap kami.",
    ],
)
def test_a_bulletins_menu_spoken_date_sign_on_and_site_help_are_furniture(line):
    assert furniture.furniture_reason(line, position=3, total=10)


@pytest.mark.parametrize(
    "line",
    [
        "Today is the day the bridge opens, the mayor said.",
        "I'm John Smith and this is my story about the flood.",
        "Today on the Senate floor, lawmakers passed the bill 52 to 48.",
        "Police said they would see our neighbours' houses first, after the flood "
        "had reached the second floor of 40 homes in the district.",
        "Saya Budi, warga Bandung, kehilangan rumah saat banjir.",
    ],
)
def test_sentences_that_look_alike_stay_in_the_article(line):
    assert not furniture.furniture_reason(line, position=3, total=10)


def test_an_audio_briefs_intro_becomes_no_candidate(db, tmp_path):
    text = (
        "News brief for March 15, 2024\n\n"
        "Listen to this brief\n\n"
        "Today on Radio Nusantara : a factory fire closes the harbour road; the "
        "city council votes on bus fares; and, in history, a bridge opens in 1932.\n\n"
        "Today is Friday, March 15th, 2024. I'm Sarah Lane and this is Radio "
        "Nusantara.\n\n"
        "A fire at a paint factory closed the harbour road for six hours on "
        "Thursday, the fire brigade said. Two workers were taken to hospital."
    )
    data = run(tmp_path, text, "--publisher", "Radio Nusantara")
    assert not any("Today" in q or "Sarah Lane" in q for q in quotes(data))
    assert any("paint factory" in q for q in quotes(data))
    assert any("Sarah Lane" in line for line in data["boilerplate"])


# --- an author box -------------------------------------------------------------------


def test_an_author_box_is_furniture_and_names_who_writes_what_follows(db, tmp_path):
    text = (
        "Cities and their parks\n\n"
        "In the last ten years, city parks have grown in number across the country.\n\n"
        "I want to share a post by the mayor of Springfield from the city's "
        "website.\n\n"
        "Parks Make Cities Better\n\n"
        "About the Author: Jane Roe serves as mayor of Springfield.\n\n"
        "Springfield now has 42 public parks, twice as many as in 2010. On Monday, I "
        "opened the newest one in the east of the city."
    )
    data = run(tmp_path, text, "--publisher", "Park Blog")
    assert "About the Author" not in " ".join(quotes(data))
    assert claim_with(data, "42 public parks")["claimant"] == "Jane Roe"
    assert claim_with(data, "I opened")["claimant"] == "Jane Roe"
    # what the blog wrote before the box stays the blog's
    assert claim_with(data, "grown in number")["claimant"] == "Park Blog"


def test_tentang_penulis_names_the_author():
    assert furniture.author_in_box("Tentang Penulis: Budi Santoso adalah dosen.") == (
        "Budi Santoso"
    )
    assert furniture.author_in_box("About the author: Dr. Ana Lee writes.") == (
        "Ana Lee"
    )
    assert furniture.author_in_box("About the town: it is old.") == ""
