"""Bulk actions on many claims as a job (``claims.bulk``): the same services the
admin's actions call on a few claims, one claim per step, so a retry after a failure
skips the claims already done."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Claim
from .archive import claim_archive, claim_restore
from .base import ConflictError, WorkflowError
from .claims import claim_assign
from .jobs import JobRun, job_handler, job_start
from .workflow import TRANSITIONS, claim_transition

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ..models import Job

KIND = "claims.bulk"
ACTIONS = ("assign_to_me", "archive", "restore", *TRANSITIONS)


def claims_bulk_start(
    *, action: str, by: User, claim_ids: list[int], comment: str = ""
) -> Job:
    """Start a job applying ``action`` (a transition's name, ``assign_to_me``,
    ``archive`` or ``restore``) to each of ``claim_ids`` as ``by``."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown bulk action {action!r}.")
    return job_start(
        kind=KIND,
        by=by,
        args={"action": action, "comment": comment, "ids": list(claim_ids)},
    )


def _apply(action: str, claim: Claim, by: User, comment: str) -> Any:
    if action == "assign_to_me":
        return claim_assign(claim=claim, by=by, assignee=by)
    if action == "archive":
        return claim_archive(claim=claim, by=by)
    if action == "restore":
        return claim_restore(claim=claim, by=by)
    return claim_transition(claim=claim, by=by, name=action, comment=comment)


@job_handler(KIND)
def _run_bulk(run: JobRun) -> str:
    by = run.job.started_by
    if by is None:
        raise PermissionDenied(_("The user who started this job no longer exists."))
    action, comment = run.args["action"], run.args.get("comment", "")
    ids = [int(pk) for pk in run.args["ids"]]
    run.set_total(len(ids))

    def one(key: str) -> str:
        claim = Claim.objects.filter(pk=int(key)).first()
        if claim is None:
            return f"#{key}: " + _("deleted meanwhile")
        try:
            _apply(action, claim, by, comment)
        except (WorkflowError, ConflictError, PermissionDenied) as exc:
            return f"#{key}: " + "; ".join(getattr(exc, "messages", [str(exc)]))
        return ""

    notes = run.each([str(pk) for pk in ids], one)
    refused = [note for note in notes if note]
    done = len(notes) - len(refused)
    outcome = ngettext("%(n)d claim done.", "%(n)d claims done.", done) % {"n": done}
    if refused:
        outcome += " " + ngettext(
            "%(n)d claim refused:", "%(n)d claims refused:", len(refused)
        ) % {"n": len(refused)}
        outcome += " " + "; ".join(refused[:20])
    return outcome
