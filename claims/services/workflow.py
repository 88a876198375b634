"""The workflow: one transition table, and one function per transition."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    PUBLIC_STATUSES,
    Claim,
    Correction,
    Notification,
    Rating,
    ReviewEvent,
    Status,
    Tag,
)
from .base import (
    WorkflowError,
    _lock,
    _record,
    _refresh,
    _require,
    _touch,
    audited,
    logs_refusals,
)
from .frozen import PUBLIC_FIELDS
from .pages import _claim_pages_bump
from .work import claim_notify

if TYPE_CHECKING:
    from .base import User
    from .records import ClaimRecord


@dataclass(frozen=True)
class Transition:
    """One step of the workflow: who may take it (``permission``), from which
    statuses to which, and the review event it writes."""

    name: str
    label: Any  # lazy translation
    sources: frozenset[str]
    target: str
    permission: str
    event: ReviewEvent.Action
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "start_research",
            gettext_lazy("Start research"),
            frozenset({Status.NEW}),
            Status.RESEARCHING,
            "claims.change_claim",
            ReviewEvent.Action.RESEARCH_STARTED,
        ),
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            frozenset({Status.RESEARCHING}),
            Status.IN_REVIEW,
            "claims.submit_claim",
            ReviewEvent.Action.SUBMITTED,
        ),
        Transition(
            "send_back",
            gettext_lazy("Send back for changes"),
            frozenset({Status.IN_REVIEW}),
            Status.RESEARCHING,
            "claims.publish_claim",
            ReviewEvent.Action.SENT_BACK,
            comment_required=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            frozenset({Status.IN_REVIEW}),
            Status.PUBLISHED,
            "claims.publish_claim",
            ReviewEvent.Action.PUBLISHED,
        ),
        Transition(
            "mark_not_checkable",
            gettext_lazy("Mark not checkable"),
            frozenset({Status.NEW, Status.RESEARCHING}),
            Status.NOT_CHECKABLE,
            "claims.change_claim",
            ReviewEvent.Action.MARKED_NOT_CHECKABLE,
        ),
        Transition(
            "correct",
            gettext_lazy("Publish a correction"),
            frozenset(PUBLIC_STATUSES),
            Status.CORRECTED,
            "claims.correct_claim",
            ReviewEvent.Action.CORRECTED,
            comment_required=True,
        ),
        Transition(
            "retract",
            gettext_lazy("Retract"),
            frozenset(PUBLIC_STATUSES),
            Status.RETRACTED,
            "claims.retract_claim",
            ReviewEvent.Action.RETRACTED,
            comment_required=True,
        ),
    ]
}

#: Transitions the assignee and the watchers are told about, as what.
NOTIFIED = {
    "send_back": Notification.Kind.SENT_BACK,
    "publish": Notification.Kind.PUBLISHED,
}

#: Fields that only change through a correction once a claim has a public page.
LOCKED_WHEN_PUBLIC = PUBLIC_FIELDS


def transitions_for(*, claim: Claim, user: User) -> list[Transition]:
    """The transitions ``user`` may attempt on ``claim`` now (state and permission)."""
    if claim.is_archived:
        return []
    return [
        t
        for t in TRANSITIONS.values()
        if claim.status in t.sources and user.has_perm(t.permission)
    ]


@audited
@logs_refusals("transition")
def claim_transition(
    *,
    claim: Claim,
    by: User,
    name: str,
    comment: str = "",
    expected_version: int | None = None,
) -> Claim:
    """Move ``claim`` along the workflow by the transition called ``name`` (for a
    caller that has the name as data: an admin URL, a bulk action, the demo).

    Checks permission, the current state (read under a row lock), the version if
    one is given (``None``: no version check, the state check decides; a
    correction, though, needs one, see ``claim_correct``), and the transition's
    requirements; writes the review event in the same transaction.
    Refuses with ``WorkflowError``, ``ConflictError`` or ``PermissionDenied``.
    """
    try:
        transition = TRANSITIONS[name]
    except KeyError:
        raise WorkflowError(
            _("Unknown action “%(name)s”.") % {"name": name}, code="unknown"
        ) from None
    _require(by, transition.permission)
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise WorkflowError({"comment": _("Say why: this action needs a comment.")})
    if transition.name == "correct":
        # A corrected claim must have its Correction; the comment is its public note.
        _correct(
            claim=claim,
            by=by,
            note=comment,
            expected_version=expected_version,
        )
        return claim
    with transaction.atomic():
        current = _lock(claim, expected_version)
        if current.is_archived:
            # Published while archived, a claim would be public in its status and
            # history yet absent from every public page.
            raise WorkflowError(
                _("“%(action)s” is not possible: the claim is archived.")
                % {"action": transition.label},
                code="archived",
            )
        if current.status not in transition.sources:
            raise WorkflowError(
                _("“%(action)s” is not possible for a claim that is %(status)s.")
                % {"action": transition.label, "status": current.get_status_display()},
                code="state",
            )
        if transition.name == "submit":
            _check_ready(current, _("Cannot submit for review"))
        if transition.name == "publish":
            _check_ready(current, _("Cannot publish"))
            _check_second_reviewer(current, by)
        from_status = current.status
        current.status = transition.target
        if transition.name == "start_research" and current.assignee_id is None:
            current.assignee = by
        if transition.name == "publish" and current.published_at is None:
            current.published_at = timezone.now()
        _touch(current, by)
        if transition.name in ("publish", "retract"):
            current.revised_at = current.updated_at
        current.save()
        _record(
            claim=current,
            by=by,
            action=transition.event,
            from_status=from_status,
            to_status=current.status,
            from_verdict=current.verdict,
            to_verdict=current.verdict,
            comment=comment,
        )
        if transition.name in NOTIFIED:
            claim_notify(
                claim=current, kind=NOTIFIED[transition.name], by=by, comment=comment
            )
        # Publishing or retracting adds or removes its card on related pages.
        _claim_pages_bump(
            current,
            listed=from_status in PUBLIC_STATUSES or current.status in PUBLIC_STATUSES,
        )
    _refresh(claim, current)
    return claim


def claim_readiness(claim: Claim) -> list[tuple[str, bool]]:
    """The checklist a claim must pass to be submitted for review and published:
    (what, done) for each of a verdict, a summary, an evidence item, a claimant and a
    date (when it was made, or a date it is about or was reported on)."""
    return [
        (_("a verdict"), claim.verdict_id is not None),
        (_("a verdict summary"), bool(claim.verdict_summary.strip())),
        (
            _("at least one evidence item"),
            claim.evidence.filter(is_archived=False).exists(),
        ),
        (_("a claimant"), claim.claimant_id is not None),
        (_("a date"), claim.made_on is not None or claim.dates.exists()),
    ]


def _check_ready(claim: Claim, refusal: str) -> None:
    missing = [str(what) for what, done in claim_readiness(claim) if not done]
    if missing:
        raise WorkflowError(
            _("%(refusal)s: the claim needs %(missing)s.")
            % {"refusal": refusal, "missing": ", ".join(missing)},
            code="incomplete",
        )


def researchers(claim: Claim) -> set[int]:
    """Who researched the claim: its assignee and whoever submitted it for review."""
    submitters = claim.events.filter(action=ReviewEvent.Action.SUBMITTED).values_list(
        "actor_id", flat=True
    )
    ids = {pk for pk in submitters if pk is not None}
    if claim.assignee_id is not None:
        ids.add(claim.assignee_id)
    return ids


def _check_second_reviewer(claim: Claim, by: User) -> None:
    """A second pair of eyes (OWASP ASVS 4.3.3): the editor who publishes is not the
    person who researched and submitted the claim, unless the desk has one person
    (``CLAIMDESK_SEPARATE_REVIEW = False``)."""
    if not getattr(settings, "CLAIMDESK_SEPARATE_REVIEW", True):
        return
    if by.pk in researchers(claim):
        raise WorkflowError(
            _(
                "Cannot publish: you researched or submitted this claim, so another "
                "editor must review and publish it."
            ),
            code="same_reviewer",
        )


@audited
def claim_start_research(
    *, claim: Claim, by: User, comment: str = "", expected_version: int | None = None
) -> Claim:
    """Start researching a new claim; it is assigned to ``by`` if it had nobody."""
    return claim_transition(
        claim=claim,
        by=by,
        name="start_research",
        comment=comment,
        expected_version=expected_version,
    )


@audited
def claim_submit(
    *, claim: Claim, by: User, comment: str = "", expected_version: int | None = None
) -> Claim:
    """Hand a researched claim to the editors for review."""
    return claim_transition(
        claim=claim,
        by=by,
        name="submit",
        comment=comment,
        expected_version=expected_version,
    )


@audited
def claim_send_back(
    *, claim: Claim, by: User, comment: str, expected_version: int | None = None
) -> Claim:
    """Return a claim in review to research; ``comment`` (required) says why."""
    return claim_transition(
        claim=claim,
        by=by,
        name="send_back",
        comment=comment,
        expected_version=expected_version,
    )


@audited
def claim_publish(
    *, claim: Claim, by: User, comment: str = "", expected_version: int | None = None
) -> Claim:
    """Publish a reviewed claim; refused without a verdict, a verdict summary and
    at least one live evidence item. The first publication dates the claim."""
    return claim_transition(
        claim=claim,
        by=by,
        name="publish",
        comment=comment,
        expected_version=expected_version,
    )


@audited
def claim_mark_not_checkable(
    *, claim: Claim, by: User, comment: str = "", expected_version: int | None = None
) -> Claim:
    """Close a new or researching claim as not checkable (opinion, prediction...)."""
    return claim_transition(
        claim=claim,
        by=by,
        name="mark_not_checkable",
        comment=comment,
        expected_version=expected_version,
    )


@audited
def claim_retract(
    *, claim: Claim, by: User, comment: str, expected_version: int | None = None
) -> Claim:
    """Withdraw a public claim; its page stays, explaining why (``comment``)."""
    return claim_transition(
        claim=claim,
        by=by,
        name="retract",
        comment=comment,
        expected_version=expected_version,
    )


@audited
@logs_refusals("correct")
def claim_correct(
    *,
    claim: Claim,
    by: User,
    note: str,
    expected_version: int | None,
    verdict: Rating | None = None,
    summary: str | None = None,
    fields: Mapping[str, Any] | None = None,
    tags: Iterable[Tag] | None = None,
    rows: Iterable[ClaimRecord] = (),
    deleted: Iterable[ClaimRecord] = (),
) -> Correction:
    """Publish a correction: change any public field of a published claim
    (``fields``, by name from ``PUBLIC_FIELDS``; ``verdict`` and ``summary`` are
    shorthands), its tags, and its dates, evidence, public notes and appearances
    (``rows`` to save, ``deleted`` to remove: evidence and notes are archived,
    kept with their history, dates and quotes deleted), in one transaction, and
    leave a public, dated note saying what changed and why.

    The ``Correction`` keeps the before and after of every field and row that
    changed (``changes``); the claim becomes corrected, the review event is written
    and its pages are bumped. ``expected_version`` is the version the corrector
    loaded, and is required: a correction made from a copy someone has since
    changed (another correction among them) is refused with ``ConflictError``
    naming who changed it and when, and so is one that names no version (``None``,
    code ``version_missing``).
    """
    return _correct(
        claim=claim,
        by=by,
        note=note,
        expected_version=expected_version,
        verdict=verdict,
        summary=summary,
        fields=fields,
        tags=tags,
        rows=rows,
        deleted=deleted,
    )


def _correct(**kwargs: Any) -> Correction:
    from .corrections import correct

    return correct(**kwargs)
