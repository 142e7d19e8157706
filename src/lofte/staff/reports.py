"""Follow-up reports in the staff workspace: create a draft, write the texts, send it for approval,
approve per party (the last approval publishes it), and preview it as a page and as a PDF.

Everyone with a role in a municipality reads its reports; a redaktör (access.edit) writes and
approves them. Objects are resolved through lofte.core.permissions (another municipality's report
gives 404, a lacking role 403); the changes go through lofte.reports.workflow, which logs each one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lofte.core.permissions import access, editable_municipalities, municipalities_for
from lofte.est.analysis import years_with_reports
from lofte.promises.models import PromiseSet
from lofte.promises.workflow import display_name
from lofte.reports import workflow
from lofte.reports.models import FollowUpReport
from lofte.reports.rendering import render_report_pdf, report_content
from lofte.reports.workflow import ReportError
from lofte.staff.promise_forms import ApproveForm, WithdrawForm
from lofte.staff.report_forms import NewReportForm, ReportTextsForm


def _report_for(user, report_id: int, *, edit: bool = False):
    report = get_object_or_404(
        FollowUpReport.objects.select_related("promise_set__municipality", "promise_set__area", "municipality")
        .filter(municipality__in=municipalities_for(user)),
        pk=report_id,
    )
    allowed = access(user, report.municipality)
    if edit and not allowed.edit:
        raise PermissionDenied(_("Bara en redaktör kan skriva och godkänna uppföljningar."))
    return report, allowed


def _sets_to_follow_up(user):
    return (PromiseSet.objects.published().filter(municipality__in=editable_municipalities(user))
            .select_related("municipality", "area").order_by("municipality__name", "-end", "-start"))


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    reports = (FollowUpReport.objects.filter(municipality__in=municipalities_for(request.user))
               .select_related("promise_set__area", "municipality").order_by("municipality__name", "-as_of", "-pk"))
    sets = _sets_to_follow_up(request.user)
    form = NewReportForm(request.POST or None, promise_sets=sets)
    if request.method == "POST":
        if not sets.exists():
            raise PermissionDenied(_("Bara en redaktör kan skapa uppföljningar."))
        if form.is_valid():
            try:
                report = workflow.create_report(form.cleaned_data["promise_set"], request.user,
                                                form.cleaned_data["as_of"])
            except ReportError as error:
                form.add_error("as_of", str(error))
            else:
                messages.success(request, _("Utkastet är skapat. Skriv inledning, slutsatser och fortsatt arbete."))
                return redirect("staff:report", report_id=report.pk)
    return render(request, "staff/report_list.html",
                  {"reports": reports, "form": form if sets.exists() else None})


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, report_id):
    report, allowed = _report_for(request.user, report_id)
    editable = allowed.edit and not report.is_published
    form = ReportTextsForm(request.POST or None, initial={k: getattr(report, k) for k in workflow.TEXT_FIELDS})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Uppföljningen kan inte ändras."))
        if form.is_valid():
            try:
                changed = workflow.update_texts(report, request.user, **form.cleaned_data)
            except ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Texterna är sparade.") if changed else _("Inget ändrades."))
                return redirect("staff:report", report_id=report.pk)
    content, draft = report_content(report)
    approvable = workflow.approvable_organisations(report, request.user) if allowed.edit else []
    return render(request, "staff/report.html", {
        "report": report, "content": content, "draft": draft, "form": form if editable else None,
        "can_edit": allowed.edit, "Status": FollowUpReport.Status,
        "parties": list(workflow.parties(report)),
        "approvals": list(report.approvals.select_related("organisation")),
        "missing": workflow.missing_approvals(report) if report.status == FollowUpReport.Status.READY else [],
        "approve_form": ApproveForm(organisations=approvable, approver_name=display_name(request.user))
        if approvable else None,
        "has_full_name": bool(display_name(request.user)),
        # The EST analysis of each year of the set's period, the follow-up report's appendix.
        "est_years": years_with_reports(report.municipality, report.promise_set.start,
                                        min(report.promise_set.end, report.as_of)),
    })


@login_required
@require_GET
def report_preview_pdf(request, report_id):
    report, _allowed = _report_for(request.user, report_id)
    content, draft = report_content(report)
    response = HttpResponse(render_report_pdf(content, draft=draft), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="uppfoljning-{report.slug}.pdf"'
    return response


def _step(request, report, step, success):
    try:
        step()
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success())
    return redirect("staff:report", report_id=report.pk)


@login_required
@require_POST
def report_submit(request, report_id):
    report, _allowed = _report_for(request.user, report_id, edit=True)
    return _step(request, report, lambda: workflow.submit(report, request.user),
                 lambda: _("Uppföljningen är skickad för godkännande av parterna."))


@login_required
@require_POST
def report_approve(request, report_id):
    report, _allowed = _report_for(request.user, report_id, edit=True)
    form = ApproveForm(request.POST, organisations=workflow.approvable_organisations(report, request.user))
    if not form.is_valid():
        if "approver_name" in form.errors:
            messages.error(request, _("Ange namnet som ska visas vid godkännandet."))
        else:
            messages.error(request, _("Du kan inte godkänna för den organisationen (redan godkänt, inte part eller inte din)."))
        return redirect("staff:report", report_id=report.pk)

    def approved() -> str:
        report.refresh_from_db()
        if report.is_published:
            return _("Alla parter har godkänt. Uppföljningen är publicerad och låst.")
        return _("Ditt godkännande är registrerat.")

    return _step(request, report, lambda: workflow.approve(
        report, form.cleaned_data["organisation"], request.user, form.cleaned_data["approver_name"],
        today=timezone.localdate()), approved)


@login_required
@require_POST
def report_withdraw(request, report_id):
    report, _allowed = _report_for(request.user, report_id, edit=True)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(request, report, lambda: workflow.withdraw(report, request.user, reason),
                 lambda: _("Uppföljningen är tillbaka som utkast; godkännandena är borttagna."))
