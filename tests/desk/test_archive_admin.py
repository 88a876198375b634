"""Archiving and restoring from the desk: the changelists' bulk actions, the
archived filter, the notes inline's box, and who may still delete."""

import pytest
from django.urls import reverse

from claims.models import Claim, Document, Note, Source
from tests.edits import loaded
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    NoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def changelist(model):
    return reverse(f"admin:claims_{model._meta.model_name}_changelist")


def act(client, model, action, *objs, query=""):
    return client.post(
        changelist(model) + query,
        {"action": action, "_selected_action": [o.pk for o in objs]},
        follow=True,
    )


@pytest.fixture
def fc_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture
def ed_client(client, editor):
    client.force_login(editor)
    return client


def test_fact_checker_archives_and_restores_sources(fc_client, fact_checker):
    shown = SourceFactory(name="Shown Ministry")
    ClaimFactory(published=True, claimant=shown)
    unused = SourceFactory(name="Unused Ministry")

    response = act(fc_client, Source, "archive_selected", shown, unused)
    assert "Archive: 1 done." in response.text
    assert "1 refused:" in response.text
    assert "“Shown Ministry”: “Shown Ministry” cannot be archived" in response.text
    assert "1 published claim shows it" in response.text
    assert Source.objects.get(pk=unused.pk).is_archived
    assert not Source.objects.get(pk=shown.pk).is_archived
    version = unused.history.latest("history_date", "history_id")
    assert version.history_user == fact_checker and version.is_archived

    # Hidden from the list by default; the archived filter shows it.
    assert "Unused Ministry" not in fc_client.get(changelist(Source)).text
    assert "Unused Ministry" in fc_client.get(changelist(Source) + "?archived=yes").text

    response = act(fc_client, Source, "restore_selected", unused, query="?archived=yes")
    assert "Restore: 1 done." in response.text
    assert not Source.objects.get(pk=unused.pk).is_archived


def test_editor_archives_and_restores_documents(ed_client):
    quoted = DocumentFactory(title="Quoted article")
    AppearanceFactory(claim=ClaimFactory(published=True), document=quoted)
    draft = DocumentFactory(title="Draft article")

    response = act(ed_client, Document, "archive_selected", quoted, draft)
    assert "Archive: 1 done." in response.text
    assert "quoted or cited as evidence" in response.text
    assert Document.objects.get(pk=draft.pk).is_archived
    assert not Document.objects.get(pk=quoted.pk).is_archived
    assert "Draft article" not in ed_client.get(changelist(Document)).text

    response = act(
        ed_client, Document, "restore_selected", draft, query="?archived=all"
    )
    assert "Restore: 1 done." in response.text
    assert not Document.objects.get(pk=draft.pk).is_archived


def test_claims_restore_action(fc_client):
    claim = ClaimFactory(researching=True, statement="Archived by mistake")
    act(fc_client, Claim, "archive", claim)
    assert Claim.objects.get(pk=claim.pk).is_archived
    response = act(fc_client, Claim, "restore", claim, query="?archived=yes")
    assert "Restore: 1 claim done." in response.text
    claim = Claim.objects.get(pk=claim.pk)
    assert not claim.is_archived
    assert claim.events.filter(action="claim.restored").exists()


def test_published_claim_is_refused_by_the_archive_action(ed_client):
    claim = ClaimFactory(published=True)
    response = act(ed_client, Claim, "archive", claim)
    assert "1 claim refused:" in response.text
    assert "retract it instead" in response.text


def test_source_form_refuses_the_archived_box_with_the_reason(fc_client):
    source = SourceFactory(name="Shown Ministry")
    ClaimFactory(published=True, claimant=source)
    url = reverse("admin:claims_source_change", args=[source.pk])
    data = loaded(fc_client.get(url))
    data["is_archived"] = "on"
    response = fc_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "1 published claim shows it" in response.text
    assert not Source.objects.get(pk=source.pk).is_archived


def test_notes_inline_archives_a_note(fc_client, fact_checker):
    claim = ClaimFactory(researching=True)
    note = NoteFactory(claim=claim, is_public=True, body="Draft write-up.")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = loaded(fc_client.get(url))
    assert "notes-0-is_archived" in fc_client.get(url).text
    data["notes-0-is_archived"] = "on"
    response = fc_client.post(url, data)
    assert response.status_code == 302, response.text
    note = Note.objects.get(pk=note.pk)
    assert note.is_archived
    assert note.history.latest("history_date", "history_id").history_user == (
        fact_checker
    )


def test_published_claims_public_note_box_is_read_only(ed_client):
    claim = ClaimFactory(published=True)
    NoteFactory(claim=claim, is_public=True)
    text = ed_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    # Disabled: archiving a public note of a published claim is a correction.
    assert 'name="notes-0-is_archived" disabled' in text


@pytest.mark.parametrize("model", [Source, Document])
def test_only_superusers_delete_sources_and_documents(
    client, model, fact_checker, editor, superuser
):
    obj = SourceFactory() if model is Source else DocumentFactory(publisher=None)
    delete = reverse(f"admin:claims_{model._meta.model_name}_delete", args=[obj.pk])
    for user in (fact_checker, editor):
        client.force_login(user)
        assert client.post(delete, {"post": "yes"}).status_code == 403
        actions = client.get(changelist(model)).context["action_form"]
        names = {name for name, _label in actions.fields["action"].choices}
        assert "delete_selected" not in names
        assert {"archive_selected", "restore_selected"} <= names
    client.force_login(superuser)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
