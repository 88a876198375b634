"""A version and a timestamp for each claim's public page: the services raise them on
every change the page shows, and the page's ETag and Last-Modified come from them."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_reviewevent_status_choices'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='page_changed_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='page changed at'),
        ),
        migrations.AddField(
            model_name='claim',
            name='page_version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text="Goes up with every change that the claim's public page shows.", verbose_name='page version'),
        ),
    ]
