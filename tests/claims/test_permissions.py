"""The permission matrix: every (role, action, from-state), allowed and refused.

An allowed action from a state it starts from moves the claim and writes exactly one
review event; from any other state it raises WorkflowError; a role without the right
gets PermissionDenied. A refusal changes nothing and writes no event.
"""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from claims import services
from claims.models import Claim, Correction, ReviewEvent, Status
from claims.services import WorkflowError
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory, rating

pytestmark = pytest.mark.django_db

ROLES = ("fact_checker", "editor", "superuser", "outsider")
ACTIONS = (
    "start_research",
    "submit",
    "send_back",
    "publish",
    "mark_not_checkable",
    "correct",
    "retract",
    "archive",
    "delete",
)

#: Who may do what: the workflow section of the foundation issue.
ALLOWED = {
    "fact_checker": {"start_research", "submit", "mark_not_checkable", "archive"},
    "editor": set(ACTIONS) - {"delete"},
    "superuser": set(ACTIONS),
    "outsider": set(),
}

#: The states each action starts from, and where it leads (None: status unchanged).
FROM = {
    "start_research": ({Status.NEW}, Status.RESEARCHING),
    "submit": ({Status.RESEARCHING}, Status.IN_REVIEW),
    "send_back": ({Status.IN_REVIEW}, Status.RESEARCHING),
    "publish": ({Status.IN_REVIEW}, Status.PUBLISHED),
    "mark_not_checkable": ({Status.NEW, Status.RESEARCHING}, Status.NOT_CHECKABLE),
    "correct": ({Status.PUBLISHED, Status.CORRECTED}, Status.CORRECTED),
    "retract": ({Status.PUBLISHED, Status.CORRECTED}, Status.RETRACTED),
    # Public claims (and retracted ones, which keep their page) are never archived.
    "archive": (
        {Status.NEW, Status.RESEARCHING, Status.IN_REVIEW, Status.NOT_CHECKABLE},
        None,
    ),
    "delete": (set(Status.values), None),
}


#: The review event each action writes.
EVENTS = {
    "start_research": "claim.research_started",
    "submit": "claim.submitted",
    "send_back": "claim.sent_back",
    "publish": "claim.published",
    "mark_not_checkable": "claim.marked_not_checkable",
    "correct": "claim.corrected",
    "retract": "claim.retracted",
    "archive": "claim.archived",
    "delete": "claim.deleted",
}
COMMENTS = {"correct": "The figure was revised.", "archive": ""}


def perform(action, claim, user):
    """Call the service behind ``action`` as a view or admin action would."""
    if action == "correct":
        return services.claim_correct(
            claim=claim,
            by=user,
            expected_version=claim.version,
            note=COMMENTS["correct"],
            verdict=rating("mixed"),
        )
    if action == "archive":
        return services.claim_archive(claim=claim, by=user)
    if action == "delete":
        return services.claim_delete(claim=claim, by=user)
    service = getattr(services, f"claim_{action}")
    return service(claim=claim, by=user, comment="Because.")


def make_claim(status):
    """A claim in ``status`` that meets every requirement for leaving it."""
    claim = ClaimFactory(
        status=status,
        verdict=rating("false"),
        verdict_summary="The official figure was 5.9 percent.",
    )
    EvidenceFactory(claim=claim)
    return claim


def snapshot(claim):
    return Claim.objects.filter(pk=claim.pk).values().get()


CASES = [
    (role, action, status)
    for role in ROLES
    for action in ACTIONS
    for status in Status.values
]


@pytest.mark.parametrize(("role", "action", "status"), CASES)
def test_permission_matrix(role, action, status, request):
    user = request.getfixturevalue(role)
    claim = make_claim(status)
    before = snapshot(claim)
    events_before = ReviewEvent.objects.count()
    sources, target = FROM[action]

    if action not in ALLOWED[role]:
        with pytest.raises(PermissionDenied):
            perform(action, claim, user)
    elif status not in sources:
        with pytest.raises(WorkflowError) as exc:
            perform(action, claim, user)
        message = exc.value.messages[0]
        if action == "archive":
            assert "cannot be archived" in message
        else:  # says which state the claim is in
            assert str(Status(status).label) in message
    else:
        perform(action, claim, user)
        event = ReviewEvent.objects.latest("pk")
        assert ReviewEvent.objects.count() == events_before + 1
        assert event.actor == user
        assert event.from_status == status
        assert event.action == EVENTS[action]
        if action == "delete":
            assert not Claim.objects.filter(pk=claim.pk).exists()
            assert event.claim is None
            return
        after = snapshot(claim)
        assert after["status"] == (target or status)
        assert event.to_status == (target or status)
        assert event.comment == COMMENTS.get(action, "Because.")
        verdict = rating("mixed") if action == "correct" else rating("false")
        assert after["verdict_id"] == verdict.pk
        if action != "archive":  # archiving is not a status or verdict change
            assert (event.from_verdict, event.to_verdict) == (rating("false"), verdict)
        assert event.claim_id == claim.pk
        assert after["version"] == before["version"] + 1
        assert after["updated_by_id"] == user.pk
        if action == "archive":
            assert after["is_archived"]
        return

    assert snapshot(claim) == before
    assert ReviewEvent.objects.count() == events_before
    assert not Correction.objects.exists()


