# The desk's claims list sorts by check-worthiness (issue 12). Numbered after main's
# 0030_external_ids so that the graph has one leaf.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0030_external_ids"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["checkworthiness"], name="claim_checkworthiness_idx"
            ),
        ),
    ]
