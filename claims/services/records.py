"""What a claim rests on: dates, documents, appearances, evidence, notes, sources
and tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..dates import PartialDate
from ..models import (
    Appearance,
    Claim,
    ClaimDate,
    ClaimTranslation,
    Document,
    Evidence,
    Note,
    Source,
    SourceAlias,
    Tag,
)
from ..pages import claims_showing_document
from .archive import refuse_document_archive, was_archived
from .base import _require, audited
from .capture import document_capture_schedule, evidence_capture_schedule
from .frozen import refuse_frozen_document, refuse_frozen_record
from .pages import _claim_pages_bump, catalogue_changed

if TYPE_CHECKING:
    from .base import User

#: What a claim's page adds, edits and deletes in its inlines.
ClaimRecord = Appearance | ClaimDate | Evidence | Note | ClaimTranslation


def claim_date_add(
    *,
    claim: Claim,
    start: PartialDate,
    end: PartialDate | None = None,
    role: str = ClaimDate.Role.EVENT,
    text: str = "",
    label: str = "",
) -> ClaimDate:
    """Date ``claim`` (an event it is about, or when it was reported); a system
    write (the importer, the demo), so no permission check."""
    date = ClaimDate(
        claim=claim,
        role=role,
        start=start.value,
        precision=start.precision,
        end=end.value if end else None,
        end_precision=end.precision if end else "day",
        text=text[:200],
        label=label[:200],
    )
    date.full_clean()
    date.save()
    _claim_pages_bump(claim, listed=claim.is_public)  # cards show event dates
    return date


@audited
def document_create(
    *,
    by: User | None,
    title: str,
    text: str,
    language: str,
    url: str = "",
    publisher: Source | None = None,
    authors: str = "",
    published_on: dt.date | None = None,
    retrieved_at: dt.datetime | None = None,
    archive_url: str = "",
) -> Document:
    """Store a document with the SHA-256 of its text; one with a URL is captured
    once the transaction commits."""
    if by is not None:
        _require(by, "claims.add_document")
    document = Document(
        title=title.strip()[:500],
        text=text,
        language=language,
        url=url,
        publisher=publisher,
        authors=authors[:500],
        published_on=published_on,
        retrieved_at=retrieved_at,
        archive_url=archive_url,
        text_sha256=Document.hash_text(text),
        created_by=by,
    )
    document.full_clean()
    document.save()
    document_capture_schedule(document=document)
    return document


@audited
def document_save(*, document: Document, by: User) -> Document:
    """Save admin edits; the text is frozen once any appearance points into it, the
    title and URL once a published claim shows the document. A new or changed URL
    is captured once the transaction commits."""
    _require(by, "claims.change_document")
    refuse_frozen_document(document)
    if document.is_archived and not was_archived(Document, document.pk):
        refuse_document_archive(document)  # the form's "archived" box
    document.full_clean()
    document.text_sha256 = Document.hash_text(document.text)
    was = Document.objects.filter(pk=document.pk).values_list("url", flat=True)
    url_is_new = document.pk is None or list(was) != [document.url]
    if document.pk is None:
        document.created_by = by
    document.save()
    claims_showing_document(document).bump_page_version()
    if url_is_new:
        document_capture_schedule(document=document)
    return document


@audited
def appearance_add(
    *,
    claim: Claim,
    document: Document,
    quote: str,
    by: User | None,
    start: int | None = None,
    end: int | None = None,
) -> Appearance:
    """Record that ``claim`` is quoted in ``document``. Without offsets the quote's
    first occurrence is used; with them the quote must be at exactly that place."""
    if by is not None:
        _require(by, "claims.add_appearance")
    if start is None:
        start = document.text.find(quote) if quote else -1
        if start < 0:
            raise ValidationError(
                {"quote": _("The quote does not occur in the document.")}
            )
    if end is None:
        end = start + len(quote)
    appearance = Appearance(
        claim=claim,
        document=document,
        quote=quote,
        start=start,
        end=end,
        created_by=by,
    )
    appearance.full_clean()
    appearance.save()
    _claim_pages_bump(claim, listed=False)
    return appearance


@audited
def evidence_add(
    *,
    claim: Claim,
    by: User,
    stance: str,
    url: str = "",
    document: Document | None = None,
    source: Source | None = None,
    excerpt: str = "",
    accessed_on: dt.date | None = None,
    archive_url: str = "",
) -> Evidence:
    """Add an evidence item to ``claim``, stamped as added by ``by``; one with a
    URL is captured once the transaction commits."""
    _require(by, "claims.add_evidence")
    evidence = Evidence(
        claim=claim,
        stance=stance,
        url=url,
        document=document,
        source=source,
        excerpt=excerpt,
        accessed_on=accessed_on,
        archive_url=archive_url,
        added_by=by,
    )
    evidence.full_clean()
    evidence.save()
    _claim_pages_bump(claim, listed=False)
    evidence_capture_schedule(evidence=evidence)
    return evidence


@audited
def note_add(*, claim: Claim, by: User, body: str, is_public: bool = False) -> Note:
    """Add a note to ``claim`` written by ``by``; public notes show on its page."""
    _require(by, "claims.add_note")
    note = Note(claim=claim, body=body, is_public=is_public, author=by)
    note.full_clean()
    note.save()
    if note.is_public:
        _claim_pages_bump(claim, listed=False)
    return note


def source_get_or_create(
    *, name: str, kind: str, aliases: Iterable[str] = (), **fields: Any
) -> Source:
    """Find a source by name or alias, or create it with its aliases."""
    # A live source before an archived one: a source merged into another keeps
    # its name, which is also an alias of the survivor.
    existing = Source.objects.matching(name).order_by("is_archived", "name").first()
    if existing is None:
        for alias in aliases:
            existing = (
                Source.objects.matching(alias).order_by("is_archived", "name").first()
            )
            if existing:
                break
    with transaction.atomic():
        is_new = existing is None
        if existing is None:
            existing = Source(name=name.strip(), kind=kind, **fields)
            existing.full_clean(exclude=["slug"])
            existing.save()
        known = {a.lower() for a in existing.aliases.values_list("name", flat=True)}
        known.add(existing.name.lower())
        added = False
        for alias in aliases:
            alias = alias.strip()
            if alias and alias.lower() not in known:
                SourceAlias.objects.create(source=existing, name=alias)
                known.add(alias.lower())
                added = True
        if added and not is_new:  # its claims' pages show its aliases (JSON-LD)
            catalogue_changed()
    return existing


def sources_get_or_create_many(*, names: Mapping[str, str]) -> dict[str, Source]:
    """The sources called ``names`` (name → kind for a new one), by name or alias as
    ``source_get_or_create`` finds them, the missing ones created: {name folded:
    source}. A few queries for a whole batch (the name and alias lookups use their
    upper-case indexes; new slugs are checked together), so an importer with
    thousands of claimants does not pay a dozen queries for each."""
    wanted = {n.strip().casefold(): n.strip() for n in names if n.strip()}
    if not wanted:
        return {}
    found: dict[str, Source] = {}
    uppers = [n.upper() for n in wanted.values()]
    for source in Source.objects.annotate(upper=Upper("name")).filter(upper__in=uppers):
        found.setdefault(source.name.casefold(), source)
    aliases = (
        SourceAlias.objects.annotate(upper=Upper("name"))
        .filter(upper__in=uppers)
        .select_related("source")
        .order_by("pk")
    )
    for alias in aliases:
        found.setdefault(alias.name.casefold(), alias.source)
    missing = [folded for folded in wanted if folded not in found]
    if missing:
        kinds = {n.strip().casefold(): kind for n, kind in names.items()}
        new = [Source(name=wanted[f][:200], kind=kinds[f], slug="") for f in missing]
        for source in new:
            source.full_clean(exclude=["slug"])
        _assign_slugs(new)
        with transaction.atomic():
            Source.objects.bulk_create(new)
        found.update(zip(missing, new, strict=True))
    return {folded: found[folded] for folded in wanted}


def _assign_slugs(sources: list[Source]) -> None:
    """Unique slugs for new ``sources``, as ``unique_slug`` gives one at a time: one
    query for the whole batch, one more per name whose slug is taken."""
    bases = [slugify(s.name)[:200] or "item" for s in sources]
    taken = set(Source.objects.filter(slug__in=bases).values_list("slug", flat=True))
    for source, base in zip(sources, bases, strict=True):
        slug, n = base, 2
        while slug in taken or (
            slug != base and Source.objects.filter(slug=slug).exists()
        ):
            slug = f"{base[:194]}-{n}"
            n += 1
        taken.add(slug)
        source.slug = slug


def tag_get_or_create(*, name: str) -> Tag:
    """The tag called ``name`` in any case, created if new."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A tag needs a name."))
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name[:100])


