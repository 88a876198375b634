"""The writes of ``claims_bulk_create`` on PostgreSQL: one statement per table.

Writing a chunk of claims through the ORM cost, per claim, a search-vector trigger
call (re-reading the claimant), a historical model instance and Django's per-value
preparation of every column of five tables: about 200 claims/s. Here each table gets
one ``INSERT … SELECT``, its rows sent as one JSON parameter (``_recordset``), and
the rows are the ones the ORM path and ``claim_create`` write (the tests compare):

- the claims, with ids taken from their sequence first and their search vector
  computed inside the same INSERT by ``claims_claim_search_vector`` (migrations
  0028 and 0035), the function the row trigger calls, which skips this statement,
  tag names included (the tag-link trigger of 0035 skips the tags' INSERT too);
- their "+" history rows, copied by the database from the rows just inserted
  (simple-history's tracked columns, the date, user and reason its
  ``bulk_history_create`` would write);
- their tags, and the tags' history rows pointing at those versions;
- their "created" review events, as ``_record_created`` writes them.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection
from django.utils import timezone

from ..models import Claim, ReviewEvent
from ..models.history import bulk_change_reason
from .base import claim_ref

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper

    from .base import User

#: the triggers of migrations 0028 and 0035 skip the rows whose vector these
#: statements compute
VECTOR_GIVEN = "claimdesk.search_vector_given"


def claims_insert(
    *, claims: list[Claim], tag_ids: list[list[int]], by: User | None
) -> None:
    """Insert ``claims`` (validated, unsaved) with everything ``claim_create``
    leaves; ``tag_ids[i]`` are the tags of ``claims[i]``. Sets each claim's pk."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [VECTOR_GIVEN])
        ids = _claims(cursor, claims, tag_ids)
        versions = _history(cursor, claims)
        links = [
            [pk, tag] for pk, tags in zip(ids, tag_ids, strict=True) for tag in tags
        ]
        if links:
            _tags(cursor, links, versions)
        cursor.execute("SELECT set_config(%s, '', true)", [VECTOR_GIVEN])
        _events(cursor, claims, by)


def _claims(
    cursor: CursorWrapper, claims: list[Claim], tag_ids: list[list[int]]
) -> list[int]:
    """The claims themselves, with their search vectors (tag names included:
    ``tag_ids[i]`` are the tags of ``claims[i]``); their new ids."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [Claim._meta.db_table, len(claims)],
    )
    ids = [row[0] for row in cursor.fetchall()]
    for claim, pk in zip(claims, ids, strict=True):
        claim.pk = pk
        claim._state.adding = False
        claim._state.db = connection.alias
    fields = [f for f in Claim._meta.concrete_fields if f.name != "search_vector"]
    values = operator.attrgetter(*(f.attname for f in fields))
    rows, param = _recordset(
        {f.column: str(f.db_type(connection)) for f in fields}, map(values, claims)
    )
    columns = ", ".join(_q(f.column) for f in fields)
    r = {f.name: f"r.{_q(f.column)}" for f in fields}
    links, links_param = _recordset(
        {"claim_id": "bigint", "tag_id": "bigint"},
        [[pk, tag] for pk, tags in zip(ids, tag_ids, strict=True) for tag in tags],
    )
    # A claim inserted here is new: no appearance quotes it and no translation
    # translates it yet (empty quotes and translations).
    cursor.execute(
        f"""
        WITH r AS (SELECT * FROM {rows}),
        names AS (
            SELECT s.id, claims_source_search_names(s.id) AS names
            FROM (SELECT DISTINCT claimant_id AS id FROM r) s WHERE s.id IS NOT NULL
        ),
        tags AS (
            SELECT r.claim_id,
                string_agg(claims_tag_search_names(t.name, t.translations), ' ')
                    AS tags
            FROM {links} JOIN claims_tag t ON t.id = r.tag_id
            GROUP BY r.claim_id
        )
        INSERT INTO {_q(Claim._meta.db_table)} ({columns}, search_vector)
        SELECT {", ".join(r.values())}, claims_claim_search_vector(
            {r["language"]}, {r["statement"]}, {r["attribution"]},
            {r["attribution_chain"]}, names.names, ''::tsvector,
            {r["verdict_summary"]}, tags.tags, ''::tsvector
        )
        FROM r LEFT JOIN names ON names.id = {r["claimant"]}
        LEFT JOIN tags ON tags.claim_id = {r["id"]}
        """,
        [param, links_param],
    )
    return ids


def _history(cursor: CursorWrapper, claims: list[Claim]) -> dict[int, int]:
    """The claims' "+" history rows: {claim id: history id}."""
    historical: Any = Claim.history.model  # type: ignore[attr-defined]
    tracked = ", ".join(_q(f.column) for f in historical.tracked_fields)
    user = historical.get_default_history_user(claims[0])  # acting_as's user
    cursor.execute(
        f"""
        INSERT INTO {_q(historical._meta.db_table)} ({tracked}, history_date,
            history_change_reason, history_type, history_user_id)
        SELECT {tracked}, %s, %s, '+', %s
        FROM {_q(Claim._meta.db_table)} WHERE id = ANY(%s)
        RETURNING id, history_id
        """,
        [
            timezone.now(),
            bulk_change_reason(update=False),
            getattr(user, "pk", None),
            [c.pk for c in claims],
        ],
    )
    return dict(cursor.fetchall())


