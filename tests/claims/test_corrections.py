"""Published means frozen (claims/services/frozen.py), and a correction is the one
way its public fields and rows change (claims/services/corrections.py)."""

import pytest

from claims import services
from claims.models import Appearance, Claim, Evidence, Note, Status
from claims.services import WorkflowError
from tests.factories import (
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceFactory,
    rating,
)

pytestmark = pytest.mark.django_db


def reload(claim):
    return Claim.objects.get(pk=claim.pk)


@pytest.mark.parametrize("trait", ["published", "corrected", "retracted"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("statement", "A different statement."),
        ("language", "id"),
        ("attribution", "in a radio interview"),
        ("speech", "paraphrase"),
        ("verdict_summary", "Rewritten."),
    ],
)
def test_claim_save_refuses_public_fields_naming_the_field(trait, field, value, editor):
    claim = ClaimFactory(**{trait: True})
    before = getattr(reload(claim), field)
    setattr(claim, field, value)

    with pytest.raises(WorkflowError) as exc:
        services.claim_save(claim=claim, by=editor, expected_version=claim.version)

    [message] = exc.value.message_dict[field]
    label = Claim._meta.get_field(field).verbose_name
    assert f"“{label}”" in message and "correction" in message
    assert getattr(reload(claim), field) == before


def test_claim_save_refuses_a_new_claimant_on_a_published_claim(superuser):
    claim = ClaimFactory(published=True)
    claim.claimant = SourceFactory()
    with pytest.raises(WorkflowError) as exc:
        services.claim_save(claim=claim, by=superuser, expected_version=claim.version)
    assert "claimant" in exc.value.message_dict


def test_assignee_and_checkworthiness_stay_editable(editor):
    claim = ClaimFactory(published=True)
    claim.assignee = editor
    claim.checkworthiness = 0.1
    services.claim_save(claim=claim, by=editor, expected_version=claim.version)
    assert (reload(claim).assignee, reload(claim).checkworthiness) == (editor, 0.1)


def test_row_services_refuse_edits_and_deletes_of_a_published_claims_rows(superuser):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim)
    note = NoteFactory(claim=claim, is_public=True, body="How we checked.")
    evidence.excerpt = "changed"
    with pytest.raises(WorkflowError, match="evidence item cannot be changed"):
        services.evidence_save(evidence=evidence, by=superuser)
    note.body = "Rewritten"
    with pytest.raises(WorkflowError, match="public note cannot be changed"):
        services.note_save(note=note, by=superuser)
    with pytest.raises(WorkflowError, match="cannot be deleted"):
        services.claim_record_delete(record=evidence, by=superuser)
    assert Evidence.objects.get(pk=evidence.pk).excerpt != "changed"
    assert Note.objects.get(pk=note.pk).body == "How we checked."


def test_internal_notes_stay_editable_on_a_published_claim(editor):
    claim = ClaimFactory(published=True)
    note = NoteFactory(claim=claim, is_public=False, body="Call the ministry.")
    note.body = "Called the ministry."
    services.note_save(note=note, by=editor)
    assert Note.objects.get(pk=note.pk).body == "Called the ministry."
    note.is_public = True  # publishing it would change the page
    with pytest.raises(WorkflowError):
        services.note_save(note=note, by=editor)


def test_a_new_appearance_may_be_added_to_a_published_claim(editor):
    claim = ClaimFactory(published=True)
    document = DocumentFactory(text="He said unemployment fell again.")
    appearance = Appearance(
        claim=claim, document=document, quote="unemployment fell", start=8, end=25
    )
    services.appearance_save(appearance=appearance, by=editor)
    assert reload(claim).page_version == 2
    appearance.quote, appearance.start, appearance.end = "He said", 0, 7
    with pytest.raises(WorkflowError, match="appearance cannot be changed"):
        services.appearance_save(appearance=appearance, by=editor)


def test_document_title_and_url_are_frozen_while_a_published_claim_quotes_it(editor):
    claim = ClaimFactory(published=True)
    document = DocumentFactory(text="He said unemployment fell.")
    services.appearance_add(
        claim=claim, document=document, quote="unemployment fell", by=editor
    )
    document.title = "Another title"
    with pytest.raises(WorkflowError) as exc:
        services.document_save(document=document, by=editor)
    assert "title" in exc.value.message_dict


def test_correction_applies_every_change_and_records_before_and_after(editor):
    claim = ClaimFactory(published=True, tags=["economy"])
    evidence = EvidenceFactory(claim=claim, excerpt="Old excerpt")
    old_note = NoteFactory(claim=claim, is_public=True, body="Old method.")
    new_claimant = SourceFactory(name="Finance Ministry")
    evidence.excerpt = "New excerpt"
    added = Note(claim=claim, body="We also asked the bureau.", is_public=True)

    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="We misnamed the speaker.",
        expected_version=claim.version,
        fields={"statement": "The ministry said X.", "claimant": new_claimant},
        verdict=rating("true"),
        tags=[services.tag_get_or_create(name="jobs")],
        rows=[evidence, added],
        deleted=[old_note],
    )

    claim = reload(claim)
    assert claim.status == Status.CORRECTED
    assert claim.statement == "The ministry said X."
    assert claim.claimant == new_claimant
    assert [t.name for t in claim.tags.all()] == ["jobs"]
    assert Evidence.objects.get(pk=evidence.pk).excerpt == "New excerpt"
    # A removed note is archived, not deleted: it leaves the page, keeps history.
    assert Note.objects.get(pk=old_note.pk).is_archived
    assert not Note.objects.public().filter(pk=old_note.pk).exists()
    changed = {c["field"]: c for c in correction.changes}
    assert changed["statement"]["after"] == "The ministry said X."
    assert changed["claimant"]["after"] == "Finance Ministry"
    assert changed["verdict"]["before"] != changed["verdict"]["after"]
    assert (changed["tags"]["before"], changed["tags"]["after"]) == ("economy", "jobs")
    assert "New excerpt" in changed["evidence"]["after"]
    notes = [c for c in correction.changes if c["field"] == "note"]
    assert {(n["before"], n["after"]) for n in notes} == {
        ("removed", ""),  # summarised: its text leaves the page
        ("", "We also asked the bureau."),
    }
    [event] = claim.events.filter(action="claim.corrected")
    assert event.comment == "We misnamed the speaker."


def test_correction_without_note_changes_nothing(editor):
    claim = ClaimFactory(published=True)
    with pytest.raises(WorkflowError):
        services.claim_correct(
            claim=claim,
            by=editor,
            note=" ",
            expected_version=claim.version,
            fields={"statement": "Changed"},
        )
    assert reload(claim).statement != "Changed"
