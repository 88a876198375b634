"""Bilingual fact-checks: a claim's statement, summary and public notes per site
language (ClaimTranslation, with its history), tag names per language, and the
roles' permissions to write translations (deleting one is a superuser's, as for
every record: the others archive or correct)."""

from django.contrib.auth.management import create_permissions
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


GRANTS = {
    "Fact-checkers": [
        "view_claimtranslation",
        "add_claimtranslation",
        "change_claimtranslation",
    ],
    "Editors": [
        "view_claimtranslation",
        "add_claimtranslation",
        "change_claimtranslation",
    ],
}


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

    dependencies = [
        ('claims', '0033_assignments_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaltag',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='The name in the site\'s other languages: {"id": {"name": "…"}}.', verbose_name='translations'),
        ),
        migrations.AddField(
            model_name='tag',
            name='translations',
            field=models.JSONField(blank=True, default=dict, help_text='The name in the site\'s other languages: {"id": {"name": "…"}}.', verbose_name='translations'),
        ),
        migrations.CreateModel(
            name='HistoricalClaimTranslation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('language', models.CharField(help_text="One of the site's languages, other than the claim's own.", max_length=35, verbose_name='language')),
                ('statement', models.TextField(blank=True, help_text='The claim as the team words it, in this language.', verbose_name='statement')),
                ('verdict_summary', models.TextField(blank=True, help_text='The public write-up of the verdict in this language (markdown).', verbose_name='verdict summary')),
                ('notes', models.TextField(blank=True, help_text='The public notes (“How we checked it”) in this language (markdown). Left empty, readers see the original notes.', verbose_name='public notes')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('claim', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical translation',
                'verbose_name_plural': 'historical translations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ClaimTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(help_text="One of the site's languages, other than the claim's own.", max_length=35, verbose_name='language')),
                ('statement', models.TextField(blank=True, help_text='The claim as the team words it, in this language.', verbose_name='statement')),
                ('verdict_summary', models.TextField(blank=True, help_text='The public write-up of the verdict in this language (markdown).', verbose_name='verdict summary')),
                ('notes', models.TextField(blank=True, help_text='The public notes (“How we checked it”) in this language (markdown). Left empty, readers see the original notes.', verbose_name='public notes')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='claims.claim')),
                ('created_by', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'translation',
                'verbose_name_plural': 'translations',
                'ordering': ['language', 'pk'],
                'indexes': [models.Index(fields=['language', 'claim'], name='claimtranslation_lang_idx')],
                'constraints': [models.UniqueConstraint(fields=('claim', 'language'), name='unique_claim_translation')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
