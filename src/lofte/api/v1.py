"""Version 1 of the open-data API: its endpoints, errors and OpenAPI document (django-ninja).

Views are thin: the querysets and items come from lofte.api.reads (through the domain's publication
and privacy functions), pages from lofte.api.pagination, writes from lofte.activities.forms and
lofte.activities.recording. Rate limits, ETags, HEAD and the problem details of errors raised
outside these views are lofte.api.middleware's; CORS is django-cors-headers'.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime
from typing import Annotated

from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer
from ninja.responses import Status as WithStatus
from ninja.security import HttpBearer
from pydantic import BeforeValidator

from lofte.activities import types
from lofte.activities.forms import ActivityForm
from lofte.activities.recording import record_activity
from lofte.api import reads, schemas
from lofte.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate, paginate_filtered
from lofte.api.problems import CONTENT_TYPE, problem
from lofte.core.demo import demo_is_loaded
from lofte.core.permissions import token_municipalities
from lofte.core.tokens import actor_name, token_for_key
from lofte.promises.status import Status

logger = logging.getLogger("lofte.api")

DESCRIPTION = """Öppna data om medborgarlöften: kommuner, medborgarlöften, teman, löften med beräknad status,
genomförda insatser, fynd från trygghetsvandringar, möten, synpunkter med svar, indikatorer,
observationer och publicerade uppföljningar. Allt som visas här är publicerat; känsliga insatstyper redovisas bara som
summor per period, och antal under 5 som "färre än 5".

Listor sidindelas med en markör (`cursor`): följ adressen i `next` tills den är `null`.
Fel beskrivs som RFC 9457 problem details (`application/problem+json`). Läsning är öppen och
tillåter CORS; att registrera insatser kräver en API-nyckel (`Authorization: Bearer <nyckel>`)."""


class Docs(Swagger):
    """Swagger UI from the vendored files django-ninja ships, in a page of our own (Swedish, lang="sv",
    a link to the document for readers without JavaScript); its start code is a static file, so the
    strict Content-Security-Policy holds."""

    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        url = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps({**self.settings, "url": url}), "api": api, "openapi_url": url}
        return render(request, self.template, context)


class ApiKey(HttpBearer):
    """An organisation's API key (lofte.core.tokens): revoked and expired keys are refused."""

    def authenticate(self, request, token):
        return token_for_key(token.strip())


class Renderer(JSONRenderer):
    # Swedish text as UTF-8, not \u escapes: readable with curl, smaller.
    json_dumps_params = {"ensure_ascii": False}


class Api(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return with_problem_responses(schema)


api = Api(
    title="Löfte – öppna data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Docs(settings={"deepLinking": True, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Renderer(),
)

# Every operation may answer these; the middleware makes sure each is problem details.
COMMON_ERRORS = {
    "400": "Felaktig begäran: en parameter eller ett fält är ogiltigt.",
    "404": "Finns inte.",
    "405": "Metoden stöds inte.",
    "429": "För många anrop: vänta så många sekunder som Retry-After anger.",
    "500": "Serverfel.",
    "503": "Tillfälligt otillgänglig: försök igen om några sekunder.",
}


def with_problem_responses(schema: dict) -> dict:
    """Document the error responses of every operation as problem details, and 304 for reads."""
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in schema.get("paths", {}).values():
        for method, operation in path.items():
            # django-ninja keys responses by int; JSON has string keys, and so does this function.
            responses = operation["responses"] = {str(k): v for k, v in operation.get("responses", {}).items()}
            codes = dict(COMMON_ERRORS)
            if "security" in operation:
                codes["401"] = "API-nyckel saknas, är återkallad eller har gått ut."
            if method == "post":
                codes["413"] = "Det som skickades är för stort."
            for code, description in codes.items():
                responses[code] = {"description": description, "content": {CONTENT_TYPE: {"schema": ref}}}
            for code, response in responses.items():
                if code.startswith(("4", "5")) and "application/json" in response.get("content", {}):
                    response["content"] = {CONTENT_TYPE: response["content"].pop("application/json")}
            if method == "get":
                responses["304"] = {"description": "Oförändrad sedan If-None-Match (samma ETag)."}
    return schema


# ---------------------------------------------------------------------------------------------
# Errors: problem details for everything the views raise


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "payload")]
    return ".".join(parts) or "body"


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$", re.IGNORECASE)
DATE_WORDS = "ska vara ett datum som ÅÅÅÅ-MM-DD"
DATETIME_WORDS = "ska vara en tidpunkt enligt RFC 3339, t.ex. 2026-01-31T12:00:00+01:00"


