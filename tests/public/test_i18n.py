"""The public site in English and Indonesian."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ClaimDateFactory, ClaimFactory


def get(client, url, language):
    client.cookies["django_language"] = language
    return client.get(url).content.decode()


def test_catalogue_is_compiled_and_committed():
    from pathlib import Path

    from django.conf import settings

    mo = Path(settings.LOCALE_PATHS[0]) / "id" / "LC_MESSAGES" / "django.mo"
    assert mo.stat().st_size > 1000


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Latest fact-checks", "By verdict", "Mostly true", 'lang="en"']),
        (
            "id",
            [
                "Cek fakta terbaru",
                "Menurut putusan",
                "Sebagian besar benar",
                'lang="id"',
            ],
        ),
    ],
)
def test_home_in_both_languages(client, world, language, texts):
    body = get(client, reverse("claims:home"), language)
    for text in texts:
        assert text in body


def test_claim_page_in_indonesian(client, world):
    body = get(client, world.corrected.get_absolute_url(), "id")
    assert "Putusan kami" in body
    assert "Benar" in body  # the rating's own translation
    assert "30 Juni 2019" in body  # localised month, day precision
    assert "putusan berubah dari Sebagian besar benar menjadi Benar" in body


def test_month_and_year_precision_in_indonesian(client, db):
    claim = ClaimFactory(published=True)
    ClaimDateFactory(claim=claim, start=dt.date(2019, 2, 1), precision="month")
    ClaimDateFactory(
        claim=claim,
        start=dt.date(1950, 1, 1),
        precision="year",
        end=dt.date(1953, 1, 1),
        end_precision="year",
    )
    body = get(client, claim.get_absolute_url(), "id")
    assert "Februari 2019" in body
    assert "1950–1953" in body


def test_accept_language_header_picks_indonesian(client, world):
    body = client.get(reverse("claims:timeline"), headers={"Accept-Language": "id"})
    assert "Linimasa peristiwa" in body.content.decode()


def test_filter_errors_are_translated(client, world):
    body = get(client, reverse("claims:claim-list") + "?event_from=2019-13", "id")
    assert "Masukkan tanggal sebagai YYYY, YYYY-MM, atau YYYY-MM-DD." in body


def test_feed_in_indonesian(client, world):
    body = get(client, reverse("claims:feed-rss"), "id")
    assert "cek fakta terbaru" in body
    assert "Sebagian besar benar:" in body


def test_language_switcher_sets_the_language_without_csrf(client, world):
    body = get(client, reverse("claims:home"), "en")
    assert 'action="/language/"' in body
    assert "csrfmiddlewaretoken" not in body
    client.cookies.clear()
    response = client.post(
        reverse("claims:set-language"), {"language": "id", "next": "/timeline/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/timeline/"
    assert "Linimasa peristiwa" in client.get("/timeline/").content.decode()


def test_language_switcher_refuses_foreign_redirects(client, db):
    response = client.post(
        reverse("claims:set-language"),
        {"language": "id", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_language_switcher_is_post_only(client, db):
    assert client.get(reverse("claims:set-language")).status_code == 405


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "NK News (paraphrased)"), ("id", "NK News (parafrase)")],
)
def test_claim_page_words_a_stored_attribution_in_the_readers_language(
    client, db, language, shown
):
    claim = ClaimFactory(
        published=True,
        attribution="",
        speech="paraphrase",
        attribution_chain=[{"name": "NK News"}],
    )
    assert shown in get(client, claim.get_absolute_url(), language)
