"""Indexes that keep the desk's filters and the importer's duplicate check to index
lookups at a million claims.

- ``UPPER(name)`` on sources, aliases and tags: the desk's claimant and tag filters
  and the importer's claimant lookup compare names ignoring case (``iexact``).
- PostgreSQL only: ``claims_statement_key(text)``, a statement as the importer
  compares it (``ingest.services._normalise``: quotation marks removed, spacing
  collapsed, lower case, closing punctuation dropped), with a hash index on it for
  ``ClaimQuerySet.same_statement``; and a hash index on appearances' verbatim
  quotes (a B-tree cannot hold a quote longer than about 2,700 bytes).
"""

import django.db.models.functions.text
from django.db import migrations, models

FORWARD = r"""
CREATE OR REPLACE FUNCTION claims_statement_key(body text) RETURNS text AS $$
    SELECT rtrim(
        lower(btrim(regexp_replace(
            regexp_replace(coalesce(body, ''), '["“”„‘’''`]', '', 'g'),
            '\s+', ' ', 'g'
        ))),
        '.!?,'
    )
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE INDEX IF NOT EXISTS claim_statement_key_hash
    ON claims_claim USING hash (claims_statement_key(statement));
CREATE INDEX IF NOT EXISTS appearance_quote_hash
    ON claims_appearance USING hash (quote);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS appearance_quote_hash;
DROP INDEX IF EXISTS claim_statement_key_hash;
DROP FUNCTION IF EXISTS claims_statement_key(text);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0022_job_permissions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="source",
            index=models.Index(
                django.db.models.functions.text.Upper("name"),
                name="source_name_upper_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="sourcealias",
            index=models.Index(
                django.db.models.functions.text.Upper("name"),
                name="sourcealias_name_upper_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="tag",
            index=models.Index(
                django.db.models.functions.text.Upper("name"),
                name="tag_name_upper_idx",
            ),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
