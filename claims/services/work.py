"""Work that reaches people: telling the assignee and the watchers of a claim what
happened to it (in the desk's list, and by email unless they turned it off),
watching, the overdue job, notification settings and saved filters.

The writers of assignments, send-backs and publications (``claims``, ``workflow``)
call ``claim_notify`` in their own transaction; the emails go once it commits, so a
change that rolls back tells nobody.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..links import site_url
from ..models import (
    Claim,
    Notification,
    NotificationSetting,
    SavedFilter,
    Watch,
)
from .base import _require, audited
from .jobs import JobRun, job_handler, job_start

if TYPE_CHECKING:
    from .base import User

logger = logging.getLogger(__name__)

OVERDUE_KIND = "claims.overdue"


def may_assign(user: User, assignee: User | None) -> bool:
    """The one assignment rule: anyone who may change a claim may take it or leave
    it unassigned; giving it to someone else needs ``claims.assign_claim``
    (editors)."""
    if assignee is None or assignee.pk == user.pk:
        return user.has_perm("claims.change_claim")
    return user.has_perm("claims.assign_claim")


def require_may_assign(user: User, assignee: User | None) -> None:
    if not (user and user.is_active and may_assign(user, assignee)):
        raise PermissionDenied(
            _("You may take a claim yourself; only editors give it to someone else.")
        )


def recipients(claim: Claim, *, exclude: int | None = None) -> list[int]:
    """Who hears about ``claim``: its assignee and its watchers, never the person
    who made the change (``exclude``), each once."""
    ids = list(Watch.objects.filter(claim=claim).values_list("user_id", flat=True))
    if claim.assignee_id is not None:
        ids.insert(0, claim.assignee_id)
    seen: list[int] = []
    for pk in ids:
        if pk != exclude and pk not in seen:
            seen.append(pk)
    return seen


def claim_notify(
    *,
    claim: Claim,
    kind: str,
    by: User | None,
    comment: str = "",
    to: Iterable[int] | None = None,
    key: str = "",
) -> list[Notification]:
    """Tell ``to`` (default: ``recipients(claim)`` but ``by``) that ``kind``
    happened to ``claim``: one ``Notification`` each, written in the caller's
    transaction, and an email to each who wants one once it commits. With ``key``,
    a person already told under that key is not told again."""
    people = list(to) if to is not None else recipients(claim, exclude=_pk(by))
    made = []
    for pk in people:
        if key and Notification.objects.filter(recipient_id=pk, key=key).exists():
            continue
        try:
            with transaction.atomic():
                made.append(
                    Notification.objects.create(
                        recipient_id=pk,
                        claim=claim,
                        kind=kind,
                        actor=by,
                        comment=comment,
                        key=key,
                    )
                )
        except IntegrityError:  # another run wrote the same key meanwhile
            continue
    if made:
        transaction.on_commit(
            partial(notifications_email, ids=[n.pk for n in made]), robust=True
        )
    return made


def _pk(user: User | None) -> int | None:
    return user.pk if user is not None else None


def _subject(n: Notification) -> str:
    statement = (
        n.claim.statement
        if len(n.claim.statement) <= 60
        else (n.claim.statement[:59] + "…")
    )
    subjects = {
        Notification.Kind.ASSIGNED: _("Assigned to you: %(claim)s"),
        Notification.Kind.SENT_BACK: _("Sent back for changes: %(claim)s"),
        Notification.Kind.PUBLISHED: _("Published: %(claim)s"),
        Notification.Kind.OVERDUE: _("Past its due date: %(claim)s"),
    }
    return subjects[Notification.Kind(n.kind)] % {"claim": statement}


def notification_text(n: Notification) -> str:
    """The notification as one sentence, as the list and the email say it."""
    who = n.actor.get_username() if n.actor else _("Someone")
    if n.kind == Notification.Kind.ASSIGNED:
        if n.claim.assignee_id == n.recipient_id:
            text = _("%(who)s assigned this claim to you.") % {"who": who}
        else:
            text = _("%(who)s assigned a claim you watch.") % {"who": who}
        if n.claim.due_on:
            text += " " + _("Due on %(date)s.") % {"date": n.claim.due_on.isoformat()}
        return text
    if n.kind == Notification.Kind.SENT_BACK:
        return _("%(who)s sent this claim back for changes: “%(comment)s”") % {
            "who": who,
            "comment": n.comment,
        }
    if n.kind == Notification.Kind.PUBLISHED:
        return _("%(who)s published this claim.") % {"who": who}
    return _("This claim was due on %(date)s and is not done yet.") % {
        "date": n.comment
    }


def notifications_email(*, ids: list[int]) -> int:
    """Email each of the notifications ``ids`` to its recipient, unless they turned
    email off or have no address; stamp ``emailed_at``. Returns how many went.
    A mail server that refuses is logged; the desk's list still has them."""
    rows = (
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True)
        .select_related("claim", "actor", "recipient")
        .order_by("pk")
    )
    chosen = {
        s.user_id: s
        for s in NotificationSetting.objects.filter(user__notifications__pk__in=ids)
    }
    messages, sent_ids = [], []
    for n in rows:
        setting = chosen.get(n.recipient_id) or NotificationSetting()
        if not setting.email or not n.recipient.email:
            continue
        # in the language the recipient chose, else the site's
        with translation.override(setting.language or settings.LANGUAGE_CODE):
            link = site_url(reverse("admin:claims_claim_change", args=[n.claim_id]))
            body = "\n\n".join(
                [
                    notification_text(n),
                    n.claim.statement,
                    link,
                    _(
                        "You get these emails because the claim is assigned to you "
                        "or you watch it. Turn them off: %(url)s"
                    )
                    % {"url": site_url(reverse("admin:notification-settings"))},
                ]
            )
            messages.append(
                EmailMessage(
                    subject=f"[{settings.CLAIMDESK_SITE_NAME}] {_subject(n)}",
                    body=body,
                    to=[n.recipient.email],
                )
            )
            sent_ids.append(n.pk)
    if not messages:
        return 0
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("notification emails failed", extra={"ids": sent_ids})
        return 0
    Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
    return len(messages)


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark ``user``'s notifications (``ids``, or all) read; someone else's are
    never touched."""
    rows = Notification.objects.for_user(user).unread()
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def notification_setting_save(
    *, user: User, email: bool, language: str = ""
) -> NotificationSetting:
    """``language``: one of ``settings.LANGUAGES`` for the emails, or blank for the
    site's own (``LANGUAGE_CODE``)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the site's languages."))
    setting, _created = NotificationSetting.objects.update_or_create(
        user=user, defaults={"email": email, "language": language}
    )
    return setting


