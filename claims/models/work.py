"""Work that reaches people: who watches a claim, what each person was told
(notifications), whether they want it by email, and the claim-list filters they
keep under a name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claims import Claim


class WatchQuerySet(models.QuerySet["Watch"]):
    def of_claim(self, claim: Claim) -> WatchQuerySet:
        return self.filter(claim=claim)


class Watch(models.Model):
    """``user`` is told about ``claim``'s assignment, send-back, publication and
    missed due date, as its assignee is. Started and stopped by the person
    (``claim_watch`` / ``claim_unwatch``); whoever assigns a claim to someone else
    starts watching it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="claim_watches",
        verbose_name=_("user"),
    )
    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="watches",
        verbose_name=_("claim"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    objects = WatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [
            models.UniqueConstraint(fields=["claim", "user"], name="watch_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.claim_id}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: object) -> NotificationQuerySet:
        return self.filter(recipient_id=getattr(user, "pk", None))

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def newest_first(self) -> NotificationQuerySet:
        return self.order_by("-created_at", "-pk")

    def with_list_related(self) -> NotificationQuerySet:
        return self.select_related("claim", "actor")


class Notification(models.Model):
    """One thing a person was told about a claim, shown in the desk's
    notifications list until read (and sent by email unless they turned that off).
    Written by ``claims.services.work`` in the transaction of the change."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SENT_BACK = "sent_back", _("Sent back for changes")
        PUBLISHED = "published", _("Published")
        OVERDUE = "overdue", _("Past its due date")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("claim"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    #: one overdue notice per claim, person and due date: a second run of the
    #: overdue job finds it and writes nothing
    key = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's unread count and the list: one index walk per page.
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_recipient_idx",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~Q(key=""),
                name="notification_key_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.claim}"


class NotificationSetting(models.Model):
    """A person's choice of how to be told: the desk list always, email unless
    ``email`` is off. No row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_setting",
        primary_key=True,
    )
    email = models.BooleanField(
        _("email me"),
        default=True,
        help_text=_(
            "Send me an email for each notification (the desk's list shows them "
            "either way)."
        ),
    )
    #: one of ``settings.LANGUAGES``; blank: the site's language (LANGUAGE_CODE)
    language = models.CharField(
        _("language of my emails"), max_length=10, blank=True, default=""
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class SavedFilterQuerySet(models.QuerySet["SavedFilter"]):
    def for_user(self, user: object) -> SavedFilterQuerySet:
        return self.filter(owner_id=getattr(user, "pk", None)).order_by("name")


class SavedFilter(models.Model):
    """A claims-list query kept under a name by one person. Its link
    (``/admin/saved-filters/<pk>/``) opens the same list for anyone at the desk."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(
        _("query"),
        max_length=2000,
        help_text=_("The claims list's query string, without the leading “?”."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="saved_filter_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name
