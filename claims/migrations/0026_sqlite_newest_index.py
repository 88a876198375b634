"""SQLite only: a plain newest-first index on claims.

PostgreSQL lists published claims newest first from the partial indexes of
migration 0024. SQLite cannot use a partial index for a query whose condition
arrives as bound parameters (``status IN (?, ?)``: it proves the implication only
for literals), so it sorted every published claim instead: 90 ms for a list page at
100,000 claims, 0.2 ms with this index, which it walks newest first, skipping the
few unpublished rows. PostgreSQL does not need it and does not get it.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS claim_sqlite_newest_idx "
    "ON claims_claim (published_at DESC, id DESC)"
)
DROP = "DROP INDEX IF EXISTS claim_sqlite_newest_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("claims", "0025_external_fact_checks")]

    operations = [migrations.RunPython(forwards, backwards)]
