"""Archive instead of delete: claims, evidence, notes, sources and documents are
hidden from every list and public surface but kept, with their history, and can
be restored.

Each service is idempotent (archiving an archived row changes nothing and writes
no history), writes its history row (django-simple-history, attributed to ``by``
by ``audited``) and bumps the public pages that showed the row. What readers have
seen stays put: a published claim's public rows change only through a correction
(``claim_correct``, which archives the rows it removes), and a source or document
that a published claim shows cannot be archived until that claim is corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    Claim,
    ClaimMerge,
    Document,
    Evidence,
    Note,
    ReviewEvent,
    Source,
    SourceMerge,
    Status,
)
from ..pages import claims_showing_document
from ..status import PUBLIC_STATUSES
from .base import (
    WorkflowError,
    _lock,
    _record,
    _refresh,
    _require,
    _touch,
    audited,
    logs_refusals,
)
from .frozen import (
    claims_showing_document_publicly,
    claims_showing_source_publicly,
    refuse_frozen_record,
)
from .pages import _claim_pages_bump, catalogue_changed

if TYPE_CHECKING:
    from .base import User

_Row = TypeVar("_Row", Evidence, Note)


# --- Claims ---------------------------------------------------------------------------


@audited
@logs_refusals("archive")
def claim_archive(*, claim: Claim, by: User, comment: str = "") -> Claim:
    """Hide a claim from every list instead of deleting it. Public claims are
    retracted, not archived, so their URL keeps explaining what happened."""
    _require(by, "claims.archive_claim")
    with transaction.atomic():
        current = _lock(claim)
        if current.status in PUBLIC_STATUSES:
            raise WorkflowError(
                _("A published claim cannot be archived: retract it instead."),
                code="published",
            )
        if current.status == Status.RETRACTED:
            raise WorkflowError(
                _(
                    "A retracted claim cannot be archived: its page keeps explaining "
                    "the retraction to readers who follow old links."
                ),
                code="retracted",
            )
        if current.is_archived:
            return claim
        current.is_archived = True
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action=ReviewEvent.Action.ARCHIVED,
            from_status=current.status,
            comment=comment,
        )
    _refresh(claim, current)
    return claim


@audited
@logs_refusals("restore")
def claim_restore(*, claim: Claim, by: User, comment: str = "") -> Claim:
    """Bring an archived claim back to the lists, in the status it had, and record
    it (``claim.restored``). Takes the archive permission: who may hide may undo."""
    _require(by, "claims.archive_claim")
    with transaction.atomic():
        current = _lock(claim)
        if not current.is_archived:
            return claim
        if ClaimMerge.objects.filter(merged_id=current.pk).exists():
            raise WorkflowError(
                _(
                    "This claim was merged into another one: it stays archived, "
                    "with its history, and its rows live on the survivor."
                ),
                code="merged",
            )
        current.is_archived = False
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action=ReviewEvent.Action.RESTORED,
            from_status=current.status,
            comment=comment,
        )
        _claim_pages_bump(current, listed=current.is_public)
    _refresh(claim, current)
    return claim


# --- Evidence and notes ---------------------------------------------------------------


def _row_set_archived(row: _Row, *, by: User, archived: bool) -> _Row:
    """Archive or restore one evidence item or note of a claim. Refused for a row
    a published claim's page shows, before or after (``refuse_frozen_record``):
    that goes through a correction."""
    model = type(row)
    _require(by, f"claims.change_{model._meta.model_name}")
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=row.pk)
        if current.is_archived == archived:
            row.is_archived = archived
            return row
        current.is_archived = archived
        refuse_frozen_record(current)
        row_archive_write(current)
    row.is_archived = archived
    return row


def row_archive_write(row: Evidence | Note) -> None:
    """Save ``row``'s archived flag (its history row says who) and bump its claim's
    page, with no frozen check: for ``_row_set_archived`` and for a correction."""
    row.save()
    _claim_pages_bump(row.claim, listed=False)


@audited
def evidence_archive(*, evidence: Evidence, by: User) -> Evidence:
    """Hide an evidence item from its claim's page and the API; kept, restorable."""
    return _row_set_archived(evidence, by=by, archived=True)


@audited
def evidence_restore(*, evidence: Evidence, by: User) -> Evidence:
    """Bring an archived evidence item back."""
    return _row_set_archived(evidence, by=by, archived=False)


