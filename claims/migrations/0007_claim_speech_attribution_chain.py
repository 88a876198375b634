"""Attribution as parts: ``Claim.speech`` and ``Claim.attribution_chain``.

The importer used to store its attribution as a sentence in the importing user's
interface language ("NK News (paraphrased)" or "NK News (parafrase)"). Rows written
that way get their "(direct quote)"/"(paraphrased)" suffix moved into ``speech`` and
"stated by the article" into the chain; everything else a person typed stays as
written.
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


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_reviewevent_append_only_trigger"),
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
    ]
