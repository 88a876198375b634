"""Writing translations in the desk: the claim page's inline (through the
services), the frozen rule on a published claim, the claims list's
"translations missing" column and filter, and tag and rating translations."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimTranslation, Rating, Tag
from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import ClaimFactory, TagFactory, shown_version

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")


def with_translation(claim, row, initial=0):
    data = claim_form_data(claim)
    data["translations-TOTAL_FORMS"] = 1
    data["translations-INITIAL_FORMS"] = initial
    data.update({f"translations-0-{k}": v for k, v in row.items()})
    return data


def version(claim):
    return Claim.objects.values_list("page_version", flat=True).get(pk=claim.pk)


def test_fact_checker_adds_a_translation_on_the_claim_page(client, fact_checker):
    claim = ClaimFactory(researching=True, statement="Trump sent a letter.")
    client.force_login(fact_checker)
    page = client.get(change_url(claim)).text
    assert "translations-TOTAL_FORMS" in page
    before = version(claim)
    response = client.post(
        change_url(claim),
        with_translation(
            claim,
            {"language": "id", "statement": "Trump mengirim surat.", "notes": ""},
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    translation = ClaimTranslation.objects.get(claim=claim)
    assert (translation.language, translation.statement) == (
        "id",
        "Trump mengirim surat.",
    )
    assert translation.created_by == fact_checker
    assert translation.history.get().history_user == fact_checker
    assert version(claim) > before


def test_translation_in_the_claims_own_language_is_refused_on_the_form(
    client, fact_checker
):
    claim = ClaimFactory(researching=True, language="id")
    client.force_login(fact_checker)
    response = client.post(
        change_url(claim),
        with_translation(claim, {"language": "id", "statement": "Sama."}),
    )
    assert response.status_code == 200
    assert "The claim itself is written in this language" in response.text
    assert not ClaimTranslation.objects.exists()


def test_published_claim_takes_a_translation_but_keeps_its_text(client, editor):
    claim = ClaimFactory(published=True)
    client.force_login(editor)
    response = client.post(
        change_url(claim),
        with_translation(claim, {"language": "id", "statement": "Surat ditolak."}),
    )
    assert response.status_code == 302
    translation = ClaimTranslation.objects.get(claim=claim)
    # Changing what readers have seen: refused on the form, the typing kept.
    response = client.post(
        change_url(claim),
        with_translation(
            claim,
            {
                "id": translation.pk,
                "claim": claim.pk,
                "language": "id",
                "statement": "Surat diterima.",
            },
            initial=1,
        ),
    )
    assert response.status_code == 200
    assert "Readers have seen this translation" in response.text
    assert "Surat diterima." in response.text
    translation.refresh_from_db()
    assert translation.statement == "Surat ditolak."
    # Filling in a blank is an addition.
    response = client.post(
        change_url(claim),
        with_translation(
            claim,
            {
                "id": translation.pk,
                "claim": claim.pk,
                "language": "id",
                "statement": "Surat ditolak.",
                "verdict_summary": "Angka resminya 5,9 persen.",
            },
            initial=1,
        ),
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.verdict_summary == "Angka resminya 5,9 persen."


def test_claims_list_shows_and_filters_missing_translations(client, editor):
    untranslated = ClaimFactory(researching=True, statement="Nobody translated me.")
    translated = ClaimFactory(researching=True, statement="Somebody translated me.")
    indonesian = ClaimFactory(researching=True, language="id", statement="Klaim asli.")
    services.claim_translation_add(
        claim=translated, by=editor, language="id", statement="Sudah."
    )
    client.force_login(editor)
    page = client.get(CLAIMS).text
    assert "translations missing" in page.lower()
    missing_id = client.get(CLAIMS, {"translation": "missing:id"}).text
    assert untranslated.statement in missing_id
    assert translated.statement not in missing_id
    assert indonesian.statement not in missing_id
    missing_en = client.get(CLAIMS, {"translation": "missing:en"}).text
    assert indonesian.statement in missing_en
    assert untranslated.statement not in missing_en
    done = client.get(CLAIMS, {"translation": "translated:id"}).text
    assert translated.statement in done and untranslated.statement not in done
    # A made-up value filters nothing and fails nothing.
    assert client.get(CLAIMS, {"translation": "missing:xx"}).status_code == 200


def test_claims_list_queries_do_not_grow_with_translations(
    client, editor, django_assert_max_num_queries
):
    for n in range(5):
        claim = ClaimFactory(researching=True)
        services.claim_translation_add(
            claim=claim, by=editor, language="id", statement=f"Terjemahan {n}."
        )
    client.force_login(editor)
    client.get(CLAIMS)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get(CLAIMS)
    for n in range(10):
        claim = ClaimFactory(researching=True)
        services.claim_translation_add(
            claim=claim, by=editor, language="id", statement=f"Lagi {n}."
        )
    with django_assert_max_num_queries(len(five)):
        client.get(CLAIMS)


def test_tag_name_translated_in_its_own_field(client, editor, superuser):
    tag = TagFactory(name="diplomacy")
    claim = ClaimFactory(published=True)
    claim.tags.add(tag)
    client.force_login(superuser)
    url = reverse("admin:claims_tag_change", args=[tag.pk])
    page = client.get(url).text
    assert "name (Bahasa Indonesia)" in page
    before = shown_version(claim)
    response = client.post(url, {"name": "diplomacy", "name__id": "diplomasi"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.translations == {"id": {"name": "diplomasi"}}
    assert tag.localized_name("id") == "diplomasi"
    assert shown_version(claim) > before  # tag_save moved the pages showing it
    listing = reverse("admin:claims_tag_changelist")
    untranslated = TagFactory(name="economy")
    client.get(listing)  # shows (and uses up) the "changed successfully" message
    missing = client.get(listing, {"translation": "id"}).text
    assert untranslated.name in missing and ">diplomacy<" not in missing


def test_rating_label_translated_in_its_own_field(client, superuser):
    rating = Rating.objects.get(slug="false")
    client.force_login(superuser)
    url = reverse("admin:claims_rating_change", args=[rating.pk])
    page = client.get(url).text
    assert "label (Bahasa Indonesia)" in page
    data = {
        "label": rating.label,
        "slug": rating.slug,
        "description": rating.description,
        "value": rating.value or "",
        "order": rating.order,
        "colour": rating.colour,
        "is_active": "on",
        "label__id": "Keliru",
        "description__id": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.localized_label("id") == "Keliru"
    assert "description" not in rating.translations["id"]


def test_tag_translation_must_be_text(db):
    tag = Tag(name="x", translations={"id": "diplomasi"})
    with pytest.raises(Exception, match="language"):
        tag.full_clean(exclude=["slug"])


def test_claim_history_lists_translation_changes(client, editor):
    claim = ClaimFactory(researching=True)
    translation = services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Versi pertama."
    )
    translation.statement = "Versi kedua."
    services.claim_translation_save(translation=translation, by=editor)
    client.force_login(editor)
    url = reverse("admin:claims_claim_history", args=[claim.pk])
    page = client.get(url).text
    assert "Versi pertama." in page and "Versi kedua." in page
