"""The activity-type registry: the one place where a kind of recorded work is defined.

Each type has a stable key (stored in the database, used in imports and the API), Swedish labels
for the UI, and whether it is sensitive: a sensitive type concerns individuals (minors, suspicion of
crime), so its public figures are aggregated per period and small counts are suppressed.

Each type also declares its own fields (a small declarative `FieldSpec` list). From that one list
come the type's staff form fields (`form_fields()`), the validation and storage of the values in
`Activity.details` (`clean_details()`), the public presentation (`public_details()`, which leaves
out staff-only fields), and the numeric figures that a target may sum (`figures()`). Adding a type is
adding one `ActivityType(...)` below: no schema change, no other file.

No field stores anything that identifies the people an activity concerns (DESIGN.md §3): fields hold
organisations, places, themes and counts. The free text of sensitive types is staff-only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Field kinds understood by the registry. Each maps to one Django form field and one JSON value.
INTEGER, TEXT, LONG_TEXT, YES_NO, CHOICE, MULTIPLE_CHOICE, DATE, URL = (
    "integer", "text", "long_text", "yes_no", "choice", "multiple_choice", "date", "url",
)

YES_NO_CHOICES = [("ja", _("Ja")), ("nej", _("Nej"))]


@dataclass(frozen=True)
class FieldSpec:
    """One type-specific field of an activity record, stored under `name` in Activity.details."""

    name: str
    label: str
    kind: str
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    # Staff-only fields are shown in the workspace and its CSV export, never in any public output.
    staff_only: bool = False
    # An integer field that is a figure: targets may sum it ("minst 200 deltagare").
    figure: bool = False
    max_length: int = 200
    max_value: int = 100_000

    def form_field(self) -> forms.Field:
        common = {"label": self.label, "required": self.required, "help_text": self.help}
        if self.kind == INTEGER:
            return forms.IntegerField(
                min_value=0, max_value=self.max_value, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **common,
            )
        if self.kind == TEXT:
            return forms.CharField(max_length=self.max_length, **common)
        if self.kind == LONG_TEXT:
            return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
        if self.kind == YES_NO:
            # Radio buttons, not a checkbox: an unticked box cannot tell "no" from "not answered".
            return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
        if self.kind == CHOICE:
            choices = list(self.choices) if self.required else [("", "–"), *self.choices]
            return forms.ChoiceField(choices=choices, **common)
        if self.kind == MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(choices=self.choices, widget=forms.CheckboxSelectMultiple, **common)
        if self.kind == DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")}, **common,
            )
        if self.kind == URL:
            return forms.URLField(
                max_length=500, assume_scheme="https", validators=[validate_web_url],
                error_messages={"invalid": _("Ange en webbadress som börjar med https:// eller http://.")},
                **common,
            )
        raise ValueError(f"Unknown field kind {self.kind!r}")

    def to_json(self, value):
        """The cleaned form value as stored in Activity.details (None when left empty)."""
        if value in (None, "", []):
            return None
        if self.kind == YES_NO:
            return value == "ja"
        if self.kind == DATE:
            return value.isoformat()
        if self.kind == MULTIPLE_CHOICE:
            return list(value)
        return value

    def to_initial(self, value):
        """A stored value as the form's initial value."""
        if value is None:
            return None
        if self.kind == YES_NO:
            return "ja" if value else "nej"
        if self.kind == DATE:
            return date.fromisoformat(value)
        return value

    def display(self, value) -> str:
        """A stored value as text for people (pages, CSV)."""
        if value is None or value == "" or value == []:
            return ""
        if self.kind == YES_NO:
            return str(_("Ja")) if value else str(_("Nej"))
        if self.kind in (CHOICE, MULTIPLE_CHOICE):
            labels = dict(self.choices)
            values = value if isinstance(value, list) else [value]
            return ", ".join(str(labels.get(v, v)) for v in values)
        return str(value)


