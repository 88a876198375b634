"""The write services: what each one changes, records and refuses."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from claims import services
from claims.dates import PartialDate
from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Evidence,
    Note,
    ReviewEvent,
    Source,
    Status,
    Tag,
)
from claims.services import ConflictError, WorkflowError
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceAliasFactory,
    SourceFactory,
    rating,
    shown_version,
)

pytestmark = pytest.mark.django_db


def reload(claim):
    return Claim.objects.get(pk=claim.pk)


def events(claim):
    return list(ReviewEvent.objects.filter(claim=claim).order_by("pk"))


# --- Transitions: what each writes --------------------------------------------------


def test_start_research_assigns_the_researcher_and_records_it(fact_checker):
    claim = ClaimFactory()

    services.claim_start_research(claim=claim, by=fact_checker, comment=" On it. ")

    claim = reload(claim)
    assert claim.status == Status.RESEARCHING
    assert claim.assignee == fact_checker
    [event] = events(claim)
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "claim.research_started",
        fact_checker,
        "new",
        "researching",
    )
    assert event.comment == "On it."
    assert event.claim_ref.startswith(f"#{claim.pk} Unemployment fell")


def test_start_research_keeps_an_existing_assignee(fact_checker, editor):
    claim = ClaimFactory(assignee=editor)

    services.claim_start_research(claim=claim, by=fact_checker)

    assert reload(claim).assignee == editor


def test_transition_updates_the_callers_copy(fact_checker):
    claim = ClaimFactory(ready=True)
    version = claim.version

    services.claim_submit(claim=claim, by=fact_checker)

    assert claim.status == Status.IN_REVIEW
    assert claim.version == version + 1


def test_each_step_of_the_happy_path_writes_one_event(fact_checker, editor):
    claim = ClaimFactory(verdict=rating("false"), verdict_summary="It was 5.9.")
    EvidenceFactory(claim=claim)

    services.claim_start_research(claim=claim, by=fact_checker)
    services.claim_submit(claim=claim, by=fact_checker)
    services.claim_send_back(claim=claim, by=editor, comment="Cite the table.")
    services.claim_submit(claim=claim, by=fact_checker)
    services.claim_publish(claim=claim, by=editor)

    assert [(e.action, e.from_status, e.to_status, e.actor) for e in events(claim)] == [
        ("claim.research_started", "new", "researching", fact_checker),
        ("claim.submitted", "researching", "in_review", fact_checker),
        ("claim.sent_back", "in_review", "researching", editor),
        ("claim.submitted", "researching", "in_review", fact_checker),
        ("claim.published", "in_review", "published", editor),
    ]
    assert events(claim)[2].comment == "Cite the table."
    assert all(e.to_verdict == rating("false") for e in events(claim))


def test_wrong_source_state_says_what_and_why(fact_checker):
    claim = ClaimFactory(in_review=True)

    with pytest.raises(WorkflowError) as exc:
        services.claim_submit(claim=claim, by=fact_checker)

    assert exc.value.messages == [
        "“Submit for review” is not possible for a claim that is In review."
    ]
    assert exc.value.code == "state"


def test_unknown_transition_is_refused(editor):
    claim = ClaimFactory()

    with pytest.raises(WorkflowError) as exc:
        services.claim_transition(claim=claim, by=editor, name="approve")

    assert exc.value.messages == ["Unknown action “approve”."]
    assert events(claim) == []


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.claim_send_back, Status.IN_REVIEW),
        (services.claim_retract, Status.PUBLISHED),
    ],
)
@pytest.mark.parametrize("comment", ["", "   "])
def test_send_back_and_retract_need_a_comment(service, status, comment, editor):
    claim = ClaimFactory(status=status, verdict=rating())

    with pytest.raises(WorkflowError) as exc:
        service(claim=claim, by=editor, comment=comment)

    assert exc.value.message_dict == {
        "comment": ["Say why: this action needs a comment."]
    }
    assert reload(claim).status == status
    assert events(claim) == []


def test_a_failed_event_write_rolls_the_transition_back(fact_checker, monkeypatch):
    claim = ClaimFactory(ready=True)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReviewEvent, "save", broken)
    with pytest.raises(RuntimeError):
        services.claim_submit(claim=claim, by=fact_checker)

    fresh = reload(claim)
    assert fresh.status == Status.RESEARCHING
    assert fresh.version == claim.version


# --- Publishing ---------------------------------------------------------------------


def test_publish_sets_published_at_and_records_the_verdict(editor):
    claim = ClaimFactory(in_review=True)
    EvidenceFactory(claim=claim)
    before = timezone.now()

    services.claim_publish(claim=claim, by=editor)

    claim = reload(claim)
    assert claim.status == Status.PUBLISHED
    assert before <= claim.published_at <= timezone.now()
    [event] = events(claim)
    assert event.from_verdict == event.to_verdict == rating("false")
    assert claim in Claim.objects.published()


def test_publish_names_everything_that_is_missing(editor):
    claim = ClaimFactory(status=Status.IN_REVIEW, verdict=None, verdict_summary="")

    with pytest.raises(WorkflowError) as exc:
        services.claim_publish(claim=claim, by=editor)

    assert exc.value.messages == [
        "Cannot publish: the claim needs a verdict, a verdict summary, "
        "at least one evidence item."
    ]
    assert reload(claim).status == Status.IN_REVIEW
    assert reload(claim).published_at is None
    assert events(claim) == []


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("verdict", "a verdict"),
        ("summary", "a verdict summary"),
        ("evidence", "at least one evidence item"),
        ("archived_evidence", "at least one evidence item"),
    ],
)
def test_publish_names_the_one_missing_item(missing, message, editor):
    claim = ClaimFactory(
        status=Status.IN_REVIEW,
        verdict=None if missing == "verdict" else rating(),
        verdict_summary="  " if missing == "summary" else "It was 5.9.",
    )
    if missing != "evidence":
        EvidenceFactory(claim=claim, is_archived=missing == "archived_evidence")

    with pytest.raises(WorkflowError) as exc:
        services.claim_publish(claim=claim, by=editor)

    assert exc.value.messages == [f"Cannot publish: the claim needs {message}."]
    assert reload(claim).status == Status.IN_REVIEW


# --- Corrections --------------------------------------------------------------------


def test_correct_creates_a_correction_and_moves_to_corrected(editor):
    claim = ClaimFactory(published=True)
    published_at = claim.published_at

    correction = services.claim_correct(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        note="The ministry revised its figure.",
        verdict=rating("mostly-false"),
        summary="The revised figure was 5.4 percent.",
    )

    claim = reload(claim)
    assert claim.status == Status.CORRECTED
    assert claim.verdict == rating("mostly-false")
    assert claim.verdict_summary == "The revised figure was 5.4 percent."
    assert claim.published_at == published_at
    assert correction.claim == claim
    assert correction.previous_verdict == rating("false")
    assert correction.new_verdict == rating("mostly-false")
    assert correction.previous_summary == "The official figure was 5.9 percent."
    assert correction.created_by == editor
    [event] = events(claim)
    assert (event.action, event.from_status, event.to_status) == (
        "claim.corrected",
        "published",
        "corrected",
    )
    assert (event.from_verdict, event.to_verdict) == (
        rating("false"),
        rating("mostly-false"),
    )
    assert event.comment == "The ministry revised its figure."
    assert claim in Claim.objects.published()


def test_a_corrected_claim_can_be_corrected_again(editor):
    claim = ClaimFactory(corrected=True)

    services.claim_correct(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        note="Second fix.",
        verdict=None,
    )

    assert claim.corrections.count() == 1
    assert reload(claim).verdict == rating("false")


@pytest.mark.parametrize("note", ["", "  "])
def test_correct_needs_a_public_note(note, editor):
    claim = ClaimFactory(published=True)

    with pytest.raises(WorkflowError) as exc:
        services.claim_correct(
            claim=claim, by=editor, expected_version=claim.version, note=note
        )

    assert exc.value.message_dict == {"note": ["A correction needs a public note."]}
    assert not Correction.objects.exists()
    assert reload(claim).status == Status.PUBLISHED


def test_correct_refuses_an_empty_summary_and_keeps_nothing(editor):
    claim = ClaimFactory(published=True)

    with pytest.raises(WorkflowError):
        services.claim_correct(
            claim=claim,
            by=editor,
            expected_version=claim.version,
            note="Fix.",
            summary=" ",
        )

    assert not Correction.objects.exists()
    assert reload(claim).verdict_summary == "The official figure was 5.9 percent."


def test_correct_refuses_a_claim_that_was_never_published(editor):
    claim = ClaimFactory(in_review=True)

    with pytest.raises(WorkflowError) as exc:
        services.claim_correct(
            claim=claim, by=editor, expected_version=claim.version, note="Fix."
        )

    assert exc.value.messages == [
        "Only a published claim can be corrected; this one is In review."
    ]
    assert not Correction.objects.exists()


def test_correct_refuses_a_stale_version_naming_who_and_when(editor):
    """Eight editors correcting from the same page must not all succeed: the
    second correction from one loaded version is refused."""
    claim = ClaimFactory(published=True)
    loaded = claim.version
    services.claim_correct(
        claim=reload(claim), by=editor, note="First fix.", expected_version=loaded
    )
    stored = reload(claim)

    with pytest.raises(ConflictError) as exc:
        services.claim_correct(
            claim=claim, by=editor, note="Second fix.", expected_version=loaded
        )

    when = date_format(timezone.localtime(stored.updated_at), "DATETIME_FORMAT")
    assert exc.value.messages[0].startswith(f"This claim was changed by ed at {when}")
    assert exc.value.code == "conflict"
    assert [c.note for c in Correction.objects.all()] == ["First fix."]
    assert reload(claim).version == loaded + 1


def test_correct_refuses_a_correction_that_names_no_version(editor):
    claim = ClaimFactory(published=True)

    with pytest.raises(ConflictError) as exc:
        services.claim_correct(
            claim=claim, by=editor, note="Fix.", expected_version=None
        )

    assert exc.value.code == "version_missing"
    assert not Correction.objects.exists()
    assert reload(claim).status == Status.PUBLISHED


def test_the_generic_correct_transition_also_leaves_a_correction(editor):
    """transitions_for offers "correct"; taken by name it must not skip the
    Correction that a corrected claim requires."""
    claim = ClaimFactory(published=True)

    services.claim_transition(
        claim=claim,
        by=editor,
        name="correct",
        comment="Figure revised.",
        expected_version=claim.version,
    )

    assert reload(claim).status == Status.CORRECTED
    [correction] = Correction.objects.filter(claim=claim)
    assert correction.note == "Figure revised."
    assert len(events(claim)) == 1


def test_correct_by_name_needs_a_comment_and_checks_the_version(editor):
    claim = ClaimFactory(published=True)
    stale = claim.version
    services.claim_assign(claim=reload(claim), by=editor, assignee=editor)

    with pytest.raises(WorkflowError) as exc:
        services.claim_transition(claim=claim, by=editor, name="correct")
    assert exc.value.message_dict == {
        "comment": ["Say why: this action needs a comment."]
    }
    with pytest.raises(ConflictError):
        services.claim_transition(
            claim=claim,
            by=editor,
            name="correct",
            comment="Fix.",
            expected_version=stale,
        )

    assert not Correction.objects.exists()
    assert reload(claim).status == Status.PUBLISHED


# --- Retraction ---------------------------------------------------------------------


def test_retract_keeps_the_page_but_leaves_every_list(editor):
    claim = ClaimFactory(published=True)
    published_at = claim.published_at

    services.claim_retract(claim=claim, by=editor, comment="The source was forged.")

    claim = reload(claim)
    assert claim.status == Status.RETRACTED
    assert claim.published_at == published_at
    assert claim not in Claim.objects.published()
    assert claim in Claim.objects.with_public_page()
    [event] = events(claim)
    assert (event.action, event.comment) == (
        "claim.retracted",
        "The source was forged.",
    )


# --- Published claims are locked ----------------------------------------------------


@pytest.mark.parametrize("trait", ["published", "corrected", "retracted"])
@pytest.mark.parametrize(
    ("field", "value"),
    [("verdict", "true"), ("verdict_summary", "Actually it was true.")],
)
def test_claim_save_refuses_verdict_edits_on_a_published_claim(
    trait, field, value, editor
):
    claim = ClaimFactory(**{trait: True})
    stored = reload(claim)
    setattr(claim, field, rating(value) if field == "verdict" else value)

    with pytest.raises(WorkflowError) as exc:
        services.claim_save(claim=claim, by=editor, expected_version=claim.version)

    [message] = exc.value.message_dict[field]
    assert "changes only through a correction" in message
    fresh = reload(claim)
    assert (fresh.verdict, fresh.verdict_summary, fresh.version) == (
        stored.verdict,
        stored.verdict_summary,
        stored.version,
    )
    assert events(claim) == []


def test_claim_save_allows_other_edits_on_a_published_claim(editor):
    claim = ClaimFactory(published=True)
    claim.checkworthiness = 0.25  # internal: not frozen

    services.claim_save(claim=claim, by=editor, expected_version=claim.version)

    assert reload(claim).checkworthiness == 0.25
    assert reload(claim).status == Status.PUBLISHED


@pytest.mark.parametrize("trait", ["published", "corrected", "retracted"])
def test_claim_set_verdict_refuses_a_published_claim(trait, editor):
    claim = ClaimFactory(**{trait: True})

    with pytest.raises(WorkflowError) as exc:
        services.claim_set_verdict(claim=claim, by=editor, verdict=rating("true"))

    assert "only through a correction" in exc.value.messages[0]
    assert reload(claim).verdict == rating("false")
    assert events(claim) == []


def test_claim_set_verdict_records_the_change(fact_checker):
    claim = ClaimFactory(researching=True)

    services.claim_set_verdict(
        claim=claim, by=fact_checker, verdict=rating("false"), summary="It was 5.9."
    )

    claim = reload(claim)
    assert (claim.verdict, claim.verdict_summary) == (rating("false"), "It was 5.9.")
    [event] = events(claim)
    assert (event.action, event.from_verdict, event.to_verdict) == (
        "claim.verdict_changed",
        None,
        rating("false"),
    )
    assert event.from_status == event.to_status == "researching"


def test_claim_set_verdict_to_the_same_verdict_writes_no_event(fact_checker):
    claim = ClaimFactory(researching=True, verdict=rating("false"))

    services.claim_set_verdict(claim=claim, by=fact_checker, verdict=rating("false"))

    assert events(claim) == []


def test_claim_save_records_a_verdict_change(fact_checker):
    claim = ClaimFactory(researching=True)
    claim.verdict = rating("mixed")

    services.claim_save(claim=claim, by=fact_checker, expected_version=claim.version)

    [event] = events(claim)
    assert (event.action, event.to_verdict, event.actor) == (
        "claim.verdict_changed",
        rating("mixed"),
        fact_checker,
    )


def test_claim_save_records_an_assignee_change_even_when_not_told(fact_checker, editor):
    claim = ClaimFactory(researching=True)
    claim.assignee = fact_checker

    services.claim_save(claim=claim, by=editor, expected_version=claim.version)

    [event] = events(claim)
    assert (event.action, event.actor, event.comment) == (
        "claim.assigned",
        editor,
        "fc",
    )


def test_claim_save_never_changes_the_status(fact_checker):
    claim = ClaimFactory(researching=True)
    claim.status = Status.PUBLISHED

    services.claim_save(claim=claim, by=fact_checker, expected_version=claim.version)

    assert reload(claim).status == Status.RESEARCHING


def test_claim_save_refuses_invalid_fields(fact_checker):
    claim = ClaimFactory()
    claim.statement = "  "

    with pytest.raises(ValidationError) as exc:
        services.claim_save(claim=claim, by=fact_checker, expected_version=1)

    assert "statement" in exc.value.message_dict
    assert reload(claim).statement.startswith("Unemployment")


@pytest.mark.parametrize("trait", ["published", "corrected"])
def test_archiving_a_published_claim_is_refused(trait, editor):
    claim = ClaimFactory(**{trait: True})

    with pytest.raises(WorkflowError) as exc:
        services.claim_archive(claim=claim, by=editor)

    assert exc.value.messages == [
        "A published claim cannot be archived: retract it instead."
    ]
    assert not reload(claim).is_archived


def test_archiving_hides_a_claim_and_twice_is_harmless(fact_checker):
    claim = ClaimFactory(researching=True)

    services.claim_archive(claim=claim, by=fact_checker, comment="Duplicate.")
    services.claim_archive(claim=claim, by=fact_checker)

    assert reload(claim).is_archived
    assert claim not in Claim.objects.active()
    [event] = events(claim)
    assert (event.action, event.comment) == ("claim.archived", "Duplicate.")


# --- Concurrent edits ---------------------------------------------------------------


def test_second_save_of_a_stale_copy_is_refused_naming_who_and_when(
    fact_checker, editor
):
    claim = ClaimFactory(researching=True, attribution="said in a speech")
    mine, theirs = reload(claim), reload(claim)
    version = mine.version

    mine.attribution = "said on television"
    services.claim_save(claim=mine, by=fact_checker, expected_version=version)
    theirs.attribution = "said on the radio"
    with pytest.raises(ConflictError) as exc:
        services.claim_save(claim=theirs, by=editor, expected_version=version)

    saved = reload(claim)
    when = date_format(timezone.localtime(saved.updated_at), "DATETIME_FORMAT")
    assert exc.value.messages == [
        f"This claim was changed by fc at {when} after you opened it. Your changes "
        "were not saved: reload the claim and apply them again."
    ]
    assert exc.value.code == "conflict"
    assert saved.attribution == "said on television"
    assert saved.version == version + 1
    assert saved.updated_by == fact_checker


def test_a_transition_makes_an_open_copy_stale(fact_checker, editor):
    claim = ClaimFactory(ready=True)
    open_copy = reload(claim)

    services.claim_submit(claim=claim, by=fact_checker)
    open_copy.attribution = "edited meanwhile"

    with pytest.raises(ConflictError) as exc:
        services.claim_save(
            claim=open_copy, by=editor, expected_version=open_copy.version
        )

    assert "changed by fc" in exc.value.messages[0]
    assert reload(claim).attribution == "said in a speech"
    assert reload(claim).status == Status.IN_REVIEW


def test_a_transition_with_a_stale_version_is_refused(fact_checker, editor):
    claim = ClaimFactory(researching=True)
    version = claim.version
    services.claim_assign(claim=reload(claim), by=editor, assignee=fact_checker)

    with pytest.raises(ConflictError) as exc:
        services.claim_transition(
            claim=claim, by=fact_checker, name="submit", expected_version=version
        )

    assert "changed by ed" in exc.value.messages[0]
    assert reload(claim).status == Status.RESEARCHING


def test_every_write_bumps_the_version(fact_checker, editor):
    claim = ClaimFactory()
    versions = [reload(claim).version]

    services.claim_start_research(claim=claim, by=fact_checker)
    versions.append(reload(claim).version)
    services.claim_set_verdict(claim=claim, by=fact_checker, verdict=rating())
    versions.append(reload(claim).version)
    services.claim_assign(claim=claim, by=editor, assignee=editor)
    versions.append(reload(claim).version)
    services.claim_save(claim=claim, by=editor, expected_version=claim.version)
    versions.append(reload(claim).version)

    assert versions == [1, 2, 3, 4, 5]


def test_a_save_keeps_the_archive_flag_of_the_stored_claim(fact_checker, editor):
    """A save from a copy loaded before the claim was archived (its version told
    as current) must not resurrect the archived claim."""
    claim = ClaimFactory(researching=True)
    old_copy = reload(claim)
    services.claim_archive(claim=claim, by=editor)

    services.claim_save(
        claim=old_copy, by=fact_checker, expected_version=reload(claim).version
    )

    assert reload(claim).is_archived


def test_a_save_that_names_no_version_is_refused(fact_checker):
    """Without the version it was loaded at, a copy could be any age: a content
    write must say which version it edits."""
    claim = ClaimFactory(researching=True, attribution="on radio")
    copy = reload(claim)
    copy.attribution = "on television"

    with pytest.raises(ConflictError) as exc:
        services.claim_save(claim=copy, by=fact_checker, expected_version=None)

    assert exc.value.code == "version_missing"
    assert reload(claim).attribution == "on radio"
    assert events(claim) == []


# --- The history is append-only -----------------------------------------------------


@pytest.fixture
def event(fact_checker):
    claim = ClaimFactory()
    services.claim_start_research(claim=claim, by=fact_checker)
    return ReviewEvent.objects.get(claim=claim)


def test_an_event_cannot_be_edited(event):
    event.comment = "rewritten"

    with pytest.raises(PermissionError):
        event.save()

    assert ReviewEvent.objects.get(pk=event.pk).comment == ""


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()

    assert ReviewEvent.objects.filter(pk=event.pk).exists()


def test_events_cannot_be_deleted_or_rewritten_in_bulk(event):
    with pytest.raises(PermissionError):
        ReviewEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        ReviewEvent.objects.filter(pk=event.pk).update(comment="rewritten")

    assert ReviewEvent.objects.get(pk=event.pk).comment == ""


def test_deleting_a_claim_keeps_its_history(superuser, fact_checker):
    claim = ClaimFactory(statement="Rice prices doubled in June.")
    AppearanceFactory(claim=claim)
    EvidenceFactory(claim=claim)
    services.claim_start_research(claim=claim, by=fact_checker)
    pk = claim.pk

    services.claim_delete(claim=claim, by=superuser)

    assert not Claim.objects.filter(pk=pk).exists()
    assert not Appearance.objects.filter(claim_id=pk).exists()
    assert not Evidence.objects.filter(claim_id=pk).exists()
    history = list(ReviewEvent.objects.filter(claim_ref__startswith=f"#{pk} "))
    assert [(e.action, e.claim_id) for e in history] == [
        ("claim.research_started", None),
        ("claim.deleted", None),
    ]
    assert history[1].actor == superuser
    assert history[1].from_status == "researching"
    assert all(e.claim_ref == f"#{pk} Rice prices doubled in June." for e in history)


def test_deleting_a_stale_copy_records_the_status_the_claim_really_had(
    superuser, fact_checker
):
    claim = ClaimFactory(ready=True)
    stale = reload(claim)
    services.claim_submit(claim=claim, by=fact_checker)

    services.claim_delete(claim=stale, by=superuser)

    deleted = ReviewEvent.objects.get(action="claim.deleted")
    assert (deleted.from_status, deleted.to_status) == ("in_review", "in_review")
    assert not Claim.objects.exists()


def test_a_conflict_after_a_system_import_names_no_user(fact_checker):
    claim = services.claim_create(by=None, statement="Imported.")
    claim.attribution = "edited"

    with pytest.raises(ConflictError) as exc:
        services.claim_save(claim=claim, by=fact_checker, expected_version=0)

    assert exc.value.messages[0].startswith("This claim was changed by someone at ")
    assert reload(claim).attribution == ""


@pytest.mark.parametrize("role", ["fact_checker", "editor", "outsider"])
def test_only_a_superuser_deletes_a_claim(role, request):
    claim = ClaimFactory()

    with pytest.raises(PermissionDenied) as exc:
        services.claim_delete(claim=claim, by=request.getfixturevalue(role))

    assert "archive it" in str(exc.value)
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert not ReviewEvent.objects.exists()


# --- Creating and assigning ---------------------------------------------------------


def test_claim_create_records_who_captured_it(fact_checker):
    claimant = SourceFactory()

    claim = services.claim_create(
        by=fact_checker,
        statement="  Rice prices doubled.  ",
        language="id",
        claimant=claimant,
        made=PartialDate.parse("2018-06"),
        tags=["economy", "Economy", "food"],
    )

    claim = reload(claim)
    assert claim.statement == "Rice prices doubled."
    assert (claim.status, claim.created_by, claim.version) == ("new", fact_checker, 1)
    assert claim.made == PartialDate.parse("2018-06")
    assert sorted(claim.tags.values_list("name", flat=True)) == ["economy", "food"]
    [event] = events(claim)
    assert (event.action, event.to_status, event.actor) == (
        "claim.created",
        "new",
        fact_checker,
    )


def test_claim_create_by_nobody_is_a_system_import():
    claim = services.claim_create(by=None, statement="Imported.")

    [event] = events(claim)
    assert event.actor is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"statement": "   "}, "statement"),
        ({"statement": "Fine.", "language": "english"}, "language"),
        ({"statement": "Fine.", "checkworthiness": 1.5}, "checkworthiness"),
    ],
)
def test_claim_create_refuses_bad_input(kwargs, field, fact_checker):
    with pytest.raises(ValidationError) as exc:
        services.claim_create(by=fact_checker, **kwargs)

    assert field in exc.value.message_dict
    assert not Claim.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_claim_create_refuses_an_outsider(outsider):
    with pytest.raises(PermissionDenied):
        services.claim_create(by=outsider, statement="Rice prices doubled.")

    assert not Claim.objects.exists()


def test_claim_save_inserts_a_new_claim_as_new(fact_checker):
    claim = Claim(statement="Rice prices doubled.", status=Status.PUBLISHED)

    services.claim_save(claim=claim, by=fact_checker, expected_version=None)

    claim = reload(claim)
    assert (claim.status, claim.created_by) == ("new", fact_checker)
    assert [e.action for e in events(claim)] == ["claim.created"]


def test_claim_save_refuses_an_outsider(outsider):
    claim = ClaimFactory()
    claim.attribution = "changed"

    with pytest.raises(PermissionDenied):
        services.claim_save(claim=claim, by=outsider, expected_version=claim.version)

    assert reload(claim).attribution == "said in a speech"


def test_claim_assign_records_the_assignee(editor, fact_checker):
    claim = ClaimFactory()

    services.claim_assign(claim=claim, by=editor, assignee=fact_checker)
    services.claim_assign(claim=claim, by=editor, assignee=fact_checker)
    services.claim_assign(claim=claim, by=editor, assignee=None)

    assert reload(claim).assignee is None
    assert [(e.action, e.comment) for e in events(claim)] == [
        ("claim.assigned", "fc"),
        ("claim.assigned", ""),
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda u, c: services.claim_set_verdict(claim=c, by=u, verdict=rating()),
        lambda u, c: services.note_add(claim=c, by=u, body="Hello."),
        lambda u, c: services.appearance_add(
            claim=c, document=DocumentFactory(), quote="Nobody agreed.", by=u
        ),
        lambda u, c: services.claim_archive(claim=c, by=u),
        lambda u, c: services.document_create(
            by=u, title="T", text="Text.", language="en"
        ),
        lambda u, c: services.document_save(document=DocumentFactory(), by=u),
    ],
    ids=[
        "set_verdict",
        "note_add",
        "appearance_add",
        "archive",
        "document_create",
        "document_save",
    ],
)
def test_an_outsider_can_write_nothing(call, outsider):
    claim = ClaimFactory()
    before = Claim.objects.filter(pk=claim.pk).values().get()

    with pytest.raises(PermissionDenied):
        call(outsider, claim)

    assert Claim.objects.filter(pk=claim.pk).values().get() == before
    assert not ReviewEvent.objects.exists()


def test_claim_assign_refuses_an_outsider(outsider, fact_checker):
    claim = ClaimFactory()

    with pytest.raises(PermissionDenied):
        services.claim_assign(claim=claim, by=outsider, assignee=fact_checker)

    assert reload(claim).assignee is None


# --- Documents, appearances, evidence, notes ----------------------------------------

TEXT = "The minister said unemployment fell to 5.2 percent in 2019. Nobody agreed."


def test_document_create_stores_the_hash_of_its_text(fact_checker):
    document = services.document_create(
        by=fact_checker, title=" Speech ", text=TEXT, language="en"
    )

    assert document.title == "Speech"
    assert document.text_sha256 == document.hash_text(TEXT)
    assert document.created_by == fact_checker


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"language": "xx-nonsense"}, "language"),
        ({"language": "en", "url": "not a url"}, "url"),
        ({"language": "en", "archive_url": "archive"}, "archive_url"),
    ],
)
def test_document_create_refuses_bad_input(kwargs, field, fact_checker):
    with pytest.raises(ValidationError) as exc:
        services.document_create(by=fact_checker, title="Speech", text=TEXT, **kwargs)

    assert field in exc.value.message_dict


def test_document_save_refuses_new_text_once_quoted(fact_checker):
    document = AppearanceFactory().document
    document.text = "Rewritten."

    with pytest.raises(ValidationError) as exc:
        services.document_save(document=document, by=fact_checker)

    assert "text" in exc.value.message_dict
    document.refresh_from_db()
    assert document.text != "Rewritten."


def test_document_save_rehashes_changed_text_before_any_quote(fact_checker):
    document = DocumentFactory()
    document.text = "Rewritten."

    services.document_save(document=document, by=fact_checker)

    document.refresh_from_db()
    assert document.text_sha256 == document.hash_text("Rewritten.")


def test_appearance_add_finds_the_quote(fact_checker):
    document = DocumentFactory(text=TEXT)
    claim = ClaimFactory()

    appearance = services.appearance_add(
        claim=claim, document=document, quote="fell to 5.2 percent", by=fact_checker
    )

    assert (appearance.start, appearance.end) == (
        TEXT.find("fell"),
        TEXT.find("fell") + len("fell to 5.2 percent"),
    )
    assert claim.first_appearance() == appearance


def test_appearance_add_refuses_a_quote_not_in_the_document(fact_checker):
    document = DocumentFactory(text=TEXT)

    with pytest.raises(ValidationError) as exc:
        services.appearance_add(
            claim=ClaimFactory(), document=document, quote="rose", by=fact_checker
        )

    assert exc.value.message_dict == {
        "quote": ["The quote does not occur in the document."]
    }
    assert not Appearance.objects.exists()


def test_appearance_add_refuses_wrong_offsets(fact_checker):
    document = DocumentFactory(text=TEXT)

    with pytest.raises(ValidationError) as exc:
        services.appearance_add(
            claim=ClaimFactory(),
            document=document,
            quote="Nobody agreed.",
            by=fact_checker,
            start=0,
        )

    found = TEXT.find("Nobody")
    assert f"It occurs at {found}–{found + 14}." in exc.value.message_dict["quote"][0]


def test_evidence_add_records_who_added_it(fact_checker):
    claim = ClaimFactory()

    evidence = services.evidence_add(
        claim=claim,
        by=fact_checker,
        stance=Evidence.Stance.REFUTES,
        url="https://stats.example.org/t1",
        accessed_on=dt.date(2024, 5, 1),
    )

    assert evidence.added_by == fact_checker
    assert list(claim.evidence.all()) == [evidence]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"url": ""}, "url"),
        ({"url": "stats dot org"}, "url"),
        ({"url": "https://stats.example.org/t1", "stance": "agrees"}, "stance"),
    ],
)
def test_evidence_add_refuses_bad_input(kwargs, field, fact_checker):
    kwargs.setdefault("stance", Evidence.Stance.SUPPORTS)

    with pytest.raises(ValidationError) as exc:
        services.evidence_add(claim=ClaimFactory(), by=fact_checker, **kwargs)

    assert field in exc.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_add_refuses_an_outsider(outsider):
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            claim=ClaimFactory(),
            by=outsider,
            stance="supports",
            url="https://stats.example.org/t1",
        )


def test_note_add_and_empty_note(fact_checker):
    claim = ClaimFactory()

    note = services.note_add(claim=claim, by=fact_checker, body="Called the ministry.")
    with pytest.raises(ValidationError) as exc:
        services.note_add(claim=claim, by=fact_checker, body="  ")

    assert note.author == fact_checker
    assert list(claim.notes.all()) == [note]
    assert "body" in exc.value.message_dict


def test_claim_date_add_refuses_an_end_before_the_start():
    claim = ClaimFactory()

    with pytest.raises(ValidationError) as exc:
        services.claim_date_add(
            claim=claim,
            start=PartialDate.parse("1953"),
            end=PartialDate.parse("1950"),
        )

    assert "The end date is before the start date." in exc.value.message_dict["end"]
    assert not claim.dates.exists()


def test_claim_date_add_stores_a_range():
    claim = ClaimFactory()

    services.claim_date_add(
        claim=claim, start=PartialDate.parse("1950"), end=PartialDate.parse("1953")
    )

    assert [d.display() for d in claim.dates.all()] == ["1950–1953"]


# --- Sources and tags ---------------------------------------------------------------


def test_source_get_or_create_finds_by_alias_and_adds_new_aliases():
    korea = SourceFactory(name="North Korea", kind=Source.Kind.GOVERNMENT)
    SourceAliasFactory(source=korea, name="Korut")

    found = services.source_get_or_create(
        name="korut", kind="government", aliases=["Korea Utara", "KORUT", " "]
    )

    assert found == korea
    assert sorted(korea.aliases.values_list("name", flat=True)) == [
        "Korea Utara",
        "Korut",
    ]


def test_source_get_or_create_does_not_add_its_own_name_as_an_alias():
    source = services.source_get_or_create(
        name="North Korea", kind="government", aliases=["north korea", "DPRK"]
    )

    assert list(source.aliases.values_list("name", flat=True)) == ["DPRK"]


def test_source_get_or_create_creates_with_aliases():
    source = services.source_get_or_create(
        name="Kementerian Kesehatan", kind="government", aliases=["Kemenkes"]
    )

    assert Source.objects.matching("kemenkes").get() == source
    assert source.slug == "kementerian-kesehatan"


def test_source_get_or_create_refuses_an_unknown_kind():
    with pytest.raises(ValidationError) as exc:
        services.source_get_or_create(name="Someone", kind="alien")

    assert "kind" in exc.value.message_dict
    assert not Source.objects.exists()


def test_tag_get_or_create_is_case_insensitive_and_refuses_empty():
    tag = services.tag_get_or_create(name="Economy")

    assert services.tag_get_or_create(name=" economy ") == tag
    assert Tag.objects.count() == 1
    with pytest.raises(ValidationError):
        services.tag_get_or_create(name="  ")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_of_one_version_let_exactly_one_through(
    fact_checker, editor
):
    """The version check runs under a row lock: two threads saving the same version
    at the same moment cannot both pass it (a lost update)."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks are PostgreSQL's; the in-memory test SQLite reports 'table is "
            "locked' instead of waiting (file SQLite serialises writers itself)"
        )
    claim = ClaimFactory(researching=True)
    version = claim.version
    barrier = threading.Barrier(2, timeout=10)
    outcome = {}

    def save(user, attribution):
        copy = reload(claim)
        copy.attribution = attribution
        try:
            barrier.wait()
            services.claim_save(claim=copy, by=user, expected_version=version)
            outcome[user.username] = "saved"
        except ConflictError:
            outcome[user.username] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(fact_checker, "by fc")),
        threading.Thread(target=save, args=(editor, "by ed")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome.values()) == ["conflict", "saved"]
    winner = next(name for name, result in outcome.items() if result == "saved")
    saved = reload(claim)
    assert saved.attribution == f"by {winner}"
    assert saved.version == version + 1


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("start_research", Status.NEW),
        ("submit", Status.RESEARCHING),
        ("send_back", Status.IN_REVIEW),
        ("publish", Status.IN_REVIEW),
        ("mark_not_checkable", Status.NEW),
    ],
)
def test_an_archived_claim_moves_no_further(name, status, editor):
    """Published while archived, a claim would count as public in its status and
    history yet appear on no public page."""
    claim = ClaimFactory(
        status=status, is_archived=True, verdict=rating(), verdict_summary="5.9."
    )
    EvidenceFactory(claim=claim)

    with pytest.raises(WorkflowError) as exc:
        services.claim_transition(claim=claim, by=editor, name=name, comment="Why.")

    assert exc.value.messages[0].endswith("is not possible: the claim is archived.")
    fresh = reload(claim)
    assert (fresh.status, fresh.published_at) == (status, None)
    assert events(claim) == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the history trigger is PostgreSQL's"
)
def test_the_database_refuses_to_rewrite_history_even_in_raw_sql(editor, superuser):
    from django.db import DatabaseError, transaction

    claim = ClaimFactory()
    services.claim_start_research(claim=claim, by=editor)
    event = ReviewEvent.objects.get(claim=claim)
    for sql in (
        "UPDATE claims_reviewevent SET comment = 'rewritten' WHERE id = %s",
        "UPDATE claims_reviewevent SET claim_id = NULL, action = 'x' WHERE id = %s",
        "DELETE FROM claims_reviewevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert ReviewEvent.objects.get(pk=event.pk).comment == ""
    # Unlinking from a claim a superuser deletes is the one change allowed.
    services.claim_delete(claim=claim, by=superuser)
    event = ReviewEvent.objects.get(pk=event.pk)
    assert event.claim_id is None
    assert event.action == "claim.research_started"


# --- The claim page's rows: saved and deleted through the services ----------------


def test_a_new_row_is_stamped_with_who_added_it(fact_checker):
    claim = ClaimFactory(researching=True)
    document = DocumentFactory()

    evidence = services.evidence_save(
        evidence=Evidence(claim=claim, stance="refutes", url="https://e.org/t"),
        by=fact_checker,
    )
    note = services.note_save(
        note=Note(claim=claim, body="Call them."), by=fact_checker
    )
    appearance = services.appearance_save(
        appearance=Appearance(
            claim=claim, document=document, quote="Nobody agreed.", start=60, end=74
        ),
        by=fact_checker,
    )
    date = services.claim_date_save(
        date=ClaimDate(claim=claim, start=dt.date(2019, 1, 1), precision="year"),
        by=fact_checker,
    )

    assert Evidence.objects.get(pk=evidence.pk).added_by == fact_checker
    assert Note.objects.get(pk=note.pk).author == fact_checker
    assert Appearance.objects.get(pk=appearance.pk).created_by == fact_checker
    assert ClaimDate.objects.get(pk=date.pk).claim == claim


def test_an_edited_row_keeps_who_added_it(fact_checker, editor):
    note = NoteFactory(author=fact_checker, body="Draft.")
    note.body = "Reworded."

    services.note_save(note=note, by=editor)

    note = Note.objects.get(pk=note.pk)
    assert (note.body, note.author) == ("Reworded.", fact_checker)


def test_row_services_check_the_models_permissions(outsider, editor, superuser):
    claim = ClaimFactory(researching=True)
    evidence = EvidenceFactory(claim=claim)

    with pytest.raises(PermissionDenied):
        services.note_save(note=Note(claim=claim, body="Hi."), by=outsider)
    with pytest.raises(PermissionDenied):
        services.evidence_save(evidence=evidence, by=outsider)
    with pytest.raises(PermissionDenied):  # editors archive evidence, never delete it
        services.claim_record_delete(record=evidence, by=editor)
    assert Evidence.objects.filter(pk=evidence.pk).exists()

    services.claim_record_delete(record=evidence, by=superuser)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_row_that_fails_validation_is_not_saved(fact_checker):
    claim = ClaimFactory(researching=True)
    quote = Appearance(
        claim=claim, document=DocumentFactory(), quote="Nobody agreed.", start=0, end=14
    )

    with pytest.raises(ValidationError):
        services.appearance_save(appearance=quote, by=fact_checker)

    assert not Appearance.objects.exists()


# --- Refusals are logged -------------------------------------------------------------


def refusals(caplog):
    return [r for r in caplog.records if r.name == "claims.services"]


@pytest.mark.parametrize(
    ("who", "status", "kwargs", "reason"),
    [
        ("fact_checker", Status.IN_REVIEW, {"name": "publish"}, "permission"),
        ("editor", Status.NEW, {"name": "publish"}, "state"),
        ("editor", Status.IN_REVIEW, {"name": "send_back"}, "comment"),
        (
            "editor",
            Status.IN_REVIEW,
            {"name": "publish", "expected_version": 0},
            "conflict",
        ),
    ],
)
def test_a_refused_transition_logs_one_line(
    who, status, kwargs, reason, request, caplog
):
    user = request.getfixturevalue(who)
    claim = ClaimFactory(status=status, statement="Secret wording of the claim.")

    with pytest.raises((WorkflowError, ConflictError, PermissionDenied)):
        services.claim_transition(claim=claim, by=user, **kwargs)

    [record] = refusals(caplog)
    assert record.levelname == "WARNING"
    assert (record.action, record.claim_id, record.username, record.reason) == (
        kwargs["name"],
        claim.pk,
        user.username,
        reason,
    )
    assert record.getMessage() == (
        f"transition refused: action={kwargs['name']} claim={claim.pk} "
        f"user={user.username} reason={reason}"
    )
    assert "Secret" not in record.getMessage()


def test_a_refused_correction_by_name_logs_once(editor, caplog):
    claim = ClaimFactory(published=True)

    with pytest.raises(ConflictError):
        services.claim_transition(
            claim=claim, by=editor, name="correct", comment="Fix.", expected_version=0
        )

    [record] = refusals(caplog)
    assert (record.action, record.reason) == ("correct", "conflict")


def test_refused_saves_and_corrections_log_their_action(fact_checker, editor, caplog):
    claim = ClaimFactory(published=True)

    with pytest.raises(ConflictError):
        services.claim_save(claim=claim, by=editor, expected_version=None)
    with pytest.raises(PermissionDenied):
        services.claim_correct(
            claim=claim, by=fact_checker, note="Fix.", expected_version=claim.version
        )
    with pytest.raises(WorkflowError):
        services.claim_archive(claim=claim, by=editor)

    assert [(r.action, r.username, r.reason) for r in refusals(caplog)] == [
        ("save", "ed", "version_missing"),
        ("correct", "fc", "permission"),
        ("archive", "ed", "published"),
    ]


def test_a_transition_that_goes_through_logs_nothing(editor, caplog):
    claim = ClaimFactory()

    services.claim_start_research(claim=claim, by=editor)

    assert refusals(caplog) == []


# --- Page versions --------------------------------------------------------------------


def page_version(claim):
    return Claim.objects.values_list("page_version", flat=True).get(pk=claim.pk)


def test_record_services_bump_the_claim_page(editor):
    claim = ClaimFactory(published=True)
    document = DocumentFactory(text="He said unemployment fell to 5.2 percent.")
    services.evidence_add(claim=claim, by=editor, stance="refutes", url="https://x.org")
    assert page_version(claim) == 2
    services.note_add(claim=claim, by=editor, body="Internal only.")
    assert page_version(claim) == 2  # a private note is not on the page
    services.note_add(claim=claim, by=editor, body="How we checked.", is_public=True)
    assert page_version(claim) == 3
    services.appearance_add(
        claim=claim, document=document, quote="unemployment fell", by=editor
    )
    assert page_version(claim) == 4
    services.claim_date_add(claim=claim, start=PartialDate.parse("2019"))
    assert page_version(claim) == 5
    assert claim.page_version == 5  # the copy in hand is not left behind
    document.authors = "A. Writer"  # title and URL are frozen; authors show too
    services.document_save(document=document, by=editor)
    assert page_version(claim) == 6


def test_publishing_moves_every_page_that_may_list_the_claim(editor):
    speaker = SourceFactory()
    neighbour = ClaimFactory(published=True, claimant=speaker)
    claim = ClaimFactory(in_review=True, claimant=speaker)
    EvidenceFactory(claim=claim)
    before = shown_version(neighbour)
    services.claim_publish(claim=claim, by=editor)
    assert page_version(claim) == 2
    published = shown_version(neighbour)
    assert published > before  # its related claims may now list the new one
    assert page_version(neighbour) == 1  # by the site's epoch: no UPDATE of its row
    services.claim_assign(claim=claim, by=editor, assignee=editor)
    assert page_version(claim) == 2  # not on the page
    assert shown_version(neighbour) == published  # nor on any other
    services.claim_retract(claim=claim, by=editor, comment="Wrong figure.")
    assert page_version(claim) == 3
    assert shown_version(neighbour) > published


def test_claim_save_cannot_write_an_older_page_version_back(editor):
    claim = ClaimFactory(published=True)
    stale = reload(claim)
    Claim.objects.filter(pk=claim.pk).bump_page_version()  # a rating edit, say
    stale.checkworthiness = 0.5
    services.claim_save(claim=stale, by=editor, expected_version=stale.version)
    assert page_version(claim) == 3


def test_changing_claimant_moves_the_former_claimants_pages(editor):
    old, new = SourceFactory(), SourceFactory()
    claim = ClaimFactory(published=True, claimant=old)
    old_neighbour = ClaimFactory(published=True, claimant=old)
    before = shown_version(old_neighbour)
    services.claim_correct(  # a published claimant changes through a correction
        claim=claim,
        by=editor,
        note="Wrong speaker.",
        expected_version=claim.version,
        fields={"claimant": new},
    )
    assert shown_version(old_neighbour) > before


def test_a_correction_off_the_card_leaves_other_pages(editor):
    claim = ClaimFactory(published=True)
    other = ClaimFactory(published=True)
    before = shown_version(other)
    services.claim_correct(
        claim=claim,
        by=editor,
        note="Clearer summary.",
        expected_version=claim.version,
        fields={"verdict_summary": "The figure was 4.2 percent, not 2.4."},
    )
    assert page_version(claim) == 2
    assert shown_version(other) == before  # a card shows no summary


def test_shared_things_move_every_page_at_once(editor, superuser):
    speaker = SourceFactory()
    claim = ClaimFactory(published=True, claimant=speaker, tags=["economy"])
    other = ClaimFactory(published=True)
    seen = [shown_version(claim)]

    def moved() -> bool:
        """Every page's version moved, by the site's epoch alone (one row)."""
        now = shown_version(other)
        was, seen[0] = seen[0], now
        return now > was and page_version(claim) == page_version(other) == 1

    speaker.name = "A. Speaker"
    services.source_save(source=speaker, by=editor)
    assert moved()
    alias = services.source_alias_save(
        alias=speaker.aliases.model(source=speaker, name="Speaker"), by=editor
    )
    assert moved()
    services.source_alias_delete(alias=alias, by=superuser)
    assert moved()
    tag = Tag.objects.get(name="economy")
    tag.name = "the economy"
    services.tag_save(tag=tag, by=editor)
    assert moved()
    verdict = rating("true")
    verdict.label = "Correct"
    services.rating_save(rating=verdict, by=editor)
    assert moved()


def test_shared_things_need_their_permissions(fact_checker):
    verdict = rating("true")
    with pytest.raises(PermissionDenied):
        services.rating_save(rating=verdict, by=fact_checker)
    with pytest.raises(PermissionDenied):
        services.tag_delete(tag=Tag.objects.create(name="x"), by=fact_checker)
