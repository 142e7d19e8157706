"""The shapes of the API's answers (pydantic, through django-ninja): the OpenAPI document's schemas.

Field names are English (the code's words, DESIGN.md §3); labels and texts are Swedish as on the site.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class Problem(Schema):
    """RFC 9457 problem details: every error under /api/ has this shape."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(..., examples=["Finns inte"])
    status: int = Field(..., examples=[404])
    detail: str = Field(..., examples=["Kommunen finns inte."])
    errors: list[FieldError] | None = Field(None, description="Fel per parameter eller fält (400).")


class FieldError(Schema):
    field: str
    detail: str


class Label(Schema):
    key: str
    label: str


class AreaRef(Schema):
    id: int
    slug: str
    name: str


class MunicipalityRef(Schema):
    code: str = Field(..., description="SCB:s kommunkod, t.ex. 0486.")
    slug: str
    name: str


class Municipality(MunicipalityRef):
    county_code: str = Field(..., description="Länskod, t.ex. 04.")
    county: str
    areas: list[AreaRef]
    has_promises: bool = Field(..., description="Om kommunen har minst ett publicerat medborgarlöfte.")
    url: str
    updated_at: datetime


class PromiseSet(Schema):
    id: int
    municipality: MunicipalityRef
    area: AreaRef | None = Field(..., description="Området löftet gäller; null: hela kommunen.")
    period: str = Field(..., description="Perioden som i webbadressen, t.ex. 2022-2023.")
    title: str
    intro: str
    start: date
    end: date
    ended: bool
    signatories: list[str]
    partners: list[str]
    commitment_count: int
    published_at: datetime | None
    updated_at: datetime
    url: str


class Theme(Schema):
    id: int
    promise_set: int
    title: str
    position: int


class TargetProgress(Schema):
    count: int | None = Field(..., description="Antal som lovades; null: alla kommundelar.")
    unit: str
    activity_type: str | None
    per: str = Field(..., description="period eller year.")
    covers_areas: bool
    figure: str | None = Field(..., description="Ett mätetal som summeras i stället för antal insatser.")
    done: int | None = Field(..., description="Räknat hittills; null när siffran döljs (färre än 5 av en känslig typ).")
    required: int | None
    percent: int | None
    suppressed: bool


class Verdict(Schema):
    verdict: Label
    assessed_on: date
    text: str
    evidence: list[str]
    organisation: str
    author: str


class Commitment(Schema):
    id: int
    promise_set: int
    municipality: str = Field(..., description="Kommunkod.")
    number: int
    theme: int | None
    short_title: str
    text: str
    parties: list[str]
    targets: list[TargetProgress]
    as_of: date
    status: Label
    progress: int | None = Field(..., description="Framsteg i procent (0–100); null utan mätbart mål eller när det döljs.")
    final: bool = Field(..., description="Perioden är slut: statusen är ett slutresultat.")
    final_assessment: Verdict | None
    url: str


class Detail(Schema):
    label: str
    text: str
    link: str | None


class Activity(Schema):
    id: int
    date: date
    type: Label
    municipality: str = Field(..., description="Kommunkod.")
    area: str | None
    count: int
    note: str
    details: list[Detail]
    commitments: list[int]
    recorded_on: date | None


class ActivityTotal(Schema):
    promise_set: int
    municipality: str
    type: Label
    start: date
    end: date
    count: int | None = Field(..., description="null när antalet är färre än 5.")
    count_text: str = Field(..., examples=["färre än 5", "12"])
    suppressed: bool


class Photo(Schema):
    url: str
    alt_text: str
    width: int
    height: int


class Walk(Schema):
    id: int
    date: date
    area: str | None


class Finding(Schema):
    id: int
    municipality: str
    walk: Walk
    category: Label
    description: str
    address: str
    latitude: float | None
    longitude: float | None
    owner: str
    deadline: date | None
    status: Label
    group: str = Field(..., description="open, fixed eller closed: åtgärdat räknas aldrig ihop med avslutat.")
    late: bool
    no_action_reason: str
    sent_to: str
    feedback_date: date | None
    photos: list[Photo]
    updated_at: datetime


class Meeting(Schema):
    id: int
    municipality: str
    title: str
    description: str
    kind: Label
    starts_at: datetime
    ends_at: datetime
    place: str
    area: str | None
    organiser: str | None
    commitment: int | None
    cancelled: bool
    held: bool
    url: str
    ics: str
    updated_at: datetime


class CitizenInput(Schema):
    """A published citizen message and its answer: "you said, we did"."""

    id: int
    municipality: str
    issue: str
    issue_date: date
    area: str | None
    commitment: int | None
    action: str | None
    action_date: date | None
    action_by: str | None
    action_by_person: str | None


class Indicator(Schema):
    key: str
    name: str
    description: str
    unit: str
    kind: str
    period_kind: str
    theme: Label
    source: Label
    source_ref: str
    source_url: str
    attribution: str
    licence: str
    decimals: int
    updated_at: datetime


class Observation(Schema):
    id: int
    indicator: str
    region: str = Field(..., description="SCB:s regionkod: 00 riket, två siffror ett län, fyra en kommun.")
    municipality: str | None
    area: str | None
    gender: str = Field(..., description="T totalt, K kvinnor, M män.")
    period_start: date
    value: float | None
    rate: float | None
    base: int | None
    status: str
    demo: bool


class NewActivity(Schema):
    """A record of work done, validated exactly as the staff form validates it."""

    type: str = Field(..., examples=["dialogue_meeting"], description="Aktivitetstyp (se /activity-types).")
    commitment: int = Field(..., description="Löftets id (se /commitments).")
    date: str = Field(..., examples=["2026-11-20"], description="ÅÅÅÅ-MM-DD (ÅÅÅÅ-MM för hembesök).")
    area: int | None = Field(None, description="Kommundelens id (se /municipalities).")
    count: int | None = None
    public_note: str = ""
    details: dict[str, str | int | bool | list[str] | None] = Field(
        default_factory=dict, description="Typens egna fält (se /activity-types).")


class Created(Schema):
    id: int
    type: str
    date: date
    municipality: str
    commitment: int


class FieldSpec(Schema):
    name: str
    label: str
    kind: str
    required: bool
    choices: list[Label]
    public: bool


class ActivityType(Schema):
    key: str
    label: str
    sensitive: bool
    asks_area: bool
    asks_count: bool
    per_month: bool
    note_required: bool
    fields: list[FieldSpec]


class ReportApproval(Schema):
    organisation: str
    approved_by: str
    approved_at: datetime


class Report(Schema):
    id: int
    municipality: MunicipalityRef
    promise_set: int = Field(..., description="Medborgarlöftets id (/promise-sets/{id}).")
    title: str
    as_of: date = Field(..., description="Uppföljningsdatum: läget som det var känt den dagen.")
    published_at: datetime | None
    approvals: list[ReportApproval]
    url: str
    pdf_url: str
    content: dict[str, Any] = Field(..., description="Innehållet som det publicerades (ändras aldrig efteråt).")


def page_of(item):
    """The schema of a page of `item`s: items, the next page's address, and the demo flag."""
    name = f"{item.__name__}Page"
    return type(name, (Schema,), {
        "__annotations__": {"items": list[item], "next": str | None, "demo": bool},
        "__doc__": f"En sida {item.__name__}. next: adressen till nästa sida, null på den sista.",
    })


Problem.model_rebuild()