def _iso(pattern: re.Pattern, words: str):
    """Only ISO text: pydantic would also take a number as a Unix time, which no user means."""

    def check(value):
        if value is None or (isinstance(value, str) and pattern.match(value)):
            return value
        raise ValueError(words)

    return BeforeValidator(check)


IsoDate = Annotated[date | None, _iso(DATE_RE, DATE_WORDS)]
IsoDateTime = Annotated[datetime | None, _iso(DATETIME_RE, DATETIME_WORDS)]

_PYDANTIC_SV = {
    "missing": "saknas",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "date_from_datetime_parsing": DATE_WORDS,
    "date_from_datetime_inexact": DATE_WORDS,
    "date_parsing": DATE_WORDS,
    "date_type": DATE_WORDS,
    "datetime_from_date_parsing": DATETIME_WORDS,
    "datetime_parsing": DATETIME_WORDS,
    "datetime_type": DATETIME_WORDS,
    "string_type": "ska vara en text",
    "bool_parsing": "ska vara true eller false",
    "json_invalid": "är inte giltig JSON",
    "model_attributes_type": "ska vara ett JSON-objekt",
    "dict_type": "ska vara ett JSON-objekt",
}


def _error_words(error: dict) -> str:
    if error.get("type") == "value_error":  # our own validators' Swedish words
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return _PYDANTIC_SV.get(error.get("type", ""), "har ett ogiltigt värde")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = [{"field": _field_name(e.get("loc", ())), "detail": _error_words(e)} for e in exc.errors]
    where = ["fältet" if e.get("loc", ("",))[0] in ("body", "payload") else "parametern" for e in exc.errors]
    detail = "; ".join(f"{w} {e['field']} {e['detail']}" for w, e in zip(where, errors)) or "begäran är ogiltig"
    return problem(400, detail[0].upper() + detail[1:] + ".", errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem(401, headers={"WWW-Authenticate": "Bearer"})


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problem(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem(404, str(exc) or None)


@api.exception_handler(Exception)
def _server_error(request, exc):
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable for %s: %s", request.path, exc)
        return problem(503, headers={"Retry-After": "5"})
    logger.exception("API error at %s", request.path)
    return problem(500)


# ---------------------------------------------------------------------------------------------
# Reads

LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Antal per sida (1–{MAX_LIMIT}).")
CURSOR = Query(None, description="Markören från föregående sidas next; utelämnas för första sidan.")
MUNICIPALITY = Query(None, description="Kommunkod (0486) eller namnet i webbadressen (strangnas).")
COUNTY = Query(None, description="Länskod med två siffror, t.ex. 04.")
PERIOD = Query(None, description="År (2022), två år (2022-2023) eller två datum (2022-07-01--2023-06-30).")
UPDATED_SINCE = Query(None, description="Bara det som ändrats sedan tidpunkten (RFC 3339, t.ex. "
                            "2026-01-31T12:00:00+01:00).")


def _page(page: Page) -> dict:
    return {"items": page.items, "next": page.next, "demo": demo_is_loaded()}


def _since(queryset, updated_since: datetime | None, field: str):
    if updated_since is None:
        return queryset
    return queryset.filter(**{f"{field}__gte": updated_since})


@api.get("/municipalities", response={200: schemas.page_of(schemas.Municipality), 400: schemas.Problem},
         tags=["Kommuner"], summary="Kommuner med län och kommundelar")
def municipality_list(request, county: str | None = COUNTY, updated_since: IsoDateTime = UPDATED_SINCE,
                      cursor: str | None = CURSOR, limit: int = LIMIT):
    queryset = reads.municipalities()
    if county:
        queryset = queryset.filter(county_code=reads.county_filter(county))
    queryset = _since(queryset, updated_since, "content_changed_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.municipality_items))


@api.get("/municipalities/{code}", response={200: schemas.Municipality, 404: schemas.Problem},
         tags=["Kommuner"], summary="En kommun")
def municipality_detail(request, code: str):
    found = reads.municipalities().filter(code=code).first() or reads.municipalities().filter(slug=code).first()
    if found is None:
        raise Http404("Kommunen finns inte.")
    return reads.municipality_items([found])[0]


@api.get("/promise-sets", response={200: schemas.page_of(schemas.PromiseSet), 400: schemas.Problem},
         tags=["Medborgarlöften"], summary="Publicerade medborgarlöften")
def promise_set_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                     period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                     cursor: str | None = CURSOR, limit: int = LIMIT):
    queryset = reads.place(reads.promise_sets(), municipality, county)
    queryset = reads.overlapping(queryset, reads.period_filter(period))
    queryset = _since(queryset, updated_since, "updated_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.promise_set_items))


@api.get("/promise-sets/{promise_set_id}", response={200: schemas.PromiseSet, 404: schemas.Problem},
         tags=["Medborgarlöften"], summary="Ett medborgarlöfte")
def promise_set_detail(request, promise_set_id: int):
    found = reads.promise_sets().filter(pk=promise_set_id).first()
    if found is None:
        raise Http404("Medborgarlöftet finns inte eller är inte publicerat.")
    return reads.promise_set_items([found])[0]


@api.get("/themes", response={200: schemas.page_of(schemas.Theme), 400: schemas.Problem},
         tags=["Medborgarlöften"], summary="Teman (fokusområden) i publicerade medborgarlöften")
def theme_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
               promise_set: int | None = Query(None, description="Medborgarlöftets id."),
               cursor: str | None = CURSOR, limit: int = LIMIT):
    queryset = reads.place(reads.themes(), municipality, county, path="promise_set__municipality")
    if promise_set is not None:
        queryset = queryset.filter(promise_set_id=promise_set)
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.theme_items))


