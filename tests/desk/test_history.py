"""The History button: every admin write path leaves history; the page shows what
changed (long texts word by word); editors restore unpublished versions."""

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence, Source
from desk.history import word_diff
from tests.desk.test_admin import change_url, claim_form_data, messages_of
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def history_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])


def version_url(obj, version):
    meta = obj._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history",
        args=[obj.pk, version.history_id],
    )


def test_admin_change_form_leaves_history_with_the_user(client, fact_checker):
    claim = ClaimFactory(researching=True, statement="Rice prices doubled.")
    client.force_login(fact_checker)
    response = client.post(
        change_url(claim), claim_form_data(claim, statement="Rice prices tripled.")
    )
    assert response.status_code == 302
    latest = claim.history.latest("history_date", "history_id")
    assert latest.statement == "Rice prices tripled."
    assert latest.history_user == fact_checker


def test_admin_inline_leaves_history(client, fact_checker):
    claim = ClaimFactory(researching=True)
    client.force_login(fact_checker)
    data = claim_form_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-stance": "refutes",
            "evidence-0-url": "https://stats.example.org/rice",
        },
    )
    assert client.post(change_url(claim), data).status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    (version,) = evidence.history.all()
    assert version.history_user == fact_checker
    assert version.url == "https://stats.example.org/rice"


def test_admin_bulk_action_leaves_history(client, fact_checker):
    claims = ClaimFactory.create_batch(2)
    client.force_login(fact_checker)
    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign_to_me", "_selected_action": [c.pk for c in claims]},
    )
    for claim in claims:
        latest = claim.history.latest("history_date", "history_id")
        assert latest.assignee_id == fact_checker.pk
        assert latest.history_user == fact_checker


def test_source_admin_save_leaves_history(client, editor):
    source = SourceFactory(name="NK News")
    client.force_login(editor)
    data = {
        "name": "NK News (Seoul)",
        "kind": source.kind,
        "country": "",
        "homepage": "",
        "description": "",
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
    }
    response = client.post(
        reverse("admin:claims_source_change", args=[source.pk]), data
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = Source.objects.get(pk=source.pk).history.latest("history_date")
    assert latest.name == "NK News (Seoul)"
    assert latest.history_user == editor


def test_history_page_shows_old_and_new_values_and_who(client, editor, fact_checker):
    claim = ClaimFactory(researching=True, attribution="NK News")
    client.force_login(fact_checker)
    client.post(
        change_url(claim),
        claim_form_data(claim, attribution="NK News, citing a diplomat"),
    )
    client.force_login(editor)
    body = " ".join(client.get(history_url(claim)).content.decode().split())
    assert (
        "<strong>Attribution:</strong> NK News &nbsp;&rarr;&nbsp;&nbsp;"
        "NK News, citing a diplomat" in body
    )
    assert fact_checker.username in body


def test_long_texts_are_compared_word_by_word():
    old = "The minister said exports rose forty percent in the first half of 2023."
    new = "The minister said exports rose four percent in the first half of 2023."
    before, after = word_diff(old * 2, new * 2)
    assert "<del>forty</del>" in before and "<ins>four</ins>" in after
    assert "<del>minister" not in before


def test_word_diff_escapes_markup():
    _before, after = word_diff("<b>x</b> " * 20, "<script>alert(1)</script> " * 20)
    assert "<script>" not in after and "&lt;script&gt;" in after


def test_claim_history_includes_its_evidence_and_notes(client, editor):
    claim = ClaimFactory(researching=True)
    evidence = EvidenceFactory(claim=claim, excerpt="first reading")
    evidence.excerpt = "second reading"
    evidence.save()
    client.force_login(editor)
    body = client.get(history_url(claim)).content.decode()
    assert "Changes to what the claim rests on" in body
    assert "second reading" in body and "first reading" in body


def test_editor_restores_an_unpublished_version(client, editor, fact_checker):
    claim = ClaimFactory(researching=True, statement="Exports rose 40%.")
    client.force_login(fact_checker)
    client.post(change_url(claim), claim_form_data(claim, statement="Exports fell."))
    claim.refresh_from_db()
    assert claim.statement == "Exports fell."
    original = claim.history.earliest("history_date", "history_id")

    client.force_login(editor)
    page = client.get(version_url(claim, original))
    assert page.status_code == 200
    assert "Revert" in page.content.decode()
    form = page.context["adminform"].form
    data = claim_form_data(claim, statement=form.initial.get("statement", ""))
    data["statement"] = form["statement"].value()
    data["loaded_version"] = form["loaded_version"].value()
    response = client.post(version_url(claim, original), data)
    assert response.status_code == 302, messages_of(response)

    claim.refresh_from_db()
    assert claim.statement == "Exports rose 40%."
    assert claim.status == "researching"  # a restore never moves the workflow
    latest = claim.history.latest("history_date", "history_id")
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Restored the version of")


def test_a_published_claim_cannot_be_restored(client, editor):
    claim = ClaimFactory(published=True)
    first = claim.history.earliest("history_date", "history_id")
    client.force_login(editor)
    page = client.get(version_url(claim, first))
    assert page.status_code == 200
    assert 'value="Revert"' not in page.content.decode()
    response = client.post(version_url(claim, first), claim_form_data(claim))
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_a_fact_checker_cannot_restore(client, fact_checker):
    claim = ClaimFactory(researching=True)
    first = claim.history.earliest("history_date", "history_id")
    client.force_login(fact_checker)
    response = client.post(version_url(claim, first), claim_form_data(claim))
    assert response.status_code == 403


@pytest.mark.parametrize("ids", [("abc", "1"), ("1", "x%00"), ("1", "9" * 23)])
def test_junk_version_urls_are_refused(client, editor, ids):
    client.force_login(editor)
    url = f"/admin/claims/claim/{ids[0]}/history/{ids[1]}/"
    assert client.get(url).status_code in (400, 403, 404)  # 400: a NUL


@pytest.mark.parametrize("junk", ["%00", "abc", "9" * 23])
@pytest.mark.parametrize("model", ["claim", "source", "document", "tag", "rating"])
def test_junk_ids_on_history_pages_are_404(client, editor, junk, model):
    client.force_login(editor)
    expected = 400 if junk == "%00" else 404  # a NUL is refused before any view
    assert client.get(f"/admin/claims/{model}/{junk}/history/").status_code == expected