def notification_setting(user: User) -> NotificationSetting:
    """``user``'s setting, or the defaults (unsaved) if they never chose."""
    return NotificationSetting.objects.filter(user=user).first() or (
        NotificationSetting(user=user)
    )


def wants_email(user: User) -> bool:
    return notification_setting(user).email


@audited
def claim_watch(*, claim: Claim, by: User) -> Watch:
    """Start watching ``claim`` (again: nothing changes)."""
    _require(by, "claims.view_claim")
    watch, _created = Watch.objects.get_or_create(claim=claim, user=by)
    return watch


@audited
def claim_unwatch(*, claim: Claim, by: User) -> bool:
    """Stop watching ``claim``; False if ``by`` was not watching it."""
    deleted, _rows = Watch.objects.filter(claim=claim, user=by).delete()
    return bool(deleted)


def claims_notify_overdue(*, today: dt.date | None = None) -> int:
    """Tell the assignee and watchers of each open claim whose due date has
    passed, once per claim, person and due date. Returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    for claim in Claim.objects.overdue(today).select_related("assignee").iterator():
        assert claim.due_on is not None
        with transaction.atomic():
            told += len(
                claim_notify(
                    claim=claim,
                    kind=Notification.Kind.OVERDUE,
                    by=None,
                    comment=claim.due_on.isoformat(),
                    key=f"overdue:{claim.pk}:{claim.due_on.isoformat()}",
                )
            )
    return told


def overdue_job_start() -> object:
    """Queue the overdue check on the job queue (the worker runs it)."""
    return job_start(kind=OVERDUE_KIND, by=None, args={})


@job_handler(OVERDUE_KIND)
def _run_overdue(run: JobRun) -> str:
    told = claims_notify_overdue()
    return _("%(n)d notifications of missed due dates.") % {"n": told}


def saved_filter_save(*, owner: User, name: str, query: str) -> SavedFilter:
    """Keep the claims list's ``query`` under ``name`` for ``owner`` (the same
    name again replaces its query)."""
    _require(owner, "claims.view_claim")
    name = name.strip()
    query = query.strip().lstrip("?")
    if not name:
        raise ValidationError({"name": _("Give the filter a name.")})
    if len(name) > 100 or len(query) > 2000:
        raise ValidationError(_("The name or the filter is too long."))
    if any(ord(c) < 32 or ord(c) == 127 for c in name + query):
        raise ValidationError(
            _("The name or the filter holds characters a link cannot carry.")
        )
    saved, _created = SavedFilter.objects.update_or_create(
        owner=owner, name=name, defaults={"query": query}
    )
    return saved


def saved_filter_delete(*, saved: SavedFilter, by: User) -> None:
    if saved.owner_id != by.pk:
        raise PermissionDenied(_("Only its owner deletes a saved filter."))
    saved.delete()


def desk_people() -> Any:
    """The accounts work can be given to: active staff, by username."""
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("username")
    )
