"""Merging duplicates through the desk: the lists' "Merge the two selected…"
action, the confirmation page (what moves, what stays, swap, the public note),
the claim and source pages' merge panels, and who may merge."""

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import (
    Claim,
    ClaimMerge,
    Correction,
    Evidence,
    ReviewEvent,
    Source,
    SourceAlias,
    SourceMerge,
    Status,
)
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def changelist(model):
    return reverse(f"admin:claims_{model._meta.model_name}_changelist")


def merge_url(obj, into=None):
    url = reverse(f"admin:claims_{obj._meta.model_name}_merge", args=[obj.pk])
    return f"{url}?into={into.pk}" if into is not None else url


def select(client, model, *objs):
    return client.post(
        changelist(model),
        {"action": "merge_selected", "_selected_action": [o.pk for o in objs]},
    )


@pytest.fixture
def ed_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def fc_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture
def duplicate():
    """An older claim in research and a newer duplicate with a quote, evidence,
    a note and a review event of its own."""
    older = ClaimFactory(researching=True, statement="Unemployment fell in 2019.")
    newer = ClaimFactory(researching=True, statement="Jobless rate dropped in 2019.")
    AppearanceFactory(claim=newer)
    EvidenceFactory(claim=newer, excerpt="Table 9")
    NoteFactory(claim=newer, body="Called the statistics office.")
    return older, newer


