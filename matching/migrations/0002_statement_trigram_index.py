"""pg_trgm and a GIN trigram index on claims' statements (PostgreSQL only).

pg_trgm is a trusted extension: the database owner may create it. SQLite has no
such index; the matcher's lexical fallback there needs none.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS matching_statement_trgm "
        "ON claims_claim USING gin (statement gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS matching_statement_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_claim_embeddings"),
        ("claims", "0028_claim_search_vector_function"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
