"""What every service shares: the actor type, errors, permission checks, the
version check (under the row lock), the log of refusals and the review-event
writer."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import (
    Claim,
    Rating,
    ReviewEvent,
)
from ..models.history import acting_as
from ..models.review import SERVICE_WRITE

if TYPE_CHECKING:
    # The project's user model (AUTH_USER_MODEL), what the ``*_by`` foreign keys
    # hold: a signed-in user, never AnonymousUser. The admin narrows
    # ``request.user`` to it before calling a service.
    from django.contrib.auth.models import User

logger = logging.getLogger("claims.services")

P = ParamSpec("P")
R = TypeVar("R")


class WorkflowError(ValidationError):
    """A transition that the claim's state or content does not allow."""


class ConflictError(ValidationError):
    """Someone else saved the claim after this editor loaded it (code ``conflict``),
    or the caller did not say which version it loaded (code ``version_missing``)."""


def _require(user: User | None, permission: str) -> None:
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(_("You do not have permission to do this."))


def _refusal_reason(exc: ValidationError | PermissionDenied) -> str:
    """A short, stable code for why a service refused: ``permission``, the error's
    own code (``state``, ``conflict``...), or the field a field error is about
    (``comment``, ``note``)."""
    if isinstance(exc, PermissionDenied):
        return "permission"
    if hasattr(exc, "error_dict"):  # {field: message}: the field says what is wrong
        field, errors = next(iter(exc.error_dict.items()))
        return next((e.code for e in errors if e.code), field)
    return next((e.code for e in exc.error_list if e.code), "invalid")


def logs_refusals(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Log each refusal of the decorated service as one line on the
    ``claims.services`` logger: action (a transition's ``name`` argument if it has
    one), claim id, username and reason code; never the claim's text. The
    refusal is re-raised unchanged."""

    def decorate(service: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(service)
        def logged(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return service(*args, **kwargs)
            except (WorkflowError, ConflictError, PermissionDenied) as exc:
                _log_refusal(action, kwargs, exc)
                raise

        return logged

    return decorate


def _log_refusal(
    action: str, kwargs: dict[str, Any], exc: ValidationError | PermissionDenied
) -> None:
    claim, by = kwargs.get("claim"), kwargs.get("by")
    fields = {
        "action": kwargs.get("name") or action,
        "claim_id": getattr(claim, "pk", None),
        "username": by.get_username() if by is not None else "",
        "reason": _refusal_reason(exc),
    }
    logger.warning(
        "transition refused: action=%(action)s claim=%(claim_id)s "
        "user=%(username)s reason=%(reason)s",
        fields,
        extra=fields,
    )


def _record(
    *,
    claim: Claim,
    by: User | None,
    action: ReviewEvent.Action,
    from_status: str = "",
    to_status: str = "",
    from_verdict: Rating | None = None,
    to_verdict: Rating | None = None,
    comment: str = "",
) -> ReviewEvent:
    event = ReviewEvent(
        claim=claim,
        claim_ref=claim_ref(claim),
        action=action,
        actor=by,
        from_status=from_status,
        to_status=to_status or from_status,
        from_verdict=from_verdict,
        to_verdict=to_verdict,
        comment=comment,
    )
    event.save(written_by=SERVICE_WRITE)
    return event


def claim_ref(claim: Claim) -> str:
    """What an event keeps of its claim, for when the claim is deleted."""
    return f"#{claim.pk} {claim.statement[:180]}"


def _require_version(expected_version: int | None) -> int:
    """Writes of what a person typed (a claim's fields, a correction) must say which
    version they were made from: without one, a stale copy would overwrite."""
    if expected_version is None:
        raise ConflictError(
            _(
                "The page did not say which version of the claim you opened, so "
                "your changes were not saved: reload the claim and apply them again."
            ),
            code="version_missing",
        )
    return expected_version


def _refuse_stale(current: Claim, expected_version: int | None) -> None:
    """The one version check: ``current`` (the stored row) must still be at
    ``expected_version``; ``None`` skips it (the caller checks state instead)."""
    if expected_version is None or current.version == expected_version:
        return
    who = current.updated_by.get_username() if current.updated_by else _("someone")
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    raise ConflictError(
        _(
            "This claim was changed by %(who)s at %(when)s after you opened it. "
            "Your changes were not saved: reload the claim and apply them again."
        )
        % {"who": who, "when": when},
        code="conflict",
    )


def _lock(claim: Claim, expected_version: int | None = None) -> Claim:
    """Re-read the claim under a row lock; refuse if it changed since it was loaded."""
    # No select_related("updated_by"): a lock that waited for another writer
    # re-reads the claim row but not the joined user row, so a conflict would name
    # the previous editor, or nobody. The user is read only for the message.
    current = Claim.objects.select_for_update(of=("self",)).get(pk=claim.pk)
    _refuse_stale(current, expected_version)
    return current


@logs_refusals("save")
def claim_check_version(
    *, claim: Claim, by: User | None, expected_version: int | None
) -> None:
    """Refuse (``ConflictError``) a form's copy of ``claim`` loaded at
    ``expected_version`` if the claim has changed since, or if no version came.
    ``by`` is who is saving, for the log of refusals.

    A form calls it while validating, so the refusal shows with the user's input
    still on the page. It takes the row lock, held until the caller's transaction
    ends: the admin validates and saves in one transaction, so of two forms posted
    at the same moment the second waits here for the first to commit, then is
    refused on its page (not after the save, when the typed edits are gone). The
    writers check again under the lock for callers that validate elsewhere.
    """
    _require_version(expected_version)
    with transaction.atomic():
        _lock(claim, expected_version)


def _touch(claim: Claim, by: User) -> None:
    claim.version += 1
    claim.updated_by = by
    claim.updated_at = timezone.now()


def _refresh(stale: Claim, fresh: Claim) -> None:
    deferred = fresh.get_deferred_fields()
    for field in Claim._meta.concrete_fields:
        if field.attname not in deferred:
            setattr(stale, field.attname, getattr(fresh, field.attname))


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _record_created(*, claims: list[Claim], by: User | None) -> None:
    """``_record``'s "created" event for each of ``claims``, in one INSERT."""
    ReviewEvent.objects.bulk_create(
        [
            ReviewEvent(
                claim=claim,
                claim_ref=claim_ref(claim),
                action=ReviewEvent.Action.CREATED,
                actor=by,
                to_status=claim.status,
            )
            for claim in claims
        ],
        batch_size=2000,
        written_by=SERVICE_WRITE,
    )


def audited(service: Callable[_P, _R]) -> Callable[_P, _R]:
    """Attribute the history rows a service writes to its ``by`` user, whatever
    path called it (admin, importer, command, test)."""

    @functools.wraps(service)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with acting_as(kwargs.get("by")):
            return service(*args, **kwargs)

    return wrapper