STATUS_HELP = "Beräknad status: " + ", ".join(f"{s.value} ({s.label})" for s in Status) + "."


def _status_filter(status: str | None) -> str | None:
    if status and status not in {s.value for s in Status}:
        raise HttpError(400, f"Statusen {status!r} finns inte. {STATUS_HELP}")
    return status


def _as_of(as_of: date | None) -> date:
    if as_of is not None and not date(2000, 1, 1) <= as_of <= date(2100, 12, 31):
        raise HttpError(400, "Parametern as_of ska vara ett datum mellan 2000-01-01 och 2100-12-31.")
    return as_of or timezone.localdate()


@api.get("/commitments", response={200: schemas.page_of(schemas.Commitment), 400: schemas.Problem},
         tags=["Medborgarlöften"], summary="Löften med beräknad status och framsteg")
def commitment_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                    promise_set: int | None = Query(None, description="Medborgarlöftets id."),
                    period: str | None = PERIOD,
                    status: str | None = Query(None, description=STATUS_HELP),
                    as_of: IsoDate = Query(None, description="Status per datum (ÅÅÅÅ-MM-DD); i dag om utelämnat."),
                    updated_since: IsoDateTime = UPDATED_SINCE,
                    cursor: str | None = CURSOR, limit: int = LIMIT):
    queryset = reads.place(reads.commitments(), municipality, county, path="promise_set__municipality")
    if promise_set is not None:
        queryset = queryset.filter(promise_set_id=promise_set)
    queryset = reads.overlapping(queryset, reads.period_filter(period), "promise_set__start", "promise_set__end")
    if updated_since is not None:
        queryset = reads.changed_commitments(queryset, updated_since)
    wanted = _status_filter(status)
    day = _as_of(as_of)
    if not wanted:
        build = lambda rows: [item for _id, item in reads.commitment_items(rows, day)]  # noqa: E731
        return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=build))
    # Status is computed, so the filter applies after building: batches are read until the page is full.
    page = paginate_filtered(
        request, queryset, cursor=cursor, limit=limit, build=lambda rows: reads.commitment_items(rows, day),
        keep=lambda item: item["status"]["key"] == wanted,
    )
    return _page(page)