@audited
def note_archive(*, note: Note, by: User) -> Note:
    """Hide a note (a public one leaves the write-up); kept, restorable."""
    return _row_set_archived(note, by=by, archived=True)


@audited
def note_restore(*, note: Note, by: User) -> Note:
    """Bring an archived note back (a public one to the write-up)."""
    return _row_set_archived(note, by=by, archived=False)


# --- Sources and documents ------------------------------------------------------------


def was_archived(model: type[Source] | type[Document], pk: int | None) -> bool:
    """Whether the stored row is archived (a row not saved yet: no), so a save
    service can tell that a form's "archived" box was just ticked."""
    if pk is None:
        return False
    stored = model.objects.filter(pk=pk).values_list("is_archived", flat=True)
    return bool(stored.first())


def refuse_source_archive(source: Source) -> None:
    """Refuse archiving ``source`` while a claim with a public page shows it
    (claimant, publisher, evidence), naming how many: correct them first."""
    n = claims_showing_source_publicly(source).count()
    if n:
        raise WorkflowError(
            ngettext(
                "“%(name)s” cannot be archived: %(n)d published claim shows it "
                "(as claimant, publisher or evidence). Publish a correction of "
                "that claim first.",
                "“%(name)s” cannot be archived: %(n)d published claims show it "
                "(as claimant, publisher or evidence). Publish a correction of "
                "those claims first.",
                n,
            )
            % {"name": source.name, "n": n},
            code="shown",
        )


def refuse_document_archive(document: Document) -> None:
    """Refuse archiving ``document`` while a claim with a public page quotes it or
    cites it, naming how many: correct them first."""
    n = claims_showing_document_publicly(document).count()
    if n:
        raise WorkflowError(
            ngettext(
                "“%(name)s” cannot be archived: %(n)d published claim shows it "
                "(quoted or cited as evidence). Publish a correction of that "
                "claim first.",
                "“%(name)s” cannot be archived: %(n)d published claims show it "
                "(quoted or cited as evidence). Publish a correction of those "
                "claims first.",
                n,
            )
            % {"name": document.title, "n": n},
            code="shown",
        )


Shared = TypeVar("Shared", Source, Document)


def _document_pages_changed(document: Document) -> None:
    claims_showing_document(document).bump_page_version()


#: what archiving a shared row needs: the permission, the refusal while a public
#: claim shows it, and the bump of the pages that show it
_SHARED: dict[type, tuple[str, Callable[[Any], None], Callable[[Any], None]]] = {
    Source: (
        "claims.change_source",
        refuse_source_archive,
        lambda _source: catalogue_changed(),
    ),
    Document: (
        "claims.change_document",
        refuse_document_archive,
        _document_pages_changed,
    ),
}


def _set_archived(row: Shared, *, by: User, archived: bool) -> Shared:
    """Archive or restore a source or document many claims may share."""
    permission, refuse, pages_changed = _SHARED[type(row)]
    _require(by, permission)
    with transaction.atomic():
        current = type(row).objects.select_for_update().get(pk=row.pk)
        if current.is_archived != archived:
            if archived:
                refuse(current)
            elif SourceMerge.objects.filter(merged_id=current.pk).exists():
                raise WorkflowError(
                    _(
                        "“%(name)s” was merged into another source: it stays "
                        "archived, and its name is an alias of the survivor."
                    )
                    % {"name": str(current)},
                    code="merged",
                )
            current.is_archived = archived
            current.save()
            pages_changed(current)
    row.is_archived = archived
    return row


@audited
@logs_refusals("archive_source")
def source_archive(*, source: Source, by: User) -> Source:
    """Hide a source: its public page and API entry answer 404, it leaves the
    sitemap and the filters, and claims that name it show its name unlinked.
    Refused while a published claim shows it (``refuse_source_archive``)."""
    return _set_archived(source, by=by, archived=True)


@audited
def source_restore(*, source: Source, by: User) -> Source:
    """Bring an archived source back (its page answers again if it has claims)."""
    return _set_archived(source, by=by, archived=False)


@audited
@logs_refusals("archive_document")
def document_archive(*, document: Document, by: User) -> Document:
    """Hide a document from every public page, feed, sitemap, the API and JSON-LD.
    Refused while a published claim shows it (``refuse_document_archive``)."""
    return _set_archived(document, by=by, archived=True)


@audited
def document_restore(*, document: Document, by: User) -> Document:
    """Bring an archived document back."""
    return _set_archived(document, by=by, archived=False)
