"""Roles are the groups "Fact-checkers" and "Editors": a role opens the desk.

A newsroom adds someone to a role and expects them to sign in; so membership of a
role is what makes an account staff, and leaving the last role closes the desk to
it (superusers keep it: their access does not come from a role).
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from django.contrib.auth.models import AbstractUser, Group

logger = logging.getLogger(__name__)

ROLE_GROUPS = ("Fact-checkers", "Editors")

#: members of a role group being cleared, between its pre_clear and post_clear
_clearing: weakref.WeakKeyDictionary[Group, list[Any]] = weakref.WeakKeyDictionary()


def user_sync_staff(*, user: AbstractUser) -> bool:
    """Make ``is_staff`` follow the user's roles; True when it changed."""
    has_role = user.groups.filter(name__in=ROLE_GROUPS).exists()
    is_staff = has_role or user.is_superuser
    if user.is_staff == is_staff:
        return False
    user.is_staff = is_staff
    user.save(update_fields=["is_staff"])
    logger.info(
        "staff status follows roles",
        extra={"event": "staff_synced", "user": user.pk, "is_staff": is_staff},
    )
    return True


def groups_changed(
    sender: Any,
    instance: Any,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    """Receiver of ``m2m_changed`` on ``User.groups``, from either side.

    ``group.user_set.clear()`` does not say whom it removed: they are noted at
    ``pre_clear`` and brought in line at ``post_clear``.
    """
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            user_sync_staff(user=instance)
        return
    if not isinstance(instance, Group) or instance.name not in ROLE_GROUPS:
        return
    if action == "pre_clear":
        _clearing[instance] = list(instance.user_set.all())
        return
    if action == "post_clear":
        users = _clearing.pop(instance, [])
    elif action in ("post_add", "post_remove") and pk_set:
        from django.contrib.auth import get_user_model

        users = list(get_user_model().objects.filter(pk__in=pk_set))
    else:
        return
    for user in users:
        user_sync_staff(user=user)