def validate_web_url(value: str) -> None:
    # Only links a browser opens safely: no javascript:, data: or file: addresses on public pages.
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValidationError(_("Ange en webbadress som börjar med https:// eller http://."), code="invalid")


@dataclass(frozen=True)
class ActivityType:
    key: str
    label: str
    plural: str
    sensitive: bool = False
    fields: tuple[FieldSpec, ...] = ()
    # Whether the form asks where (a kommundel). Sensitive types never do: a place narrows down people.
    asks_area: bool = True
    # Whether the form asks how many (e.g. home visits in a month); otherwise a record is one activity.
    asks_count: bool = False
    count_label: str = _("Antal")
    # Home visits are recorded per month: the form asks for a month, never the date of a single visit.
    per_month: bool = False
    # The public free-text note: its label, whether required; None for sensitive types (no public text).
    note_label: str | None = _("Offentlig kommentar")
    note_required: bool = False
    # Checks across fields (dates in order, …): gets the cleaned details and the activity date,
    # returns {field name: error message}.
    check: Callable[[dict, date | None], dict[str, str]] | None = None

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def form_fields(self) -> dict[str, forms.Field]:
        return {f.name: f.form_field() for f in self.fields}

    def clean_details(self, cleaned: dict, on: date | None = None) -> tuple[dict, dict[str, str]]:
        """The JSON to store from cleaned form data, and errors of checks across fields."""
        details = {}
        for spec in self.fields:
            value = spec.to_json(cleaned.get(spec.name))
            if value is not None:
                details[spec.name] = value
        errors = self.check(details, on) if self.check else {}
        return details, errors

    def stored_errors(self, details: dict) -> dict[str, str]:
        """Problems of details stored or imported without the form (demo data, future API): name -> message."""
        errors = {name: "okänt fält" for name in details if name not in {f.name for f in self.fields}}
        for spec in self.fields:
            try:
                spec.form_field().clean(spec.to_initial(details.get(spec.name)))
            except (ValidationError, TypeError, ValueError) as exc:
                errors[spec.name] = "; ".join(getattr(exc, "messages", [str(exc)]))
        return errors

    def initial(self, details: dict) -> dict:
        return {f.name: f.to_initial(details.get(f.name)) for f in self.fields if f.name in details}

    def public_details(self, details: dict) -> list[tuple[str, str, str]]:
        """(label, text, link) of what may be shown in public: never staff-only fields, never sensitive types.

        `link` is the address of a URL field (validated http/https when stored), else empty.
        """
        if self.sensitive:
            return []
        return [
            (str(f.label), f.display(details.get(f.name)), f.display(details.get(f.name)) if f.kind == URL else "")
            for f in self.fields
            if not f.staff_only and f.display(details.get(f.name))
        ]

    def staff_details(self, details: dict) -> list[tuple[str, str, bool]]:
        """(label, text, staff only) for every filled field, for the workspace."""
        return [
            (str(f.label), f.display(details.get(f.name)), f.staff_only or self.sensitive)
            for f in self.fields
            if f.display(details.get(f.name))
        ]

    def figures(self) -> list[FieldSpec]:
        """The numeric figures a target may sum instead of counting records."""
        return [f for f in self.fields if f.figure]

    def figure_values(self, details: dict) -> dict[str, int]:
        return {f.name: int(details[f.name]) for f in self.figures() if isinstance(details.get(f.name), int)}


def _walk_dates_in_order(details: dict, on: date | None) -> dict[str, str]:
    """A safety walk's pre-meeting comes before the walk, its follow-up meeting after (Boverket, Brå)."""
    errors = {}
    before, after = details.get("pre_meeting_date"), details.get("follow_up_date")
    if on and before and date.fromisoformat(before) > on:
        errors["pre_meeting_date"] = str(_("Förmötet kan inte ligga efter vandringen."))
    if on and after and date.fromisoformat(after) < on:
        errors["follow_up_date"] = str(_("Uppföljningsmötet kan inte ligga före vandringen."))
    return errors