def _tags(
    cursor: CursorWrapper, links: list[list[int]], versions: dict[int, int]
) -> None:
    """Tag links, and the tags' history rows of each claim's "+" version."""
    through = Claim.tags.through
    tagged = apps.get_model("claims", "HistoricalClaim_tags")
    new, links_param = _recordset({"claim_id": "bigint", "tag_id": "bigint"}, links)
    of, versions_param = _recordset(
        {"claim_id": "bigint", "history_id": "integer"},
        [list(version) for version in versions.items()],
    )
    cursor.execute(
        f"""
        WITH links AS (
            INSERT INTO {_q(through._meta.db_table)} (claim_id, tag_id)
            SELECT claim_id, tag_id FROM {new}
            RETURNING id, claim_id, tag_id
        )
        INSERT INTO {_q(tagged._meta.db_table)} (id, claim_id, tag_id, history_id)
        SELECT links.id, links.claim_id, links.tag_id, r.history_id
        FROM links JOIN {of} ON r.claim_id = links.claim_id
        """,
        [links_param, versions_param],
    )


def _events(cursor: CursorWrapper, claims: list[Claim], by: User | None) -> None:
    """One "created" event per claim: ``_record_created``'s, stamped now."""
    event = ReviewEvent(
        action=ReviewEvent.Action.CREATED,
        actor=by,
        to_status=claims[0].status,
        created_at=timezone.now(),
    )
    same = [
        f
        for f in ReviewEvent._meta.concrete_fields
        if f.name not in ("id", "claim", "claim_ref")
    ]
    rows, param = _recordset(
        {"claim_id": "bigint", "claim_ref": "text"},
        [[c.pk, claim_ref(c)] for c in claims],
    )
    cursor.execute(
        f"""
        INSERT INTO {_q(ReviewEvent._meta.db_table)}
            (claim_id, claim_ref, {", ".join(_q(f.column) for f in same)})
        SELECT r.claim_id, r.claim_ref,
            {", ".join(f"%s::{f.db_type(connection)}" for f in same)}
        FROM {rows}
        """,
        [*(getattr(event, f.attname) for f in same), param],
    )


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _recordset(
    columns: dict[str, str], rows: Iterable[Sequence[Any]]
) -> tuple[str, str]:
    """A FROM item ``r`` reading ``rows`` (one value per column) from one JSON
    parameter, and that parameter: far quicker to send than an array per column,
    which psycopg builds value by value. Dates go as ISO 8601."""
    names = list(columns)
    record = ", ".join(f"{_q(name)} {kind}" for name, kind in columns.items())
    param = json.dumps(
        [dict(zip(names, row, strict=True)) for row in rows], default=_iso
    )
    return f"json_to_recordset(%s::json) AS r ({record})", param


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
