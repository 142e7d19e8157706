"""One error shape for everything under /api/: RFC 9457 problem details, in Swedish.

`problem()` builds the response; the API's exception handlers (lofte.api.v1) and the middleware
(lofte.api.middleware, for errors raised outside the API's views: an unknown address, a body too
large, a method not offered, a server error) all answer through it.
"""

from __future__ import annotations

import json

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"

# Swedish titles per status: what went wrong, in a few words.
TITLES = {
    400: "Felaktig begäran",
    401: "API-nyckel saknas eller gäller inte",
    403: "Inte tillåtet",
    404: "Finns inte",
    405: "Metoden stöds inte",
    406: "Formatet stöds inte",
    413: "Begäran är för stor",
    415: "Formatet stöds inte",
    429: "För många anrop",
    500: "Serverfel",
    503: "Tjänsten är tillfälligt otillgänglig",
}

DETAILS = {
    400: "Begäran var felaktig eller ofullständig.",
    401: "Ange en giltig API-nyckel i rubriken Authorization: Bearer <nyckel>.",
    403: "API-nyckeln får inte göra det här.",
    404: "Adressen finns inte i API:et. Se /api/v1/docs för de adresser som finns.",
    405: "Adressen finns, men den tar inte emot den här metoden.",
    413: "Det som skickades är större än vad API:et tar emot.",
    429: "Vänta det antal sekunder som rubriken Retry-After anger och försök igen.",
    500: "Något gick fel hos oss. Felet är loggat; försök igen senare.",
    503: "Databasen är upptagen just nu. Försök igen om några sekunder.",
}


def problem(status: int, detail: str | None = None, *, title: str | None = None, headers: dict | None = None,
            **extensions) -> HttpResponse:
    """A problem-details response: type, title, status, detail, plus any extension members."""
    body = {
        "type": "about:blank",
        "title": title or TITLES.get(status, "Fel"),
        "status": status,
        "detail": detail or DETAILS.get(status, TITLES.get(status, "Fel")),
        **extensions,
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                            content_type=f"{CONTENT_TYPE}; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def is_problem(response) -> bool:
    return response.get("Content-Type", "").startswith(CONTENT_TYPE)
