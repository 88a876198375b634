"""Keep ``claims_claim.search_vector`` filled by PostgreSQL triggers, with a GIN index.

The vector holds the statement, attribution, claimant name and aliases (weight A/B)
and every appearance's verbatim quote (weight C), unaccented, twice: once stemmed with
the text search configuration of its language (``indonesian`` for id, ``english`` for
en, ``simple`` otherwise) and once with ``simple``, so a reader finds a claim by its
exact words whatever language the UI or the claim is in.

Triggers keep it current when a claim, an appearance, a source or an alias changes.
On any other database (SQLite) the migration does nothing and search falls back to
substring matching (see ``ClaimQuerySet.search``).
"""

from django.db import migrations

FORWARD = r"""
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION claims_search_config(lang text) RETURNS regconfig AS $$
    SELECT CASE split_part(lower(coalesce(lang, '')), '-', 1)
        WHEN 'id' THEN 'pg_catalog.indonesian'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION claims_search_weighted(
    cfg regconfig, body text, weight "char"
) RETURNS tsvector AS $$
    SELECT setweight(to_tsvector(cfg, unaccent(coalesce(body, ''))), weight)
        || setweight(
            to_tsvector('pg_catalog.simple'::regconfig, unaccent(coalesce(body, ''))),
            weight
        )
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_vector_update() RETURNS trigger AS $$
DECLARE
    cfg regconfig := claims_search_config(NEW.language);
    names text := '';
    quotes tsvector := ''::tsvector;
BEGIN
    IF NEW.claimant_id IS NOT NULL THEN
        SELECT concat_ws(' ', s.name, (
            SELECT string_agg(a.name, ' ') FROM claims_sourcealias a
            WHERE a.source_id = s.id
        ))
        INTO names FROM claims_source s WHERE s.id = NEW.claimant_id;
    END IF;
    SELECT coalesce(
        string_agg(
            claims_search_weighted(claims_search_config(d.language), ap.quote, 'C')::text,
            ' '
        )::tsvector,
        ''::tsvector
    )
    INTO quotes
    FROM claims_appearance ap JOIN claims_document d ON d.id = ap.document_id
    WHERE ap.claim_id = NEW.id;
    NEW.search_vector :=
        claims_search_weighted(cfg, NEW.statement, 'A')
        || claims_search_weighted(cfg, names, 'B')
        || claims_search_weighted(cfg, NEW.attribution, 'B')
        || quotes;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector_update();

-- A change elsewhere re-saves the claims it touches; the trigger above recomputes.
CREATE OR REPLACE FUNCTION claims_appearance_search_touch() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claims_claim SET search_vector = NULL WHERE id = OLD.claim_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE claims_claim SET search_vector = NULL WHERE id = NEW.claim_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_appearance_search
    AFTER INSERT OR UPDATE OR DELETE ON claims_appearance
    FOR EACH ROW EXECUTE FUNCTION claims_appearance_search_touch();

CREATE OR REPLACE FUNCTION claims_sourcealias_search_touch() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claims_claim SET search_vector = NULL WHERE claimant_id = OLD.source_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE claims_claim SET search_vector = NULL WHERE claimant_id = NEW.source_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_sourcealias_search
    AFTER INSERT OR UPDATE OR DELETE ON claims_sourcealias
    FOR EACH ROW EXECUTE FUNCTION claims_sourcealias_search_touch();

CREATE OR REPLACE FUNCTION claims_source_search_touch() RETURNS trigger AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        UPDATE claims_claim SET search_vector = NULL WHERE claimant_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_source_search
    AFTER UPDATE ON claims_source
    FOR EACH ROW EXECUTE FUNCTION claims_source_search_touch();

CREATE INDEX IF NOT EXISTS claim_search_vector_gin
    ON claims_claim USING gin (search_vector);

UPDATE claims_claim SET search_vector = NULL;
"""

BACKWARD = r"""
DROP INDEX IF EXISTS claim_search_vector_gin;
DROP TRIGGER IF EXISTS claims_source_search ON claims_source;
DROP TRIGGER IF EXISTS claims_sourcealias_search ON claims_sourcealias;
DROP TRIGGER IF EXISTS claims_appearance_search ON claims_appearance;
DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;
DROP FUNCTION IF EXISTS claims_source_search_touch();
DROP FUNCTION IF EXISTS claims_sourcealias_search_touch();
DROP FUNCTION IF EXISTS claims_appearance_search_touch();
DROP FUNCTION IF EXISTS claims_claim_search_vector_update();
DROP FUNCTION IF EXISTS claims_search_weighted(regconfig, text, "char");
DROP FUNCTION IF EXISTS claims_search_config(text);
UPDATE claims_claim SET search_vector = NULL;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_fact_checker_and_editor_groups")]
    operations = [migrations.RunPython(forward, backward)]
