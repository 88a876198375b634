"""Recompute a claim's search vector only when what it is made of may have changed.

The trigger of 0004 recomputed it on every UPDATE of a claim. Since 0009 the services
bump ``page_version`` on many claims at once (every public claim when a rating
changes), and each bump re-read the claimant, aliases and every quote of each claim.
Now an UPDATE recomputes only when the statement, attribution, claimant or language
changes, or when the vector was cleared (which is how 0004's triggers on
appearances, sources and aliases ask for it). Inserts always compute it.
"""

from django.db import migrations

FORWARD = r"""
DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;

CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector_update();

CREATE TRIGGER claims_claim_search_vector_on_update
    BEFORE UPDATE ON claims_claim
    FOR EACH ROW
    WHEN (
        NEW.search_vector IS NULL
        OR NEW.statement IS DISTINCT FROM OLD.statement
        OR NEW.attribution IS DISTINCT FROM OLD.attribution
        OR NEW.claimant_id IS DISTINCT FROM OLD.claimant_id
        OR NEW.language IS DISTINCT FROM OLD.language
    )
    EXECUTE FUNCTION claims_claim_search_vector_update();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS claims_claim_search_vector_on_update ON claims_claim;
DROP TRIGGER IF EXISTS claims_claim_search_vector ON claims_claim;

CREATE TRIGGER claims_claim_search_vector
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector_update();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_claim_page_version")]
    operations = [migrations.RunPython(forward, backward)]