def test_editor_merges_two_selected_claims(ed_client, editor, duplicate):
    older, newer = duplicate
    response = select(ed_client, Claim, older, newer)
    # The older claim is proposed as the survivor.
    assert response.status_code == 302
    assert response["Location"] == merge_url(newer, older)

    page = ed_client.get(response["Location"])
    assert page.status_code == 200
    html = page.text
    assert "Jobless rate dropped in 2019." in html
    assert "Unemployment fell in 2019." in html
    assert '<th scope="row">appearances (quotes)</th><td>1</td><td>0</td>' in html
    assert '<th scope="row">evidence</th><td>1</td><td>0</td>' in html
    assert f"Swap: keep #{newer.pk} instead" in html
    assert merge_url(older, newer) in html

    response = ed_client.post(merge_url(newer), {"into": older.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:claims_claim_change", args=[older.pk]
    )
    assert "Merged “Jobless rate dropped in 2019.” into" in response.text
    assert older.evidence.count() == 1 and older.appearances.count() == 1
    assert Claim.objects.get(pk=newer.pk).is_archived
    # The survivor's page lists the merged claim and its review history.
    assert "Claims merged into this one:" in response.text
    assert f"#{newer.pk} Jobless rate dropped in 2019." in response.text
    assert "Review history of the merged claims" in response.text
    assert "Merged into another claim" in response.text
    # The merged claim's page says where it went.
    merged_page = ed_client.get(reverse("admin:claims_claim_change", args=[newer.pk]))
    assert "Merged into" in merged_page.text
    assert f"#{older.pk} Unemployment fell in 2019." in merged_page.text


def test_the_survivor_history_page_shows_the_merge(ed_client, editor, duplicate):
    older, newer = duplicate
    ed_client.post(merge_url(newer), {"into": older.pk})
    html = ed_client.get(reverse("admin:claims_claim_history", args=[older.pk])).text
    assert f"merged #{newer.pk} into #{older.pk}" in html
    assert "Evidence" in html  # the evidence that arrived, in the related history


def test_the_claim_page_offers_merge_into(ed_client, duplicate):
    older, newer = duplicate
    html = ed_client.get(reverse("admin:claims_claim_change", args=[newer.pk])).text
    assert "Merge this claim into another…" in html
    assert merge_url(newer) in html
    # Without a survivor the page asks for its id; a wrong one is said so.
    asked = ed_client.get(merge_url(newer)).text
    assert "Id of the claim that survives" in asked
    for junk in ("abc", "99999999", str(10**30)):
        response = ed_client.get(merge_url(newer), {"into": junk})
        assert response.status_code == 200
        assert "No such one" in response.text
    # a NUL byte is the site's 400, as everywhere
    assert ed_client.get(merge_url(newer), {"into": "1\x00"}).status_code == 400
    # "#12" is read as 12
    response = ed_client.get(merge_url(newer), {"into": f"#{older.pk}"})
    assert "What happens to each kind of row" in response.text


def test_junk_ids_are_not_found(ed_client):
    for junk in ("abc", str(10**30)):
        url = reverse("admin:claims_claim_merge", args=[junk])
        assert ed_client.get(url).status_code == 404


def test_select_exactly_two(ed_client, duplicate):
    older, newer = duplicate
    third = ClaimFactory()
    for chosen in ((older,), (older, newer, third)):
        response = select(ed_client, Claim, *chosen)
        assert response.status_code == 302
        assert "Select exactly two to merge." in ed_client.get(changelist(Claim)).text
    assert not ClaimMerge.objects.exists()


def test_fact_checkers_cannot_merge(fc_client, duplicate):
    older, newer = duplicate
    html = fc_client.get(changelist(Claim)).text
    assert "merge_selected" not in html
    assert fc_client.get(merge_url(newer, older)).status_code == 403
    assert fc_client.post(merge_url(newer), {"into": older.pk}).status_code == 403
    assert (
        "Merge this claim into another"
        not in fc_client.get(reverse("admin:claims_claim_change", args=[newer.pk])).text
    )
    assert not ClaimMerge.objects.exists()


def test_a_published_survivor_asks_for_a_public_note(ed_client, editor):
    survivor = ClaimFactory(published=True, statement="Published original.")
    merged = ClaimFactory(researching=True, statement="New duplicate.")
    EvidenceFactory(claim=merged)
    ClaimDateFactory(claim=merged, start=dt.date(2018, 1, 1))
    # Selected together, the published claim is proposed as the survivor.
    assert select(ed_client, Claim, merged, survivor)["Location"] == merge_url(
        merged, survivor
    )
    html = ed_client.get(merge_url(merged, survivor)).text
    assert "This changes a published page:" in html
    response = ed_client.post(merge_url(merged), {"into": survivor.pk, "note": ""})
    assert response.status_code == 200
    assert "write the public note" in response.text
    assert not ClaimMerge.objects.exists()
    assert Evidence.objects.get().claim == merged

    ed_client.post(
        merge_url(merged), {"into": survivor.pk, "note": "A duplicate of this check."}
    )
    survivor.refresh_from_db()
    assert survivor.status == Status.CORRECTED
    assert Correction.objects.get(claim=survivor).note == "A duplicate of this check."


def test_a_refused_merge_shows_why_and_offers_no_button(ed_client):
    survivor = ClaimFactory(researching=True)
    published = ClaimFactory(published=True)
    html = ed_client.get(merge_url(published, survivor)).text
    assert "cd-merge-refusal" in html and "publish #" in html
    assert 'name="_merge"' not in html
    response = ed_client.post(merge_url(published), {"into": survivor.pk})
    assert response.status_code == 200
    assert not ClaimMerge.objects.exists()


def test_the_review_history_list_shows_merge_events(ed_client, duplicate):
    older, newer = duplicate
    ed_client.post(merge_url(newer), {"into": older.pk})
    actions = set(
        ReviewEvent.objects.filter(claim__in=[older, newer]).values_list(
            "action", flat=True
        )
    )
    assert {"claim.merged", "claim.merged_in"} <= actions


# --- Sources -------------------------------------------------------------------------


def test_the_source_page_suggests_its_duplicates(ed_client):
    widodo = SourceFactory(name="Joko Widodo", kind="person")
    jokowi = SourceFactory(name="Jokowi", kind="person")
    SourceFactory(name="Joe Biden", kind="person")
    html = ed_client.get(reverse("admin:claims_source_change", args=[jokowi.pk])).text
    assert "possible duplicates" in html.lower()
    assert "Joko Widodo" in html
    assert "a nickname made of the name&#x27;s syllables" in html
    assert "Joe Biden" not in html
    assert merge_url(jokowi, widodo).replace("&", "&amp;") in html
    assert merge_url(widodo, jokowi).replace("&", "&amp;") in html


def test_the_source_page_finds_the_duplicate_among_many_names_alike(ed_client):
    """Hundreds of outlets and people named with "Lip…" come before "Liputan6"
    (in id order the old 500-candidate cap dropped it), some with aliases that
    start alike too: the candidates are ranked by likeness before any cap."""
    Source.objects.bulk_create(
        Source(name=f"Liputan Daerah {i} {w}", slug=f"decoy-{i}", kind="outlet")
        for i, w in enumerate(["Kita", "Warga", "Pagi", "Kota"] * 160)
    )
    Source.objects.bulk_create(
        Source(name=f"Lipa Bamira {i}", slug=f"decoy-p-{i}", kind="person")
        for i in range(200)
    )
    SourceAlias.objects.bulk_create(
        SourceAlias(source=s, name=f"Liputan {s.pk} Sore")
        for s in Source.objects.filter(slug__startswith="decoy-p-")
    )
    outlet = SourceFactory(name="Liputan6", kind="outlet")
    dotcom = SourceFactory(name="liputan6.com", kind="outlet")
    SourceFactory(name="Liputan6 Lama", kind="outlet", is_archived=True)

    html = ed_client.get(reverse("admin:claims_source_change", args=[dotcom.pk])).text
    assert merge_url(dotcom, outlet).replace("&", "&amp;") in html
    assert "a web address of the same name" in html
    assert "Liputan6 Lama" not in html
    assert "Liputan Daerah" not in html  # alike, but not the same outlet


def test_editor_merges_two_selected_sources(ed_client):
    widodo = SourceFactory(name="Joko Widodo", kind="person")
    jokowi = SourceFactory(name="Jokowi", kind="person")
    ClaimFactory(claimant=jokowi)
    DocumentFactory(publisher=jokowi)
    response = select(ed_client, Source, widodo, jokowi)
    assert response["Location"] == merge_url(jokowi, widodo)
    html = ed_client.get(response["Location"]).text
    assert '<th scope="row">claims it made</th><td>1</td><td>0</td>' in html
    assert "“Jokowi” becomes an alias of the survivor." in html
    assert "Public note" not in html

    response = ed_client.post(merge_url(jokowi), {"into": widodo.pk}, follow=True)
    assert "Merged “Jokowi” into “Joko Widodo”." in response.text
    assert SourceMerge.objects.get().into == widodo
    assert list(widodo.aliases.values_list("name", flat=True)) == ["Jokowi"]
    assert widodo.claims.count() == 1 and widodo.documents.count() == 1
    merged_page = ed_client.get(reverse("admin:claims_source_change", args=[jokowi.pk]))
    assert "Merged into" in merged_page.text


def test_fact_checkers_do_not_merge_sources(fc_client):
    a = SourceFactory(name="Liputan6", kind="outlet")
    b = SourceFactory(name="liputan6.com", kind="outlet")
    html = fc_client.get(reverse("admin:claims_source_change", args=[b.pk])).text
    assert "Liputan6" in html and "merge it into this one" not in html
    assert fc_client.get(merge_url(b, a)).status_code == 403
    assert not SourceMerge.objects.exists()


def test_the_merge_page_in_indonesian(ed_client, duplicate):
    older, newer = duplicate
    ed_client.cookies["django_language"] = "id"
    html = ed_client.get(merge_url(newer, older)).text
    assert "Apa yang terjadi pada setiap jenis baris" in html
    assert "pindah ke yang dipertahankan" in html
    assert f"Tukar: pertahankan #{newer.pk}" in html
