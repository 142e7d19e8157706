"""Periods as dates, area-scoped sets, short titles, partners and final verdicts.

Every existing set keeps its rows and its address: a set of years first_year–last_year runs from
1 January of the first to 31 December of the last, and its stored address (slug) is what its URL
was ("2021", "2022-2023"). Every commitment gets a short title derived from its text.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models


def years_to_dates(apps, schema_editor):
    from lofte.promises.titles import short_title

    PromiseSet = apps.get_model("promises", "PromiseSet")
    for promise_set in PromiseSet.objects.all().iterator():
        promise_set.start = datetime.date(promise_set.first_year, 1, 1)
        promise_set.end = datetime.date(promise_set.last_year, 12, 31)
        if promise_set.first_year == promise_set.last_year:
            promise_set.slug = str(promise_set.first_year)
        else:
            promise_set.slug = f"{promise_set.first_year}-{promise_set.last_year}"
        promise_set.save(update_fields=["start", "end", "slug"])
    Commitment = apps.get_model("promises", "Commitment")
    for commitment in Commitment.objects.filter(short_title="").iterator():
        commitment.short_title = short_title(commitment.text)[:100]
        commitment.save(update_fields=["short_title"])


def dates_to_years(apps, schema_editor):
    PromiseSet = apps.get_model("promises", "PromiseSet")
    for promise_set in PromiseSet.objects.all().iterator():
        promise_set.first_year = promise_set.start.year
        promise_set.last_year = promise_set.end.year
        promise_set.save(update_fields=["first_year", "last_year"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_account_state"),
        ("promises", "0003_assessment_is_demo"),
    ]

    operations = [
        migrations.AddField(
            model_name="promiseset", name="start", field=models.DateField(null=True, verbose_name="första dag"),
        ),
        migrations.AddField(
            model_name="promiseset", name="end", field=models.DateField(null=True, verbose_name="sista dag"),
        ),
        migrations.AddField(
            model_name="promiseset",
            name="slug",
            field=models.CharField(default="", editable=False, max_length=40, verbose_name="period i webbadressen"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="promiseset",
            name="area",
            field=models.ForeignKey(
                blank=True, help_text="Tomt: medborgarlöftet gäller hela kommunen.", null=True,
                on_delete=django.db.models.deletion.PROTECT, related_name="promise_sets", to="core.area",
                verbose_name="område",
            ),
        ),
        migrations.AddField(
            model_name="promiseset",
            name="partners",
            field=models.ManyToManyField(
                blank=True, related_name="partner_in_sets", to="core.organisation", verbose_name="i samverkan med"
            ),
        ),
        migrations.AddField(
            model_name="commitment",
            name="short_title",
            field=models.CharField(blank=True, max_length=100, verbose_name="kort rubrik"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="verdict",
            field=models.CharField(
                blank=True,
                choices=[("achieved", "Uppfyllt"), ("partly", "Delvis uppfyllt"), ("missed", "Ej uppfyllt")],
                max_length=20, verbose_name="slutbedömning",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="evidence",
            field=models.TextField(blank=True, max_length=5000, verbose_name="underlag"),
        ),
        migrations.RunPython(years_to_dates, dates_to_years),
        migrations.RemoveConstraint(model_name="promiseset", name="promiseset_unique_period"),
        migrations.RemoveConstraint(model_name="promiseset", name="promiseset_year_order"),
        migrations.AlterModelOptions(
            name="promiseset",
            options={"ordering": ["municipality", "-end", "-start"], "verbose_name": "medborgarlöfte",
                     "verbose_name_plural": "medborgarlöften"},
        ),
        migrations.RemoveField(model_name="promiseset", name="first_year"),
        migrations.RemoveField(model_name="promiseset", name="last_year"),
        migrations.AlterField(
            model_name="promiseset", name="start", field=models.DateField(verbose_name="första dag"),
        ),
        migrations.AlterField(
            model_name="promiseset", name="end", field=models.DateField(verbose_name="sista dag"),
        ),
        migrations.AddConstraint(
            model_name="promiseset",
            constraint=models.UniqueConstraint(
                condition=models.Q(("area__isnull", True)), fields=("municipality", "slug"),
                name="promiseset_unique_slug",
            ),
        ),
        migrations.AddConstraint(
            model_name="promiseset",
            constraint=models.UniqueConstraint(
                condition=models.Q(("area__isnull", False)), fields=("municipality", "area", "slug"),
                name="promiseset_unique_area_slug",
            ),
        ),
        migrations.AddConstraint(
            model_name="promiseset",
            constraint=models.UniqueConstraint(
                condition=models.Q(("area__isnull", True)), fields=("municipality", "start", "end"),
                name="promiseset_unique_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="promiseset",
            constraint=models.UniqueConstraint(
                condition=models.Q(("area__isnull", False)), fields=("municipality", "area", "start", "end"),
                name="promiseset_unique_area_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="promiseset",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gte", models.F("start"))), name="promiseset_date_order"
            ),
        ),
        migrations.CreateModel(
            name="PromiseSetAlias",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.CharField(max_length=40)),
                ("area", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                           related_name="+", to="core.area")),
                ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                   to="core.municipality")),
                ("promise_set", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="aliases", to="promises.promiseset")),
            ],
            options={
                "verbose_name": "tidigare webbadress",
                "verbose_name_plural": "tidigare webbadresser",
                "indexes": [models.Index(fields=["municipality", "slug"], name="promises_pr_municip_9444c9_idx")],
            },
        ),
    ]
