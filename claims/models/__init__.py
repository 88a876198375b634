"""Claimdesk's domain: sources, documents, claims and everything a fact-check rests on.

One module per aggregate; each QuerySet sits right above its model. Reads live in the
QuerySet methods; writes that change status, touch several rows or must be audited
live in ``claims.services``.
"""

from ..status import PAGE_STATUSES, PUBLIC_STATUSES, Status
from .base import hex_colour, language_field, unique_slug, validate_language
from .captures import Captured, CaptureStatus
from .claims import (
    Appearance,
    AppearanceQuerySet,
    Claim,
    ClaimDate,
    ClaimManager,
    ClaimQuerySet,
)
from .documents import Document, DocumentQuerySet
from .epoch import SiteEpoch, SiteEpochQuerySet
from .evidence import Evidence, EvidenceQuerySet, Note, NoteQuerySet
from .external import (
    ExternalFactCheck,
    ExternalFactCheckQuerySet,
    ExternalId,
    ExternalIdQuerySet,
)
from .jobs import Job, JobQuerySet, JobStep
from .merges import ClaimMerge, ClaimMergeQuerySet, SourceMerge, SourceMergeQuerySet
from .ratings import Rating, RatingQuerySet
from .review import ClaimDeletion, Correction, ReviewEvent, ReviewEventQuerySet
from .sources import Source, SourceAlias, SourceQuerySet
from .tags import Tag, TagQuerySet
from .translations import ClaimTranslation, ClaimTranslationQuerySet
from .work import (
    Notification,
    NotificationQuerySet,
    NotificationSetting,
    SavedFilter,
    SavedFilterQuerySet,
    Watch,
    WatchQuerySet,
)

__all__ = [
    "PAGE_STATUSES",
    "PUBLIC_STATUSES",
    "Appearance",
    "AppearanceQuerySet",
    "CaptureStatus",
    "Captured",
    "Claim",
    "ClaimDate",
    "ClaimDeletion",
    "ClaimManager",
    "ClaimMerge",
    "ClaimMergeQuerySet",
    "ClaimQuerySet",
    "ClaimTranslation",
    "ClaimTranslationQuerySet",
    "Correction",
    "Document",
    "DocumentQuerySet",
    "Evidence",
    "EvidenceQuerySet",
    "ExternalFactCheck",
    "ExternalFactCheckQuerySet",
    "ExternalId",
    "ExternalIdQuerySet",
    "Job",
    "JobQuerySet",
    "JobStep",
    "Note",
    "NoteQuerySet",
    "Notification",
    "NotificationQuerySet",
    "NotificationSetting",
    "Rating",
    "RatingQuerySet",
    "ReviewEvent",
    "ReviewEventQuerySet",
    "SavedFilter",
    "SavedFilterQuerySet",
    "SiteEpoch",
    "SiteEpochQuerySet",
    "Source",
    "SourceAlias",
    "SourceMerge",
    "SourceMergeQuerySet",
    "SourceQuerySet",
    "Status",
    "Tag",
    "TagQuerySet",
    "Watch",
    "WatchQuerySet",
    "hex_colour",
    "language_field",
    "unique_slug",
    "validate_language",
]
