"""The desk header's unread-notifications count."""

from __future__ import annotations

from typing import Any

from django import template

from claims.models import Notification

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    """How many notifications ``user`` has not read: one indexed count
    (``notification_unread_idx``), on every desk page."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_user(user).unread().count()
