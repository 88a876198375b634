"""Editors may see failed sign-ins and unlock them (django-axes' AccessAttempt)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    if not getattr(app_config, "models_module", None):  # a migration's AppConfigStub
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    perms = Permission.objects.filter(
        content_type__app_label="axes", codename__in=CODENAMES
    )
    if perms.count() != len(CODENAMES):
        raise RuntimeError("axes' AccessAttempt permissions are missing")
    group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="axes", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0019_claim_revised_at"),
        ("claims", "0003_fact_checker_and_editor_groups"),
        ("axes", "0010_accessattemptexpiration"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
