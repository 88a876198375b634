"""The review history (append-only) and public corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claims import Claim
from .history import RecordedQuerySet, recorded
from .ratings import Rating


class ReviewEventQuerySet(models.QuerySet["ReviewEvent"]):
    """Bulk ``delete()`` and ``update()`` skip the model's guards, so refuse them too.

    Deleting a claim still unlinks its events: Django's collector sets ``claim`` to
    NULL through the plain base manager, not this QuerySet.
    """

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")

    def update(self, **kwargs: object) -> int:
        raise PermissionError("Review events are append-only.")


class ReviewEvent(models.Model):
    """Append-only history of a claim's status, verdict and assignment changes.

    Written only by ``claims.services`` in the transaction that makes the change.
    ``save()`` refuses updates and ``delete()`` refuses always; the admin shows it
    read-only. If a superuser deletes a claim, its events stay, pointing to nothing,
    with the claim's id and statement kept in ``claim_ref``.
    """

    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, related_name="events"
    )
    claim_ref = models.CharField(_("claim"), max_length=200, editable=False)
    action = models.CharField(_("action"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    from_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review history")
        indexes = [models.Index(fields=["claim", "created_at"], name="event_claim_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Review events are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")


class Correction(models.Model):
    """A public, dated note on a published claim whose verdict or write-up changed."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.TextField(_("correction"))
    previous_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)

    objects = RecordedQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.note[:80]
