"""The database keeps the review history append-only, on PostgreSQL and on SQLite.

Replaces 0006's PostgreSQL trigger with a stricter one and gives SQLite the same
rules (``CREATE TRIGGER … RAISE(ABORT)``):

- no DELETE of an event, ever;
- no UPDATE, except unlinking the events of a claim that is being deleted: only
  ``claim_id`` may change, only to NULL, and only for a claim recorded in
  ``claims_claimdeletion`` (which ``claims.services.claim_delete``, superusers only,
  writes in the same transaction) — so raw SQL cannot detach a live claim's history;
- on PostgreSQL no TRUNCATE either, unless the session sets
  ``claimdesk.allow_truncate = 'on'`` (the test suite's database flush does; no
  setting, file or environment variable of the application does).
"""

import importlib

from django.db import migrations

UNCHANGED = " AND ".join(
    f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}"
    for c in (
        "id",
        "claim_ref",
        "action",
        "actor_id",
        "created_at",
        "from_status",
        "to_status",
        "from_verdict_id",
        "to_verdict_id",
        "comment",
    )
)

PG_FORWARD = rf"""
DROP TRIGGER IF EXISTS claims_reviewevent_append_only ON claims_reviewevent;

CREATE OR REPLACE FUNCTION claims_reviewevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF coalesce(current_setting('claimdesk.allow_truncate', true), '') = 'on' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'review events are append-only: truncate refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'review events are append-only: delete refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.claim_id IS NULL AND OLD.claim_id IS NOT NULL AND {UNCHANGED}
        AND EXISTS (SELECT 1 FROM claims_claimdeletion d WHERE d.claim_id = OLD.claim_id)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'review events are append-only: update refused'
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_reviewevent_append_only
    BEFORE UPDATE OR DELETE ON claims_reviewevent
    FOR EACH ROW EXECUTE FUNCTION claims_reviewevent_append_only();
CREATE TRIGGER claims_reviewevent_no_truncate
    BEFORE TRUNCATE ON claims_reviewevent
    FOR EACH STATEMENT EXECUTE FUNCTION claims_reviewevent_append_only();
"""

PG_BACKWARD = r"""
DROP TRIGGER IF EXISTS claims_reviewevent_no_truncate ON claims_reviewevent;
DROP TRIGGER IF EXISTS claims_reviewevent_append_only ON claims_reviewevent;
DROP FUNCTION IF EXISTS claims_reviewevent_append_only();
"""

SQLITE_UNCHANGED = UNCHANGED.replace("IS NOT DISTINCT FROM", "IS")

SQLITE_FORWARD = [
    """
CREATE TRIGGER IF NOT EXISTS claims_reviewevent_no_delete
BEFORE DELETE ON claims_reviewevent
BEGIN
    SELECT RAISE(ABORT, 'review events are append-only: delete refused');
END
""",
    f"""
CREATE TRIGGER IF NOT EXISTS claims_reviewevent_no_update
BEFORE UPDATE ON claims_reviewevent
WHEN NOT (
    NEW.claim_id IS NULL AND OLD.claim_id IS NOT NULL AND {SQLITE_UNCHANGED}
    AND EXISTS (SELECT 1 FROM claims_claimdeletion d WHERE d.claim_id = OLD.claim_id)
)
BEGIN
    SELECT RAISE(ABORT, 'review events are append-only: update refused');
END
""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS claims_reviewevent_no_delete",
    "DROP TRIGGER IF EXISTS claims_reviewevent_no_update",
]

#: 0006's function and trigger, restored on the way back.
previous = importlib.import_module(
    "claims.migrations.0006_reviewevent_append_only_trigger"
)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
        schema_editor.execute(previous.FORWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_history_and_claim_deletions")]
    operations = [migrations.RunPython(forward, backward)]