NO_NAMES = _("Skriv inga namn eller andra uppgifter om enskilda personer.")
ORGANISATIONS = FieldSpec(
    "organisations_present", _("Organisationer som deltog"), TEXT,
    help=_("Till exempel: Polisen, Strängnäs kommun, Räddningstjänsten, bostadsbolaget."),
)

TRAFFIC_FOCUS = (
    ("mopeds", _("Trimmade mopeder")),
    ("a_tractors", _("A-traktorer/EPA-traktorer")),
    ("moped_cars", _("Mopedbilar")),
    ("cyclists", _("Cyklister")),
    ("pedestrians", _("Gångtrafikanter")),
    ("speed", _("Hastighet")),
    ("other", _("Annat")),
)

COUNCIL_BODIES = (
    ("traffic_safety_council", _("Trafiksäkerhetsråd")),
    ("bra", _("Brottsförebyggande råd (BRÅ)")),
    ("est", _("Effektiv samordning för trygghet (EST)")),
    ("police_municipality", _("Regelbundet möte polis–kommun")),
    ("other", _("Annat")),
)

_TYPES = [
    ActivityType(
        "dialogue_meeting", _("Dialogmöte"), _("dialogmöten"),
        fields=(
            FieldSpec("place", _("Plats"), TEXT, help=_("Till exempel: biblioteket, bygdegården.")),
            FieldSpec("attendees", _("Antal deltagare"), INTEGER, figure=True),
            ORGANISATIONS,
            FieldSpec("topics", _("Frågor som togs upp"), LONG_TEXT, help=NO_NAMES),
            FieldSpec("promised", _("Vad som lovades i gengäld"), LONG_TEXT, help=NO_NAMES),
        ),
    ),
    ActivityType(
        "safety_walk", _("Trygghetsvandring"), _("trygghetsvandringar"),
        fields=(
            FieldSpec("route", _("Sträcka"), TEXT, help=_("Till exempel: stationen – gångtunneln – torget.")),
            FieldSpec(
                "light", _("Ljus"), CHOICE,
                choices=(("daylight", _("Dagsljus")), ("dark", _("Mörker"))),
            ),
            FieldSpec("participants", _("Antal deltagare"), INTEGER, figure=True),
            ORGANISATIONS,
            FieldSpec("pre_meeting_date", _("Datum för förmöte"), DATE),
            FieldSpec("follow_up_date", _("Datum för uppföljningsmöte"), DATE),
        ),
        check=_walk_dates_in_order,
    ),
    ActivityType(
        "parent_meeting", _("Föräldraträff"), _("föräldraträffar"),
        fields=(
            FieldSpec("theme", _("Tema"), TEXT),
            FieldSpec("attendees", _("Antal deltagare"), INTEGER, figure=True),
            FieldSpec("police_took_part", _("Polisen medverkade"), YES_NO),
        ),
    ),
    ActivityType(
        "school_drug_search", _("Narkotikasök med hund på skola"), _("narkotikasök"), sensitive=True,
        asks_area=False, note_label=None,
        fields=(
            FieldSpec("outside_school_hours", _("Utanför skoltid, utan elever på plats"), YES_NO, required=True),
            FieldSpec("informed_beforehand", _("Elever och vårdnadshavare informerades i förväg"), YES_NO,
                      required=True),
            FieldSpec("find", _("Fynd"), YES_NO, required=True),
            FieldSpec(
                "school", _("Skola"), TEXT, staff_only=True,
                help=_("Visas bara för personal, aldrig publikt. Skriv aldrig någon elev."),
            ),
            FieldSpec("staff_note", _("Intern anteckning"), LONG_TEXT, staff_only=True,
                      help=_("Visas bara för personal. ") + NO_NAMES),
        ),
    ),
    ActivityType(
        "home_visit", _("Hembesök enligt Linköpingsmodellen"), _("hembesök"), sensitive=True,
        asks_area=False, asks_count=True, count_label=_("Antal hembesök under månaden"), per_month=True,
        note_label=None,
        fields=(
            FieldSpec("staff_note", _("Intern anteckning"), LONG_TEXT, staff_only=True,
                      help=_("Visas bara för personal. Inga namn, adresser, åldrar eller datum för enskilda besök.")),
        ),
    ),
    ActivityType(
        "traffic_operation", _("Trafikinsats"), _("trafikinsatser"),
        fields=(
            FieldSpec("focus", _("Inriktning"), MULTIPLE_CHOICE, required=True, choices=TRAFFIC_FOCUS),
            FieldSpec("place", _("Plats eller område"), TEXT),
            FieldSpec("hours", _("Antal timmar"), INTEGER, max_value=1000),
            FieldSpec("checked", _("Kontrollerade fordon eller personer"), INTEGER, figure=True),
            FieldSpec("reports", _("Rapporter"), INTEGER, figure=True),
            FieldSpec("fines", _("Ordningsböter"), INTEGER, figure=True),
            FieldSpec("driving_bans", _("Körförbud"), INTEGER, figure=True),
            FieldSpec("informed", _("Personer som fick information"), INTEGER, figure=True),
        ),
    ),
    ActivityType(
        "information_campaign", _("Informationskampanj"), _("informationskampanjer"),
        fields=(
            FieldSpec("channel", _("Kanal"), TEXT, help=_("Till exempel: brev hem, sociala medier, affischer.")),
            FieldSpec("audience", _("Målgrupp"), TEXT),
            FieldSpec("reach", _("Räckvidd (antal nådda)"), INTEGER, figure=True, max_value=10_000_000),
            FieldSpec("link", _("Länk till materialet"), URL),
        ),
    ),
    ActivityType(
        "training", _("Utbildning/föreläsning"), _("utbildningar"),
        fields=(
            FieldSpec("audience", _("Målgrupp"), TEXT, help=_("Till exempel: kommunens personal, fritidsledare, allmänheten.")),
            FieldSpec("participants", _("Antal deltagare"), INTEGER, figure=True),
        ),
    ),
    ActivityType(
        "council_meeting", _("Samverkansmöte"), _("samverkansmöten"), note_label=_("Offentlig sammanfattning"),
        fields=(
            FieldSpec("body", _("Forum"), CHOICE, required=True, choices=COUNCIL_BODIES),
            ORGANISATIONS,
        ),
    ),
    ActivityType(
        "other", _("Övrigt"), _("övriga insatser"), asks_count=True, note_label=_("Beskrivning"), note_required=True,
    ),
]

REGISTRY: dict[str, ActivityType] = {t.key: t for t in _TYPES}

# Public figures of sensitive types below this are shown as "färre än 5" (DESIGN.md §3).
SMALL_COUNT_THRESHOLD = 5


def get(key: str) -> ActivityType:
    return REGISTRY[key]


def choices() -> list[tuple[str, str]]:
    return [(t.key, t.label) for t in _TYPES]


def all_types() -> list[ActivityType]:
    return list(_TYPES)


def figure_choices(type_key: str) -> list[tuple[str, str]]:
    """The figures a target of this type may sum, for the target editor."""
    if type_key not in REGISTRY:
        return []
    return [(f.name, f.label) for f in REGISTRY[type_key].figures()]


def figure_label(type_key: str, figure: str) -> str:
    activity_type = REGISTRY.get(type_key)
    if activity_type is None:
        return figure
    spec = next((f for f in activity_type.figures() if f.name == figure), None)
    return str(spec.label).lower() if spec else figure


def public_count(type_key: str, count: int) -> str:
    """The figure shown in public for `count` activities of a type: small sensitive counts hidden."""
    if REGISTRY[type_key].sensitive and 0 < count < SMALL_COUNT_THRESHOLD:
        return str(_("färre än 5"))
    return str(count)
