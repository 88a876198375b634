"""Archive instead of delete (claims/services/archive.py): every archive and restore
leaves a history row saying who and what changed; what a published claim shows
changes only through a correction."""

import pytest
from django.core.exceptions import PermissionDenied

from claims import services
from claims.models import Claim, Document, Evidence, Note, ReviewEvent, Source
from claims.services import WorkflowError
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceFactory,
    shown_version,
)

pytestmark = pytest.mark.django_db


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def last_two(obj):
    """The last two history rows of ``obj``: before and after."""
    rows = list(obj.history.order_by("-history_date", "-history_id")[:2])
    return rows[1], rows[0]


def page_version(claim):
    return Claim.objects.get(pk=claim.pk).page_version


# --- Each kind of row: archive, then restore, each with history ----------------------


def _archive_cases():
    return [
        pytest.param(
            lambda: EvidenceFactory(claim=ClaimFactory(researching=True)),
            lambda obj, by: services.evidence_archive(evidence=obj, by=by),
            lambda obj, by: services.evidence_restore(evidence=obj, by=by),
            id="evidence",
        ),
        pytest.param(
            lambda: NoteFactory(claim=ClaimFactory(researching=True), is_public=True),
            lambda obj, by: services.note_archive(note=obj, by=by),
            lambda obj, by: services.note_restore(note=obj, by=by),
            id="note",
        ),
        pytest.param(
            lambda: SourceFactory(name="Unused Ministry"),
            lambda obj, by: services.source_archive(source=obj, by=by),
            lambda obj, by: services.source_restore(source=obj, by=by),
            id="source",
        ),
        pytest.param(
            lambda: DocumentFactory(title="Unquoted article"),
            lambda obj, by: services.document_archive(document=obj, by=by),
            lambda obj, by: services.document_restore(document=obj, by=by),
            id="document",
        ),
        pytest.param(
            lambda: ClaimFactory(researching=True),
            lambda obj, by: services.claim_archive(claim=obj, by=by),
            lambda obj, by: services.claim_restore(claim=obj, by=by),
            id="claim",
        ),
    ]


@pytest.mark.parametrize(("make", "archive", "restore"), _archive_cases())
def test_archive_and_restore_leave_history_with_who(
    make, archive, restore, fact_checker, editor
):
    obj = make()
    archive(obj, fact_checker)
    assert reload(obj).is_archived
    before, after = last_two(obj)
    assert (before.is_archived, after.is_archived) == (False, True)
    assert after.history_user == fact_checker

    count = obj.history.count()
    archive(obj, fact_checker)  # again: nothing changes, nothing recorded
    assert obj.history.count() == count

    restore(obj, editor)
    assert not reload(obj).is_archived
    before, after = last_two(obj)
    assert (before.is_archived, after.is_archived) == (True, False)
    assert after.history_user == editor


def test_claim_restore_records_a_review_event_with_its_comment(fact_checker):
    claim = ClaimFactory(researching=True)
    services.claim_archive(claim=claim, by=fact_checker)
    services.claim_restore(claim=claim, by=fact_checker, comment="Archived by mistake")
    claim = reload(claim)
    assert not claim.is_archived
    event = claim.events.get(action=ReviewEvent.Action.RESTORED)
    assert event.action == "claim.restored"
    assert event.get_action_display() == "Restored"
    assert (event.actor, event.comment) == (fact_checker, "Archived by mistake")
    assert event.to_status == claim.status == "researching"


def test_claim_restore_needs_the_archive_permission(outsider):
    claim = ClaimFactory(is_archived=True)
    with pytest.raises(PermissionDenied):
        services.claim_restore(claim=claim, by=outsider)
    assert reload(claim).is_archived


def test_archived_note_leaves_the_public_notes(fact_checker):
    note = NoteFactory(claim=ClaimFactory(researching=True), is_public=True)
    services.note_archive(note=note, by=fact_checker)
    assert not Note.objects.public().filter(pk=note.pk).exists()
    services.note_restore(note=note, by=fact_checker)
    assert Note.objects.public().filter(pk=note.pk).exists()


# --- Published claims: frozen rows ---------------------------------------------------


@pytest.mark.parametrize("trait", ["published", "corrected", "retracted"])
def test_published_claims_evidence_and_public_notes_are_archived_by_correction_only(
    trait, editor
):
    claim = ClaimFactory(**{trait: True})
    evidence = EvidenceFactory(claim=claim)
    note = NoteFactory(claim=claim, is_public=True)
    with pytest.raises(WorkflowError, match="evidence item cannot be archived here"):
        services.evidence_archive(evidence=evidence, by=editor)
    with pytest.raises(WorkflowError, match="public note cannot be archived here"):
        services.note_archive(note=note, by=editor)
    assert not reload(evidence).is_archived and not reload(note).is_archived
    assert not reload(evidence).is_archived

    Evidence.objects.filter(pk=evidence.pk).update(is_archived=True)
    with pytest.raises(WorkflowError, match="evidence item cannot be restored here"):
        services.evidence_restore(evidence=reload(evidence), by=editor)


