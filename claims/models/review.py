"""The review history (append-only) and public corrections."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..status import Status
from .claims import Claim, public_page_condition
from .history import RecordedQuerySet, recorded
from .ratings import Rating

#: Handed to ``ReviewEvent.save`` by ``claims.services`` alone: an event written
#: anywhere else is refused (tests/claims/test_review_events.py checks who uses it).
SERVICE_WRITE = object()


class ReviewEventQuerySet(models.QuerySet["ReviewEvent"]):
    """Bulk writes skip the model's guards, so refuse them too.

    Deleting a claim still unlinks its events: Django's collector sets ``claim`` to
    NULL through the plain base manager, not this QuerySet (and the database lets
    that one update through only for a claim recorded in ``ClaimDeletion``).
    """

    def public_retractions(self) -> ReviewEventQuerySet:
        """Retractions readers may see: the retraction events of claims whose page
        still answers with the retraction notice (retracted, not archived)."""
        return self.filter(
            public_page_condition("claim__"),
            action=ReviewEvent.Action.RETRACTED,
            claim__status=Status.RETRACTED,
        )

    def newest_first(self) -> ReviewEventQuerySet:
        return self.order_by("-created_at", "-pk")

    def newest_public_retraction_ids(self, count: int) -> list[int]:
        """The ids of the ``count`` newest public retractions, newest first.

        PostgreSQL cannot tell that nearly every retraction event is of a retracted
        claim (the action and the status are in two tables): when ANALYZE's sample
        makes it expect few, it hashes every retracted claim and sorts them all
        rather than walk the newest retractions (37 ms at a million claims). So the
        ids of the ``4 * count`` newest retraction events are read first, from
        ``event_retraction_newest_idx``, then the public ones among them; only when
        fewer than ``count`` of those are public is the whole question asked."""
        retractions = self.filter(action=ReviewEvent.Action.RETRACTED)
        newest = list(
            retractions.newest_first().values_list("pk", flat=True)[: 4 * count]
        )
        public = self.public_retractions().newest_first().values_list("pk", flat=True)
        ids = list(public.filter(pk__in=newest)[:count])
        if len(ids) < count and len(newest) == 4 * count:
            ids = list(public[:count])  # too few public ones among the newest
        return ids

    def of_claim_and_merged(self, claim: Claim) -> ReviewEventQuerySet:
        """``claim``'s review history read together with that of every claim merged
        into it: the merged claims' events stay theirs (append-only), and are
        read here rather than moved."""
        from .merges import ClaimMerge

        return self.filter(
            claim_id__in=[claim.pk, *ClaimMerge.objects.merged_into(claim)]
        )

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")

    def update(self, **kwargs: object) -> int:
        raise PermissionError("Review events are append-only.")

    def bulk_create(  # type: ignore[override]
        self,
        objs: list[ReviewEvent],
        *args: Any,
        written_by: object = None,
        **kwargs: Any,
    ) -> list[ReviewEvent]:
        """Refused, except from the services (``claims_bulk_create``), which stamp
        every event with the time of writing as ``ReviewEvent.save`` does."""
        if written_by is not SERVICE_WRITE:
            raise PermissionError("Review events are written by claims.services only.")
        now = timezone.now()
        for event in objs:
            if event.pk is not None:
                raise PermissionError("Review events are append-only.")
            event.created_at = now
        return super().bulk_create(objs, *args, **kwargs)


class ReviewEvent(models.Model):
    """Append-only history of a claim's status, verdict and assignment changes.

    Written only by ``claims.services`` in the transaction that makes the change.
    ``save()`` refuses updates and ``delete()`` refuses always; the admin shows it
    read-only. If a superuser deletes a claim, its events stay, pointing to nothing,
    with the claim's id and statement kept in ``claim_ref``.
    """

    class Action(models.TextChoices):
        """What happened, as a namespaced code (``claim.published``): the one
        vocabulary the services write and the admin shows, by its label."""

        CREATED = "claim.created", _("Created")
        RESEARCH_STARTED = "claim.research_started", _("Research started")
        SUBMITTED = "claim.submitted", _("Submitted for review")
        SENT_BACK = "claim.sent_back", _("Sent back for changes")
        PUBLISHED = "claim.published", _("Published")
        MARKED_NOT_CHECKABLE = "claim.marked_not_checkable", _("Marked not checkable")
        CORRECTED = "claim.corrected", _("Corrected")
        RETRACTED = "claim.retracted", _("Retracted")
        ASSIGNED = "claim.assigned", _("Assigned")
        VERDICT_CHANGED = "claim.verdict_changed", _("Verdict changed")
        ARCHIVED = "claim.archived", _("Archived")
        RESTORED = "claim.restored", _("Restored")
        DELETED = "claim.deleted", _("Deleted")
        MERGED = "claim.merged", _("Merged into another claim")
        MERGED_IN = "claim.merged_in", _("Another claim merged into this one")

    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, related_name="events"
    )
    claim_ref = models.CharField(_("claim"), max_length=200, editable=False)
    action = models.CharField(_("action"), max_length=60, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    from_status = models.CharField(
        _("from"), max_length=20, blank=True, choices=Status.choices
    )
    to_status = models.CharField(
        _("to"), max_length=20, blank=True, choices=Status.choices
    )
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
        indexes = [
            models.Index(fields=["claim", "created_at"], name="event_claim_idx"),
            # The dashboard's submissions per week and each person's throughput.
            models.Index(fields=["action", "created_at"], name="event_action_idx"),
            # The feeds' newest retractions: a walk of the newest few, not a sort of
            # all of them; the claim id in the key lets it join without the table.
            models.Index(
                fields=["-created_at", "-id", "claim"],
                condition=Q(action="claim.retracted"),
                name="event_retraction_newest_idx",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()} "
            f"{self.get_from_status_display()}→{self.get_to_status_display()}"
        )

    def save(self, *args: object, written_by: object = None, **kwargs: object) -> None:
        """Insert once, from the services, stamped with the time of writing: a caller
        can neither rewrite an event nor date one in the past."""
        if self.pk is not None:
            raise PermissionError("Review events are append-only.")
        if written_by is not SERVICE_WRITE:
            raise PermissionError("Review events are written by claims.services only.")
        self.created_at = timezone.now()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Review events are append-only.")

    def sentence(self) -> str:
        """What happened, as a sentence in the active language: "editor published
        it (In review → Published). Verdict: Mostly true." The history reads as
        prose instead of codes."""
        actor = str(self.actor) if self.actor_id else gettext("Someone")
        template = EVENT_SENTENCES.get(self.action, EVENT_SENTENCES[""])
        text = template % {"actor": actor, "action": self.get_action_display()}
        if self.from_status and self.to_status and self.from_status != self.to_status:
            text += " " + gettext("Status: %(before)s → %(after)s.") % {
                "before": self.get_from_status_display(),
                "after": self.get_to_status_display(),
            }
        elif self.to_status and not self.from_status:
            text += " " + gettext("Status: %(after)s.") % {
                "after": self.get_to_status_display()
            }
        if self.action in VERDICT_ACTIONS and self.to_verdict_id and self.to_verdict:
            text += " " + gettext("Verdict: %(label)s.") % {
                "label": self.to_verdict.localized_label()
            }
        return text


#: The actions whose sentence names the verdict they gave.
VERDICT_ACTIONS = frozenset(
    {
        ReviewEvent.Action.PUBLISHED,
        ReviewEvent.Action.CORRECTED,
        ReviewEvent.Action.VERDICT_CHANGED,
    }
)

#: Each review action as a sentence; %(actor)s is who did it.
EVENT_SENTENCES: dict[str, Any] = {
    ReviewEvent.Action.CREATED: pgettext_lazy("event", "%(actor)s captured the claim."),
    ReviewEvent.Action.RESEARCH_STARTED: pgettext_lazy(
        "event", "%(actor)s started researching it."
    ),
    ReviewEvent.Action.SUBMITTED: pgettext_lazy(
        "event", "%(actor)s submitted it for review."
    ),
    ReviewEvent.Action.SENT_BACK: pgettext_lazy(
        "event", "%(actor)s sent it back for changes."
    ),
    ReviewEvent.Action.PUBLISHED: pgettext_lazy("event", "%(actor)s published it."),
    ReviewEvent.Action.MARKED_NOT_CHECKABLE: pgettext_lazy(
        "event", "%(actor)s marked it not checkable."
    ),
    ReviewEvent.Action.CORRECTED: pgettext_lazy(
        "event", "%(actor)s published a correction."
    ),
    ReviewEvent.Action.RETRACTED: pgettext_lazy("event", "%(actor)s retracted it."),
    ReviewEvent.Action.ASSIGNED: pgettext_lazy("event", "%(actor)s assigned it."),
    ReviewEvent.Action.VERDICT_CHANGED: pgettext_lazy(
        "event", "%(actor)s changed the verdict."
    ),
    ReviewEvent.Action.ARCHIVED: pgettext_lazy("event", "%(actor)s archived it."),
    ReviewEvent.Action.RESTORED: pgettext_lazy("event", "%(actor)s restored it."),
    ReviewEvent.Action.DELETED: pgettext_lazy("event", "%(actor)s deleted it."),
    "": pgettext_lazy("event", "%(actor)s: %(action)s."),
}


class ClaimDeletion(models.Model):
    """A claim a superuser deleted: who, when, and what it said.

    Written by ``claims.services.claim_delete`` just before the claim goes; its row
    is also what lets the database unlink that claim's review events (migration
    0012's triggers refuse any other change to an event).
    """

    claim_id = models.PositiveBigIntegerField(_("claim id"), db_index=True)
    claim_ref = models.CharField(_("claim"), max_length=200)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("deleted claim")
        verbose_name_plural = _("deleted claims")

    def __str__(self) -> str:
        return self.claim_ref


class CorrectionQuerySet(RecordedQuerySet["Correction"]):
    def public(self) -> CorrectionQuerySet:
        """Corrections readers may see: of claims with a public page (published,
        corrected, or retracted and keeping its page), never of unpublished ones."""
        return self.filter(public_page_condition("claim__"))

    def newest_first(self) -> CorrectionQuerySet:
        return self.order_by("-created_at", "-pk")


class Correction(models.Model):
    """A public, dated note on a published claim whose public fields changed, with
    the before and after of each (``changes``)."""

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
    #: [{"field", "label", "before", "after"}, ...]: every public field and row
    #: (dates, evidence, public notes, appearances) the correction changed
    changes = models.JSONField(_("what changed"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)

    objects = CorrectionQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        # The feeds' and the corrections log's newest first, without a sort.
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="correction_newest_idx")
        ]

    def __str__(self) -> str:
        return self.note[:80]
