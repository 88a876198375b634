"""Attribution as parts: ``Claim.speech`` and ``Claim.attribution_chain``.

The importer used to store its attribution as a sentence in the importing user's
interface language ("NK News (paraphrased)" or "NK News (parafrase)"). Rows written
that way get their "(direct quote)"/"(paraphrased)" suffix moved into ``speech`` and
"stated by the article" into the chain; everything else a person typed stays as
written. On PostgreSQL the search vector takes in the chain's names and roles.
"""

from django.db import migrations, models

import claims.attribution

SPEECH_SUFFIXES = {
    " (direct quote)": "quote",
    " (kutipan langsung)": "quote",
    " (paraphrased)": "paraphrase",
    " (parafrase)": "paraphrase",
}
ARTICLE = {"stated by the article", "dinyatakan oleh artikel"}


def split_attribution(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.exclude(attribution="").only("pk", "attribution"):
        text, speech, chain = claim.attribution, "", []
        for suffix, value in SPEECH_SUFFIXES.items():
            if text.endswith(suffix):
                text, speech = text[: -len(suffix)], value
                break
        if text in ARTICLE:
            text, chain = "", [{"name": "", "link": "article"}]
        if (text, speech, chain) != (claim.attribution, "", []):
            Claim.objects.filter(pk=claim.pk).update(
                attribution=text, speech=speech, attribution_chain=chain
            )


#: the claim trigger of migration 0004, with the chain's names and roles added at
#: the attribution's weight; {chain} is where they go (empty going backwards)
CLAIM_TRIGGER = r"""
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
        || claims_search_weighted(cfg, NEW.attribution, 'B'){chain}
        || quotes;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE claims_claim SET search_vector = NULL WHERE attribution_chain <> '[]'::jsonb;
"""
CHAIN_TERM = """
        || claims_search_weighted(cfg, (
            SELECT string_agg(concat_ws(' ', step->>'name', step->>'role'), ' ')
            FROM jsonb_array_elements(
                CASE jsonb_typeof(NEW.attribution_chain)
                    WHEN 'array' THEN NEW.attribution_chain ELSE '[]'::jsonb END
            ) AS step
        ), 'B')"""


#: 0010's update trigger recomputes the vector only when what it is made of changed;
#: the chain is now part of it.
UPDATE_TRIGGER = r"""
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
        {chain}
    )
    EXECUTE FUNCTION claims_claim_search_vector_update();
"""
CHAIN_CHANGED = "OR NEW.attribution_chain IS DISTINCT FROM OLD.attribution_chain"


def search_chain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = CLAIM_TRIGGER.replace("{chain}", CHAIN_TERM)
        schema_editor.execute(sql, params=None)
        trigger = UPDATE_TRIGGER.replace("{chain}", CHAIN_CHANGED)
        schema_editor.execute(trigger, params=None)


def search_without_chain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UPDATE_TRIGGER.replace("{chain}", ""), params=None)
        schema_editor.execute(CLAIM_TRIGGER.replace("{chain}", ""), params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_reviewevent_guard_both_databases"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="attribution_chain",
            field=models.JSONField(
                blank=True,
                default=list,
                validators=[claims.attribution.validate_chain],
                verbose_name="attribution chain",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="speech",
            field=models.CharField(
                blank=True,
                choices=[
                    (None, "unknown"),
                    ("quote", "direct quote"),
                    ("paraphrase", "paraphrase"),
                ],
                default="",
                help_text="Whether the text quotes the claimant's words or paraphrases.",
                max_length=10,
                verbose_name="speech",
            ),
        ),
        migrations.RunPython(split_attribution, migrations.RunPython.noop),
        migrations.RunPython(search_chain, search_without_chain),
    ]
