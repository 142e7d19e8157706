"""Promise sets in the staff workspace: list, set page, editing, approval and assessments.

Everyone with a role in a municipality sees its sets, drafts included (läsare read only); a
redaktör (access.edit) edits them and approves on behalf of their own organisation. Every object is
resolved through lofte.core.permissions, so another municipality's set or commitment gives 404 and
a lacking role 403. The changes go through lofte.promises.workflow, which logs each one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lofte.activities import types
from lofte.core.models import Municipality
from lofte.core.permissions import Access, access, municipalities_for
from lofte.promises import workflow
from lofte.promises.models import Approval, Commitment, PromiseSet, Target
from lofte.promises.workflow import WorkflowError
from lofte.staff.promise_forms import (
    ApproveForm,
    AssessmentForm,
    CommitmentForm,
    IndicatorLinkForm,
    NewPromiseSetForm,
    PromiseSetForm,
    TargetFormSet,
    ThemeForm,
    WithdrawForm,
)
from lofte.situation import effects
from lofte.situation.models import CommitmentIndicator
from lofte.staff.reviews import hint

# ---------------------------------------------------------------------------------------------
# Resolving objects through the permission helper


def _promise_set_for(user, promise_set_id: int, *, edit: bool = False) -> tuple[PromiseSet, Access]:
    promise_set = get_object_or_404(
        PromiseSet.objects.select_related("municipality", "area").filter(municipality__in=municipalities_for(user)),
        pk=promise_set_id,
    )
    allowed = access(user, promise_set.municipality)
    if edit and not allowed.edit:
        raise PermissionDenied(_("Bara en redaktör kan ändra medborgarlöften."))
    return promise_set, allowed


def _commitment_for(user, commitment_id: int, *, edit: bool = False) -> tuple[Commitment, Access]:
    commitment = get_object_or_404(
        Commitment.objects.select_related("promise_set__municipality", "promise_set__area", "theme").filter(
            promise_set__municipality__in=municipalities_for(user)
        ),
        pk=commitment_id,
    )
    allowed = access(user, commitment.promise_set.municipality)
    if edit and not allowed.edit:
        raise PermissionDenied(_("Bara en redaktör kan ändra löften."))
    return commitment, allowed


def type_label(key: str) -> str:
    return str(types.get(key).label) if key in types.REGISTRY else key


# ---------------------------------------------------------------------------------------------
# Reading


@login_required
@require_GET
def promise_set_list(request):
    municipalities = list(municipalities_for(request.user).order_by("name"))
    sets = (
        PromiseSet.objects.filter(municipality__in=municipalities)
        .select_related("municipality", "area")
        .annotate(
            commitment_count=Count("commitments", filter=Q(commitments__archived=False), distinct=True),
            # Löftesgranskning: commitments with a measurable target (lofte.promises.review.measurable_count).
            measurable_count=Count("commitments", filter=Q(commitments__archived=False,
                                                           commitments__targets__isnull=False), distinct=True),
        )
        .order_by("municipality__name", "-end", "-start", "area__name")
    )
    editable = [m for m in municipalities if access(request.user, m).edit] if municipalities else []
    return render(
        request,
        "staff/promise_list.html",
        {"promise_sets": sets, "can_create": bool(editable), "has_municipalities": bool(municipalities)},
    )


@login_required
@require_GET
def promise_set_detail(request, promise_set_id):
    promise_set, allowed = _promise_set_for(request.user, promise_set_id)
    commitments = list(
        promise_set.commitments.filter(archived=False)
        .select_related("theme")
        .prefetch_related("parties", Prefetch("targets", queryset=Target.objects.order_by("pk")))
        .annotate(assessment_count=Count("assessments", distinct=True), version_count=Count("versions", distinct=True))
        .order_by("number")
    )
    for commitment in commitments:
        commitment.target_rows = [(t, type_label(t.activity_type)) for t in commitment.targets.all()]
        commitment.hint = hint(commitment.text, bool(commitment.target_rows))
    approvals = list(Approval.objects.filter(promise_set=promise_set).select_related("organisation"))
    approvable = workflow.approvable_organisations(promise_set, request.user) if allowed.edit else []
    return render(
        request,
        "staff/promise_set.html",
        {
            "promise_set": promise_set,
            "can_edit": allowed.edit,
            "themes": promise_set.themes.order_by("position", "pk"),
            "commitments": commitments,
            "measurable": sum(1 for c in commitments if c.target_rows),
            "parties": list(workflow.parties_of(promise_set)),
            "partners": list(promise_set.partners.order_by("kind", "name")),
            "has_full_name": bool(workflow.display_name(request.user)),
            "ended": promise_set.dates.has_ended(timezone.localdate()),
            "approvals": approvals,
            "missing": workflow.missing_approvals(promise_set) if promise_set.status == PromiseSet.Status.READY else [],
            "approve_form": ApproveForm(
                organisations=approvable, approver_name=workflow.display_name(request.user),
            ) if approvable else None,
            "theme_form": ThemeForm(),
            "Status": PromiseSet.Status,
        },
    )


@login_required
@require_GET
def commitment_detail(request, commitment_id):
    commitment, allowed = _commitment_for(request.user, commitment_id)
    targets = [(t, type_label(t.activity_type)) for t in commitment.targets.order_by("pk")]
    return render(
        request,
        "staff/promise_commitment.html",
        {
            "commitment": commitment,
            "promise_set": commitment.promise_set,
            "can_edit": allowed.edit,
            "parties": list(commitment.parties.all()),
            "targets": targets,
            "hint": hint(commitment.text, bool(targets)),
            "versions": list(commitment.versions.order_by("-version")),
            "assessments": list(commitment.assessments.select_related("organisation")),
            "can_assess": allowed.edit,
            "indicator_links": list(commitment.indicator_links.select_related("indicator", "area")),
            "indicator_form": IndicatorLinkForm(commitment=commitment) if allowed.edit else None,
        },
    )


@login_required
@require_POST
def commitment_indicators(request, commitment_id):
    """Link the commitment to an indicator it should move, or remove a link ("Effekter per löfte")."""
    commitment, _allowed = _commitment_for(request.user, commitment_id, edit=True)
    if request.POST.get("action") == "remove":
        link = CommitmentIndicator.objects.filter(commitment=commitment, pk=request.POST.get("link") or 0).first()
        if link is None:
            messages.error(request, _("Kopplingen finns inte (längre)."))
        else:
            name = link.indicator.name
            effects.unlink_indicator(link, request.user)
            messages.success(request, _("Kopplingen till «%(name)s» är borttagen.") % {"name": name})
        return redirect("staff:commitment", commitment_id=commitment.pk)
    form = IndicatorLinkForm(request.POST, commitment=commitment)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("staff:commitment", commitment_id=commitment.pk)
    try:
        link = effects.link_indicator(commitment, request.user, form.cleaned_data["indicator"],
                                      form.cleaned_data["area"])
    except effects.LinkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Löftet är kopplat till «%(name)s».") % {"name": link.indicator.name})
    return redirect("staff:commitment", commitment_id=commitment.pk)


# ---------------------------------------------------------------------------------------------
# Editing sets


@login_required
@require_http_methods(["GET", "POST"])
def promise_set_new(request):
    editable = [m.pk for m in municipalities_for(request.user) if access(request.user, m).edit]
    if not editable:
        raise PermissionDenied(_("Bara en redaktör kan skapa medborgarlöften."))
    form = NewPromiseSetForm(request.POST or None, municipalities=Municipality.objects.filter(pk__in=editable))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                promise_set = workflow.create_promise_set(form.municipality, request.user, **form.workflow_values())
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Medborgarlöftet är skapat som utkast."))
            return redirect("staff:promise_set", promise_set_id=promise_set.pk)
    return render(request, "staff/promise_set_form.html", {"form": form, "promise_set": None})


@login_required
@require_http_methods(["GET", "POST"])
def promise_set_edit(request, promise_set_id):
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    form = PromiseSetForm(request.POST or None, instance=promise_set, municipality=promise_set.municipality)
    if request.method == "POST" and form.is_valid():
        was_ready = promise_set.status == PromiseSet.Status.READY
        stored = PromiseSet.objects.select_related("municipality", "area").get(pk=promise_set.pk)
        try:
            with transaction.atomic():
                changed = workflow.update_promise_set(
                    stored, request.user, reason=form.change_reason, **form.workflow_values()
                )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            _saved_message(request, changed, was_ready and stored.status == PromiseSet.Status.DRAFT)
            return redirect("staff:promise_set", promise_set_id=promise_set.pk)
    return render(request, "staff/promise_set_form.html", {"form": form, "promise_set": promise_set})


def _saved_message(request, changed: bool, withdrawn: bool) -> None:
    if not changed:
        messages.info(request, _("Inget ändrades."))
    elif withdrawn:
        messages.warning(
            request, _("Ändringen är sparad. Medborgarlöftet är tillbaka som utkast och godkännandena är borttagna.")
        )
    else:
        messages.success(request, _("Ändringen är sparad."))


@login_required
@require_POST
def promise_set_themes(request, promise_set_id):
    """Add, rename or remove a theme; the theme is named by a form field and must belong to the set."""
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    action = request.POST.get("action")
    theme = None
    if action in ("rename", "delete"):
        theme_id = request.POST.get("theme", "")
        theme = promise_set.themes.filter(pk=int(theme_id)).first() if theme_id.isdigit() else None
        if theme is None:
            messages.error(request, _("Temat finns inte i det här medborgarlöftet."))
            return redirect("staff:promise_set", promise_set_id=promise_set.pk)
    if action == "delete":
        workflow.delete_theme(theme, request.user)
        messages.success(request, _("Temat är borttaget; dess löften finns kvar utan tema."))
    elif action in ("add", "rename"):
        form = ThemeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ange temats rubrik."))
        elif action == "add":
            workflow.add_theme(promise_set, request.user, form.cleaned_data["title"])
            messages.success(request, _("Temat är tillagt."))
        else:
            workflow.rename_theme(theme, request.user, form.cleaned_data["title"])
            messages.success(request, _("Temat är ändrat."))
    else:
        messages.error(request, _("Okänd åtgärd."))
    return redirect("staff:promise_set", promise_set_id=promise_set.pk)


# ---------------------------------------------------------------------------------------------
# The workflow steps


def _workflow_step(request, promise_set, step, success):
    """Run one workflow step; its refusal or `success()` becomes the message on the set's page."""
    try:
        step()
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success())
    return redirect("staff:promise_set", promise_set_id=promise_set.pk)


