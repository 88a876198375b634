"""Published means frozen: what a public page shows of a claim changes only through
a correction (``claim_correct``) once the claim is in ``PAGE_STATUSES``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import (
    Appearance,
    Claim,
    ClaimDate,
    ClaimQuerySet,
    ClaimTranslation,
    Document,
    Evidence,
    Note,
    Source,
)
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


def shows_publicly(record: ClaimRecord, *, stored: bool = False) -> bool:
    """Whether the row is on the claim's public page, as it stands in memory or
    (``stored``) as saved: every date and quote; an evidence item unless archived;
    a note only while public and not archived."""
    if stored:
        if record.pk is None:
            return False
        saved = type(record).objects.filter(pk=record.pk).first()
        return saved is not None and shows_publicly(saved)
    if isinstance(record, Note):
        return record.is_public and not record.is_archived
    if isinstance(record, Evidence):
        return not record.is_archived
    return True


def _archive_change(record: ClaimRecord) -> bool | None:
    """``True`` if saving ``record`` archives it, ``False`` if it restores it,
    ``None`` if its archived flag does not change (or it has none)."""
    if record.pk is None or not isinstance(record, Evidence | Note):
        return None
    saved = (
        type(record)
        .objects.filter(pk=record.pk)
        .values_list("is_archived", flat=True)
        .first()
    )
    if saved is None or saved == record.is_archived:
        return None
    return record.is_archived


def refuse_frozen_record(record: ClaimRecord, *, deleting: bool = False) -> None:
    """Refuse an edit, archiving, restoring or deletion of a row that a published
    claim's page shows, and a new public note or date or evidence item on one. A
    new appearance is allowed: the page lists it as a later sighting, changing
    nothing already published. A row hidden before and after (an internal or
    archived note, archived evidence) stays editable."""
    claim = Claim.objects.only("status").get(pk=record.claim_id)
    if not is_frozen(claim):
        return
    is_new = record.pk is None
    if is_new and isinstance(record, Appearance):
        return
    if (
        isinstance(record, ClaimTranslation)
        and not deleting
        and translation_only_adds(record)
    ):
        return
    if isinstance(record, Evidence | Note) and not (
        shows_publicly(record) or shows_publicly(record, stored=True)
    ):
        return  # hidden from readers, before and after
    what = {
        Appearance: _("appearance"),
        ClaimDate: _("date"),
        Evidence: _("evidence item"),
        Note: _("public note"),
        ClaimTranslation: _("translation"),
    }[type(record)]
    archiving = None if deleting else _archive_change(record)
    if deleting:
        verb = _("deleted")
    elif archiving is not None:
        verb = _("archived") if archiving else _("restored")
    else:
        verb = _("added") if is_new else _("changed")
    raise WorkflowError(
        _(
            "A published claim's %(what)s cannot be %(verb)s here: publish a "
            "correction instead."
        )
        % {"what": what, "verb": verb},
        code="frozen",
    )


#: The texts of a translation a reader sees.
TRANSLATION_TEXTS = ("statement", "verdict_summary", "notes")


def translation_only_adds(translation: ClaimTranslation) -> bool:
    """Whether saving ``translation`` only adds: a new translation, or text where
    the stored one had none. A translation of a published claim is a new version
    of it for readers of another language, and translating the archive later is
    the normal course of work; but once a reader has been shown translated text,
    changing or removing it is a correction like any other published change."""
    if translation.pk is None:
        return True
    stored = (
        ClaimTranslation.objects.filter(pk=translation.pk)
        .values("language", *TRANSLATION_TEXTS)
        .first()
    )
    if stored is None:
        return True
    if stored["language"] != translation.language and any(
        stored[f] for f in TRANSLATION_TEXTS
    ):
        return False
    return all(
        not stored[f] or stored[f] == getattr(translation, f) for f in TRANSLATION_TEXTS
    )


def claims_showing_document_publicly(document: Document) -> ClaimQuerySet:
    """Claims with a public page that quote ``document`` or cite it as evidence."""
    return Claim.objects.with_public_page().filter(
        Q(pk__in=Appearance.objects.filter(document=document).values("claim_id"))
        | Q(pk__in=Evidence.objects.filter(document=document).values("claim_id"))
    )


def claims_showing_source_publicly(source: Source) -> ClaimQuerySet:
    """Claims with a public page that show ``source``: as claimant, as publisher
    of a document they are quoted from, or as the source of evidence."""
    return Claim.objects.with_public_page().filter(
        Q(claimant=source)
        | Q(
            pk__in=Appearance.objects.filter(document__publisher=source).values(
                "claim_id"
            )
        )
        | Q(pk__in=Evidence.objects.filter(source=source).values("claim_id"))
    )


def claims_freezing_document(document: Document) -> bool:
    """Whether a claim with a public page quotes ``document`` or cites it."""
    return claims_showing_document_publicly(document).exists()


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
