"""Audited writes. Every status, verdict or assignment change goes through here.

Each service is keyword-only and typed, checks the actor's permission and the claim's
current state, validates with ``full_clean()``, and writes its ``ReviewEvent`` in the
same transaction as the change, so the history can never disagree with the data.
Writes to a claim take the version the caller loaded (``expected_version``) and are
refused (``ConflictError``) if it changed since; each refusal of a claim write is
logged as one line on the ``claims.services`` logger.

Import from this package (``from claims import services``); the modules behind it are
``workflow`` (the transition table and one function per transition), ``claims``
(create, edit, assign, delete), ``archive`` (archive and restore claims, evidence,
notes, sources and documents), ``records`` (what a claim rests on),
``catalogue`` (sources, aliases, ratings, tags), ``external`` (other
fact-checkers' ClaimReviews), ``capture`` (our own copy of
what evidence and documents point at), ``merge`` (folding a duplicate claim or
source into the one that survives) and ``pages`` (bumping the version of
every public page a write changes, which its ETag is made from).
"""

from typing import TYPE_CHECKING

from .archive import (
    claim_archive,
    claim_restore,
    document_archive,
    document_restore,
    evidence_archive,
    evidence_restore,
    note_archive,
    note_restore,
    source_archive,
    source_restore,
)
from .base import ConflictError, WorkflowError, claim_check_version
from .bulk import claims_bulk_start
from .capture import (
    document_capture,
    document_capture_schedule,
    evidence_capture,
    evidence_capture_schedule,
)
from .catalogue import (
    rating_delete,
    rating_save,
    source_alias_delete,
    source_alias_save,
    source_save,
    tag_delete,
    tag_save,
)
from .claims import (
    claim_assign,
    claim_create,
    claim_delete,
    claim_save,
    claim_set_verdict,
    claims_bulk_create,
)
from .external import (
    DatasetRow,
    ExternalReview,
    external_fact_check_import,
    external_ids_import,
)
from .jobs import job_execute, job_handler, job_retry, job_start
from .merge import (
    ClaimMergePlan,
    SourceMergePlan,
    claim_merge,
    claim_merge_plan,
    source_merge,
    source_merge_plan,
)
from .pages import claim_page_changed
from .records import (
    ClaimRecord,
    appearance_add,
    appearance_save,
    claim_date_add,
    claim_date_save,
    claim_record_delete,
    claim_translation_add,
    claim_translation_save,
    document_create,
    document_save,
    evidence_add,
    evidence_save,
    note_add,
    note_save,
    source_get_or_create,
    tag_get_or_create,
)
from .work import (
    claim_notify,
    claim_unwatch,
    claim_watch,
    claims_notify_overdue,
    desk_people,
    may_assign,
    notification_setting,
    notification_setting_save,
    notifications_email,
    notifications_mark_read,
    overdue_job_start,
    saved_filter_delete,
    saved_filter_save,
)
from .workflow import (
    LOCKED_WHEN_PUBLIC,
    TRANSITIONS,
    Transition,
    claim_correct,
    claim_mark_not_checkable,
    claim_publish,
    claim_retract,
    claim_send_back,
    claim_start_research,
    claim_submit,
    claim_transition,
    transitions_for,
)

if TYPE_CHECKING:
    from .base import User as User  # the actor type, for annotations only

__all__ = [
    "LOCKED_WHEN_PUBLIC",
    "TRANSITIONS",
    "ClaimMergePlan",
    "ClaimRecord",
    "ConflictError",
    "DatasetRow",
    "ExternalReview",
    "SourceMergePlan",
    "Transition",
    "WorkflowError",
    "appearance_add",
    "appearance_save",
    "claim_archive",
    "claim_assign",
    "claim_check_version",
    "claim_correct",
    "claim_create",
    "claim_date_add",
    "claim_date_save",
    "claim_delete",
    "claim_mark_not_checkable",
    "claim_merge",
    "claim_merge_plan",
    "claim_notify",
    "claim_page_changed",
    "claim_publish",
    "claim_record_delete",
    "claim_restore",
    "claim_retract",
    "claim_save",
    "claim_send_back",
    "claim_set_verdict",
    "claim_start_research",
    "claim_submit",
    "claim_transition",
    "claim_translation_add",
    "claim_translation_save",
    "claim_unwatch",
    "claim_watch",
    "claims_bulk_create",
    "claims_bulk_start",
    "claims_notify_overdue",
    "desk_people",
    "document_archive",
    "document_capture",
    "document_capture_schedule",
    "document_create",
    "document_restore",
    "document_save",
    "evidence_add",
    "evidence_archive",
    "evidence_capture",
    "evidence_capture_schedule",
    "evidence_restore",
    "evidence_save",
    "external_fact_check_import",
    "external_ids_import",
    "job_execute",
    "job_handler",
    "job_retry",
    "job_start",
    "may_assign",
    "note_add",
    "note_archive",
    "note_restore",
    "note_save",
    "notification_setting",
    "notification_setting_save",
    "notifications_email",
    "notifications_mark_read",
    "overdue_job_start",
    "rating_delete",
    "rating_save",
    "saved_filter_delete",
    "saved_filter_save",
    "source_alias_delete",
    "source_alias_save",
    "source_archive",
    "source_get_or_create",
    "source_merge",
    "source_merge_plan",
    "source_restore",
    "source_save",
    "tag_delete",
    "tag_get_or_create",
    "tag_save",
    "transitions_for",
]
