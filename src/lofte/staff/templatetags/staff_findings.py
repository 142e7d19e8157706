"""`{% overdue_findings %}` on the staff start page: findings whose deadline passed unchanged."""

from django import template

from lofte.staff.findings import overdue_for

register = template.Library()


@register.inclusion_tag("staff/_overdue_findings.html", takes_context=True)
def overdue_findings(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {"overdue_findings": []}
    return {"overdue_findings": overdue_for(user)}
