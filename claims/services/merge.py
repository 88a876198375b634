"""Merging duplicates: a claim into the claim that survives, a source into the
source that survives.

What a claim merge guarantees:

- **Nothing is lost.** Every row of the merged claim either moves to the survivor
  (appearances, dates, evidence, notes, external fact-checks and dataset ids;
  its tags are added)
  or stays on the merged claim, which is archived, not deleted: its review events
  (append-only: never rewritten, read on the survivor through
  ``ReviewEvent.objects.of_claim_and_merged``), its corrections (what its own page
  once said), and a quote or date the survivor already has (same document and
  offset; same date and role), which would be a duplicate there. The merge record
  (``ClaimMerge.rows``) lists the ids of both.
- **Both histories say so.** A review event on each claim (``claim.merged``,
  ``claim.merged_in``), a history row on each claim and on every moved row, each
  with the reason "merged #M into #S".
- **Published means frozen.** A survivor with a public page gains the merged
  claim's quotes as later sightings (recorded now, after its publication: its page
  lists them apart and nothing already published changes). Anything else its page
  would show (a date, live evidence, a public note, a tag), and the merge of a
  claim that was itself published, is a public change: the merge then needs a
  note, and publishes it as a correction of the survivor (the one way a published
  page changes). A published claim merges only into a published one, so its URL
  answers 301 towards a page that exists; a retracted claim keeps its page and
  does not merge; an archived one (a merged one included) neither.
- **Editors only** (``claims.add_claimmerge``; ``claims.correct_claim`` as well
  when the merge publishes a correction).

A source merge moves the claims it made, the documents it published, the evidence
citing it and its aliases, makes its name an alias of the survivor, fills the
survivor's empty fields from it, and archives it; its public page answers 301
towards the survivor's. Like renaming a source, it changes what published pages
show of the source's name without a correction: it is the same source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Appearance,
    Claim,
    ClaimDate,
    ClaimMerge,
    Correction,
    Document,
    Evidence,
    ExternalFactCheck,
    ExternalId,
    Note,
    ReviewEvent,
    Source,
    SourceAlias,
    SourceMerge,
    Status,
    Tag,
)
from ..models.history import change_reason
from ..status import PAGE_STATUSES, PUBLIC_STATUSES
from .base import WorkflowError, _record, _require, _touch, audited, logs_refusals
from .corrections import _row_text
from .pages import _claim_pages_bump, catalogue_changed

if TYPE_CHECKING:
    from .base import User

#: The rows that move with a claim, by the name ``ClaimMerge.rows`` uses.
CLAIM_ROWS: dict[str, type[Any]] = {
    "appearances": Appearance,
    "dates": ClaimDate,
    "evidence": Evidence,
    "notes": Note,
    "external_fact_checks": ExternalFactCheck,
    "external_ids": ExternalId,
}


@dataclass
class ClaimMergePlan:
    """What ``claim_merge`` would do: the rows that move and those that stay, the
    tags the survivor gains, why a note is needed, or why it is refused."""

    survivor: Claim
    merged: Claim
    moves: dict[str, list[int]] = field(default_factory=dict)
    kept: dict[str, list[int]] = field(default_factory=dict)
    tags_added: list[Tag] = field(default_factory=list)
    #: what makes the merge a public change of the survivor (a correction)
    public_changes: list[str] = field(default_factory=list)
    refusal: str = ""
    refusal_code: str = ""

    @property
    def needs_note(self) -> bool:
        return bool(self.public_changes)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.moves.items()}


def _claim_refusal(survivor: Claim, merged: Claim) -> tuple[str, str]:
    if survivor.pk == merged.pk:
        return _("A claim cannot be merged into itself."), "same"
    for claim in (merged, survivor):
        if claim.is_archived:
            if ClaimMerge.objects.filter(merged_id=claim.pk).exists():
                return (
                    _("Claim #%(id)d was already merged into another claim.")
                    % {"id": claim.pk},
                    "merged",
                )
            return (
                _("Claim #%(id)d is archived: restore it first.") % {"id": claim.pk},
                "archived",
            )
        if claim.status == Status.RETRACTED:
            return (
                _(
                    "Claim #%(id)d is retracted: its page keeps explaining the "
                    "retraction, so it does not merge."
                )
                % {"id": claim.pk},
                "retracted",
            )
    if merged.status in PUBLIC_STATUSES and survivor.status not in PUBLIC_STATUSES:
        return (
            _(
                "Claim #%(merged)d is published and #%(survivor)d is not: its "
                "readers would be sent to a page that does not exist. Keep the "
                "published claim, or publish #%(survivor)d first."
            )
            % {"merged": merged.pk, "survivor": survivor.pk},
            "unpublished_survivor",
        )
    return "", ""


def claim_merge_plan(*, survivor: Claim, merged: Claim) -> ClaimMergePlan:
    """What merging ``merged`` into ``survivor`` would move, keep and publish, as
    the confirmation page shows it and ``claim_merge`` does it."""
    plan = ClaimMergePlan(survivor=survivor, merged=merged)
    plan.refusal, plan.refusal_code = _claim_refusal(survivor, merged)
    has_quote = set(
        Appearance.objects.filter(claim=survivor).values_list("document_id", "start")
    )
    appearances = Appearance.objects.filter(claim=merged).order_by("pk")
    plan.moves["appearances"] = [
        a.pk for a in appearances if (a.document_id, a.start) not in has_quote
    ]
    plan.kept["appearances"] = [
        a.pk for a in appearances if (a.document_id, a.start) in has_quote
    ]
    date_key = ("role", "start", "precision", "end", "end_precision")
    has_date = set(ClaimDate.objects.filter(claim=survivor).values_list(*date_key))
    dates = list(ClaimDate.objects.filter(claim=merged).order_by("pk"))
    plan.moves["dates"] = [
        d.pk for d in dates if tuple(getattr(d, k) for k in date_key) not in has_date
    ]
    plan.kept["dates"] = [
        d.pk for d in dates if tuple(getattr(d, k) for k in date_key) in has_date
    ]
    for key in ("evidence", "notes", "external_fact_checks", "external_ids"):
        plan.moves[key] = list(
            CLAIM_ROWS[key]
            .objects.filter(claim=merged)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    plan.kept["corrections"] = list(
        Correction.objects.filter(claim=merged).values_list("pk", flat=True)
    )
    plan.kept["events"] = list(
        ReviewEvent.objects.filter(claim=merged).values_list("pk", flat=True)
    )
    plan.tags_added = list(
        Tag.objects.filter(claims=merged).exclude(claims=survivor).order_by("name")
    )
    if merged.status in PUBLIC_STATUSES:
        plan.public_changes.append(
            _("#%(id)d is published: its readers are sent to the survivor")
            % {"id": merged.pk}
        )
    if survivor.status in PUBLIC_STATUSES:
        if plan.moves["dates"]:
            plan.public_changes.append(_("dates the survivor's page would show"))
        if Evidence.objects.filter(
            pk__in=plan.moves["evidence"], is_archived=False
        ).exists():
            plan.public_changes.append(_("evidence the survivor's page would show"))
        if Note.objects.filter(pk__in=plan.moves["notes"]).public().exists():
            plan.public_changes.append(_("public notes"))
        if plan.tags_added:
            plan.public_changes.append(_("tags"))
    return plan


def _public_rows(plan: ClaimMergePlan) -> list[dict[str, str]]:
    """The correction's "what changed" for the rows the survivor's page gains."""
    changes = []
    rows: list[Any] = [
        *ClaimDate.objects.filter(pk__in=plan.moves["dates"]),
        *Evidence.objects.filter(pk__in=plan.moves["evidence"], is_archived=False),
        *Note.objects.filter(pk__in=plan.moves["notes"]).public(),
    ]
    for row in rows:
        label = _("public note") if isinstance(row, Note) else row._meta.verbose_name
        changes.append(
            {
                "field": row._meta.model_name or "",
                "label": str(label),
                "before": "",
                "after": _row_text(row),
            }
        )
    return changes


@audited
@logs_refusals("merge")
def claim_merge(
    *, survivor: Claim, merged: Claim, by: User, note: str = ""
) -> ClaimMerge:
    """Merge ``merged`` into ``survivor`` (see the module's docstring for what
    moves, what stays, and when a public note is needed). Both claims are locked;
    a refusal (``WorkflowError``, ``PermissionDenied``) changes nothing.

    Returns the ``ClaimMerge`` record; ``merged`` is archived, and its public URL
    (if it had one) answers 301 towards ``survivor``'s."""
    _require(by, "claims.add_claimmerge")
    note = (note or "").strip()
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Claim.objects.select_for_update(of=("self",))
            .filter(pk__in=[survivor.pk, merged.pk])
            .order_by("pk")
        }
        s, m = locked[survivor.pk], locked[merged.pk]
        plan = claim_merge_plan(survivor=s, merged=m)
        if plan.refusal:
            raise WorkflowError(plan.refusal, code=plan.refusal_code)
        correcting = s.status in PUBLIC_STATUSES and (plan.needs_note or bool(note))
        if plan.needs_note and not note:
            raise WorkflowError(
                {
                    "note": _(
                        "This merge changes a published page (%(why)s): write the "
                        "public note that explains it."
                    )
                    % {"why": "; ".join(plan.public_changes)}
                },
                code="note_required",
            )
        if correcting:
            _require(by, "claims.correct_claim")
        now = timezone.now()
        merged_was_shown = m.status in PAGE_STATUSES
        merged_was_listed = m.is_public
        with change_reason(f"merged #{m.pk} into #{s.pk}"):
            _move_claim_rows(plan, s, now)
            if plan.tags_added:
                s.tags.add(*plan.tags_added)
            m_status = m.status
            m.is_archived = True
            _touch(m, by)
            if merged_was_listed:
                m.revised_at = now
            m.save()
            s_status, verdict = s.status, s.verdict
            correction = None
            if correcting:
                s.status = Status.CORRECTED
            _touch(s, by)
            if correcting:
                s.revised_at = s.updated_at
            s.save()
            if correcting:
                correction = Correction.objects.create(
                    claim=s,
                    note=note,
                    previous_verdict=verdict,
                    new_verdict=verdict,
                    previous_summary=s.verdict_summary,
                    changes=[
                        {
                            "field": "merged",
                            "label": _("merged fact-check"),
                            "before": "",
                            "after": m.statement,
                        },
                        *_public_rows(plan),
                    ],
                    created_by=by,
                    created_at=s.revised_at,
                )
            record = ClaimMerge.objects.create(
                merged=m,
                into=s,
                merged_by=by,
                note=note,
                was_public=merged_was_shown,
                correction=correction,
                rows={
                    "moved": plan.moves,
                    "kept": plan.kept,
                    "tags_added": [t.pk for t in plan.tags_added],
                },
            )
        _record(
            claim=m,
            by=by,
            action=ReviewEvent.Action.MERGED,
            from_status=m_status,
            comment=f"→ #{s.pk}" + (f": {note}" if note else ""),
        )
        _record(
            claim=s,
            by=by,
            action=ReviewEvent.Action.MERGED_IN,
            from_status=s_status,
            to_status=s.status,
            from_verdict=verdict,
            to_verdict=verdict,
            comment=f"← #{m.pk}" + (f": {note}" if note else ""),
        )
        # The survivor's card changed, and the merged claim's leaves the lists;
        # bumping the survivor's page also drops the cached counts.
        _claim_pages_bump(s, listed=s.is_public or merged_was_shown)
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return record


