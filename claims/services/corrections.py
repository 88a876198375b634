"""Publishing a correction: the one way a published claim's public fields and rows
change, recorded field by field (before and after) on its public ``Correction``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Claim,
    ClaimTranslation,
    Correction,
    Evidence,
    Note,
    Rating,
    Source,
    Tag,
)
from ..pages import CARD_FIELDS, CARD_ROWS
from .base import (
    WorkflowError,
    _lock,
    _record,
    _refresh,
    _require,
    _require_version,
    _touch,
)
from .frozen import PUBLIC_FIELDS
from .pages import _claim_pages_bump

if TYPE_CHECKING:
    from .base import User
    from .records import ClaimRecord


def _shown(claim: Claim, field: str) -> str:
    """A public field's value as a reader would recognise it, for "What changed"."""
    if field == "tags":
        return ", ".join(sorted(t.name for t in claim.tags.all()))
    if field in ("made_on", "made_on_precision"):
        return str(claim.made or "")
    value = getattr(claim, field)
    if isinstance(value, Rating):
        return str(value.localized_label())
    if isinstance(value, Source):
        return value.name
    if field == "speech":
        return str(claim.get_speech_display()) if value else ""
    if field == "attribution_chain":
        return claim.attribution_text
    return "" if value is None else str(value)


def _label(field: str) -> str:
    return str(Claim._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def _row_text(row: ClaimRecord) -> str:
    if isinstance(row, ClaimTranslation):
        parts = (row.statement, row.verdict_summary, row.notes)
        return " / ".join(p.strip() for p in parts if p.strip())
    if isinstance(row, Note):
        return row.body
    if isinstance(row, Evidence):
        text = f"{row.get_stance_display()}: {row}"
        return f"{text} “{row.excerpt}”" if row.excerpt else text
    return str(row)


def _row_label(row: ClaimRecord) -> str:
    if isinstance(row, Note):
        return _("public note")
    if isinstance(row, ClaimTranslation):
        return _("translation (%(language)s)") % {"language": row.language}
    return str(row._meta.verbose_name)


def _apply(
    current: Claim,
    fields: Mapping[str, Any],
    tags: Iterable[Tag] | None,
) -> list[dict[str, str]]:
    """Set ``fields`` (and ``tags``) on ``current``; return before/after of each
    public field that changed (made date as one entry)."""
    unknown = set(fields) - set(PUBLIC_FIELDS)
    if unknown:
        raise WorkflowError(
            _("A correction changes public fields only, not %(f)s.")
            % {"f": ", ".join(sorted(unknown))},
            code="not_public",
        )
    before = {f: _shown(current, f) for f in PUBLIC_FIELDS}
    for field, value in fields.items():
        setattr(current, field, value)
    if "verdict_summary" in fields and not (current.verdict_summary or "").strip():
        raise WorkflowError({"summary": _("The summary cannot be empty.")})
    try:
        current.full_clean(exclude=["search_vector"])
    except ValidationError as exc:
        raise WorkflowError(exc.message_dict) from exc
    current.save()
    if tags is not None:
        current.tags.set(tags)
    changes, seen = [], set()
    for field in PUBLIC_FIELDS:
        after = _shown(current, field)
        key = "made_on" if field == "made_on_precision" else field
        if after != before[field] and key not in seen:
            seen.add(key)
            changes.append(
                {
                    "field": key,
                    "label": _label(key),
                    "before": before[field],
                    "after": after,
                }
            )
    return changes


def _public_text(row: ClaimRecord) -> str:
    """What the public page shows of ``row``: nothing for an archived row or an
    internal note."""
    if isinstance(row, Evidence | Note) and row.is_archived:
        return ""
    if isinstance(row, Note) and not row.is_public:
        return ""
    return _row_text(row)


def _apply_rows(
    current: Claim,
    by: User,
    rows: Iterable[ClaimRecord],
    deleted: Iterable[ClaimRecord],
) -> list[dict[str, str]]:
    """Save ``rows`` and remove ``deleted``: evidence and notes are archived (kept,
    with their history, restorable), dates and quotes deleted. Returns the before
    and after of each row whose public text changed."""
    from .archive import row_archive_write
    from .records import _record_write

    changes = []
    for row in [*rows, *deleted]:
        if row.claim_id != current.pk:
            raise WorkflowError(_("That row belongs to another claim."), code="row")
    for row in deleted:
        changes.append(
            {
                "field": row._meta.model_name or "",
                "label": _row_label(row),
                # Summarised: a removed row's text leaves the public page.
                "before": _("removed"),
                "after": "",
            }
        )
        if isinstance(row, Evidence | Note):
            _require(by, f"claims.change_{row._meta.model_name}")
            row.is_archived = True
            row_archive_write(row)
        else:
            _require(by, f"claims.delete_{row._meta.model_name}")
            row.delete()
    for row in rows:
        stored = (
            type(row).objects.filter(pk=row.pk).first() if row.pk is not None else None
        )
        was = _public_text(stored) if stored is not None else ""
        _record_write(row, by)
        now = _public_text(row)
        if was and not now:
            was = _("removed")  # summarised: its text leaves the public page
        if was != now:
            changes.append(
                {
                    "field": row._meta.model_name or "",
                    "label": _row_label(row),
                    "before": was,
                    "after": now,
                }
            )
    return changes


def correct(
    *,
    claim: Claim,
    by: User,
    note: str,
    expected_version: int | None,
    verdict: Rating | None = None,
    summary: str | None = None,
    fields: Mapping[str, Any] | None = None,
    tags: Iterable[Tag] | None = None,
    rows: Iterable[ClaimRecord] = (),
    deleted: Iterable[ClaimRecord] = (),
) -> Correction:
    """The body of ``claim_correct`` (which documents it)."""
    from .workflow import TRANSITIONS

    transition = TRANSITIONS["correct"]
    _require(by, transition.permission)
    note = (note or "").strip()
    if not note:
        raise WorkflowError({"note": _("A correction needs a public note.")})
    _require_version(expected_version)
    values = dict(fields or {})
    if verdict is not None:
        values["verdict"] = verdict
    if summary is not None:
        values["verdict_summary"] = summary
    with transaction.atomic():
        current = _lock(claim, expected_version)
        if current.status not in transition.sources:
            raise WorkflowError(
                _("Only a published claim can be corrected; this one is %(status)s.")
                % {"status": current.get_status_display()},
                code="state",
            )
        previous_verdict, previous_summary = current.verdict, current.verdict_summary
        from_status = current.status
        current.status = transition.target
        _touch(current, by)
        current.revised_at = current.updated_at  # readers see a revision: dated
        changes = _apply(current, values, tags)
        changes += _apply_rows(current, by, list(rows), list(deleted))
        correction = Correction.objects.create(
            claim=current,
            note=note,
            previous_verdict=previous_verdict,
            new_verdict=current.verdict,
            previous_summary=previous_summary,
            changes=changes,
            created_by=by,
            created_at=current.revised_at,
        )
        _record(
            claim=current,
            by=by,
            action=transition.event,
            from_status=from_status,
            to_status=current.status,
            from_verdict=previous_verdict,
            to_verdict=current.verdict,
            comment=note,
        )
        # Its card shows on its neighbours' pages, the former claimant's included.
        shown = CARD_FIELDS | CARD_ROWS
        _claim_pages_bump(current, listed=any(c["field"] in shown for c in changes))
    _refresh(claim, current)
    return correction
