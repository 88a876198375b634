"""On PostgreSQL, the database itself keeps the review history append-only.

A trigger refuses every DELETE of a review event and every UPDATE but one: unlinking
an event from a claim a superuser deletes (``claim_id`` set to NULL, nothing else
changed). The ORM and the admin already refuse edits; this covers raw SQL, other
clients and future code. On SQLite the migration does nothing.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION claims_reviewevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'review events are append-only: delete refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.claim_id IS NOT NULL
        OR (NEW.id, NEW.claim_ref, NEW.action, NEW.actor_id, NEW.created_at,
            NEW.from_status, NEW.to_status, NEW.from_verdict_id, NEW.to_verdict_id,
            NEW.comment)
        IS DISTINCT FROM
           (OLD.id, OLD.claim_ref, OLD.action, OLD.actor_id, OLD.created_at,
            OLD.from_status, OLD.to_status, OLD.from_verdict_id, OLD.to_verdict_id,
            OLD.comment)
    THEN
        RAISE EXCEPTION 'review events are append-only: update refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_reviewevent_append_only
    BEFORE UPDATE OR DELETE ON claims_reviewevent
    FOR EACH ROW EXECUTE FUNCTION claims_reviewevent_append_only();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS claims_reviewevent_append_only ON claims_reviewevent;
DROP FUNCTION IF EXISTS claims_reviewevent_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_claim_live_updated_index")]
    operations = [migrations.RunPython(forward, backward)]