@login_required
@require_POST
def promise_set_submit(request, promise_set_id):
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    return _workflow_step(
        request, promise_set, lambda: workflow.submit_for_approval(promise_set, request.user),
        lambda: _("Medborgarlöftet är skickat för godkännande av parterna."),
    )


@login_required
@require_POST
def promise_set_approve(request, promise_set_id):
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    form = ApproveForm(request.POST, organisations=workflow.approvable_organisations(promise_set, request.user))
    if not form.is_valid():
        if "approver_name" in form.errors:
            messages.error(request, _("Ange namnet som ska visas vid godkännandet."))
        else:
            messages.error(
                request, _("Du kan inte godkänna för den organisationen (redan godkänt, inte part eller inte din).")
            )
        return redirect("staff:promise_set", promise_set_id=promise_set.pk)

    def approved() -> str:
        promise_set.refresh_from_db()
        if promise_set.is_published:
            return _("Alla parter har godkänt. Medborgarlöftet är publicerat.")
        return _("Ditt godkännande är registrerat.")

    return _workflow_step(
        request, promise_set,
        lambda: workflow.approve(
            promise_set, form.cleaned_data["organisation"], request.user, form.cleaned_data["approver_name"].strip()
        ),
        approved,
    )


@login_required
@require_POST
def promise_set_withdraw(request, promise_set_id):
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _workflow_step(
        request, promise_set, lambda: workflow.withdraw(promise_set, request.user, reason),
        lambda: _("Medborgarlöftet är tillbaka som utkast; godkännandena är borttagna."),
    )


