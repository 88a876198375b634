"""What a claim rests on: dates, documents, appearances, evidence, notes, sources
and tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..dates import PartialDate
from ..models import (
    Appearance,
    Claim,
    ClaimDate,
    Document,
    Evidence,
    Note,
    Source,
    SourceAlias,
    Tag,
)
from .base import User, _require
from .capture import document_capture_schedule, evidence_capture_schedule


def claim_date_add(
    *,
    claim: Claim,
    start: PartialDate,
    end: PartialDate | None = None,
    role: str = ClaimDate.Role.EVENT,
    text: str = "",
    label: str = "",
) -> ClaimDate:
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
    return date


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


def document_save(*, document: Document, by: User) -> Document:
    """Save admin edits; the text is frozen once any appearance points into it. A new
    or changed URL is captured once the transaction commits."""
    _require(by, "claims.change_document")
    document.full_clean()
    document.text_sha256 = Document.hash_text(document.text)
    was = Document.objects.filter(pk=document.pk).values_list("url", flat=True)
    url_is_new = document.pk is None or list(was) != [document.url]
    if document.pk is None:
        document.created_by = by
    document.save()
    if url_is_new:
        document_capture_schedule(document=document)
    return document


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
    return appearance


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
    """Add evidence; one with a URL is captured once the transaction commits."""
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
    evidence_capture_schedule(evidence=evidence)
    return evidence


def note_add(*, claim: Claim, by: User, body: str, is_public: bool = False) -> Note:
    _require(by, "claims.add_note")
    note = Note(claim=claim, body=body, is_public=is_public, author=by)
    note.full_clean()
    note.save()
    return note


def source_get_or_create(
    *, name: str, kind: str, aliases: Iterable[str] = (), **fields: Any
) -> Source:
    """Find a source by name or alias, or create it with its aliases."""
    existing = Source.objects.matching(name).first()
    if existing is None:
        for alias in aliases:
            existing = Source.objects.matching(alias).first()
            if existing:
                break
    with transaction.atomic():
        if existing is None:
            existing = Source(name=name.strip(), kind=kind, **fields)
            existing.full_clean(exclude=["slug"])
            existing.save()
        known = {a.lower() for a in existing.aliases.values_list("name", flat=True)}
        known.add(existing.name.lower())
        for alias in aliases:
            alias = alias.strip()
            if alias and alias.lower() not in known:
                SourceAlias.objects.create(source=existing, name=alias)
                known.add(alias.lower())
    return existing


def tag_get_or_create(*, name: str) -> Tag:
    name = name.strip()
    if not name:
        raise ValidationError(_("A tag needs a name."))
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name[:100])
