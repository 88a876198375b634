"""Groups "Fact-checkers" and "Editors" with their permissions (idempotent)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS_WORKED_ON = ["claim", "claimdate", "appearance", "evidence", "note", "document",
                    "source", "sourcealias", "tag"]
READ_ONLY = ["rating", "reviewevent", "correction"]

FACT_CHECKER = (
    [f"{verb}_{m}" for m in MODELS_WORKED_ON for verb in ("view", "add", "change")]
    + [f"view_{m}" for m in READ_ONLY]
    + ["submit_claim", "archive_claim"]
)
EDITOR = FACT_CHECKER + [
    "publish_claim", "correct_claim", "retract_claim",
    "add_rating", "change_rating",
]


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("claims")
    if not getattr(app_config, "models_module", None):  # a migration's AppConfigStub
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Fact-checkers", FACT_CHECKER), ("Editors", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="claims", codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Fact-checkers", "Editors"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_default_rating_scale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
