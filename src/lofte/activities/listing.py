"""Staff lists of recorded work: filtering and the CSV export (both see staff-only fields).

Nothing here is for public output; public figures go through lofte.activities.privacy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lofte.activities import types
from lofte.activities.models import Activity
from lofte.lib.spreadsheets import csv_writer


def filter_activities(
    activities: QuerySet[Activity],
    *,
    type: str | None = None,
    area=None,
    commitment=None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Activity]:
    if type:
        activities = activities.filter(type=type)
    if area is not None:
        activities = activities.filter(area=area)
    if commitment is not None:
        activities = activities.filter(commitments=commitment)
    if start:
        activities = activities.filter(date__gte=start)
    if end:
        activities = activities.filter(date__lte=end)
    return activities


def for_listing(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a list row or CSV line reads, in a fixed number of queries."""
    return activities.select_related("municipality", "area").prefetch_related(
        "commitments__promise_set", "organisations"
    ).order_by("-date", "-pk")


def csv_header(type_key: str | None) -> list[str]:
    header = [_("Id"), _("Datum"), _("Typ"), _("Kommun"), _("Kommundel"), _("Löften"), _("Antal"),
              _("Organisationer"), _("Offentlig kommentar")]
    if type_key:
        header += [str(f.label) + (" " + _("(endast personal)") if f.staff_only else "")
                   for f in types.get(type_key).fields]
    else:
        header.append(_("Uppgifter"))
    return header


def csv_row(activity: Activity, type_key: str | None) -> list[str]:
    commitments = sorted(activity.commitments.all(), key=lambda c: (c.promise_set.start, c.number))
    activity_type = activity.activity_type
    details = activity.details or {}
    row = [
        activity.pk,
        activity.date.strftime("%Y-%m") if activity_type.per_month else activity.date.isoformat(),
        activity.type_label,
        activity.municipality.name,
        activity.area.name if activity.area else "",
        ", ".join(f"{c.promise_set.period}/{c.number}" for c in commitments),
        activity.count,
        ", ".join(o.name for o in activity.organisations.all()),
        activity.public_note,
    ]
    if type_key:
        row += [f.display(details.get(f.name)) for f in activity_type.fields]
    else:
        row.append("; ".join(f"{label}: {text}" for label, text, _staff in activity_type.staff_details(details)))
    return row


def write_csv(out, activities: Iterable[Activity], type_key: str | None = None) -> None:
    """Swedish Excel's CSV: semicolons, UTF-8 with a byte-order mark (the caller writes the BOM);
    no cell runs as a formula (lofte.lib.spreadsheets)."""
    writer = csv_writer(out)
    writer.writerow(csv_header(type_key))
    for activity in activities:
        writer.writerow(csv_row(activity, type_key))
