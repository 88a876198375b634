"""Reading a fact-check in one's own language: the translation where the desk
wrote one, else the original with a visible "not yet translated" note; each
language version at its own URL, linked with hreflang; ClaimReview per version."""

import re

import pytest
from django.test import override_settings

from claims import services
from claims.models import Tag
from tests.factories import ClaimFactory, NoteFactory
from tests.readers import SITE, claim_review

NOTE_ID = "Belum diterjemahkan"


@pytest.fixture
def letter(editor):
    """A published English fact-check with a public note, tagged "diplomacy"."""
    claim = ClaimFactory(
        published=True,
        statement="North Korea refused a letter from Trump.",
        verdict_summary="NK News reported it; nobody denied it.",
        tags=["diplomacy"],
    )
    NoteFactory(claim=claim, body="We asked the ministry.", is_public=True)
    return claim


def translate(claim, by, **texts):
    return services.claim_translation_add(claim=claim, by=by, language="id", **texts)


def h1(body):
    return re.search(r"<h1 [^>]*>(.*?)</h1>", body, re.DOTALL).group(0)


def test_untranslated_claim_shows_the_original_with_a_note(client, letter):
    client.cookies["django_language"] = "id"
    body = client.get(letter.get_absolute_url()).content.decode()
    assert 'lang="en">North Korea refused a letter from Trump.</h1>' in h1(body)
    assert "notice--untranslated" in body
    assert NOTE_ID in body
    assert "Inggris" in body  # the original's language, named in Indonesian


def test_english_reader_sees_no_note(client, letter):
    body = client.get(letter.get_absolute_url()).content.decode()
    assert "notice--untranslated" not in body
    assert "not yet translated" not in body.lower()


def test_translated_claim_reads_in_indonesian(client, letter, editor):
    translate(
        letter,
        editor,
        statement="Korea Utara menolak surat dari Trump.",
        verdict_summary="NK News melaporkannya; tak ada yang membantah.",
        notes="Kami bertanya kepada kementerian.",
    )
    client.cookies["django_language"] = "id"
    body = client.get(letter.get_absolute_url()).content.decode()
    assert 'lang="id">Korea Utara menolak surat dari Trump.</h1>' in h1(body)
    assert "NK News melaporkannya" in body
    assert "Kami bertanya kepada kementerian." in body
    assert "We asked the ministry." not in body
    assert "notice--untranslated" not in body
    # The English reader still reads the original, and is offered the other.
    client.cookies["django_language"] = "en"
    english = client.get(letter.get_absolute_url()).content.decode()
    assert "North Korea refused a letter from Trump." in h1(english)
    assert "Also available in:" in english
    assert f'href="{letter.get_absolute_url()}?lang=id" hreflang="id"' in english


def test_partly_translated_claim_says_which_parts_are_not(client, letter, editor):
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    client.cookies["django_language"] = "id"
    body = client.get(letter.get_absolute_url()).content.decode()
    assert "Korea Utara menolak surat" in body
    assert "notice--untranslated" in body
    assert 'lang="en"><p>NK News reported it; nobody denied it.</p>' in body


def test_lang_parameter_reads_a_version_without_a_cookie(client, letter, editor):
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    response = client.get(f"{letter.get_absolute_url()}?lang=id")
    body = response.content.decode()
    assert "Korea Utara menolak surat dari Trump." in h1(body)
    assert '<html lang="id">' in body
    assert "django_language" not in response.cookies
    # An unknown code is ignored, not an error.
    other = client.get(f"{letter.get_absolute_url()}?lang=xx")
    assert other.status_code == 200
    assert "North Korea refused" in h1(other.content.decode())


def test_hreflang_links_each_version(client, letter, editor):
    url = f"{SITE}{letter.get_absolute_url()}"
    body = client.get(letter.get_absolute_url()).content.decode()
    assert "hreflang" not in body  # one version only: nothing to link
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    body = client.get(letter.get_absolute_url()).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="{url}?lang=en">' in body
    assert f'<link rel="alternate" hreflang="id" href="{url}?lang=id">' in body
    assert f'<link rel="alternate" hreflang="x-default" href="{url}">' in body
    assert f'<link rel="canonical" href="{url}">' in body
    versioned = client.get(f"{letter.get_absolute_url()}?lang=id").content.decode()
    assert f'<link rel="canonical" href="{url}?lang=id">' in versioned


