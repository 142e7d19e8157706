"""Staff views for the EST group: the week view for its meeting (with the actions decided) and the
tertial and year analysis with its CSV and PDF exports. Thin views over lofte.est.weekly and
lofte.est.analysis; the municipality is resolved through lofte.core.permissions (any staff role
reads; registrerare and more record actions).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from lofte.core.models import Area, Municipality
from lofte.core.permissions import access, municipalities_for
from lofte.est import analysis as est_analysis
from lofte.est import weekly
from lofte.est.models import Action, Category
from lofte.promises.models import Commitment


def _municipality(request) -> Municipality:
    """The municipality asked for (?kommun=slug) among the user's, else their first; 403 without any."""
    mine = municipalities_for(request.user).order_by("name")
    slug = request.GET.get("kommun") or request.POST.get("kommun")
    chosen = (mine.filter(slug=slug).first() if slug else None) or mine.first()
    if chosen is None:
        raise PermissionDenied(_("EST-gruppens veckobild kräver en roll i kommunen."))
    return chosen


class ActionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Beslutad åtgärd"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": gettext_lazy("Beskriv åtgärden.")})
    category = forms.ChoiceField(label=gettext_lazy("Kategori"), required=False,
                                 choices=[("", gettext_lazy("Ingen särskild"))] + Category.choices)
    area = forms.ModelChoiceField(label=gettext_lazy("Kommundel"), queryset=Area.objects.none(), required=False,
                                  empty_label=gettext_lazy("Hela kommunen"))
    owner = forms.CharField(label=gettext_lazy("Ansvarig"), max_length=200, required=False,
                            help_text=gettext_lazy("Vem som gör det, t.ex. Gatuenheten eller Strängnäs Bostad. "
                                                   "Krävs om åtgärden inte blir en insats."))
    deadline = forms.DateField(label=gettext_lazy("Klart senast"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               error_messages={"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")})
    commitment = forms.ModelChoiceField(
        label=gettext_lazy("Blir en insats för löftet"), queryset=Commitment.objects.none(), required=False,
        empty_label=gettext_lazy("Ingen insats (bara i EST-protokollet)"),
        help_text=gettext_lazy("Åtgärden registreras som en insats av typen Övrigt för löftet, så att uppföljningen "
                               "finns på ett ställe. Insatsens text kan visas publikt: skriv inga namn."))

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["commitment"].queryset = (Commitment.objects.filter(promise_set__municipality=municipality)
                                              .select_related("promise_set").order_by("-promise_set__end", "number"))
        self.fields["commitment"].label_from_instance = lambda c: f"{c.promise_set.title}: {c.number}. {c.title}"[:120]


@login_required
@require_safe
def week(request):
    municipality = _municipality(request)
    today = timezone.localdate()
    monday = weekly.parse_week(request.GET.get("vecka"), today)
    picture = weekly.week_picture(municipality, monday, request.user)
    return render(request, "est/week.html", {
        "picture": picture, "municipalities": municipalities_for(request.user).order_by("name"),
        "can_record": access(request.user, municipality).record,
        "action_form": ActionForm(municipality=municipality),
        "week_value": "%d-W%02d" % monday.isocalendar()[:2],
        "previous_value": "%d-W%02d" % picture.previous.isocalendar()[:2],
        "next_value": "%d-W%02d" % picture.next.isocalendar()[:2],
    })


@login_required
@require_POST
def action_new(request):
    municipality = _municipality(request)
    monday = weekly.parse_week(request.POST.get("vecka"), timezone.localdate())
    form = ActionForm(request.POST, municipality=municipality)
    target = reverse("staff:est_week") + "?" + urlencode({"kommun": municipality.slug,
                                                          "vecka": "%d-W%02d" % monday.isocalendar()[:2]})
    if not access(request.user, municipality).record:
        raise PermissionDenied(_("Att föra in beslutade åtgärder kräver rollen registrerare."))
    if form.is_valid():
        try:
            action = weekly.decide_action(request.user, municipality, monday, form.cleaned_data["text"],
                                          commitment=form.cleaned_data["commitment"],
                                          category=form.cleaned_data["category"], area=form.cleaned_data["area"],
                                          owner=form.cleaned_data["owner"], deadline=form.cleaned_data["deadline"])
        except weekly.ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Åtgärden är sparad och registrerad som insats.") if action.activity_id
                             else _("Åtgärden är sparad."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(target + "#atgarder")


@login_required
@require_POST
def action_done(request, action_id):
    """An owner's task reported done; back to the week view it was marked in."""
    action = Action.objects.filter(pk=action_id, municipality__in=municipalities_for(request.user)).first()
    if action is None:
        raise Http404(_("Åtgärden finns inte."))
    try:
        weekly.mark_done(request.user, action)
    except weekly.ActionError as exc:
        raise PermissionDenied(str(exc)) from None
    messages.success(request, _("Åtgärden är markerad som klar."))
    target = reverse("staff:est_week") + "?" + urlencode({"kommun": action.municipality.slug,
                                                          "vecka": request.POST.get("vecka", "")})
    return redirect(target + "#atgarder")


def _analysis(request):
    municipality = _municipality(request)
    today = timezone.localdate()
    period = est_analysis.parse_period(request.GET.get("period"), today)
    return municipality, est_analysis.analysis(municipality, period, today)


@login_required
@require_safe
def analysis(request):
    municipality, result = _analysis(request)
    year = timezone.localdate().year
    choices = [(f"{y}-t{n}", _("Tertial %(n)s %(y)s") % {"n": n, "y": y}) for y in (year, year - 1) for n in (3, 2, 1)]
    choices = [(str(year), str(year)), (str(year - 1), str(year - 1))] + choices
    return render(request, "est/analysis.html", {
        "a": result, "municipalities": municipalities_for(request.user).order_by("name"), "choices": choices,
        "query": urlencode({"kommun": municipality.slug, "period": result.period.slug}),
    })


@login_required
@require_safe
def analysis_csv(request):
    municipality, result = _analysis(request)
    response = HttpResponse(est_analysis.csv_export(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="est-{municipality.slug}-{result.period.slug}.csv"'
    return response


@login_required
@require_safe
def analysis_pdf(request):
    municipality, result = _analysis(request)
    response = HttpResponse(est_analysis.pdf_appendix(result), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="est-bilaga-{municipality.slug}-{result.period.slug}.pdf"'
    return response
