"""A claim's search vector takes in its tags, its verdict summary and its translations.

Until now a query that named a tag found the tag's claims only by ORing in their ids
(``ClaimQuerySet.search``), and only for tags of at most 2,000 claims
(``TAG_MATCH_LIMIT``: a big topic's ids were a bitmap of tens of thousands to sort at
a million claims). And a claim's Indonesian translation was not searched at all. Now
the stored, GIN-indexed vector holds, besides 0028's statement, names, attribution,
chain and quotes:

- the names of its tags in every language they are written in (``Tag.name`` and
  each ``Tag.translations[lang]["name"]``), at the claimant names' weight (B);
- its verdict summary (D), so that the original and its translations are searched
  alike;
- each ``ClaimTranslation``'s statement (A) and verdict summary (D), stemmed in the
  translation's language and kept word for word, as quotes are in their document's.

Triggers keep it right: a tag linked to or unlinked from a claim (one statement-level
trigger per event, so ``claim.tags.set()`` costs one UPDATE), a tag renamed or its
translations edited, a translation added, edited or deleted, and a claim's summary
edited each clear the vectors concerned, which the claim's update trigger (0010)
recomputes. ``claims_bulk_create`` computes the tags' part inside its own INSERT
and sets ``claimdesk.search_vector_given``, which the tag-link trigger skips too.

Every existing vector is rebuilt in one set-based UPDATE
(``claims_claim_search_vectors_fill``, which ``generate_synthetic`` also calls), with
the GIN index dropped first and built again after: updating a million GIN entries
one by one is far slower than one build. The table is locked meanwhile; see the
README for the time it took at a million claims. Then ``VACUUM (FULL)``
rewrites the table: an UPDATE of every row leaves it twice its size, and at a
million claims the planner then walked the newest-first list through the
``published_at`` index that has every unpublished claim's NULL first (0.5 s for
a common term instead of 1 ms), and a plain ``VACUUM (ANALYZE)`` sets the
visibility map the rewrite cleared. So this migration is not atomic: its own
statements run in one transaction, the VACUUM after it (skipped when called
inside a transaction, as the tests' migrations may be). Nothing is granted: the
tests' MIGRATION_DATA has nothing to re-run for it.
"""

from django.db import migrations, transaction

