"""Importera löften: upload a promise document (or paste its text), check and correct the preview,
confirm. Redaktörer (access.edit) only.

The views are thin: reading and storing are lofte.promises.importing (the same code as `lofte
import-promises`, so the same unchanged/changed/replace rules apply). Between preview and confirm
the uploaded bytes wait in a private directory under DATA_DIR, named by a random token kept in the
session; the session never holds the file, and nothing reaches the database before confirmation.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lofte.core.models import Municipality
from lofte.core.permissions import access, municipalities_for
from lofte.lib.env import PRIVATE_FILE_MODE, private_directory
from lofte.promises.importing import PromiseImportError, import_text
from lofte.promises import periods
from lofte.promises.importing import language as lang
from lofte.promises.importing.formats import MAX_BYTES
from lofte.promises.importing.parse import ParsedDocument
from lofte.promises.importing.sources import read_document
from lofte.promises.importing.template import COLUMNS, PER_LABELS, parse_rows, rows_of_document
from lofte.staff.reviews import hint
from lofte.activities import types
from lofte.core.municipalities import named_municipality, own_municipality

_SESSION_KEY = "promise_import"
_ROW = re.compile(r"^rad (\d+): ")
# The activity types by their Swedish names (the importer's keys are what the form sends).
_ACTIVITY_CHOICES = [("", gettext_lazy("Ingen vald"))] + [
    (key, types.get(key).label if key in types.REGISTRY else key) for key in lang.ACTIVITY_TYPES
]


def editable_municipalities(user):
    """The municipalities in which the user is a redaktör (or more)."""
    return [m for m in municipalities_for(user).order_by("name") if access(user, m).edit]


# ================================================================ forms


class UploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), label=gettext_lazy("Kommun"), empty_label=None,
        help_text=gettext_lazy("Nämner dokumentet en annan av dina kommuner importeras det dit; du ser det i "
                               "förhandsgranskningen och kan byta."),
    )
    # The municipality the form started with: when it is unchanged, the document's own decides.
    suggested = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=gettext_lazy("Dokument"), required=False,
        help_text=gettext_lazy("Text, sparad webbsida (.html), PDF med text, Word (.docx) eller mallen som CSV/XLSX. "
                               "Högst 10 MB."),
    )
    text = forms.CharField(
        label=gettext_lazy("… eller klistra in texten"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        if len(municipalities) == 1:
            self.fields["municipality"].help_text = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor (%(size).1f MB); högst %(max)d MB tas emot.")
                % {"size": upload.size / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024}
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Välj en fil eller klistra in texten."))
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Välj antingen en fil eller inklistrad text, inte båda."))
        return data


class SetForm(forms.Form):
    period = forms.CharField(widget=forms.HiddenInput)
    area = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=gettext_lazy("Rubrik"), max_length=300)


class RowForm(forms.Form):
    """One row of the template: a commitment, or (with an empty text) one more target of the one above."""

    period = forms.CharField(label=gettext_lazy("Period"), max_length=40,
                             help_text=gettext_lazy("År (2024, 2023–2024) eller datum (2022-07-01–2023-06-30)"))
    area = forms.CharField(label=gettext_lazy("Område"), max_length=100, required=False,
                           help_text=gettext_lazy("Tomt: hela kommunen"))
    theme = forms.CharField(label=gettext_lazy("Tema"), max_length=300, required=False)
    text = forms.CharField(label=gettext_lazy("Löfte"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    parties = forms.CharField(label=gettext_lazy("Parter"), max_length=500, required=False,
                              help_text=gettext_lazy("T.ex. Polisen, Kommunen, Räddningstjänsten"))
    count = forms.CharField(label=gettext_lazy("Antal"), max_length=6, required=False)
    unit = forms.CharField(label=gettext_lazy("Enhet"), max_length=100, required=False)
    per = forms.ChoiceField(label=gettext_lazy("Per"), required=False,
                            choices=[("period", gettext_lazy("under perioden")), ("år", gettext_lazy("per år"))])
    activity_type = forms.ChoiceField(label=gettext_lazy("Aktivitetstyp"), required=False, choices=_ACTIVITY_CHOICES)
    remove = forms.BooleanField(label=gettext_lazy("Ta bort raden"), required=False)


RowFormSet = forms.formset_factory(RowForm, extra=0, max_num=2000, validate_max=True)
SetFormSet = forms.formset_factory(SetForm, extra=0, max_num=50, validate_max=True)


class ConfirmForm(forms.Form):
    replace = forms.BooleanField(
        label=gettext_lazy("Ersätt perioder som redan finns (löften som försvunnit arkiveras; registrerade "
                           "insatser behålls)"),
        required=False,
    )


# ================================================================ the pending upload


def _pending_dir() -> Path:
    return Path(settings.DATA_DIR) / "import-pending"


def _store_pending(request, raw: bytes, name: str, municipality: Municipality) -> None:
    _discard_pending(request)
    token = secrets.token_urlsafe(24)
    directory = private_directory(_pending_dir())
    _remove_abandoned(directory)
    fd = os.open(directory / token, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)
    request.session[_SESSION_KEY] = {"token": token, "name": name, "municipality": municipality.pk}


_ABANDONED_AFTER = 24 * 3600


def _remove_abandoned(directory: Path) -> None:
    """Uploads never confirmed nor cancelled (a closed browser tab) are removed after a day."""
    import time

    limit = time.time() - _ABANDONED_AFTER
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def _pending(request) -> tuple[bytes, str, Municipality] | None:
    state = request.session.get(_SESSION_KEY)
    if not state or not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", state.get("token", "")):
        return None
    path = _pending_dir() / state["token"]
    if not path.is_file():
        return None
    municipality = get_object_or_404(municipalities_for(request.user), pk=state["municipality"])
    if not access(request.user, municipality).edit:
        raise PermissionDenied(_("Bara en redaktör kan importera medborgarlöften."))
    return path.read_bytes(), state["name"], municipality


def _discard_pending(request) -> None:
    state = request.session.pop(_SESSION_KEY, None)
    if state and re.fullmatch(r"[A-Za-z0-9_-]{20,64}", state.get("token", "")):
        (_pending_dir() / state["token"]).unlink(missing_ok=True)


# ================================================================ rows <-> document


def initial_rows(document: ParsedDocument) -> list[dict]:
    keys = ("period", "title", "theme", "text", "parties", "count", "unit", "per", "activity_type", "area")
    rows = []
    for row in rows_of_document(document)[1:]:
        data = dict(zip(keys, row))
        data.pop("title")
        data["per"] = data["per"] or "period"
        rows.append(data)
    return rows


def corrected_document(set_forms, row_forms, original: ParsedDocument) -> ParsedDocument:
    """The document as corrected in the preview; PromiseImportError names a row ("rad 3") on error.

    Rows are numbered as in the preview (1 is the first row). Introductions and signatories are
    not edited in the preview; they are taken from the original document for the same period.
    """
    titles = {}
    for form in set_forms:
        titles[_set_key(form.cleaned_data["period"], form.cleaned_data["area"])] = form.cleaned_data["title"]
    rows = [list(COLUMNS)]
    for form in row_forms:
        data = form.cleaned_data
        if data.get("remove"):
            rows.append([""] * len(COLUMNS))  # Keeps the numbering of the rows below.
            continue
        rows.append([
            data["period"], titles.get(_set_key(data["period"], data["area"]), ""), data["theme"], data["text"],
            data["parties"], data["count"], data["unit"], PER_LABELS.get(data["per"], data["per"]) if data["unit"] else "",
            data["activity_type"], data["area"],
        ])
    # parse_rows numbers the header 1; the preview numbers the first row 1.
    try:
        document = parse_rows(rows)
    except PromiseImportError as exc:
        raise PromiseImportError(re.sub(r"rad (\d+)", lambda m: f"rad {int(m.group(1)) - 1}", str(exc))) from None
    originals = {s.key: s for s in original.promise_sets}
    for promise_set in document.promise_sets:
        source = originals.get(promise_set.key)
        if source is not None:
            promise_set.intro_paragraphs = list(source.intro_paragraphs)
            promise_set.signatories = list(source.signatories)
            promise_set.intro_known = source.intro_known
    document.warnings = list(original.warnings)
    return document


def row_hints(row_forms) -> list:
    """Löftesgranskning of each preview row that holds a commitment (None for the rows that only
    add a target to the one above): measurable when the row, or a target row under it, has a unit."""
    hints: list = []
    values = [((form["text"].value() or "").strip(), bool((form["unit"].value() or "").strip())) for form in row_forms]
    for index, (text, has_unit) in enumerate(values):
        if not text:
            hints.append(None)
            continue
        following = index + 1
        while following < len(values) and not values[following][0]:
            has_unit = has_unit or values[following][1]
            following += 1
        hints.append(hint(text, has_unit))
    return hints


def _set_key(period: str, area: str) -> tuple:
    """A preview set's period and area as typed, compared the way the template compares them."""
    try:
        dates = periods.parse_period(period)
    except ValueError:
        dates = None
    return (" ".join((area or "").split()).casefold(), dates or period.strip())