@api.get("/commitments/{commitment_id}", response={200: schemas.Commitment, 400: schemas.Problem,
                                                   404: schemas.Problem},
         tags=["Medborgarlöften"], summary="Ett löfte")
def commitment_detail(request, commitment_id: int,
                      as_of: IsoDate = Query(None, description="Status per datum (ÅÅÅÅ-MM-DD).")):
    found = reads.commitments().filter(pk=commitment_id)
    if not found.exists():
        raise Http404("Löftet finns inte eller är inte publicerat.")
    return reads.commitment_items(list(found), _as_of(as_of))[0][1]


def _activity_type_filter(queryset, type_: str | None):
    if not type_:
        return queryset
    if type_ not in types.REGISTRY:
        raise HttpError(400, f"Aktivitetstypen {type_!r} finns inte. Se /api/v1/activity-types.")
    if types.get(type_).sensitive:
        raise HttpError(400, f"{types.get(type_).label} redovisas bara som summor per period: se "
                             "/api/v1/activity-totals.")
    return queryset.filter(type=type_)


@api.get("/activities", response={200: schemas.page_of(schemas.Activity), 400: schemas.Problem},
         tags=["Insatser"], summary="Genomförda insatser, en och en (inte känsliga typer)")
def activity_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                  type: str | None = Query(None, description="Aktivitetstyp, t.ex. safety_walk."),
                  commitment: int | None = Query(None, description="Löftets id."),
                  promise_set: int | None = Query(None, description="Medborgarlöftets id."),
                  period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                  cursor: str | None = CURSOR, limit: int = LIMIT):
    from lofte.activities.models import Activity

    queryset = reads.place(reads.public_records(Activity.objects.all()), municipality, county)
    queryset = _activity_type_filter(queryset, type)
    if commitment is not None:
        queryset = queryset.filter(commitments=commitment)
    if promise_set is not None:
        queryset = queryset.filter(commitments__promise_set=promise_set)
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(date__gte=chosen.start, date__lte=chosen.end)
    queryset = _since(queryset, updated_since, "updated_at")
    if commitment is not None or promise_set is not None:
        queryset = queryset.distinct()
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.activity_items))


@api.get("/activity-totals", response={200: schemas.page_of(schemas.ActivityTotal), 400: schemas.Problem},
         tags=["Insatser"], summary="Känsliga insatstyper som summor per medborgarlöfte")
def activity_totals(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                    promise_set: int | None = Query(None, description="Medborgarlöftets id."),
                    cursor: str | None = CURSOR, limit: int = Query(20, ge=1, le=50)):
    queryset = reads.place(reads.promise_sets(), municipality, county)
    if promise_set is not None:
        queryset = queryset.filter(pk=promise_set)
    page = paginate(request, queryset, cursor=cursor, limit=limit, build=reads.activity_total_items)
    page.items = [total for _id, totals in page.items for total in totals]
    return _page(page)


@api.get("/activity-types", response={200: list[schemas.ActivityType]}, tags=["Insatser"],
         summary="Aktivitetstyperna och deras fält")
def activity_type_list(request):
    return reads.activity_type_items()


@api.get("/findings", response={200: schemas.page_of(schemas.Finding), 400: schemas.Problem},
         tags=["Trygghetsvandringar"], summary="Fynd från publicerade trygghetsvandringar")
