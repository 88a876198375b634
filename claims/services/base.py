"""What every service shares: the actor type, errors, permission checks, the
row lock with its version check, and the review-event writer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
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

User = Any  # an authenticated django.contrib.auth user


class WorkflowError(ValidationError):
    """A transition that the claim's state or content does not allow."""


class ConflictError(ValidationError):
    """Someone else saved the claim after this editor loaded it."""


def _require(user: User, permission: str) -> None:
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(_("You do not have permission to do this."))


def _record(
    *,
    claim: Claim,
    by: User,
    action: str,
    from_status: str = "",
    to_status: str = "",
    from_verdict: Rating | None = None,
    to_verdict: Rating | None = None,
    comment: str = "",
) -> ReviewEvent:
    event = ReviewEvent(
        claim=claim,
        claim_ref=f"#{claim.pk} {claim.statement[:180]}",
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


def _lock(claim: Claim, expected_version: int | None = None) -> Claim:
    """Re-read the claim under a row lock; refuse if it changed since it was loaded."""
    current = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=claim.pk)
    )
    if expected_version is not None and current.version != expected_version:
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
    return current


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


def audited(service: Callable[_P, _R]) -> Callable[_P, _R]:
    """Attribute the history rows a service writes to its ``by`` user, whatever
    path called it (admin, importer, command, test)."""

    @functools.wraps(service)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with acting_as(kwargs.get("by")):
            return service(*args, **kwargs)

    return wrapper