def test_inline_save_of_the_archived_box_follows_the_frozen_rule(editor):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim)
    evidence.is_archived = True
    with pytest.raises(WorkflowError, match="cannot be archived here"):
        services.evidence_save(evidence=evidence, by=editor)
    assert not reload(evidence).is_archived


def test_internal_note_of_a_published_claim_can_be_archived(editor):
    claim = ClaimFactory(published=True)
    note = NoteFactory(claim=claim, is_public=False)
    services.note_archive(note=note, by=editor)
    assert reload(note).is_archived


def test_correction_archives_removed_rows_and_says_what_changed(editor):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, excerpt="Old table")
    note = NoteFactory(claim=claim, is_public=True, body="Old method.")
    version = page_version(claim)
    evidence.is_archived = True  # the inline's box, in correction mode
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="The table was the wrong year.",
        expected_version=claim.version,
        rows=[evidence],
        deleted=[note],
    )
    assert reload(evidence).is_archived and reload(note).is_archived
    assert Evidence.objects.filter(pk=evidence.pk).exists()  # kept, not deleted
    changed = {c["field"]: (c["before"], c["after"]) for c in correction.changes}
    assert changed == {"evidence": ("removed", ""), "note": ("removed", "")}
    assert page_version(claim) > version
    assert last_two(note)[1].history_user == editor


# --- Sources and documents a published claim shows -----------------------------------


def test_source_shown_by_published_claims_is_refused_naming_how_many(editor):
    source = SourceFactory(name="Ministry of Finance")
    ClaimFactory(published=True, claimant=source)
    ClaimFactory(retracted=True, claimant=source)  # its page still shows it
    ClaimFactory(researching=True, claimant=source)  # not public: does not count
    with pytest.raises(WorkflowError) as exc:
        services.source_archive(source=source, by=editor)
    assert "2 published claims show it" in exc.value.messages[0]
    assert "Publish a correction of those claims first" in exc.value.messages[0]
    assert not reload(source).is_archived


def test_publisher_and_evidence_source_of_a_published_claim_are_refused(editor):
    outlet = SourceFactory(name="Daily Outlet", kind=Source.Kind.OUTLET)
    AppearanceFactory(
        claim=ClaimFactory(published=True), document=DocumentFactory(publisher=outlet)
    )
    cited = SourceFactory(name="Statistics Office")
    EvidenceFactory(claim=ClaimFactory(published=True), url="", source=cited)
    for source in (outlet, cited):
        with pytest.raises(WorkflowError, match="1 published claim shows it"):
            services.source_archive(source=source, by=editor)


def test_source_of_unpublished_claims_is_archived_and_their_pages_bump(editor):
    source = SourceFactory(name="Draft Ministry")
    claim = ClaimFactory(researching=True, claimant=source)
    version = shown_version(claim)
    services.source_archive(source=source, by=editor)
    assert reload(source).is_archived
    assert shown_version(claim) > version


def test_source_form_box_is_checked_like_the_action(editor):
    source = SourceFactory(name="Ministry of Finance")
    ClaimFactory(published=True, claimant=source)
    source.is_archived = True
    with pytest.raises(WorkflowError, match="cannot be archived"):
        services.source_save(source=source, by=editor)
    assert not reload(source).is_archived


def test_document_quoted_or_cited_by_a_published_claim_is_refused(editor):
    quoted = DocumentFactory(title="Quoted article")
    AppearanceFactory(claim=ClaimFactory(published=True), document=quoted)
    cited = DocumentFactory(title="Cited article")
    EvidenceFactory(claim=ClaimFactory(corrected=True), document=cited)
    for document in (quoted, cited):
        with pytest.raises(WorkflowError, match="1 published claim shows it"):
            services.document_archive(document=document, by=editor)
        assert not reload(document).is_archived
    quoted.is_archived = True
    with pytest.raises(WorkflowError, match="cannot be archived"):
        services.document_save(document=quoted, by=editor)


def test_document_of_a_draft_is_archived_and_restored(editor):
    document = DocumentFactory()
    claim = ClaimFactory(researching=True)
    AppearanceFactory(claim=claim, document=document)
    version = page_version(claim)
    services.document_archive(document=document, by=editor)
    assert Document.objects.get(pk=document.pk).is_archived
    assert page_version(claim) > version
    services.document_restore(document=document, by=editor)
    assert not Document.objects.get(pk=document.pk).is_archived


def test_archiving_needs_the_change_permission(outsider):
    source = SourceFactory()
    with pytest.raises(PermissionDenied):
        services.source_archive(source=source, by=outsider)
    assert not reload(source).is_archived
