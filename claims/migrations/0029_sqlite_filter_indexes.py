"""SQLite only: plain newest-first indexes per verdict, language and claimant.

As in migration 0026: SQLite cannot use the partial indexes of migration 0024 for a
query whose condition arrives as bound parameters, so a filtered list took the
verdict's plain index (11,815 rows of one verdict at 100,000 claims), read them all
and sorted them: about 60 ms for a page of 20 on a quiet machine. With these it
walks one verdict's (or language's, or claimant's) claims newest first and stops
after the page. PostgreSQL walks its partial indexes and does not get these.
"""

from django.db import migrations

INDEXES = {
    "claim_sqlite_verdict_newest_idx": "verdict_id",
    "claim_sqlite_language_newest_idx": "language",
    "claim_sqlite_claimant_newest_idx": "claimant_id",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, column in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} "
                f"ON claims_claim ({column}, published_at DESC, id DESC)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0028_claim_search_vector_function")]

    operations = [migrations.RunPython(forwards, backwards)]