def test_claim_review_in_language_per_version(client, letter, editor):
    url = f"{SITE}{letter.get_absolute_url()}"
    translate(
        letter,
        editor,
        statement="Korea Utara menolak surat dari Trump.",
        verdict_summary="NK News melaporkannya.",
    )
    english = claim_review(client, letter)
    assert english["inLanguage"] == "en"
    assert english["itemReviewed"]["inLanguage"] == "en"
    assert english["workTranslation"] == [{"@id": f"{url}?lang=id", "inLanguage": "id"}]
    client.cookies["django_language"] = "id"
    indonesian = claim_review(client, letter)
    assert indonesian["inLanguage"] == "id"
    assert indonesian["url"] == f"{url}?lang=id"
    assert indonesian["claimReviewed"] == "Korea Utara menolak surat dari Trump."
    assert indonesian["reviewBody"] == "NK News melaporkannya."
    assert indonesian["translationOfWork"] == {"@id": url}
    assert indonesian["itemReviewed"]["inLanguage"] == "en"  # the claim's own


@override_settings(CLAIMDESK_PAGE_CACHE_SECONDS=300)
def test_cached_page_changes_when_a_translation_is_written(client, letter, editor):
    path = f"{letter.get_absolute_url()}?lang=id"
    first = client.get(path)
    assert NOTE_ID in first.content.decode()
    assert client.get(path).content == first.content  # served from the page cache
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    second = client.get(path)
    assert "Korea Utara menolak surat" in second.content.decode()
    assert second["ETag"] != first["ETag"]
    revalidated = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 200


@override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=300)
def test_cards_read_in_the_readers_language(client, letter, editor):
    other = ClaimFactory(published=True, statement="The bridge opened in 1932.")
    client.cookies["django_language"] = "id"
    client.get("/claims/")  # cards cached
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    body = client.get("/claims/").content.decode()
    assert 'lang="id">Korea Utara menolak surat dari Trump.</a>' in body
    assert f'lang="en">{other.statement}</a>' in body
    assert body.count("untranslated--card") == 1


def test_tag_names_in_the_readers_language(client, letter, editor):
    tag = Tag.objects.get(name="diplomacy")
    tag.translations = {"id": {"name": "diplomasi"}}
    services.tag_save(tag=tag, by=editor)
    client.cookies["django_language"] = "id"
    body = client.get(letter.get_absolute_url()).content.decode()
    assert ">diplomasi</a>" in body
    client.cookies["django_language"] = "en"
    assert ">diplomacy</a>" in client.get(letter.get_absolute_url()).content.decode()


def test_api_gives_the_readers_text_and_every_translation(client, letter, editor):
    translate(letter, editor, statement="Korea Utara menolak surat dari Trump.")
    data = client.get(
        f"/api/claims/{letter.pk}/", headers={"Accept-Language": "id"}
    ).json()
    assert data["statement"] == letter.statement  # the original stays data
    assert data["language"] == "en"
    assert data["text"]["statement"] == "Korea Utara menolak surat dari Trump."
    assert data["text"]["language"] == "id"
    assert data["text"]["is_translated"] is True
    assert data["text"]["verdict_summary_language"] == "en"
    assert data["translations"]["id"]["statement"].startswith("Korea Utara")
    listed = client.get("/api/claims/", headers={"Accept-Language": "en"}).json()
    item = next(c for c in listed["results"] if c["id"] == letter.pk)
    assert item["text"]["statement"] == letter.statement
    assert item["text"]["is_translated"] is True  # English is its own language


def test_switching_language_drops_the_lang_parameter(client, letter):
    response = client.post(
        "/language/",
        {"language": "en", "next": f"{letter.get_absolute_url()}?lang=id&x=1"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{letter.get_absolute_url()}?x=1"
