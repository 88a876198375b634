"""Audited writes. Every status, verdict or assignment change goes through here.

Each service is keyword-only, checks the actor's permission and the claim's current
state, validates with ``full_clean()``, and writes its ``ReviewEvent`` in the same
transaction as the change, so the history can never disagree with the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import PartialDate
from .models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Document,
    Evidence,
    Note,
    Rating,
    ReviewEvent,
    Source,
    SourceAlias,
    Status,
    Tag,
)

User = Any  # an authenticated django.contrib.auth user


class WorkflowError(ValidationError):
    """A transition that the claim's state or content does not allow."""


class ConflictError(ValidationError):
    """Someone else saved the claim after this editor loaded it."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # lazy translation
    sources: frozenset[str]
    target: str
    permission: str
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "start_research",
            gettext_lazy("Start research"),
            frozenset({Status.NEW}),
            Status.RESEARCHING,
            "claims.change_claim",
        ),
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            frozenset({Status.RESEARCHING}),
            Status.IN_REVIEW,
            "claims.submit_claim",
        ),
        Transition(
            "send_back",
            gettext_lazy("Send back for changes"),
            frozenset({Status.IN_REVIEW}),
            Status.RESEARCHING,
            "claims.publish_claim",
            comment_required=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            frozenset({Status.IN_REVIEW}),
            Status.PUBLISHED,
            "claims.publish_claim",
        ),
        Transition(
            "mark_not_checkable",
            gettext_lazy("Mark not checkable"),
            frozenset({Status.NEW, Status.RESEARCHING}),
            Status.NOT_CHECKABLE,
            "claims.change_claim",
        ),
        Transition(
            "correct",
            gettext_lazy("Publish a correction"),
            frozenset({Status.PUBLISHED, Status.CORRECTED}),
            Status.CORRECTED,
            "claims.correct_claim",
            comment_required=True,
        ),
        Transition(
            "retract",
            gettext_lazy("Retract"),
            frozenset({Status.PUBLISHED, Status.CORRECTED}),
            Status.RETRACTED,
            "claims.retract_claim",
            comment_required=True,
        ),
    ]
}

#: Fields that only change through a transition once a claim is public.
LOCKED_WHEN_PUBLIC = ("verdict", "verdict_summary")


def transitions_for(*, claim: Claim, user: User) -> list[Transition]:
    """The transitions ``user`` may attempt on ``claim`` now (state and permission)."""
    if claim.is_archived:
        return []
    return [
        t
        for t in TRANSITIONS.values()
        if claim.status in t.sources and user.has_perm(t.permission)
    ]


def _require(user: User, permission: str) -> None:
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(_("You do not have permission to do this."))


def _record(
    *,
    claim: Claim,
    by: User,
    action: str,
    from_status: str = "",
    to_status: str = "",
    from_verdict: Rating | None = None,
    to_verdict: Rating | None = None,
    comment: str = "",
) -> ReviewEvent:
    return ReviewEvent.objects.create(
        claim=claim,
        claim_ref=f"#{claim.pk} {claim.statement[:180]}",
        action=action,
        actor=by,
        from_status=from_status,
        to_status=to_status or from_status,
        from_verdict=from_verdict,
        to_verdict=to_verdict,
        comment=comment,
    )


def _lock(claim: Claim, expected_version: int | None = None) -> Claim:
    """Re-read the claim under a row lock; refuse if it changed since it was loaded."""
    current = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=claim.pk)
    )
    if expected_version is not None and current.version != expected_version:
        who = current.updated_by.get_username() if current.updated_by else _("someone")
        when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        raise ConflictError(
            _(
                "This claim was changed by %(who)s at %(when)s after you opened it. "
                "Your changes were not saved: reload the claim and apply them again."
            )
            % {"who": who, "when": when},
            code="conflict",
        )
    return current


def _touch(claim: Claim, by: User) -> None:
    claim.version += 1
    claim.updated_by = by
    claim.updated_at = timezone.now()


# --- Claims -------------------------------------------------------------------------


def claim_create(
    *,
    by: User | None,
    statement: str,
    language: str = "en",
    claimant: Source | None = None,
    attribution: str = "",
    made: PartialDate | None = None,
    checkworthiness: float | None = None,
    tags: Iterable[str] = (),
    assignee: User | None = None,
) -> Claim:
    """Capture a new claim (status ``new``) and record who captured it.

    ``by=None`` is a system import (a management command run from a shell)."""
    if by is not None:
        _require(by, "claims.add_claim")
    claim = Claim(
        statement=statement.strip(),
        language=language,
        claimant=claimant,
        attribution=attribution,
        made_on=made.value if made else None,
        made_on_precision=made.precision if made else "day",
        checkworthiness=checkworthiness,
        assignee=assignee,
        created_by=by,
        updated_by=by,
    )
    with transaction.atomic():
        _claim_insert(claim=claim, by=by)
        if tags:
            claim.tags.set(tag_get_or_create(name=n) for n in tags)
    return claim


def _claim_insert(*, claim: Claim, by: User | None) -> Claim:
    claim.status = Status.NEW
    claim.created_by = claim.updated_by = by
    claim.full_clean(exclude=["search_vector"])
    claim.save()
    _record(claim=claim, by=by, action="created", to_status=claim.status)
    return claim


def claim_save(*, claim: Claim, by: User, expected_version: int | None) -> Claim:
    """Save edits to a claim's own fields (the admin change form).

    Refuses a stale copy (``ConflictError`` naming who saved last and when), refuses
    verdict or write-up edits on a public claim (those go through a correction), and
    records a verdict or assignee change in the history (the stored row decides
    what changed). A claim not saved yet is inserted as ``new`` (the
    admin's add form).
    """
    if claim.pk is None:
        _require(by, "claims.add_claim")
        with transaction.atomic():
            return _claim_insert(claim=claim, by=by)
    _require(by, "claims.change_claim")
    claim.full_clean(exclude=["search_vector"])
    with transaction.atomic():
        current = _lock(claim, expected_version)
        if current.status in (Status.PUBLISHED, Status.CORRECTED, Status.RETRACTED):
            for field in LOCKED_WHEN_PUBLIC:
                if getattr(claim, f"{field}_id", getattr(claim, field)) != getattr(
                    current, f"{field}_id", getattr(current, field)
                ):
                    raise WorkflowError(
                        {
                            field: _(
                                "A published claim's verdict and summary change only "
                                "through a correction."
                            )
                        }
                    )
        # Workflow fields never change through a plain save, even from an old copy.
        claim.status = current.status
        claim.is_archived = current.is_archived
        claim.published_at = current.published_at
        claim.version = current.version
        _touch(claim, by)
        claim.save()
        if claim.verdict_id != current.verdict_id:
            _record(
                claim=claim,
                by=by,
                action="verdict_changed",
                from_status=current.status,
                from_verdict=current.verdict,
                to_verdict=claim.verdict,
            )
        if claim.assignee_id != current.assignee_id:
            _record(
                claim=claim,
                by=by,
                action="assigned",
                from_status=current.status,
                comment=claim.assignee.get_username() if claim.assignee else "",
            )
    return claim


def claim_transition(
    *,
    claim: Claim,
    by: User,
    name: str,
    comment: str = "",
    expected_version: int | None = None,
) -> Claim:
    """Move ``claim`` along the workflow by the transition called ``name``.

    Checks permission, the current state (read under a row lock) and the
    transition's requirements; writes the review event in the same transaction.
    """
    try:
        transition = TRANSITIONS[name]
    except KeyError:
        raise WorkflowError(_("Unknown action “%(name)s”.") % {"name": name}) from None
    _require(by, transition.permission)
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise WorkflowError(
            {"comment": _("Say why: this action needs a comment.")}, code="comment"
        )
    if transition.name == "correct":
        # A corrected claim must have its Correction; the comment is its public note.
        claim_correct(
            claim=claim, by=by, note=comment, expected_version=expected_version
        )
        return claim
    with transaction.atomic():
        current = _lock(claim, expected_version)
        if current.is_archived:
            # Published while archived, a claim would be public in its status and
            # history yet absent from every public page.
            raise WorkflowError(
                _("“%(action)s” is not possible: the claim is archived.")
                % {"action": transition.label},
                code="archived",
            )
        if current.status not in transition.sources:
            raise WorkflowError(
                _("“%(action)s” is not possible for a claim that is %(status)s.")
                % {"action": transition.label, "status": current.get_status_display()},
                code="state",
            )
        if transition.name == "publish":
            _check_publishable(current)
        from_status = current.status
        current.status = transition.target
        if transition.name == "start_research" and current.assignee_id is None:
            current.assignee = by
        if transition.name == "publish" and current.published_at is None:
            current.published_at = timezone.now()
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action=transition.name,
            from_status=from_status,
            to_status=current.status,
            from_verdict=current.verdict,
            to_verdict=current.verdict,
            comment=comment,
        )
    _refresh(claim, current)
    return claim


def _refresh(stale: Claim, fresh: Claim) -> None:
    deferred = fresh.get_deferred_fields()
    for field in Claim._meta.concrete_fields:
        if field.attname not in deferred:
            setattr(stale, field.attname, getattr(fresh, field.attname))


def _check_publishable(claim: Claim) -> None:
    missing = []
    if claim.verdict_id is None:
        missing.append(_("a verdict"))
    if not claim.verdict_summary.strip():
        missing.append(_("a verdict summary"))
    if not claim.evidence.filter(is_archived=False).exists():
        missing.append(_("at least one evidence item"))
    if missing:
        raise WorkflowError(
            _("Cannot publish: the claim needs %(missing)s.")
            % {"missing": ", ".join(str(m) for m in missing)},
            code="incomplete",
        )


def claim_start_research(*, claim: Claim, by: User, comment: str = "") -> Claim:
    return claim_transition(claim=claim, by=by, name="start_research", comment=comment)


def claim_submit(*, claim: Claim, by: User, comment: str = "") -> Claim:
    return claim_transition(claim=claim, by=by, name="submit", comment=comment)


def claim_send_back(*, claim: Claim, by: User, comment: str) -> Claim:
    return claim_transition(claim=claim, by=by, name="send_back", comment=comment)


def claim_publish(*, claim: Claim, by: User, comment: str = "") -> Claim:
    return claim_transition(claim=claim, by=by, name="publish", comment=comment)


def claim_mark_not_checkable(*, claim: Claim, by: User, comment: str = "") -> Claim:
    return claim_transition(
        claim=claim, by=by, name="mark_not_checkable", comment=comment
    )


def claim_retract(*, claim: Claim, by: User, comment: str) -> Claim:
    return claim_transition(claim=claim, by=by, name="retract", comment=comment)


def claim_correct(
    *,
    claim: Claim,
    by: User,
    note: str,
    verdict: Rating | None = None,
    summary: str | None = None,
    expected_version: int | None = None,
) -> Correction:
    """Publish a correction: change the verdict and/or write-up of a public claim and
    leave a public, dated note saying what changed."""
    transition = TRANSITIONS["correct"]
    _require(by, transition.permission)
    note = (note or "").strip()
    if not note:
        raise WorkflowError({"note": _("A correction needs a public note.")})
    with transaction.atomic():
        current = _lock(claim, expected_version)
        if current.status not in transition.sources:
            raise WorkflowError(
                _("Only a published claim can be corrected; this one is %(status)s.")
                % {"status": current.get_status_display()},
                code="state",
            )
        previous_verdict, previous_summary = current.verdict, current.verdict_summary
        if verdict is not None:
            current.verdict = verdict
        if summary is not None:
            if not summary.strip():
                raise WorkflowError({"summary": _("The summary cannot be empty.")})
            current.verdict_summary = summary
        correction = Correction.objects.create(
            claim=current,
            note=note,
            previous_verdict=previous_verdict,
            new_verdict=current.verdict,
            previous_summary=previous_summary,
            created_by=by,
        )
        from_status = current.status
        current.status = transition.target
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action="correct",
            from_status=from_status,
            to_status=current.status,
            from_verdict=previous_verdict,
            to_verdict=current.verdict,
            comment=note,
        )
    _refresh(claim, current)
    return correction


def claim_assign(*, claim: Claim, by: User, assignee: User | None) -> Claim:
    """Give the claim to ``assignee`` (or nobody) and record it."""
    _require(by, "claims.change_claim")
    with transaction.atomic():
        current = _lock(claim)
        if current.assignee_id == (assignee.pk if assignee else None):
            return claim
        current.assignee = assignee
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action="assigned",
            from_status=current.status,
            comment=assignee.get_username() if assignee else "",
        )
    _refresh(claim, current)
    return claim


def claim_set_verdict(
    *, claim: Claim, by: User, verdict: Rating | None, summary: str | None = None
) -> Claim:
    """Propose a verdict (and write-up) on a claim that is not public yet."""
    _require(by, "claims.change_claim")
    with transaction.atomic():
        current = _lock(claim)
        if current.status in (Status.PUBLISHED, Status.CORRECTED, Status.RETRACTED):
            raise WorkflowError(
                _("A published claim's verdict changes only through a correction.")
            )
        previous = current.verdict
        current.verdict = verdict
        if summary is not None:
            current.verdict_summary = summary
        _touch(current, by)
        current.save()
        if (previous.pk if previous else None) != (verdict.pk if verdict else None):
            _record(
                claim=current,
                by=by,
                action="verdict_changed",
                from_status=current.status,
                from_verdict=previous,
                to_verdict=verdict,
            )
    _refresh(claim, current)
    return claim


def claim_archive(*, claim: Claim, by: User, comment: str = "") -> Claim:
    """Hide a claim from every list instead of deleting it. Public claims are
    retracted, not archived, so their URL keeps explaining what happened."""
    _require(by, "claims.archive_claim")
    with transaction.atomic():
        current = _lock(claim)
        if current.status in (Status.PUBLISHED, Status.CORRECTED):
            raise WorkflowError(
                _("A published claim cannot be archived: retract it instead.")
            )
        if current.status == Status.RETRACTED:
            raise WorkflowError(
                _(
                    "A retracted claim cannot be archived: its page keeps explaining "
                    "the retraction to readers who follow old links."
                )
            )
        if current.is_archived:
            return claim
        current.is_archived = True
        _touch(current, by)
        current.save()
        _record(
            claim=current,
            by=by,
            action="archived",
            from_status=current.status,
            comment=comment,
        )
    _refresh(claim, current)
    return claim


def claim_delete(*, claim: Claim, by: User) -> None:
    """Delete a claim for good (superusers only). Its history stays, unlinked."""
    if not (by and by.is_active and by.is_superuser):
        raise PermissionDenied(_("Only a superuser can delete a claim; archive it."))
    with transaction.atomic():
        current = _lock(claim)  # record the status it has now, not a stale copy's
        _record(claim=current, by=by, action="deleted", from_status=current.status)
        claim.delete()


# --- What a claim rests on ----------------------------------------------------------


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
    """Store a document with the SHA-256 of its text."""
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
    return document


def document_save(*, document: Document, by: User) -> Document:
    """Save admin edits; the text is frozen once any appearance points into it."""
    _require(by, "claims.change_document")
    document.full_clean()
    document.text_sha256 = Document.hash_text(document.text)
    if document.pk is None:
        document.created_by = by
    document.save()
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
