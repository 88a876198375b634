"""Fact-checkers and editors see the jobs (their imports' progress); editors retry."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Fact-checkers": ["view_job"], "Editors": ["view_job", "retry_job"]}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("claims")
    if not getattr(app_config, "models_module", None):
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="claims", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0021_jobs")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
