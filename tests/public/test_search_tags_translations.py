"""Search by a topic's name, in either language, and by a claim's translation: the
vector (PostgreSQL, migration 0035) or the substring fallback (SQLite) holds tag
names in every language, verdict summaries and translations, and follows every
write that changes them: a tag linked or unlinked on the desk's claim page, a tag
renamed or translated on its own page, a translation added, edited or deleted."""

import pytest
from django.db import connection
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimTranslation, Tag
from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    SourceAliasFactory,
    SourceFactory,
    TagFactory,
    rating,
)

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="search vectors are PostgreSQL's"
)


def found(text, queryset=None):
    return {c.pk for c in (queryset or Claim.objects.published()).search(text)}


def listed(client, text, **params):
    """The statements the public list shows for ``text``."""
    page = client.get(reverse("claims:claim-list"), {"q": text, **params})
    assert page.status_code == 200
    return page.text


def test_a_topic_of_any_size_is_found_by_its_name(fact_checker, client):
    """The old limit ORed a tag's claims in only up to 2,000 of them: past it,
    "inflation" found only the claims that said the word."""
    claims = services.claims_bulk_create(
        rows=[
            {"statement": f"Prices of item {i} went up.", "tags": ["Inflation"]}
            for i in range(2_001)
        ],
        by=fact_checker,
    )
    ClaimFactory(published=True, statement="Rice harvest was good.")
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        status="published", published_at="2025-01-01T00:00Z"
    )
    assert len(found("inflation")) == 2_001
    assert "Prices of item 2000 went up." in listed(client, "inflation")


def test_a_tag_found_by_its_translated_name_and_through_an_alias(client):
    korea = SourceFactory(name="North Korea")
    SourceAliasFactory(source=korea, name="Korut")
    tag = TagFactory(name="Sanctions", translations={"id": {"name": "Sanksi"}})
    claim = ClaimFactory(published=True, statement="Fuel went up.")
    claim.tags.add(tag)
    filed = ClaimFactory(published=True, statement="The talks ended.")
    filed.tags.add(TagFactory(name="North Korea"))
    ClaimFactory(published=True, statement="Rice prices rose.")
    assert found("sanksi") == {claim.pk}
    assert found("Sanctions") == {claim.pk}
    assert found("Korut") == {filed.pk}  # another name of the tag's source
    # words of the tag and of the statement together
    assert found("fuel sanctions") == {claim.pk}
    assert found("rice sanctions") == set()
    page = listed(client, "sanksi", lang="id")
    assert "Fuel went up." in page and "Rice prices" not in page


def test_tags_added_and_removed_on_the_claim_page_follow_search(client, editor):
    claim = ClaimFactory(researching=True, statement="Fuel went up.")
    tag = TagFactory(name="Subsidies", translations={"id": {"name": "Subsidi"}})
    desk = Claim.objects.all()
    assert found("subsidies", desk) == set()
    client.force_login(editor)
    response = client.post(change_url(claim), claim_form_data(claim, tags=[tag.pk]))
    assert response.status_code == 302, response.context["errors"]
    assert found("subsidies", desk) == {claim.pk}
    assert found("subsidi", desk) == {claim.pk}
    # the desk's own search box finds it too
    listing = client.get(reverse("admin:claims_claim_changelist"), {"q": "subsidi"})
    assert "Fuel went up." in listing.text
    claim.refresh_from_db()
    response = client.post(change_url(claim), claim_form_data(claim, tags=[]))
    assert response.status_code == 302, response.context["errors"]
    assert found("subsidies", desk) == set()
    assert found("subsidi", desk) == set()


def test_a_tag_renamed_or_translated_on_its_page_follows_search(client, superuser):
    tag = TagFactory(name="Fisheries")
    claims = [ClaimFactory(published=True, statement=f"Catch {i}.") for i in range(3)]
    for claim in claims:
        claim.tags.add(tag)
    every = {c.pk for c in claims}
    assert found("fisheries") == every
    client.force_login(superuser)
    url = reverse("admin:claims_tag_change", args=[tag.pk])
    response = client.post(url, {"name": "Fishing", "name__id": "Perikanan"})
    assert response.status_code == 302
    assert found("fisheries") == set()
    assert found("fishing") == every
    assert found("perikanan") == every
    response = client.post(url, {"name": "Fishing", "name__id": "Nelayan"})
    assert response.status_code == 302
    assert found("perikanan") == set()
    assert found("nelayan") == every
    # deleting the tag unfiles its claims
    Tag.objects.filter(pk=tag.pk).delete()
    assert found("fishing") == set()


