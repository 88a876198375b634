"""Published means frozen: what a public page shows of a claim changes only through
a correction (``claim_correct``) once the claim is in ``PAGE_STATUSES``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ..models import Appearance, Claim, ClaimDate, Document, Evidence, Note
from ..status import PAGE_STATUSES
from .base import WorkflowError

if TYPE_CHECKING:
    from .records import ClaimRecord

#: The claim's own fields that a public surface shows (page, feeds, JSON-LD, API):
#: read-only in the admin and refused by ``claim_save`` once the claim has a page.
PUBLIC_FIELDS = (
    "statement",
    "language",
    "claimant",
    "attribution",
    "speech",
    "attribution_chain",
    "made_on",
    "made_on_precision",
    "tags",
    "verdict",
    "verdict_summary",
)

#: The Document fields a claim page shows for a quote or evidence item.
DOCUMENT_PUBLIC_FIELDS = ("title", "url")


def is_frozen(claim: Claim) -> bool:
    """Whether ``claim``'s public fields and rows change only through a correction."""
    return claim.status in PAGE_STATUSES


def field_value(claim: Claim, field: str) -> object:
    """The comparable value of one of ``PUBLIC_FIELDS`` (a key for a foreign key)."""
    if field == "tags":
        return sorted(claim.tags.values_list("pk", flat=True)) if claim.pk else []
    model_field = Claim._meta.get_field(field)
    return getattr(claim, model_field.attname)  # type: ignore[union-attr]


def frozen_refusal(field: str) -> WorkflowError:
    label = Claim._meta.get_field(field).verbose_name  # type: ignore[union-attr]
    return WorkflowError(
        {
            field: _(
                "“%(field)s” of a published claim changes only through a "
                "correction (“Publish a correction”)."
            )
            % {"field": label}
        },
        code="frozen",
    )


def refuse_frozen_fields(*, claim: Claim, current: Claim) -> None:
    """Refuse ``claim``'s edits to a public field of the stored ``current`` claim,
    naming the first field changed."""
    if not is_frozen(current):
        return
    for field in PUBLIC_FIELDS:
        if field == "tags":
            continue  # many-to-many: saved apart from the row (the admin locks it)
        if field_value(claim, field) != field_value(current, field):
            raise frozen_refusal(field)


def _shows_publicly(record: ClaimRecord, *, stored: bool) -> bool:
    """Whether the row is on the public page: every date, quote and evidence item;
    a note only while public (as stored, or as it is about to be saved)."""
    if isinstance(record, Note):
        if stored:
            return Note.objects.filter(pk=record.pk, is_public=True).exists()
        return record.is_public
    return True


def refuse_frozen_record(record: ClaimRecord, *, deleting: bool = False) -> None:
    """Refuse an edit or deletion of a row that a published claim's page shows, and
    a new public note or date or evidence item on one. A new appearance is allowed:
    the page lists it as a later sighting, changing nothing already published."""
    claim = Claim.objects.only("status").get(pk=record.claim_id)
    if not is_frozen(claim):
        return
    is_new = record.pk is None
    if is_new and isinstance(record, Appearance):
        return
    if isinstance(record, Note) and not (
        _shows_publicly(record, stored=False)
        or (not is_new and _shows_publicly(record, stored=True))
    ):
        return  # an internal note, before and after
    what = {
        Appearance: _("appearance"),
        ClaimDate: _("date"),
        Evidence: _("evidence item"),
        Note: _("public note"),
    }[type(record)]
    verb = _("deleted") if deleting else (_("added") if is_new else _("changed"))
    raise WorkflowError(
        _(
            "A published claim's %(what)s cannot be %(verb)s here: publish a "
            "correction instead."
        )
        % {"what": what, "verb": verb},
        code="frozen",
    )


def claims_freezing_document(document: Document) -> bool:
    """Whether a claim with a public page quotes ``document`` or cites it."""
    return (
        Claim.objects.filter(status__in=PAGE_STATUSES)
        .filter(pk__in=Appearance.objects.filter(document=document).values("claim_id"))
        .exists()
        or Claim.objects.filter(status__in=PAGE_STATUSES)
        .filter(pk__in=Evidence.objects.filter(document=document).values("claim_id"))
        .exists()
    )


def refuse_frozen_document(document: Document) -> None:
    """Refuse a title or URL change of a document a published claim shows."""
    if document.pk is None:
        return
    stored = Document.objects.filter(pk=document.pk).values(*DOCUMENT_PUBLIC_FIELDS)
    row = stored.first()
    if row is None:
        return
    changed = [f for f in DOCUMENT_PUBLIC_FIELDS if row[f] != getattr(document, f)]
    if changed and claims_freezing_document(document):
        field = Document._meta.get_field(changed[0])
        label = field.verbose_name  # type: ignore[union-attr]
        raise WorkflowError(
            {
                changed[0]: _(
                    "“%(field)s” cannot change: a published claim shows this "
                    "document. Publish a correction of that claim instead."
                )
                % {"field": label}
            },
            code="frozen",
        )
