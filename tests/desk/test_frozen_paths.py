"""Every way in that is not a correction leaves a published claim's public page as it
was: the admin's inlines and document form, the bulk actions, the importer, the
management commands and the API. (The change form itself: tests/desk/test_frozen.py.)
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, Correction, Document, Evidence
from tests.desk.test_admin import change_url
from tests.edits import loaded
from tests.factories import AppearanceFactory, ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def _public_view(client, claim):
    """What a reader gets of the claim: its page's text and its API record."""
    page = client.get(claim.get_absolute_url())
    api = client.get(reverse("api:claim-detail", args=[claim.pk]))
    assert page.status_code == api.status_code == 200
    return page.content, api.json()


def _frozen_claim():
    claim = ClaimFactory(published=True, statement="The original statement.")
    EvidenceFactory(claim=claim, excerpt="The original excerpt.")
    return Claim.objects.get(pk=claim.pk)


def test_editing_an_evidence_row_inline_changes_nothing(client, editor):
    claim = _frozen_claim()
    client.force_login(editor)
    data = loaded(client.get(change_url(claim)))
    prefix = next(k for k in data if k.endswith("-0-excerpt"))
    data[prefix] = "A rewritten excerpt."
    data[prefix.replace("-excerpt", "-DELETE")] = "on"

    client.post(change_url(claim), data)

    evidence = Evidence.objects.get(claim=claim)
    assert evidence.excerpt == "The original excerpt."
    assert not Correction.objects.exists()


def test_adding_evidence_inline_to_a_published_claim_is_refused(client, editor):
    claim = _frozen_claim()
    client.force_login(editor)
    data = loaded(client.get(change_url(claim)))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "evidence" in k)
    name = prefix.removesuffix("-TOTAL_FORMS")
    data[prefix] = int(data[prefix]) + 1
    data[f"{name}-1-excerpt"] = "An excerpt slipped in."
    data[f"{name}-1-stance"] = "supports"

    client.post(change_url(claim), data)

    assert Evidence.objects.filter(claim=claim).count() == 1


def test_a_quoted_documents_title_cannot_be_changed_in_its_form(client, editor):
    claim = _frozen_claim()
    document = AppearanceFactory(claim=claim).document
    client.force_login(editor)
    url = reverse("admin:claims_document_change", args=[document.pk])
    response = client.get(url)
    assert not {"title", "url"} & set(response.context["adminform"].form.fields)
    data = {**loaded(response), "title": "A rewritten title", "url": "https://x.test/"}

    response = client.post(url, data)

    assert response.status_code == 302
    stored = Document.objects.get(pk=document.pk)
    assert (stored.title, stored.url) == (document.title, document.url)


def test_importing_a_published_claim_again_changes_no_word_of_it(client, editor):
    from ingest.pipeline import analyse
    from ingest.services import article_import

    text = (
        "JAKARTA - Menteri Keuangan Sri Mulyani mengatakan ekspor naik 40 persen "
        "pada tahun 2023, lebih tinggi dari perkiraan para ekonom sebelumnya."
    )
    analysis = analyse(text.encode(), filename="a.txt", language="id")
    [candidate] = analysis.candidates
    published = ClaimFactory(published=True, statement=candidate.statement)
    sightings = published.appearances.count()
    before = _public_view(client, published)

    result = article_import(analysis=analysis, by=editor)

    assert [(c.pk, new) for c, new in result.claims] == [(published.pk, False)]
    again = Claim.objects.get(pk=published.pk)
    assert again.appearances.count() == sightings + 1
    fields = ("statement", "verdict_id", "verdict_summary", "status", "claimant_id")
    assert [getattr(again, f) for f in fields] == [
        getattr(published, f) for f in fields
    ]
    assert not Correction.objects.exists()
    page, api = _public_view(client, again)
    assert published.statement.encode() in page
    assert api["statement"] == before[1]["statement"]
    assert api["verdict"] == before[1]["verdict"]


def test_load_demo_again_does_not_rewrite_published_claims(client):
    call_command("load_demo", stdout=io.StringIO(), force=True)
    published = list(Claim.objects.published().order_by("pk"))
    before = [_public_view(client, claim) for claim in published]

    call_command("load_demo", stdout=io.StringIO(), force=True)

    assert [_public_view(client, claim) for claim in published] == before


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, editor, method):
    claim = _frozen_claim()
    client.force_login(editor)
    url = reverse("api:claim-detail", args=[claim.pk])

    response = getattr(client, method)(
        url, {"statement": "Rewritten."}, content_type="application/json"
    )

    assert response.status_code in (403, 405)
    assert Claim.objects.get(pk=claim.pk).statement == "The original statement."


def test_bulk_actions_on_a_published_claim_leave_its_page_alone(client, editor):
    claim = _frozen_claim()
    before = _public_view(client, claim)
    client.force_login(editor)
    changelist = reverse("admin:claims_claim_changelist")
    for action in ("assign_to_me", "archive", "action_submit", "action_publish"):
        client.post(
            changelist,
            {"action": action, "_selected_action": [claim.pk], "post": "yes"},
        )
    client.logout()

    claim = Claim.objects.get(pk=claim.pk)
    assert not claim.is_archived
    after = _public_view(client, claim)
    assert after == before
