"""GIN indexes on the word prefixes of source names and aliases (PostgreSQL only).

``claims.sourcematch`` finds a source's likely duplicates among those with a name
or alias having a word that starts with the first three letters of one of its
words ("Retno L.P. Marsudi": "ret", "mar"). As a substring (``UPPER(name) LIKE
'%RET%'``) that matched about 1 % of names, and with a few of them OR-ed the
planner scanned every source (240 ms at 50,000). ``claimdesk_name_probes(name)``
is the same list of prefixes that ``sourcematch.probes`` computes in Python
(lower case, "&" as "and", the accents NFKD takes apart dropped, split on
what is not a-z or 0-9, each word cut at three letters), and ``&&`` over these
indexes reads only the names that have one of them. The function and indexes are
on claims' tables but belong to matching; SQLite reads the candidates by
``icontains`` instead. ``COST 1000`` (a regular expression per name): with the
default cost and before the first ANALYZE, the planner ran the function on every
source in a sequential scan (900 ms at 50,000) instead of reading the index.
"""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION claimdesk_name_probes(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT left(word, 3)), '{}')
  FROM regexp_split_to_table(
    translate(
      replace(lower(name), '&', ' and '),
      'áàâäãåāăąéèêëēėęěíìîïīįóòôöõōőúùûüūůűųñńçćčýÿšśžźżřďťľ',
      'aaaaaaaaaeeeeeeeeiiiiiiooooooouuuuuuuunncccyysszzzrdtl'
    ),
    '[^a-z0-9]+'
  ) AS word
  WHERE word <> ''
$$
"""

INDEXES = [
    "CREATE INDEX IF NOT EXISTS source_name_probes_idx ON claims_source "
    "USING gin (claimdesk_name_probes(name))",
    "CREATE INDEX IF NOT EXISTS sourcealias_name_probes_idx ON claims_sourcealias "
    "USING gin (claimdesk_name_probes(name))",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for statement in INDEXES:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS source_name_probes_idx")
    schema_editor.execute("DROP INDEX IF EXISTS sourcealias_name_probes_idx")
    schema_editor.execute("DROP FUNCTION IF EXISTS claimdesk_name_probes(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_statement_trigram_index"),
        ("claims", "0032_merging_claim_and_source_merges"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
