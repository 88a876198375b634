"""Creating, editing, assigning and deleting claims (archiving: ``archive``)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from ..dates import PartialDate
from ..models import (
    Claim,
    ClaimDeletion,
    Notification,
    Rating,
    ReviewEvent,
    Source,
    Status,
    Tag,
)
from ..status import PAGE_STATUSES
from .base import (
    WorkflowError,
    _lock,
    _record,
    _record_created,
    _refresh,
    _require,
    _require_version,
    _touch,
    audited,
    logs_refusals,
)
from .bulk_insert import claims_insert
from .frozen import refuse_frozen_fields
from .pages import _claim_pages_bump, listings_changed
from .records import tag_get_or_create
from .work import claim_notify, claim_watch, require_may_assign


class _Keep:
    """``claim_assign``'s "leave the due date as it is"."""


KEEP = _Keep()

if TYPE_CHECKING:
    from .base import User


#: Called once the transaction commits with the ids of claims whose statement was
#: just captured or edited (``claim_create``, ``claim_save``, ``claims_bulk_create``):
#: the matcher (app ``matching``) registers its re-embedding here, so the domain
#: names no app and a failing listener never undoes a save.
CLAIM_TEXT_LISTENERS: list[Callable[[list[int]], None]] = []


def _claim_text_changed(ids: list[int]) -> None:
    for listener in CLAIM_TEXT_LISTENERS:
        transaction.on_commit(partial(listener, list(ids)), robust=True)


@audited
def claim_create(
    *,
    by: User | None,
    statement: str,
    language: str = "en",
    claimant: Source | None = None,
    attribution: str = "",
    speech: str = "",
    attribution_chain: list[dict[str, str]] | None = None,
    made: PartialDate | None = None,
    checkworthiness: float | None = None,
    tags: Iterable[str] = (),
    assignee: User | None = None,
    origin: str = Claim.Origin.DESK,
) -> Claim:
    """Capture a new claim (status ``new``) and record who captured it.

    ``by=None`` is a system import (a management command run from a shell);
    ``origin`` says whether the desk captured it or another fact-checker's
    ClaimReview brought it in."""
    if by is not None:
        _require(by, "claims.add_claim")
    claim = Claim(
        statement=statement.strip(),
        language=language,
        claimant=claimant,
        attribution=attribution,
        speech=speech,
        attribution_chain=list(attribution_chain or []),
        made_on=made.value if made else None,
        made_on_precision=made.precision if made else "day",
        checkworthiness=checkworthiness,
        assignee=assignee,
        origin=origin,
        created_by=by,
        updated_by=by,
    )
    with transaction.atomic():
        _claim_insert(claim=claim, by=by)
        if tags:
            claim.tags.set(tag_get_or_create(name=n) for n in tags)
    return claim


#: What each row of ``claims_bulk_create`` may say: ``claim_create``'s arguments.
BULK_FIELDS = frozenset(
    {
        "statement",
        "language",
        "claimant",
        "attribution",
        "speech",
        "attribution_chain",
        "made",
        "checkworthiness",
        "tags",
        "assignee",
        "origin",
    }
)


