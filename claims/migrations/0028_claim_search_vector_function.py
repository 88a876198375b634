"""One SQL definition of a claim's search vector, for the trigger and for bulk inserts.

Until now the vector was spelled out inside the row trigger (0004, chain added by
0013), so only a per-row trigger could compute it: 5,000 imported claims cost 5,000
trigger calls, each re-reading the claimant. Now it is a function of the claim's
columns, its claimant's names and its quotes::

    claims_claim_search_vector(language, statement, attribution, attribution_chain,
                               names, quotes)
    claims_source_search_names(source_id)   -- name and aliases, as before
    claims_claim_search_quotes(claim_id)    -- its appearances' quotes, as before

The row trigger calls it, giving the same vector as before (same functions, same
weights, same order). ``claims.services.claims_bulk_create`` calls it too, inside
its one INSERT of a chunk of claims, and sets ``claimdesk.search_vector_given`` to
``on`` for that statement only, which the insert trigger's WHEN skips: the vector
is then computed set-based (about three times faster than the trigger) and never
twice. The update trigger (0010, 0013) is unchanged.
"""

import importlib

from django.db import migrations

FORWARD = r"""
-- 0004's, skipping the two to_tsvector calls on an empty text (most claims have no
-- attribution or chain), which give the empty vector: the same result, sooner.
CREATE OR REPLACE FUNCTION claims_search_weighted(
    cfg regconfig, body text, weight "char"
) RETURNS tsvector AS $$
    SELECT CASE WHEN coalesce(body, '') = '' THEN ''::tsvector ELSE
        setweight(to_tsvector(cfg, unaccent(body)), weight)
        || setweight(to_tsvector('pg_catalog.simple'::regconfig, unaccent(body)), weight)
    END
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_source_search_names(source bigint) RETURNS text AS $$
    SELECT concat_ws(' ', s.name, (
        SELECT string_agg(a.name, ' ') FROM claims_sourcealias a
        WHERE a.source_id = s.id
    ))
    FROM claims_source s WHERE s.id = source
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_quotes(claim bigint) RETURNS tsvector AS $$
    SELECT coalesce(
        string_agg(
            claims_search_weighted(claims_search_config(d.language), ap.quote, 'C')::text,
            ' '
        )::tsvector,
        ''::tsvector
    )
    FROM claims_appearance ap JOIN claims_document d ON d.id = ap.document_id
    WHERE ap.claim_id = claim
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION claims_attribution_chain_text(chain jsonb) RETURNS text AS $$
    SELECT string_agg(concat_ws(' ', step->>'name', step->>'role'), ' ')
    FROM jsonb_array_elements(
        CASE jsonb_typeof(chain) WHEN 'array' THEN chain ELSE '[]'::jsonb END
    ) AS step
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION claims_claim_search_vector(
    lang text, statement text, attribution text, chain jsonb,
    names text, quotes tsvector
) RETURNS tsvector AS $$
    SELECT claims_search_weighted(claims_search_config(lang), statement, 'A')
        || claims_search_weighted(claims_search_config(lang), names, 'B')
        || claims_search_weighted(claims_search_config(lang), attribution, 'B')
        -- an empty chain (most claims) adds nothing: no call per row to find that
        || CASE WHEN jsonb_typeof(chain) = 'array' AND chain <> '[]'::jsonb THEN
            claims_search_weighted(
                claims_search_config(lang), claims_attribution_chain_text(chain), 'B'
            )
        ELSE ''::tsvector END
        || quotes
$$ LANGUAGE sql STABLE;

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

DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;
CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT ON claims_claim
    FOR EACH ROW
    WHEN (current_setting('claimdesk.search_vector_given', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION claims_claim_search_vector_update();
"""

BACKWARD = r"""
CREATE OR REPLACE FUNCTION claims_search_weighted(
    cfg regconfig, body text, weight "char"
) RETURNS tsvector AS $$
    SELECT setweight(to_tsvector(cfg, unaccent(coalesce(body, ''))), weight)
        || setweight(
            to_tsvector('pg_catalog.simple'::regconfig, unaccent(coalesce(body, ''))),
            weight
        )
$$ LANGUAGE sql STABLE;

DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;
CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector_update();
"""

BACKWARD_DROP = r"""
DROP FUNCTION IF EXISTS claims_claim_search_vector(text, text, text, jsonb, text, tsvector);
DROP FUNCTION IF EXISTS claims_attribution_chain_text(jsonb);
DROP FUNCTION IF EXISTS claims_claim_search_quotes(bigint);
DROP FUNCTION IF EXISTS claims_source_search_names(bigint);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)
        # 0013's trigger function, which spells the vector out itself
        chain = importlib.import_module(
            "claims.migrations.0013_claim_speech_attribution_chain"
        )
        chain.search_chain(apps, schema_editor)
        schema_editor.execute(BACKWARD_DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0027_feed_newest_indexes")]
    operations = [migrations.RunPython(forward, backward)]