FORWARD = r"""
-- A tag's names in every language, as one text: its name, then each translation's.
CREATE OR REPLACE FUNCTION claims_tag_search_names(name text, translations jsonb)
RETURNS text AS $$
    SELECT concat_ws(' ', name, (
        SELECT string_agg(t.value->>'name', ' ')
        FROM jsonb_each(
            CASE jsonb_typeof(translations) WHEN 'object' THEN translations
            ELSE '{}'::jsonb END
        ) AS t
        WHERE jsonb_typeof(t.value) = 'object'
    ))
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_tags(claim bigint) RETURNS text AS $$
    SELECT string_agg(claims_tag_search_names(t.name, t.translations), ' ')
    FROM claims_claim_tags ct JOIN claims_tag t ON t.id = ct.tag_id
    WHERE ct.claim_id = claim
$$ LANGUAGE sql STABLE;

-- ``||`` as an aggregate: positions stay apart, as in one text.
CREATE OR REPLACE AGGREGATE claims_tsvector_agg(tsvector) (
    SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
);

CREATE OR REPLACE FUNCTION claims_translation_search_vector(
    lang text, statement text, summary text
) RETURNS tsvector AS $$
    SELECT claims_search_weighted(claims_search_config(lang), statement, 'A')
        || claims_search_weighted(claims_search_config(lang), summary, 'D')
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_translations(claim bigint)
RETURNS tsvector AS $$
    SELECT coalesce(
        claims_tsvector_agg(claims_translation_search_vector(
            tr.language, tr.statement, tr.verdict_summary
        ) ORDER BY tr.language),
        ''::tsvector
    )
    FROM claims_claimtranslation tr WHERE tr.claim_id = claim
$$ LANGUAGE sql STABLE;

-- 0028's vector and the new parts, in the claim's language (tags, summary) or the
-- translation's own (translations).
CREATE OR REPLACE FUNCTION claims_claim_search_vector(
    lang text, statement text, attribution text, chain jsonb,
    names text, quotes tsvector, summary text, tags text, translations tsvector
) RETURNS tsvector AS $$
    SELECT claims_claim_search_vector(lang, statement, attribution, chain, names, quotes)
        || claims_search_weighted(claims_search_config(lang), tags, 'B')
        || claims_search_weighted(claims_search_config(lang), summary, 'D')
        || coalesce(translations, ''::tsvector)
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := claims_claim_search_vector(
        NEW.language, NEW.statement, NEW.attribution, NEW.attribution_chain,
        claims_source_search_names(NEW.claimant_id),
        claims_claim_search_quotes(NEW.id),
        NEW.verdict_summary,
        claims_claim_search_tags(NEW.id),
        claims_claim_search_translations(NEW.id)
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS claims_claim_search_vector_on_update ON claims_claim;
CREATE TRIGGER claims_claim_search_vector_on_update
    BEFORE UPDATE ON claims_claim
    FOR EACH ROW
    WHEN (
        NEW.search_vector IS NULL
        OR NEW.statement IS DISTINCT FROM OLD.statement
        OR NEW.attribution IS DISTINCT FROM OLD.attribution
        OR NEW.claimant_id IS DISTINCT FROM OLD.claimant_id
        OR NEW.language IS DISTINCT FROM OLD.language
        OR NEW.attribution_chain IS DISTINCT FROM OLD.attribution_chain
        OR NEW.verdict_summary IS DISTINCT FROM OLD.verdict_summary
    )
    EXECUTE FUNCTION claims_claim_search_vector_update();

-- Tag links: one UPDATE per statement (``tags.add``/``set``/``clear`` write many
-- links at once); skipped while ``claims_bulk_create`` computes the vector itself.
CREATE OR REPLACE FUNCTION claims_claim_tags_search_touch() RETURNS trigger AS $$
BEGIN
    IF current_setting('claimdesk.search_vector_given', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claims_claim SET search_vector = NULL
        WHERE id IN (SELECT claim_id FROM old_links);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE claims_claim SET search_vector = NULL
        WHERE id IN (SELECT claim_id FROM new_links);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claim_tags_search_insert
    AFTER INSERT ON claims_claim_tags REFERENCING NEW TABLE AS new_links
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_tags_search_touch();
CREATE TRIGGER claims_claim_tags_search_update
    AFTER UPDATE ON claims_claim_tags
    REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_tags_search_touch();
CREATE TRIGGER claims_claim_tags_search_delete
    AFTER DELETE ON claims_claim_tags REFERENCING OLD TABLE AS old_links
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_tags_search_touch();

-- A tag renamed or translated: every claim filed under it.
CREATE OR REPLACE FUNCTION claims_tag_search_touch() RETURNS trigger AS $$
BEGIN
    UPDATE claims_claim SET search_vector = NULL
    WHERE id IN (SELECT claim_id FROM claims_claim_tags WHERE tag_id = NEW.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_tag_search
    AFTER UPDATE ON claims_tag
    FOR EACH ROW
    WHEN (
        NEW.name IS DISTINCT FROM OLD.name
        OR NEW.translations IS DISTINCT FROM OLD.translations
    )
    EXECUTE FUNCTION claims_tag_search_touch();

-- A translation added, changed or deleted: its claim (both, if it moved).
CREATE OR REPLACE FUNCTION claims_claimtranslation_search_touch() RETURNS trigger AS $$
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

CREATE TRIGGER claims_claimtranslation_search
    AFTER INSERT OR DELETE ON claims_claimtranslation
    FOR EACH ROW EXECUTE FUNCTION claims_claimtranslation_search_touch();
CREATE TRIGGER claims_claimtranslation_search_on_update
    AFTER UPDATE ON claims_claimtranslation
    FOR EACH ROW
    WHEN (
        NEW.statement IS DISTINCT FROM OLD.statement
        OR NEW.verdict_summary IS DISTINCT FROM OLD.verdict_summary
        OR NEW.language IS DISTINCT FROM OLD.language
        OR NEW.claim_id IS DISTINCT FROM OLD.claim_id
    )
    EXECUTE FUNCTION claims_claimtranslation_search_touch();

-- Every vector of the claims with ids from ``first`` on, in one UPDATE: each part
-- aggregated once over its whole table (hash joins), not looked up claim by claim.
-- The same vector as the trigger's (the tests compare).
CREATE OR REPLACE FUNCTION claims_claim_search_vectors_fill(first bigint)
RETURNS void AS $$
    WITH names AS (
        SELECT s.id, concat_ws(' ', s.name, a.names) AS names
        FROM claims_source s LEFT JOIN (
            SELECT source_id, string_agg(name, ' ') AS names
            FROM claims_sourcealias GROUP BY source_id
        ) a ON a.source_id = s.id
    ), quotes AS (
        SELECT ap.claim_id, string_agg(claims_search_weighted(
            claims_search_config(d.language), ap.quote, 'C')::text, ' '
        )::tsvector AS quotes
        FROM claims_appearance ap JOIN claims_document d ON d.id = ap.document_id
        WHERE ap.claim_id >= first GROUP BY ap.claim_id
    ), tags AS (
        SELECT ct.claim_id,
            string_agg(claims_tag_search_names(t.name, t.translations), ' ') AS tags
        FROM claims_claim_tags ct JOIN claims_tag t ON t.id = ct.tag_id
        WHERE ct.claim_id >= first GROUP BY ct.claim_id
    ), translations AS (
        SELECT tr.claim_id, claims_tsvector_agg(claims_translation_search_vector(
            tr.language, tr.statement, tr.verdict_summary
        ) ORDER BY tr.language) AS translations
        FROM claims_claimtranslation tr
        WHERE tr.claim_id >= first GROUP BY tr.claim_id
    ), computed AS (
        SELECT c.id, claims_claim_search_vector(
            c.language, c.statement, c.attribution, c.attribution_chain,
            n.names, coalesce(q.quotes, ''::tsvector), c.verdict_summary,
            g.tags, coalesce(tr.translations, ''::tsvector)
        ) AS vector
        FROM claims_claim c
        LEFT JOIN names n ON n.id = c.claimant_id
        LEFT JOIN quotes q ON q.claim_id = c.id
        LEFT JOIN tags g ON g.claim_id = c.id
        LEFT JOIN translations tr ON tr.claim_id = c.id
        WHERE c.id >= first
    )
    UPDATE claims_claim c SET search_vector = v.vector
    FROM computed v WHERE c.id = v.id
$$ LANGUAGE sql VOLATILE;
"""