# --- The claim page's inlines: rows added, edited and deleted through the admin ---


#: Who added a new row of each kind (the field stamped with ``by``).
RECORD_STAMPS = {
    "appearance": "created_by",
    "evidence": "added_by",
    "note": "author",
    "claimtranslation": "created_by",
}


def _record_save(record: ClaimRecord, by: User) -> None:
    """Check ``by`` may add (a new row) or change it, refuse a change a published
    page shows (``refuse_frozen_record``), stamp a new row with who added it,
    validate and save."""
    model = record._meta.model_name
    is_new = record.pk is None
    _require(by, f"claims.{'add' if is_new else 'change'}_{model}")
    refuse_frozen_record(record)
    with transaction.atomic():
        _record_write(record, by)


def _record_write(record: ClaimRecord, by: User) -> None:
    """Stamp, validate, save and bump the page, with no frozen check: for
    ``_record_save`` and for a correction (``claim_correct``), which may change
    what a published page shows."""
    model = record._meta.model_name or ""
    is_new = record.pk is None
    _require(by, f"claims.{'add' if is_new else 'change'}_{model}")
    stamp = RECORD_STAMPS.get(model)
    if is_new and stamp:
        setattr(record, stamp, by)
    record.full_clean()
    record.save()
    _record_page_bump(record)


