"""Field-level history of everything a fact-check rests on (django-simple-history).

Each tracked model carries ``history = recorded()``: every save and delete writes a
historical row with who, when and the value of every field, so the admin can show
before and after. Saves and deletes are caught by signals; the bulk writes that skip
signals (``QuerySet.update``, ``bulk_create``, and ``bulk_update``, which Django
runs as an ``update``) go through ``RecordedQuerySet``, which records the rows they
touched in the same transaction.
Raw SQL is the one way around it.

Who acted: the instance's ``_history_user`` if set, else the user the services are
acting for (``acting_as``), else the request's user (``HistoryRequestMiddleware``).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models, transaction
from simple_history.models import HistoricalRecords

_M = TypeVar("_M", bound=models.Model)

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "claimdesk_history_actor", default=None
)
_reason: contextvars.ContextVar[str] = contextvars.ContextVar(
    "claimdesk_history_reason", default=""
)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute every history row written inside the block to ``user``."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def acting_user() -> Any:
    """The signed-in user a service is acting for (``acting_as``), or None."""
    user = _actor.get()
    return user if getattr(user, "is_authenticated", False) else None


@contextmanager
def change_reason(text: str) -> Iterator[None]:
    """Note ``text`` as the reason on every history row written inside the block
    (a restore says which version it restored)."""
    token = _reason.set(text[:100])
    try:
        yield
    finally:
        _reason.reset(token)


def history_user(instance: models.Model, request: Any = None, **kwargs: Any) -> Any:
    user = _actor.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


class Recorded(HistoricalRecords):
    def get_change_reason_for_object(
        self, instance: models.Model, history_type: str, using: str | None
    ) -> str:
        return super().get_change_reason_for_object(instance, history_type, using) or (
            _reason.get()
        )


def recorded(**kwargs: Any) -> HistoricalRecords:
    """The history field every tracked model uses, with the project's defaults."""
    return Recorded(get_user=history_user, **kwargs)


def bulk_change_reason(*, update: bool) -> str:
    """The reason on the history rows of a bulk write: ``change_reason``'s, if any."""
    return _reason.get() or ("bulk update" if update else "bulk create")


def _record_bulk(model: type[models.Model], objs: Iterable[models.Model], update: bool):
    history = getattr(model, "history", None)
    if history is None:
        return
    rows = [o for o in objs if o.pk is not None]
    if rows:
        history.bulk_history_create(
            rows, update=update, default_change_reason=bulk_change_reason(update=update)
        )


class RecordedQuerySet(models.QuerySet[_M]):
    """A QuerySet whose bulk writes leave history like single saves do."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            if pks:
                fresh = self.model._base_manager.using(self.db).filter(pk__in=pks)
                _record_bulk(self.model, fresh, update=True)
        return count

    def update_unrecorded(self, **kwargs: Any) -> int:
        """``update`` without history rows: only for bookkeeping columns that the
        model's history excludes (a page version), never for content."""
        return super().update(**kwargs)

    def bulk_create(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> list[_M]:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            _record_bulk(self.model, created, update=False)
        return created