FILL = r"""
DROP INDEX IF EXISTS claim_search_vector_gin;
SELECT claims_claim_search_vectors_fill(0);
CREATE INDEX claim_search_vector_gin ON claims_claim USING gin (search_vector);
"""

BACKWARD = r"""
DROP FUNCTION IF EXISTS claims_claim_search_vectors_fill(bigint);
DROP TRIGGER IF EXISTS claims_claimtranslation_search_on_update
    ON claims_claimtranslation;
DROP TRIGGER IF EXISTS claims_claimtranslation_search ON claims_claimtranslation;
DROP FUNCTION IF EXISTS claims_claimtranslation_search_touch();
DROP TRIGGER IF EXISTS claims_tag_search ON claims_tag;
DROP FUNCTION IF EXISTS claims_tag_search_touch();
DROP TRIGGER IF EXISTS claims_claim_tags_search_insert ON claims_claim_tags;
DROP TRIGGER IF EXISTS claims_claim_tags_search_update ON claims_claim_tags;
DROP TRIGGER IF EXISTS claims_claim_tags_search_delete ON claims_claim_tags;
DROP FUNCTION IF EXISTS claims_claim_tags_search_touch();

-- 0028's trigger function and 0013's update trigger
CREATE OR REPLACE FUNCTION claims_claim_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := claims_claim_search_vector(
        NEW.language, NEW.statement, NEW.attribution, NEW.attribution_chain,
        claims_source_search_names(NEW.claimant_id),
        claims_claim_search_quotes(NEW.id)
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS claims_claim_search_vector_on_update ON claims_claim;
CREATE TRIGGER claims_claim_search_vector_on_update
    BEFORE UPDATE ON claims_claim
    FOR EACH ROW
    WHEN (
        NEW.search_vector IS NULL
        OR NEW.statement IS DISTINCT FROM OLD.statement
        OR NEW.attribution IS DISTINCT FROM OLD.attribution
        OR NEW.claimant_id IS DISTINCT FROM OLD.claimant_id
        OR NEW.language IS DISTINCT FROM OLD.language
        OR NEW.attribution_chain IS DISTINCT FROM OLD.attribution_chain
    )
    EXECUTE FUNCTION claims_claim_search_vector_update();

DROP FUNCTION IF EXISTS claims_claim_search_vector(
    text, text, text, jsonb, text, tsvector, text, text, tsvector
);
DROP FUNCTION IF EXISTS claims_claim_search_translations(bigint);
DROP FUNCTION IF EXISTS claims_translation_search_vector(text, text, text);
DROP AGGREGATE IF EXISTS claims_tsvector_agg(tsvector);
DROP FUNCTION IF EXISTS claims_claim_search_tags(bigint);
DROP FUNCTION IF EXISTS claims_tag_search_names(text, jsonb);

-- the vectors as 0028 computes them
UPDATE claims_claim SET search_vector = NULL;
"""


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(FORWARD, params=None)
        schema_editor.execute(FILL, params=None)
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (FULL) claims_claim")
            # A rewrite leaves every page not-all-visible: a plain VACUUM sets
            # the visibility map again, or index-only scans (the desk's capped
            # counts) read the table too (3 ms to 13 ms at a million claims).
            cursor.execute("VACUUM (ANALYZE) claims_claim")


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("claims", "0034_bilingual_translations")]
    operations = [migrations.RunPython(forward, backward)]
