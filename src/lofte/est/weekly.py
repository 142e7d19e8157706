"""The week view for the EST group's meeting: what was reported in one week, where, what is new or
rising compared with the previous weeks, who reported, and the actions decided.

Plain functions over Report rows; the staff view (lofte.staff.est_meeting) only renders them. The
free text is passed through lofte.est.reports.text_for, so it is redacted for everyone but its
reporter. Staff-only: nothing here is shown in public.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from xml.sax.saxutils import escape

from django.db import transaction
from django.utils.translation import gettext as _

from lofte.core.audit import log_change, snapshot
from lofte.core.models import Area, AuditEntry, Membership, Municipality
from lofte.est.models import Action, Category, Report, week_of

# New or rising: compared with the mean of this many previous weeks.
COMPARED_WEEKS = 4
# Rising: at least this many this week and at least twice the previous weeks' mean.
RISING_MIN = 2
NO_AREA = _("Utan kommundel")


@dataclass
class Flag:
    category: str
    place: str
    count: int
    mean: float
    kind: str  # "new" or "rising"

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label)

    @property
    def label(self) -> str:
        return _("Ny") if self.kind == "new" else _("Ökar")


@dataclass
class MatrixRow:
    category: str
    label: str
    cells: list[int]
    total: int
    flags: list[str] = field(default_factory=list)


@dataclass
class WeekPicture:
    municipality: Municipality
    week: date
    columns: list[str]
    rows: list[MatrixRow]
    column_totals: list[int]
    total: int
    nothing_count: int
    reported: list[str]
    silent: list[str]
    flags: list[Flag]
    reports: list[Report]
    heatmap: str
    actions: list[Action]
    open_tasks: list[Action] = field(default_factory=list)

    @property
    def week_label(self) -> str:
        year, number, _day = self.week.isocalendar()
        return _("vecka %(number)s, %(year)s") % {"number": number, "year": year}

    @property
    def previous(self) -> date:
        return self.week - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.week + timedelta(days=7)


def parse_week(text: str | None, today: date) -> date:
    """"2026-W48" (the week input's format) or a date, as the Monday of its week; else this week."""
    text = (text or "").strip()
    try:
        if "-W" in text:
            year, number = text.split("-W")
            return date.fromisocalendar(int(year), int(number), 1)
        if text:
            return week_of(date.fromisoformat(text))
    except ValueError:
        pass
    return week_of(today)


def _key(area_id: int | None, columns: dict[int | None, int]) -> int:
    return columns[area_id if area_id in columns else None]


def reporters_of(municipality: Municipality) -> dict[int, str]:
    """The rapportörer of organisations serving the municipality, by user id, with their names."""
    members = (Membership.objects.filter(role=Membership.Role.REPORTER, organisation__municipalities=municipality,
                                         user__is_active=True).select_related("user"))
    return {m.user_id: m.user.get_full_name() or m.user.get_username() for m in members}


def coverage(municipality: Municipality, weeks: list[date]) -> tuple[dict[str, int], list[str]]:
    """Who reported (name -> number of the weeks with a report of any kind) and who never did."""
    expected = reporters_of(municipality)
    reports = Report.objects.filter(municipality=municipality, week__in=weeks).select_related("reporter")
    weeks_of: dict[str, set[date]] = {}
    seen_ids = set()
    for report in reports:
        name = report.reporter_name or _("okänd")
        weeks_of.setdefault(name, set()).add(report.week)
        seen_ids.add(report.reporter_id)
    silent = sorted(name for user_id, name in expected.items() if user_id not in seen_ids)
    return {name: len(w) for name, w in sorted(weeks_of.items())}, silent


def flags_for(current: Counter, previous: Counter, places: dict) -> list[Flag]:
    """(category, place) counts now against the sum over COMPARED_WEEKS before: new when there was
    nothing before, rising when at least RISING_MIN and twice the previous mean."""
    found = []
    for key, count in current.items():
        before = previous.get(key, 0)
        mean = before / COMPARED_WEEKS
        category, place = key
        # One report in an area where there were none is noise; in the whole municipality it is news.
        new_enough = place == "all" or count >= RISING_MIN
        kind = "new" if before == 0 and new_enough else "rising" if before and count >= RISING_MIN \
            and count >= 2 * mean else None
        if kind:
            found.append(Flag(category, places.get(place, str(place)), count, mean, kind))
    return sorted(found, key=lambda f: (f.kind != "new", -f.count, f.category, f.place))


def week_picture(municipality: Municipality, week: date, viewer) -> WeekPicture:
    from lofte.est.reports import text_for

    week = week_of(week)
    areas = list(Area.objects.filter(municipality=municipality).order_by("name"))
    columns: dict[int | None, int] = {a.pk: i for i, a in enumerate(areas)}
    columns[None] = len(areas)
    names = [a.name for a in areas] + [str(NO_AREA)]
    start = week - timedelta(days=7 * COMPARED_WEEKS)
    rows = list(Report.objects.filter(municipality=municipality, week__gte=start, week__lte=week)
                .select_related("area", "reporter").order_by("date", "pk"))
    this_week = [r for r in rows if r.week == week]
    incidents = [r for r in this_week if not r.nothing_to_report]
    labels = dict(Category.choices)
    matrix = {c: [0] * len(names) for c in Category.values}
    for report in incidents:
        matrix[report.category][_key(report.area_id, columns)] += 1
    # The comparison counts places (areas, "all" for the municipality) per category.
    places = {a.pk: a.name for a in areas} | {None: str(NO_AREA), "all": _("hela kommunen")}
    current, previous = Counter(), Counter()
    for report in rows:
        if report.nothing_to_report:
            continue
        target = current if report.week == week else previous
        target[(report.category, "all")] += 1
        target[(report.category, report.area_id if report.area_id in columns else None)] += 1
    flags = flags_for(current, previous, places)
    flagged = {f.category for f in flags}
    matrix_rows = [MatrixRow(c, str(labels[c]), matrix[c], sum(matrix[c]),
                             [f.label for f in flags if f.category == c and f.place == places["all"]])
                   for c in Category.values]
    column_totals = [sum(row.cells[i] for row in matrix_rows) for i in range(len(names))]
    reported, silent = coverage(municipality, [week])
    for report in this_week:
        report.shown_text = text_for(report, viewer)
    actions = list(Action.objects.filter(municipality=municipality, week=week).select_related("activity", "area"))
    picture = WeekPicture(
        municipality=municipality, week=week, columns=names, rows=matrix_rows, column_totals=column_totals,
        total=len(incidents), nothing_count=len(this_week) - len(incidents), reported=list(reported), silent=silent,
        flags=flags, reports=[r for r in this_week if not r.nothing_to_report], heatmap="", actions=actions,
        open_tasks=open_tasks(municipality, week),
    )
    picture.heatmap = heatmap_svg(
        [r.label for r in matrix_rows], names, [r.cells for r in matrix_rows],
        title=_("EST-rapporter %(week)s per kategori och kommundel") % {"week": picture.week_label},
        flagged={r.label for r in matrix_rows if r.category in flagged},
    )
    return picture


# Five steps from no reports to the most in the grid; dark steps carry white figures (contrast).
_FILLS = ["#f4f6f8", "#cfe0f1", "#8fb8e0", "#3d7fc1", "#174a7e"]


def heatmap_svg(row_labels: list[str], column_labels: list[str], cells: list[list[int]], *, title: str,
                flagged: set[str] = frozenset(), cell_width: int = 74, cell_height: int = 26,
                label_width: int = 310) -> str:
    """A server-drawn heat map (category × area) as inline SVG: presentation attributes only (no
    style attribute, so the strict CSP allows it), the figure in every cell, a title and a
    description for screen readers; the same numbers are in the table beside it."""
    most = max([max(row) for row in cells if row] + [0])
    header = 96
    # Room on the right for the last column's slanted label.
    width = label_width + cell_width * len(column_labels) + 90
    height = header + cell_height * len(row_labels) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="heatmap-title heatmap-desc">',
             f'<title id="heatmap-title">{escape(title)}</title>',
             f'<desc id="heatmap-desc">{escape(_("Mörkare ruta: fler rapporter. Siffrorna finns också i tabellen."))}</desc>']
    for j, label in enumerate(column_labels):
        x = label_width + j * cell_width + cell_width / 3
        parts.append(f'<text x="{x:.0f}" y="{header - 8}" text-anchor="start" '
                     f'transform="rotate(-35 {x:.0f} {header - 8})" fill="#1b1f23">{escape(label[:18])}</text>')
    for i, label in enumerate(row_labels):
        y = header + i * cell_height
        mark = " ▲" if label in flagged else ""
        parts.append(f'<text x="{label_width - 8}" y="{y + cell_height * 0.68:.0f}" text-anchor="end" '
                     f'fill="#1b1f23">{escape(label[:44] + mark)}</text>')
        for j, value in enumerate(cells[i]):
            step = 0 if not value else max(1, min(4, math.ceil(4 * value / most)))
            x = label_width + j * cell_width
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_width - 2}" height="{cell_height - 2}" '
                         f'fill="{_FILLS[step]}"/>')
            if value:
                colour = "#ffffff" if step >= 3 else "#1b1f23"
                parts.append(f'<text x="{x + cell_width / 2 - 1:.0f}" y="{y + cell_height * 0.68:.0f}" '
                             f'text-anchor="middle" fill="{colour}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


class ActionError(ValueError):
    """An action that cannot be stored; the message is for the user, in Swedish."""


def decide_action(user, municipality: Municipality, week: date, text: str, *, commitment=None,
                  category: str = "", area: Area | None = None, on: date | None = None, owner: str = "",
                  deadline: date | None = None) -> Action:
    """Store an action the EST group decided. With a commitment it becomes an activity (insats) of
    type "Övrigt" serving it, recorded through lofte.activities.recording, so that its follow-up is
    with the promises' other work; otherwise it is an owner's task (who, by when) that every later
    week view lists until it is marked done."""
    from lofte.activities.recording import record_activity
    from lofte.core.permissions import access

    if not access(user, municipality).record:
        raise ActionError(_("Att föra in beslutade åtgärder kräver rollen registrerare."))
    text = text.strip()
    if not text:
        raise ActionError(_("Beskriv åtgärden."))
    if area is not None and area.municipality_id != municipality.pk:
        raise ActionError(_("Kommundelen hör inte till %(name)s.") % {"name": municipality.name})
    if commitment is not None and commitment.promise_set.municipality_id != municipality.pk:
        raise ActionError(_("Löftet hör inte till %(name)s.") % {"name": municipality.name})
    if commitment is None and not owner.strip():
        raise ActionError(_("Ange vem som ansvarar för åtgärden, eller välj ett löfte som den blir en insats för."))
    with transaction.atomic():
        activity = None
        if commitment is not None:
            activity = record_activity(user=user, commitment=commitment, type="other", on=on or week, area=area,
                                       public_note=_("Beslutad i EST-gruppen: %(text)s") % {"text": text[:900]})
        action = Action.objects.create(municipality=municipality, week=week_of(week), text=text, category=category,
                                       area=area, activity=activity, decided_by=user, owner=owner.strip()[:200],
                                       deadline=deadline)
        log_change(user, AuditEntry.Action.CREATE, action, after=snapshot(action), municipality_id=municipality.pk)
    return action


def mark_done(user, action: Action, now=None) -> Action:
    """An owner's task reported done at a meeting (logged)."""
    from django.utils import timezone

    from lofte.core.permissions import access

    if not access(user, action.municipality_id).record:
        raise ActionError(_("Att föra in beslutade åtgärder kräver rollen registrerare."))
    with transaction.atomic():
        before = snapshot(action)
        updated = Action.objects.filter(pk=action.pk, done_at__isnull=True).update(done_at=now or timezone.now())
        if updated:
            action.refresh_from_db()
            log_change(user, AuditEntry.Action.UPDATE, action, before=before, after=snapshot(action),
                       municipality_id=action.municipality_id)
    return action


def open_tasks(municipality: Municipality, before: date) -> list[Action]:
    """Owner's tasks decided before the week `before` and not done: the meeting follows them up."""
    return list(Action.objects.open_tasks().filter(municipality=municipality, week__lt=before)
                .select_related("area").order_by("deadline", "week", "pk"))