def finding_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                 status: str | None = Query(None, description="open, fixed, closed eller en enskild status."),
                 type: str | None = Query(None, description="Kategori, t.ex. lighting."),
                 period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                 cursor: str | None = CURSOR, limit: int = LIMIT):
    from lofte.walks.models import Category

    queryset = reads.finding_status_filter(reads.place(reads.findings(), municipality, county), status)
    if type:
        if type not in Category.values:
            raise HttpError(400, f"Kategorin {type!r} finns inte. Ange en av {', '.join(Category.values)}.")
        queryset = queryset.filter(category=type)
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(walk__date__gte=chosen.start, walk__date__lte=chosen.end)
    queryset = _since(queryset, updated_since, "updated_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.finding_items))


@api.get("/meetings", response={200: schemas.page_of(schemas.Meeting), 400: schemas.Problem},
         tags=["Dialog"], summary="Offentliga möten (inställda ingår, markerade)")
def meeting_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                 type: str | None = Query(None, description="dialogue_meeting, safety_walk eller council_meeting."),
                 period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                 cursor: str | None = CURSOR, limit: int = LIMIT):
    from lofte.dialogue.models import Meeting

    queryset = reads.place(reads.meetings(), municipality, county)
    if type:
        if type not in Meeting.Kind.values:
            raise HttpError(400, f"Mötestypen {type!r} finns inte. Ange en av {', '.join(Meeting.Kind.values)}.")
        queryset = queryset.filter(kind=type)
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(starts_at__date__gte=chosen.start, starts_at__date__lte=chosen.end)
    queryset = _since(queryset, updated_since, "updated_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.meeting_items))


@api.get("/citizen-input", response={200: schemas.page_of(schemas.CitizenInput), 400: schemas.Problem},
         tags=["Dialog"], summary="Publicerade synpunkter med svar")
def citizen_input_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                       status: str | None = Query(None, description="answered eller unanswered."),
                       period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                       cursor: str | None = CURSOR, limit: int = LIMIT):
    from django.db.models import Q

    queryset = reads.place(reads.citizen_inputs(), municipality, county)
    if status == "answered":
        queryset = queryset.filter(answered_at__isnull=False)
    elif status == "unanswered":
        queryset = queryset.filter(answered_at__isnull=True)
    elif status:
        raise HttpError(400, "Parametern status ska vara answered eller unanswered.")
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(created_at__date__gte=chosen.start, created_at__date__lte=chosen.end)
    if updated_since is not None:
        since = updated_since
        queryset = queryset.filter(Q(moderated_at__gte=since) | Q(answered_at__gte=since))
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.citizen_input_items))


@api.get("/indicators", response={200: schemas.page_of(schemas.Indicator), 400: schemas.Problem},
         tags=["Lägesbild"], summary="Indikatorer med publicerade värden")