def _attach_row_errors(message: str, row_forms) -> bool:
    """Put an error that names a preview row next to that row; True when it named one."""
    attached = False
    for part in message.split("; "):
        match = _ROW.match(part)
        if match and 1 <= int(match.group(1)) <= len(row_forms):
            row_forms[int(match.group(1)) - 1].add_error(None, part[match.end():])
            attached = True
    return attached


# ================================================================ views


def document_text(document: ParsedDocument) -> str:
    """The document's words (titles, introductions, commitments, signatories), to find the
    municipality it names."""
    parts = []
    for promise_set in document.promise_sets:
        parts += [promise_set.title, *promise_set.intro_paragraphs, *promise_set.signatories]
        for theme in promise_set.themes:
            parts += [theme.title or "", *(c.text for c in theme.commitments)]
    return "\n".join(parts)


def _change_municipality(request, municipalities) -> bool:
    """The preview's "Importera till …" switch: True when it moved the pending import."""
    state = request.session.get(_SESSION_KEY)
    chosen = next((m for m in municipalities if str(m.pk) == request.POST.get("municipality", "")), None)
    if not state or chosen is None:
        return False
    state["municipality"] = chosen.pk
    request.session[_SESSION_KEY] = state
    messages.info(request, _("Importen görs nu till %(name)s.") % {"name": chosen.name})
    return True