def _record_page_bump(record: ClaimRecord) -> None:
    """A row on a claim's page changed: bump the page (and, for dates, which the
    claim cards of related lists show, the pages that list it)."""
    claim = record.claim
    # Cards of related claims show event dates and the translated statement.
    on_cards = isinstance(record, ClaimDate | ClaimTranslation)
    _claim_pages_bump(claim, listed=on_cards and claim.is_public)


def appearance_save(*, appearance: Appearance, by: User) -> Appearance:
    """Save a quote added or edited on the claim page; a new one records ``by`` as
    who added it. The model refuses a quote not at its offsets."""
    _record_save(appearance, by)
    return appearance


def evidence_save(*, evidence: Evidence, by: User) -> Evidence:
    """Save an evidence item added or edited on the claim page; a new one records
    ``by`` as who added it. A new or changed URL is captured after the commit."""
    stored = Evidence.objects.filter(pk=evidence.pk).values_list("url", flat=True)
    before = stored.first() if evidence.pk is not None else None
    _record_save(evidence, by)
    if evidence.url and evidence.url != before:
        evidence_capture_schedule(evidence=evidence)
    return evidence


def note_save(*, note: Note, by: User) -> Note:
    """Save a note added or edited on the claim page; a new one records ``by`` as
    its author (an edit keeps the author)."""
    _record_save(note, by)
    return note


def claim_date_save(*, date: ClaimDate, by: User) -> ClaimDate:
    """Save an event or report date added or edited on the claim page."""
    _record_save(date, by)
    return date


@audited
def claim_translation_save(
    *, translation: ClaimTranslation, by: User
) -> ClaimTranslation:
    """Save a translation of a claim's public text written on the claim page (or
    through a script), recorded in its history as ``by``'s, and bump the pages
    that show it: the claim's, and while it is public the pages whose related
    cards show its statement. On a published claim a new translation, or text
    where a translation had none, is an addition and allowed; changing or
    removing published translated text goes through a correction
    (``refuse_frozen_record``)."""
    _record_save(translation, by)
    return translation


@audited
def claim_translation_add(
    *,
    claim: Claim,
    by: User,
    language: str,
    statement: str = "",
    verdict_summary: str = "",
    notes: str = "",
) -> ClaimTranslation:
    """Write ``claim``'s text in ``language``, or fill in/replace the existing
    translation into it (``claim_translation_save``'s rules)."""
    from ..models.translations import primary_language

    language = primary_language(language)
    translation = ClaimTranslation.objects.filter(
        claim=claim, language=language
    ).first() or ClaimTranslation(claim=claim, language=language)
    translation.statement = statement.strip()
    translation.verdict_summary = verdict_summary.strip()
    translation.notes = notes.strip()
    return claim_translation_save(translation=translation, by=by)


def claim_record_delete(*, record: ClaimRecord, by: User) -> None:
    """Delete a date, quote, evidence item or note from its claim, if ``by`` holds
    the model's delete permission (by default only superusers do)."""
    _require(by, f"claims.delete_{record._meta.model_name}")
    refuse_frozen_record(record, deleting=True)
    with transaction.atomic():
        record.delete()
        _record_page_bump(record)