@audited
def claims_bulk_create(
    *, rows: Iterable[Mapping[str, Any]], by: User | None, batch_size: int = 2000
) -> list[Claim]:
    """Capture many new claims at once, each as ``claim_create`` would: validated,
    status ``new``, a "created" review event, a history row (with its tags), and on
    PostgreSQL the search vector ``claim_create``'s trigger computes.

    Each row is a mapping of ``claim_create``'s keyword arguments. All in one
    transaction: a row that fails validation raises ``ValidationError`` naming its
    position (counted from 0) and nothing is written. Related objects (claimant,
    assignee) are taken as given, not looked up again row by row. On PostgreSQL
    each table gets one statement (``bulk_insert``, thousands of claims a second);
    elsewhere the ORM's ``bulk_create`` in batches of ``batch_size``.
    """
    if by is not None:
        _require(by, "claims.add_claim")
    claims: list[Claim] = []
    tag_names: list[list[str]] = []
    # What every row shares, its moment included; copying it is a third of the
    # cost of Claim(), which fills in the defaults of all 26 fields each time.
    new = Claim(status=Status.NEW, created_by=by, updated_by=by)
    for i, row in enumerate(rows):
        unknown = set(row) - BULK_FIELDS
        if unknown:
            raise TypeError(f"Row {i}: unknown fields {sorted(unknown)}")
        made = row.get("made")
        claim = copy.copy(new)
        claim.statement = str(row.get("statement", "")).strip()
        claim.language = row.get("language", "en")
        claim.claimant = row.get("claimant")
        claim.attribution = row.get("attribution", "")
        claim.speech = row.get("speech", "")
        claim.attribution_chain = list(row.get("attribution_chain") or [])
        claim.made_on = made.value if made else None
        claim.made_on_precision = made.precision if made else "day"
        claim.checkworthiness = row.get("checkworthiness")
        claim.assignee = row.get("assignee")
        claim.origin = row.get("origin", Claim.Origin.DESK)
        try:
            # Only what the row says (_BULK_CHECKED): foreign keys are instances
            # already and the check constraints are the database's (Django
            # validates each with a query).
            claim.full_clean(
                exclude=_BULK_UNCHECKED,
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            raise ValidationError(
                _("Row %(i)d: %(errors)s") % {"i": i, "errors": "; ".join(exc.messages)}
            ) from exc
        claims.append(claim)
        tag_names.append([n for n in row.get("tags", ()) if n.strip()])
    if not claims:
        return []
    with transaction.atomic():
        # in the rows' order, as claim_create would: the first spelling names a tag
        names = dict.fromkeys(n for ns in tag_names for n in ns)
        tags = _tags_by_name(names)
        # dict.fromkeys: a row naming a tag twice (in any case) links it once
        tag_ids = [list(dict.fromkeys(tags[n].pk for n in ns)) for ns in tag_names]
        if connection.vendor == "postgresql":
            claims_insert(claims=claims, tag_ids=tag_ids, by=by)
        else:
            Claim.objects.bulk_create(claims, batch_size=batch_size)
            _record_created(claims=claims, by=by)
            _bulk_tag(claims, tag_ids, batch_size)
        _claim_text_changed([c.pk for c in claims])
    return claims


def _tags_by_name(names: Iterable[str]) -> dict[str, Tag]:
    """{name: its tag} for ``names``, as ``tag_get_or_create`` finds them (in any
    case): the existing ones in one query, the others created one by one."""
    names = list(names)
    found = {
        tag.name.upper(): tag
        for tag in Tag.objects.annotate(upper=Upper("name")).filter(
            upper__in=[n.strip().upper() for n in names]
        )
    }
    tags = {}
    for name in names:
        key = name.strip().upper()
        if key not in found:
            found[key] = tag_get_or_create(name=name)
        tags[name] = found[key]
    return tags


#: the fields a bulk row sets (``BULK_FIELDS`` but the foreign keys): the only ones
#: ``full_clean`` checks, the others being the service's own defaults
_BULK_CHECKED = frozenset(
    {"statement", "language", "attribution", "speech", "attribution_chain"}
    | {"made_on", "made_on_precision", "checkworthiness", "origin"}
)
_BULK_UNCHECKED = [f.name for f in Claim._meta.fields if f.name not in _BULK_CHECKED]


def _bulk_tag(claims: list[Claim], tag_ids: list[list[int]], batch_size: int) -> None:
    """Tag the new claims, and their history rows as ``claim.tags.set`` would."""
    through = Claim.tags.through
    links = [
        through(claim_id=claim.pk, tag_id=tag)
        for claim, tags in zip(claims, tag_ids, strict=True)
        for tag in tags
    ]
    if not links:
        return
    through.objects.bulk_create(links, batch_size=batch_size)
    historical = Claim.history.model  # type: ignore[attr-defined]
    versions = dict(
        historical.objects.filter(
            id__in=[c.pk for c in claims], history_type="+"
        ).values_list("id", "history_id")
    )
    tagged = apps.get_model("claims", "HistoricalClaim_tags")  # the tags' history
    tagged.objects.bulk_create(
        [
            tagged(
                id=link.pk,
                history_id=versions[link.claim_id],
                claim_id=link.claim_id,
                tag_id=link.tag_id,
            )
            for link in links
        ],
        batch_size=batch_size,
    )


def _claim_insert(*, claim: Claim, by: User | None) -> Claim:
    claim.status = Status.NEW
    claim.created_by = claim.updated_by = by
    claim.full_clean(exclude=["search_vector"])
    claim.save()
    _record(
        claim=claim, by=by, action=ReviewEvent.Action.CREATED, to_status=claim.status
    )
    _claim_text_changed([claim.pk])
    return claim


@audited
@logs_refusals("save")
def claim_save(*, claim: Claim, by: User, expected_version: int | None) -> Claim:
    """Save edits to a claim's own fields (the admin change form).

    ``expected_version`` is the version the editor loaded, required for a claim
    that exists: a copy without one (``ConflictError``, code ``version_missing``)
    or a stale one (``ConflictError`` naming who saved last and when) is refused.
    Refuses
    edits of any public field (``PUBLIC_FIELDS``) of a claim with a public page
    (those go through a correction), naming the field, and
    records a verdict or assignee change in the history (the stored row decides
    what changed). A claim not saved yet is inserted as ``new`` (the
    admin's add form).
    """
    if claim.pk is None:
        _require(by, "claims.add_claim")
        with transaction.atomic():
            return _claim_insert(claim=claim, by=by)
    _require(by, "claims.change_claim")
    _require_version(expected_version)
    claim.full_clean(exclude=["search_vector"])
    with transaction.atomic():
        current = _lock(claim, expected_version)
        refuse_frozen_fields(claim=claim, current=current)
        # Workflow fields never change through a plain save, even from an old copy.
        claim.status = current.status
        claim.is_archived = current.is_archived
        claim.published_at = current.published_at
        claim.version = current.version
        claim.page_version = current.page_version
        claim.page_changed_at = current.page_changed_at
        _touch(claim, by)
        claim.save()
        # What a card shows is public and frozen on a public claim (refused
        # above), so no other page's list of related claims changed.
        _claim_pages_bump(claim, listed=False)
        if claim.verdict_id != current.verdict_id:
            _record(
                claim=claim,
                by=by,
                action=ReviewEvent.Action.VERDICT_CHANGED,
                from_status=current.status,
                from_verdict=current.verdict,
                to_verdict=claim.verdict,
            )
        if (claim.assignee_id, claim.due_on) != (current.assignee_id, current.due_on):
            if claim.assignee_id != current.assignee_id:
                require_may_assign(by, claim.assignee)
            _record_assignment(claim=claim, by=by)
        if claim.statement != current.statement:
            _claim_text_changed([claim.pk])
    return claim


@audited
@logs_refusals("assign")
def claim_assign(
    *,
    claim: Claim,
    by: User,
    assignee: User | None,
    due_on: dt.date | _Keep | None = KEEP,
) -> Claim:
    """Give the claim to ``assignee`` (or nobody), with a due date (``due_on``;
    ``None`` clears it, left out keeps it), and record it. Taking a claim needs
    ``change_claim``; giving it to someone else ``assign_claim`` (editors), who
    then watch it. The new assignee and the watchers are notified."""
    _require(by, "claims.change_claim")
    require_may_assign(by, assignee)
    with transaction.atomic():
        current = _lock(claim)
        new_due = current.due_on if isinstance(due_on, _Keep) else due_on
        if current.assignee_id == (assignee.pk if assignee else None) and (
            current.due_on == new_due
        ):
            return claim
        current.assignee = assignee
        current.due_on = new_due
        _touch(current, by)
        current.save()
        _record_assignment(claim=current, by=by)
    _refresh(claim, current)
    return claim


def _record_assignment(*, claim: Claim, by: User) -> None:
    """The assignment's review event (who, and by when) and its notifications."""
    who = claim.assignee.get_username() if claim.assignee else ""
    if claim.due_on:
        who = _("%(who)s, due %(date)s") % {
            "who": who or _("nobody"),
            "date": claim.due_on.isoformat(),
        }
    _record(
        claim=claim,
        by=by,
        action=ReviewEvent.Action.ASSIGNED,
        from_status=claim.status,
        comment=who,
    )
    if claim.assignee_id is not None and claim.assignee_id != by.pk:
        claim_watch(claim=claim, by=by)
    claim_notify(claim=claim, kind=Notification.Kind.ASSIGNED, by=by)


@audited
@logs_refusals("set_verdict")
def claim_set_verdict(
    *, claim: Claim, by: User, verdict: Rating | None, summary: str | None = None
) -> Claim:
    """Propose a verdict (and write-up) on a claim that is not public yet."""
    _require(by, "claims.change_claim")
    with transaction.atomic():
        current = _lock(claim)
        if current.status in PAGE_STATUSES:
            raise WorkflowError(
                _("A published claim's verdict changes only through a correction."),
                code="published",
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
                action=ReviewEvent.Action.VERDICT_CHANGED,
                from_status=current.status,
                from_verdict=previous,
                to_verdict=verdict,
            )
    _refresh(claim, current)
    return claim


@audited
@logs_refusals("delete")
def claim_delete(*, claim: Claim, by: User) -> None:
    """Delete a claim for good (superusers only). Its history stays, unlinked."""
    if not (by and by.is_active and by.is_superuser):
        raise PermissionDenied(_("Only a superuser can delete a claim; archive it."))
    with transaction.atomic():
        current = _lock(claim)  # record the status it has now, not a stale copy's
        event = _record(
            claim=current,
            by=by,
            action=ReviewEvent.Action.DELETED,
            from_status=current.status,
        )
        ClaimDeletion.objects.create(
            claim_id=current.pk, claim_ref=event.claim_ref, deleted_by=by
        )
        if current.is_public:  # its card leaves its neighbours' pages
            listings_changed()
        claim.delete()