def _ui_message(message: str) -> str:
    """The importer speaks of the command's --replace; in the workspace it is a check box."""
    return message.replace("använd --replace för att ersätta", _("kryssa i «Ersätt» för att ersätta"))


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    municipalities = editable_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied(_("Bara en redaktör kan importera medborgarlöften."))
    own = own_municipality(request.user, municipalities)
    form = UploadForm(request.POST or None, request.FILES or None, municipalities=municipalities,
                      initial={"municipality": own, "suggested": own.pk if own else None})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload:
            raw, name = upload.read(MAX_BYTES + 1), Path(upload.name or "dokument").name
        else:
            raw, name = form.cleaned_data["text"].encode("utf-8"), "inklistrad-text.txt"
        try:
            read = read_document(raw)
        except PromiseImportError as exc:
            form.add_error("file" if upload else "text", str(exc))
        else:
            municipality = form.cleaned_data["municipality"]
            named = named_municipality(document_text(read.document), municipalities)
            if named is not None and named != municipality and form.cleaned_data["suggested"] == municipality.pk:
                # Left at the suggestion: the municipality the document names (one the user edits) decides.
                municipality = named
            _store_pending(request, raw, name, municipality)
            return redirect("staff:import_preview")
    return render(request, "staff/import_start.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request):
    municipalities = editable_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied(_("Bara en redaktör kan importera medborgarlöften."))
    if request.method == "POST" and request.POST.get("action") == "municipality":
        _change_municipality(request, municipalities)
        return redirect("staff:import_preview")
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("Ingen import väntar; börja med att välja ett dokument."))
        return redirect("staff:import_start")
    raw, name, municipality = pending
    try:
        read = read_document(raw)
    except PromiseImportError as exc:  # The file was checked on upload; this only guards against change.
        _discard_pending(request)
        messages.error(request, str(exc))
        return redirect("staff:import_start")
    original = read.document
    if request.method == "POST" and request.POST.get("action") == "cancel":
        _discard_pending(request)
        messages.info(request, _("Importen avbröts; inget sparades."))
        return redirect("staff:import_start")
    if request.method == "POST":
        set_forms = SetFormSet(request.POST, prefix="set")
        row_forms = RowFormSet(request.POST, prefix="row")
        confirm = ConfirmForm(request.POST)
    else:
        set_forms = SetFormSet(prefix="set", initial=[
            {"period": periods.period_value(s.dates) if s.dates else "", "area": s.area or "", "title": s.title}
            for s in original.promise_sets
        ])
        row_forms = RowFormSet(prefix="row", initial=initial_rows(original))
        confirm = ConfirmForm()
    problem = None
    plan = None
    if request.method != "POST":
        # The plan for the document as read; the forms show it for correcting.
        try:
            plan = import_text(raw, name, municipality, dry_run=True, document=original).lines()
        except PromiseImportError as exc:
            problem = _ui_message(str(exc))
    elif set_forms.is_valid() and row_forms.is_valid() and confirm.is_valid():
        try:
            document = corrected_document(set_forms, row_forms, original)
            result = import_text(raw, name, municipality, replace=confirm.cleaned_data["replace"],
                                 user=request.user, document=document)
        except PromiseImportError as exc:
            if not _attach_row_errors(str(exc), row_forms.forms):
                problem = _ui_message(str(exc))
        else:
            _discard_pending(request)
            messages.success(request, _("Importen är klar: %(summary)s.") % {"summary": "; ".join(result.lines())})
            return redirect("staff:promise_sets")
    hints = row_hints(row_forms.forms)
    commitment_hints = [h for h in hints if h is not None]
    named = named_municipality(document_text(original))
    return render(request, "staff/import_preview.html", {
        "municipality": municipality, "name": name, "format": read.label, "document": original,
        "named": named if named != municipality else None,
        "named_editable": named in municipalities and named != municipality,
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "set_forms": set_forms, "row_forms": row_forms, "confirm": confirm, "problem": problem, "plan": plan,
        "rows": list(zip(row_forms.forms, hints)),
        "measurable": sum(1 for h in commitment_hints if h.review.measurable), "commitment_total": len(commitment_hints),
    })
