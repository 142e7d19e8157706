"""`{% status_badge status %}`: a commitment's status as its badge (icon and Swedish label);
`{% follow_up_status follow_up %}`: the same at a follow-up point, marked while provisional.

Tags rather than included templates: a set page draws one badge per commitment and one per
follow-up cell, and an include costs a context push and a template lookup each time.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def status_badge(status) -> str:
    """`status`: a lofte.promises.status.Status, or its frozen form in a follow-up report's
    snapshot ({"value": …, "label": …})."""
    value, label = (status["value"], status["label"]) if isinstance(status, dict) else (status.value, status.label)
    return format_html(
        '<span class="status status--{}"><span class="status__icon" aria-hidden="true"></span>{}</span>', value, label,
    )


@register.simple_tag
def follow_up_status(follow_up) -> str:
    """A history cell: the status at a follow-up point and, while later records may still change
    it (its cutoff has not passed), "preliminärt till 14 maj"."""
    badge = status_badge(follow_up.evaluation.status)
    if not follow_up.provisional:
        return badge
    note = _("preliminärt till %(date)s") % {"date": date_format(follow_up.cutoff, "j b")}
    return format_html('{} <span class="muted provisional">{}</span>', badge, note)
