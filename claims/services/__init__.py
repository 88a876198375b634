"""Audited writes. Every status, verdict or assignment change goes through here.

Each service is keyword-only, checks the actor's permission and the claim's current
state, validates with ``full_clean()``, and writes its ``ReviewEvent`` in the same
transaction as the change, so the history can never disagree with the data.

Import from this package (``from claims import services``); the modules behind it are
``workflow`` (the transition table and one function per transition), ``claims``
(create, edit, assign, archive, delete), ``records`` (what a claim rests on) and
``capture`` (our own copy of what evidence and documents point at).
"""

from .base import ConflictError, User, WorkflowError
from .capture import (
    document_capture,
    document_capture_schedule,
    evidence_capture,
    evidence_capture_schedule,
)
from .claims import (
    claim_archive,
    claim_assign,
    claim_create,
    claim_delete,
    claim_save,
    claim_set_verdict,
)
from .records import (
    appearance_add,
    claim_date_add,
    document_create,
    document_save,
    evidence_add,
    note_add,
    source_get_or_create,
    tag_get_or_create,
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

__all__ = [
    "LOCKED_WHEN_PUBLIC",
    "TRANSITIONS",
    "ConflictError",
    "Transition",
    "User",
    "WorkflowError",
    "appearance_add",
    "claim_archive",
    "claim_assign",
    "claim_correct",
    "claim_create",
    "claim_date_add",
    "claim_delete",
    "claim_mark_not_checkable",
    "claim_publish",
    "claim_retract",
    "claim_save",
    "claim_send_back",
    "claim_set_verdict",
    "claim_start_research",
    "claim_submit",
    "claim_transition",
    "document_capture",
    "document_capture_schedule",
    "document_create",
    "document_save",
    "evidence_add",
    "evidence_capture",
    "evidence_capture_schedule",
    "note_add",
    "source_get_or_create",
    "tag_get_or_create",
    "transitions_for",
]
