"""A review event's from/to statuses take ``Status``'s choices, so the admin shows
"In review", not ``in_review``. No data changes: the codes were already ``Status``'s."""

from django.db import migrations, models

STATUSES = [
    ("new", "New"),
    ("researching", "Researching"),
    ("in_review", "In review"),
    ("published", "Published"),
    ("not_checkable", "Not checkable"),
    ("corrected", "Corrected"),
    ("retracted", "Retracted"),
]


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_reviewevent_action_codes")]
    operations = [
        migrations.AlterField(
            model_name="reviewevent",
            name=name,
            field=models.CharField(
                blank=True, choices=STATUSES, max_length=20, verbose_name=label
            ),
        )
        for name, label in (("from_status", "from"), ("to_status", "to"))
    ]
