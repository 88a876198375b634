"""Review events name their action with a namespaced code (``claim.published``).

The services used to write bare words, some a transition's name (``publish``), some a
past participle (``assigned``); the history now uses ``ReviewEvent.Action``, and this
migration renames the codes of the events already written, old to new, one for one.

The history is append-only, and on PostgreSQL the trigger of migration 0006 refuses
every UPDATE. This is a vocabulary rename, not a rewrite: no event's meaning, actor,
time, statuses, verdicts or comment changes, so the trigger is disabled for the
rename alone and enabled again in the same transaction (if the update fails the
whole migration rolls back, trigger included). Reversible: the codes map back.
"""

from django.db import migrations, models

#: old code → new code; every code the services have written.
RENAMES = {
    "created": "claim.created",
    "start_research": "claim.research_started",
    "submit": "claim.submitted",
    "send_back": "claim.sent_back",
    "publish": "claim.published",
    "mark_not_checkable": "claim.marked_not_checkable",
    "correct": "claim.corrected",
    "retract": "claim.retracted",
    "assigned": "claim.assigned",
    "verdict_changed": "claim.verdict_changed",
    "archived": "claim.archived",
    "deleted": "claim.deleted",
}

TRIGGER = "claims_reviewevent_append_only"


def _rename(apps, schema_editor, mapping):
    ReviewEvent = apps.get_model("claims", "ReviewEvent")
    table = ReviewEvent._meta.db_table
    on_postgresql = schema_editor.connection.vendor == "postgresql"
    if on_postgresql:
        schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER}")
    for old, new in mapping.items():
        ReviewEvent.objects.filter(action=old).update(action=new)
    if on_postgresql:
        schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER}")


def forward(apps, schema_editor):
    _rename(apps, schema_editor, RENAMES)


def backward(apps, schema_editor):
    _rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_reviewevent_append_only_trigger")]
    operations = [
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="reviewevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("claim.created", "Created"),
                    ("claim.research_started", "Research started"),
                    ("claim.submitted", "Submitted for review"),
                    ("claim.sent_back", "Sent back for changes"),
                    ("claim.published", "Published"),
                    ("claim.marked_not_checkable", "Marked not checkable"),
                    ("claim.corrected", "Corrected"),
                    ("claim.retracted", "Retracted"),
                    ("claim.assigned", "Assigned"),
                    ("claim.verdict_changed", "Verdict changed"),
                    ("claim.archived", "Archived"),
                    ("claim.deleted", "Deleted"),
                ],
                max_length=60,
                verbose_name="action",
            ),
        ),
    ]