def test_the_matrix_covers_every_transition_in_the_services():
    assert set(services.TRANSITIONS) <= set(ACTIONS)
    for name, transition in services.TRANSITIONS.items():
        sources, target = FROM[name]
        assert transition.sources == sources, name
        assert transition.target == target, name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", Status.values)
def test_transitions_for_offers_exactly_what_the_user_may_do_now(role, status, request):
    user = request.getfixturevalue(role)
    claim = ClaimFactory(status=status)

    offered = {t.name for t in services.transitions_for(claim=claim, user=user)}

    assert offered == {
        name
        for name in services.TRANSITIONS
        if name in ALLOWED[role] and status in FROM[name][0]
    }


@pytest.mark.parametrize("action", sorted(ALLOWED["editor"]))
def test_an_inactive_editor_may_do_nothing(action, editor):
    editor.is_active = False
    editor.save()
    claim = make_claim(Status.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        perform(action, claim, editor)
    assert not ReviewEvent.objects.filter(claim=claim).exists()


def test_a_user_with_only_the_publish_permission_cannot_submit():
    """Permissions, not group names, decide: publish_claim alone does not submit."""
    user = UserFactory(username="publisher-only")
    user.user_permissions.add(Permission.objects.get(codename="publish_claim"))
    claim = make_claim(Status.RESEARCHING)

    with pytest.raises(PermissionDenied):
        services.claim_submit(claim=claim, by=user)


# --- The groups the data migration creates ------------------------------------------


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "codename", flat=True
        )
    )


WORKED_ON = (
    "claim",
    "claimdate",
    "appearance",
    "evidence",
    "note",
    "document",
    "source",
    "sourcealias",
    "tag",
    "claimtranslation",
)
FACT_CHECKER_PERMS = (
    {f"{verb}_{m}" for m in WORKED_ON for verb in ("view", "add", "change")}
    | {"view_rating", "view_reviewevent", "view_correction"}
    | {"submit_claim", "archive_claim"}
    | {"view_job"}  # the jobs they start: progress and outcome
    | {"view_claimmerge", "view_sourcemerge"}  # the record of merges
)


def test_fact_checkers_group_has_exactly_its_permissions():
    assert codenames("Fact-checkers") == FACT_CHECKER_PERMS


def test_editors_group_has_exactly_its_permissions():
    assert codenames("Editors") == FACT_CHECKER_PERMS | {
        "publish_claim",
        "correct_claim",
        "retract_claim",
        "add_rating",
        "change_rating",
        # django-axes' failed sign-ins: seeing them, and deleting one is "Unlock"
        "view_accessattempt",
        "delete_accessattempt",
        "retry_job",
        # give a claim to a named colleague; see each fact-checker's throughput
        "assign_claim",
        "view_throughput",
        # merging duplicate claims and sources
        "add_claimmerge",
        "add_sourcemerge",
    }


@pytest.mark.parametrize("group", ["Fact-checkers", "Editors"])
def test_no_group_may_delete_or_rewrite_history(group):
    perms = codenames(group)

    # Unlocking a sign-in deletes its failure counter: not part of any history.
    assert not {p for p in perms if p.startswith("delete_")} - {"delete_accessattempt"}
    assert not {"add_reviewevent", "change_reviewevent"} & perms
    assert not {"add_correction", "change_correction"} & perms


def test_the_group_migration_is_idempotent():
    name = "0003_fact_checker_and_editor_groups"
    migration = importlib.import_module(f"claims.migrations.{name}")
    state = MigrationLoader(connection).project_state(("claims", name))
    before = {g: codenames(g) for g in ("Fact-checkers", "Editors")}

    migration.create_groups(state.apps, None)

    assert Group.objects.filter(name__in=before).count() == 2
    assert {g: codenames(g) for g in before} == before


def test_fact_checkers_cannot_publish_correct_or_retract(fact_checker):
    for perm in ("publish_claim", "correct_claim", "retract_claim", "delete_claim"):
        assert not fact_checker.has_perm(f"claims.{perm}")
    assert fact_checker.has_perm("claims.submit_claim")


def test_editors_can_publish_but_not_delete(editor):
    assert editor.has_perm("claims.publish_claim")
    assert not editor.has_perm("claims.delete_claim")
    assert not editor.has_perm("claims.delete_evidence")
    assert not editor.has_perm("claims.delete_document")


def test_transitions_for_offers_nothing_on_an_archived_claim(editor):
    claim = ClaimFactory(in_review=True, is_archived=True)

    assert services.transitions_for(claim=claim, user=editor) == []
