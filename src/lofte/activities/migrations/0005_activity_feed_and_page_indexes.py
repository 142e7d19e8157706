"""Indexes for national scale (bench/national.py): the feeds' latest work of the country and of one
municipality, the API's pages of one municipality's records, and the links of a set's commitments
to their records read from the index alone (PostgreSQL scanned every link of the country for the
API's totals per set). The link table is Django's own for Activity.commitments, so its index is
plain SQL (the same on SQLite and PostgreSQL)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0004_counted_work'),
        ('core', '0006_api_token'),
        ('promises', '0004_periods_as_dates_area_scope_titles_verdicts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['updated_at', 'id'], name='activity_updated'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['municipality', 'updated_at', 'id'], name='activity_municipality_updated'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['municipality', 'id'], name='activity_municipality_id'),
        ),
        migrations.RunSQL(
            "CREATE INDEX activity_link_commitment_activity "
            "ON activities_activity_commitments (commitment_id, activity_id)",
            "DROP INDEX activity_link_commitment_activity",
        ),
    ]
