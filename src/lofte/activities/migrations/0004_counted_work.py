"""The ledger of counted work (CountedWork), filled from the activities as they stand.

Every activity becomes one row per commitment it serves, known from when it was recorded
(created_at) and, for one in the bin, until it was deleted. Demo records are invented examples that
were all loaded at once; they are treated as recorded two days after their date, as a real record
would be, so the demo's follow-up points keep showing what they showed.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

DEMO_RECORDING_DELAY = datetime.timedelta(days=2)


def fill_ledger(apps, schema_editor):
    from django.utils import timezone

    from lofte.activities import types

    Activity = apps.get_model("activities", "Activity")
    CountedWork = apps.get_model("activities", "CountedWork")
    links = Activity.commitments.through.objects.values_list("activity_id", "commitment_id")
    by_activity = {}
    for activity_id, commitment_id in links.iterator():
        by_activity.setdefault(activity_id, []).append(commitment_id)
    rows = []
    for activity in Activity.objects.all().iterator(chunk_size=2000):
        if activity.is_demo:
            noon = datetime.datetime.combine(activity.date + DEMO_RECORDING_DELAY, datetime.time(12))
            activity.created_at = timezone.make_aware(noon)
            Activity.objects.filter(pk=activity.pk).update(created_at=activity.created_at)
        figures = {}
        if activity.type in types.REGISTRY:
            figures = dict(sorted(types.get(activity.type).figure_values(activity.details or {}).items()))
        for commitment_id in by_activity.get(activity.pk, ()):
            rows.append(CountedWork(
                commitment_id=commitment_id, activity_id=activity.pk, date=activity.date, type=activity.type,
                count=activity.count, area_id=activity.area_id, figures=figures,
                known_from=activity.created_at, known_until=activity.deleted_at,
            ))
        if len(rows) >= 5000:
            CountedWork.objects.bulk_create(rows)
            rows = []
    CountedWork.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0003_deleted_at_no_index"),
        ("promises", "0004_periods_as_dates_area_scope_titles_verdicts"),
    ]

    operations = [
        migrations.CreateModel(
            name="CountedWork",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField()),
                ("type", models.CharField(max_length=50)),
                ("count", models.PositiveIntegerField(default=1)),
                ("area_id", models.BigIntegerField(blank=True, null=True)),
                ("figures", models.JSONField(blank=True, default=dict)),
                ("known_from", models.DateTimeField()),
                ("known_until", models.DateTimeField(blank=True, null=True)),
                ("activity", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL,
                                               related_name="counted_work", to="activities.activity")),
                ("commitment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                 related_name="counted_work", to="promises.commitment")),
            ],
            options={
                "verbose_name": "räknad insats",
                "verbose_name_plural": "räknade insatser",
                "indexes": [
                    models.Index(fields=["commitment", "date"], name="activities__commitm_e33e2b_idx"),
                    models.Index(fields=["activity", "known_until"], name="activities__activit_b9204d_idx"),
                ],
            },
        ),
        migrations.RunPython(fill_ledger, migrations.RunPython.noop),
    ]