def _move_claim_rows(plan: ClaimMergePlan, survivor: Claim, now: Any) -> None:
    """Point the moving rows at ``survivor`` (each leaves a history row). Quotes
    arriving on a published survivor are recorded now: later sightings."""
    moving = Appearance.objects.filter(pk__in=plan.moves["appearances"])
    if survivor.published_at is not None:
        moving.filter(created_at__lte=survivor.published_at).update(created_at=now)
    moving.update(claim=survivor)
    for key in ("dates", "evidence", "notes", "external_fact_checks", "external_ids"):
        CLAIM_ROWS[key].objects.filter(pk__in=plan.moves[key]).update(claim=survivor)


# --- Sources -------------------------------------------------------------------------

#: The survivor's blank fields that the merged source fills in.
SOURCE_FILLS = ("country", "homepage", "description")


@dataclass
class SourceMergePlan:
    survivor: Source
    merged: Source
    moves: dict[str, list[int]] = field(default_factory=dict)
    kept: dict[str, list[int]] = field(default_factory=dict)
    new_alias: str = ""
    fills: dict[str, str] = field(default_factory=dict)
    refusal: str = ""
    refusal_code: str = ""

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.moves.items()}


def source_merge_plan(*, survivor: Source, merged: Source) -> SourceMergePlan:
    """What merging source ``merged`` into ``survivor`` would move and keep."""
    plan = SourceMergePlan(survivor=survivor, merged=merged)
    if survivor.pk == merged.pk:
        plan.refusal, plan.refusal_code = (
            _("A source cannot merge into itself."),
            "same",
        )
    else:
        for source in (merged, survivor):
            if source.is_archived:
                done = SourceMerge.objects.filter(merged_id=source.pk).exists()
                plan.refusal_code = "merged" if done else "archived"
                plan.refusal = (
                    _("“%(name)s” was already merged into another source.")
                    if done
                    else _("“%(name)s” is archived: restore it first.")
                ) % {"name": source.name}
                break
    plan.moves["claims"] = list(
        Claim.objects.filter(claimant=merged)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plan.moves["documents"] = list(
        Document.objects.filter(publisher=merged)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plan.moves["evidence"] = list(
        Evidence.objects.filter(source=merged)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    known = {survivor.name.casefold()} | {
        n.casefold() for n in survivor.aliases.values_list("name", flat=True)
    }
    aliases = list(merged.aliases.order_by("pk"))
    plan.moves["aliases"] = [a.pk for a in aliases if a.name.casefold() not in known]
    plan.kept["aliases"] = [a.pk for a in aliases if a.name.casefold() in known]
    moving_names = {a.name.casefold() for a in aliases}
    if merged.name.casefold() not in known | moving_names:
        plan.new_alias = merged.name
    plan.fills = {
        f: getattr(merged, f)
        for f in SOURCE_FILLS
        if not getattr(survivor, f) and getattr(merged, f)
    }
    return plan


@audited
@logs_refusals("merge_source")
def source_merge(*, survivor: Source, merged: Source, by: User) -> SourceMerge:
    """Merge source ``merged`` into ``survivor`` (see the module's docstring):
    claims, documents, evidence and aliases move, its name becomes an alias, it is
    archived and its public page answers 301 towards the survivor's. Editors only
    (``claims.add_sourcemerge``); a refusal changes nothing."""
    _require(by, "claims.add_sourcemerge")
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Source.objects.select_for_update()
            .filter(pk__in=[survivor.pk, merged.pk])
            .order_by("pk")
        }
        s, m = locked[survivor.pk], locked[merged.pk]
        plan = source_merge_plan(survivor=s, merged=m)
        if plan.refusal:
            raise WorkflowError(plan.refusal, code=plan.refusal_code)
        now = timezone.now()
        with change_reason(f"merged source {m.pk} into {s.pk}"):
            # Claims whose claimant changes: a new version, so a form opened on the
            # old claimant is refused rather than writing it back.
            Claim.objects.filter(pk__in=plan.moves["claims"]).update(
                claimant=s, version=F("version") + 1, updated_by=by, updated_at=now
            )
            Document.objects.filter(pk__in=plan.moves["documents"]).update(publisher=s)
            Evidence.objects.filter(pk__in=plan.moves["evidence"]).update(source=s)
            SourceAlias.objects.filter(pk__in=plan.moves["aliases"]).update(source=s)
            added = None
            if plan.new_alias:
                added = SourceAlias.objects.create(source=s, name=plan.new_alias).pk
            for name, value in plan.fills.items():
                setattr(s, name, value)
            s.save()
            m.is_archived = True
            m.save()
            record = SourceMerge.objects.create(
                merged=m,
                into=s,
                merged_by=by,
                rows={
                    "moved": plan.moves,
                    "kept": plan.kept,
                    "filled": plan.fills,
                    "alias_added": added,
                },
            )
        catalogue_changed()
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return record