# ---------------------------------------------------------------------------------------------
# Commitments and their targets


def _save_targets(formset, commitment: Commitment, user, reason: str) -> None:
    for form in formset.forms:
        target = form.instance if form.instance.pk else None
        if formset.can_delete and formset._should_delete_form(form):
            if target is not None:
                workflow.delete_target(Target.objects.get(pk=target.pk), user, reason)
            continue
        if target is None and not form.has_changed():
            continue
        stored = Target.objects.get(pk=target.pk) if target is not None else None
        workflow.save_target(commitment, user, stored, reason, **form.values())


def _targets_changed(formset) -> bool:
    return any(
        (form.instance.pk and (form.has_changed() or formset._should_delete_form(form)))
        or (not form.instance.pk and form.has_changed() and not formset._should_delete_form(form))
        for form in formset.forms
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_new(request, promise_set_id):
    promise_set, _allowed = _promise_set_for(request.user, promise_set_id, edit=True)
    if promise_set.is_published:
        raise PermissionDenied(_("Ett publicerat medborgarlöfte kan inte få nya löften."))
    form = CommitmentForm(request.POST or None, promise_set=promise_set)
    formset = TargetFormSet(request.POST or None, instance=Commitment(promise_set=promise_set), prefix="targets")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                commitment = workflow.create_commitment(
                    promise_set, request.user, text=form.cleaned_data["text"], theme=form.cleaned_data["theme"],
                    parties=form.cleaned_data["parties"], short_title=form.short_title_value(),
                )
                _save_targets(formset, commitment, request.user, "")
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Löftet är tillagt."))
            return redirect("staff:promise_set", promise_set_id=promise_set.pk)
    return render(
        request, "staff/promise_commitment_form.html",
        {"form": form, "formset": formset, "promise_set": promise_set, "commitment": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, commitment_id):
    commitment, _allowed = _commitment_for(request.user, commitment_id, edit=True)
    promise_set = commitment.promise_set
    form = CommitmentForm(request.POST or None, promise_set=promise_set, commitment=commitment)
    formset = TargetFormSet(request.POST or None, instance=commitment, prefix="targets",
                            queryset=Target.objects.filter(commitment=commitment).order_by("pk"))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        reason = form.cleaned_data.get("reason", "").strip()
        needs_reason = promise_set.is_published and (form.text_changed() or _targets_changed(formset))
        if needs_reason and not reason:
            form.add_error("reason", _("Ange skälet till ändringen: löftet är publicerat och ändringen visas öppet."))
        else:
            was_ready = promise_set.status == PromiseSet.Status.READY
            try:
                with transaction.atomic():
                    workflow.edit_commitment_text(commitment, request.user, form.cleaned_data["text"], reason)
                    stored = Commitment.objects.select_related("promise_set").get(pk=commitment.pk)
                    workflow.set_short_title(stored, request.user, form.short_title_value())
                    workflow.update_commitment(
                        stored, request.user, theme=form.cleaned_data["theme"],
                        parties=form.cleaned_data["parties"], reason=reason,
                    )
                    _save_targets(formset, stored, request.user, reason)
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                now = PromiseSet.objects.get(pk=promise_set.pk).status
                _saved_message(request, True, was_ready and now == PromiseSet.Status.DRAFT)
                return redirect("staff:commitment", commitment_id=commitment.pk)
    return render(
        request, "staff/promise_commitment_form.html",
        {"form": form, "formset": formset, "promise_set": promise_set, "commitment": commitment,
         "hint": hint(commitment.text, commitment.targets.exists())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_assess(request, commitment_id):
    commitment, _allowed = _commitment_for(request.user, commitment_id, edit=True)
    organisations = workflow.assessing_organisations(commitment, request.user)
    ended = commitment.promise_set.dates.has_ended(timezone.localdate())
    form = AssessmentForm(request.POST or None, organisations=organisations, final_allowed=ended)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_assessment(
                commitment, request.user, text=form.cleaned_data["text"],
                organisation=form.cleaned_data["organisation"], assessed_on=form.cleaned_data["assessed_on"],
                verdict=form.cleaned_data.get("verdict", ""), evidence=form.cleaned_data["evidence"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("staff:commitment", commitment_id=commitment.pk)
    return render(
        request, "staff/promise_assessment_form.html",
        {"form": form, "commitment": commitment, "promise_set": commitment.promise_set, "ended": ended,
         "has_full_name": bool(workflow.display_name(request.user))},
    )