def test_a_translation_is_searched_and_follows_its_edits(
    client, fact_checker, superuser
):
    claim = ClaimFactory(
        published=True,
        statement="Trump sent a letter.",
        verdict=rating("false"),
        verdict_summary="No letter was sent.",
    )
    ClaimFactory(published=True, statement="Rice prices rose.")
    assert found("surat") == set()
    services.claim_translation_add(
        claim=claim,
        by=fact_checker,
        language="id",
        statement="Trump mengirim surat.",
        verdict_summary="Pejabat Korea Utara menolaknya.",
    )
    assert found("surat") == {claim.pk}  # the translated statement
    assert found("pejabat menolaknya") == {claim.pk}  # the translated summary
    assert found("letter sent") == {claim.pk}  # the original summary
    page = listed(client, "surat", lang="id")
    assert "Trump mengirim surat." in page and "Rice prices" not in page
    # Changing published translated text is a correction; on an unpublished
    # claim it is an edit.
    draft = ClaimFactory(researching=True, statement="Fuel went up.")
    services.claim_translation_add(
        claim=draft, by=fact_checker, language="id", statement="Harga solar naik."
    )
    desk = Claim.objects.all()
    assert found("solar", desk) == {draft.pk}
    services.claim_translation_add(
        claim=draft, by=fact_checker, language="id", statement="Harga bensin naik."
    )
    assert found("solar", desk) == set()
    assert found("bensin", desk) == {draft.pk}
    services.claim_record_delete(
        record=ClaimTranslation.objects.get(claim=draft), by=superuser
    )
    assert found("bensin", desk) == set()
    assert found("surat") == {claim.pk}  # the other claim's is untouched


def test_a_translation_added_on_the_claim_page_is_searched(client, fact_checker):
    claim = ClaimFactory(researching=True, statement="Trump sent a letter.")
    client.force_login(fact_checker)
    data = claim_form_data(claim)
    data.update(
        {
            "translations-TOTAL_FORMS": 1,
            "translations-0-language": "id",
            "translations-0-statement": "Trump mengirim surat.",
            "translations-0-verdict_summary": "",
            "translations-0-notes": "",
        }
    )
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.context["errors"]
    listing = client.get(reverse("admin:claims_claim_changelist"), {"q": "mengirim"})
    assert "Trump sent a letter." in listing.text


def test_a_verdict_summary_edit_follows_search(editor):
    claim = ClaimFactory(researching=True, statement="Fuel went up.")
    desk = Claim.objects.all()
    Claim.objects.filter(pk=claim.pk).update(verdict_summary="Prices were frozen.")
    assert found("frozen", desk) == {claim.pk}
    Claim.objects.filter(pk=claim.pk).update(verdict_summary="")
    assert found("frozen", desk) == set()


@postgres_only
def test_the_backfill_gives_the_vector_the_triggers_give(fact_checker):
    """Migration 0035's set-based fill (also generate_synthetic's) computes what
    the triggers computed, part for part."""
    claimant = SourceFactory(name="Badan Pusat Statistik")
    SourceAliasFactory(source=claimant, name="BPS")
    claim = ClaimFactory(
        published=True,
        claimant=claimant,
        statement="Inflation fell to 2 percent.",
        attribution="in a speech",
        attribution_chain=[{"name": "Retno Marsudi", "role": "menteri"}],
        verdict=rating("false"),
        verdict_summary="It rose.",
    )
    AppearanceFactory(
        claim=claim,
        document=DocumentFactory(text="Inflasi turun.", language="id"),
        quote="Inflasi turun",
    )
    claim.tags.add(TagFactory(name="Economy", translations={"id": {"name": "Ekonomi"}}))
    claim.tags.add(TagFactory(name="Prices"))
    services.claim_translation_add(
        claim=claim,
        by=fact_checker,
        language="id",
        statement="Inflasi turun menjadi 2 persen.",
        verdict_summary="Naik.",
    )
    bare = ClaimFactory(published=True, claimant=None, statement="Bare.")

    def vectors():
        return dict(
            Claim.objects.filter(pk__in=[claim.pk, bare.pk]).values_list(
                "pk", "search_vector"
            )
        )

    by_triggers = vectors()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET search_vector = 'stale'::tsvector")
        cursor.execute("SELECT claims_claim_search_vectors_fill(0)")
    assert vectors() == by_triggers
    for part in ("BPS", "speech", "Retno", "rose", "inflasi", "ekonomi", "prices"):
        assert claim.pk in found(part), part