def indicator_list(request, type: str | None = Query(None, description="Tema, t.ex. crime eller safety."),
                   updated_since: IsoDateTime = UPDATED_SINCE,
                   cursor: str | None = CURSOR, limit: int = LIMIT):
    from lofte.situation.models import Indicator

    queryset = reads.indicators()
    if type:
        if type not in Indicator.Theme.values:
            raise HttpError(400, f"Temat {type!r} finns inte. Ange en av {', '.join(Indicator.Theme.values)}.")
        queryset = queryset.filter(theme=type)
    queryset = _since(queryset, updated_since, "updated_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.indicator_items))


@api.get("/observations", response={200: schemas.page_of(schemas.Observation), 400: schemas.Problem},
         tags=["Lägesbild"], summary="Publicerade värden (observationer) av indikatorerna")
def observation_list(request, indicator: str | None = Query(None, description="Indikatorns nyckel, t.ex. kolada:N07403."),
                     municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                     period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                     cursor: str | None = CURSOR, limit: int = Query(100, ge=1, le=1000)):
    queryset = reads.observations()
    if indicator:
        queryset = queryset.filter(series__indicator__key=indicator)
    m = reads.municipality_filter(municipality)
    if m is not None:
        queryset = queryset.filter(series__region=m.code)
    c = reads.county_filter(county)
    if c is not None:
        queryset = queryset.filter(series__region__startswith=c)
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(period_start__gte=chosen.start, period_start__lte=chosen.end)
    queryset = _since(queryset, updated_since, "run__finished_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.observation_items))


@api.get("/reports", response={200: schemas.page_of(schemas.Report), 400: schemas.Problem},
         tags=["Uppföljningar"], summary="Publicerade uppföljningar, som de publicerades")
def report_list(request, municipality: str | None = MUNICIPALITY, county: str | None = COUNTY,
                period: str | None = PERIOD, updated_since: IsoDateTime = UPDATED_SINCE,
                cursor: str | None = CURSOR, limit: int = LIMIT):
    queryset = reads.place(reads.reports(), municipality, county)
    chosen = reads.period_filter(period)
    if chosen is not None:
        queryset = queryset.filter(as_of__gte=chosen.start, as_of__lte=chosen.end)
    queryset = _since(queryset, updated_since, "published_at")
    return _page(paginate(request, queryset, cursor=cursor, limit=limit, build=reads.report_items))


@api.get("/reports/{report_id}", response={200: schemas.Report, 404: schemas.Problem},
         tags=["Uppföljningar"], summary="En publicerad uppföljning")
def report_detail(request, report_id: int):
    found = reads.reports().filter(pk=report_id).first()
    if found is None:
        raise Http404("Uppföljningen finns inte eller är inte publicerad.")
    return reads.report_items([found])[0]


# ---------------------------------------------------------------------------------------------
# Writes: an organisation's integration records work with its API key


def _form_data(payload: schemas.NewActivity, activity_type: types.ActivityType) -> dict:
    """The JSON body as the staff form's fields, so that ActivityForm validates it unchanged."""
    data = {
        "type": payload.type, "commitment": str(payload.commitment), "date": payload.date,
        "area": "" if payload.area is None else str(payload.area),
        "count": "" if payload.count is None else str(payload.count),
        "public_note": payload.public_note,
    }
    for spec in activity_type.fields:
        value = payload.details.get(spec.name)
        if isinstance(value, bool):
            value = "ja" if value else "nej"
        data[spec.name] = value if isinstance(value, list) else "" if value is None else str(value)
    return data


@api.post("/activities", auth=ApiKey(), response={201: schemas.Created, 400: schemas.Problem},
          tags=["Insatser"], summary="Registrera en genomförd insats (kräver API-nyckel)")
def activity_create(request, payload: schemas.NewActivity):
    token = request.auth
    activity_type = types.REGISTRY.get(payload.type)
    if activity_type is None:
        return problem(400, f"Aktivitetstypen {payload.type!r} finns inte. Se /api/v1/activity-types.",
                       errors=[{"field": "type", "detail": "okänd aktivitetstyp"}])
    unknown = sorted(set(payload.details) - {f.name for f in activity_type.fields})
    if unknown:
        return problem(400, f"Okända fält för {activity_type.label}: {', '.join(unknown)}.",
                       errors=[{"field": f"details.{name}", "detail": "okänt fält"} for name in unknown])
    form = ActivityForm(_form_data(payload, activity_type), activity_type=activity_type,
                        municipalities=token_municipalities(token), show_ended=True)
    if not form.is_valid():
        errors = [{"field": name, "detail": message} for name, messages in form.errors.items() for message in messages]
        return problem(400, " ".join(f"{e['field']}: {e['detail']}" for e in errors), errors=errors)
    try:
        with transaction.atomic():
            activity = record_activity(user=None, type=activity_type.key, organisations=[token.organisation],
                                       actor=actor_name(token), **form.values())
    except DatabaseError:
        logger.warning("API activity not stored", exc_info=True)
        return problem(503, headers={"Retry-After": "5"})
    return WithStatus(201, {
        "id": activity.pk, "type": activity.type, "date": activity.date,
        "municipality": form.cleaned_data["commitment"].promise_set.municipality.code,
        "commitment": form.cleaned_data["commitment"].pk,
    })
