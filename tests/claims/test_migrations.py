"""Data migrations, run forwards and backwards against a real schema."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("claims", "0006_reviewevent_append_only_trigger")]
AFTER = [("claims", "0007_reviewevent_action_codes")]

OLD_CODES = [
    "created",
    "start_research",
    "submit",
    "send_back",
    "publish",
    "mark_not_checkable",
    "correct",
    "retract",
    "assigned",
    "verdict_changed",
    "archived",
    "deleted",
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# serialized_rollback, like the other real-transaction tests: the flush after a plain
# transactional test recreates the content types under new ids, which a later
# serialized test could not load back.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_action_codes_are_renamed_one_for_one_and_back():
    """Every code the services wrote before 0007 becomes its namespaced code (on
    PostgreSQL past the append-only trigger), the trigger is back on afterwards, and
    the migration reverses."""
    from claims.models import ReviewEvent

    try:
        apps = migrate(BEFORE)
        OldEvent = apps.get_model("claims", "ReviewEvent")
        for code in OLD_CODES:
            OldEvent.objects.create(claim_ref=f"#1 {code}", action=code)

        apps = migrate(AFTER)
        NewEvent = apps.get_model("claims", "ReviewEvent")
        renamed = dict(NewEvent.objects.values_list("claim_ref", "action"))
        assert renamed == {
            "#1 created": ReviewEvent.Action.CREATED,
            "#1 start_research": ReviewEvent.Action.RESEARCH_STARTED,
            "#1 submit": ReviewEvent.Action.SUBMITTED,
            "#1 send_back": ReviewEvent.Action.SENT_BACK,
            "#1 publish": ReviewEvent.Action.PUBLISHED,
            "#1 mark_not_checkable": ReviewEvent.Action.MARKED_NOT_CHECKABLE,
            "#1 correct": ReviewEvent.Action.CORRECTED,
            "#1 retract": ReviewEvent.Action.RETRACTED,
            "#1 assigned": ReviewEvent.Action.ASSIGNED,
            "#1 verdict_changed": ReviewEvent.Action.VERDICT_CHANGED,
            "#1 archived": ReviewEvent.Action.ARCHIVED,
            "#1 deleted": ReviewEvent.Action.DELETED,
        }
        # Every code of 0007's time; claim.restored came later (0018), the merge
        # codes later still (0032).
        added_since = {
            ReviewEvent.Action.RESTORED,
            ReviewEvent.Action.MERGED,
            ReviewEvent.Action.MERGED_IN,
        }
        assert set(renamed.values()) == set(ReviewEvent.Action.values) - added_since
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT tgenabled FROM pg_trigger "
                    "WHERE tgname = 'claims_reviewevent_append_only'"
                )
                assert cursor.fetchone() == ("O",)  # enabled again

        apps = migrate(BEFORE)
        OldEvent = apps.get_model("claims", "ReviewEvent")
        assert sorted(OldEvent.objects.values_list("action", flat=True)) == sorted(
            OLD_CODES
        )
    finally:
        # every app's latest: going back to 0006 also unapplied the apps that
        # depend on claims (matching's tables), which later tests need
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
