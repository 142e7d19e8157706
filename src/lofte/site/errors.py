"""Error pages and request limits: every error a visitor can meet is a Swedish page in the site's
look (lang="sv", no stack trace), and bodies larger than any form needs are refused before they
are read.

Django's own 400 and 403 (CSRF) pages are English; these replace them (urls.handler400,
handler403, CSRF_FAILURE_VIEW). The 404 and 500 pages are templates of their own (404.html,
500.html: the 500 page needs neither a request nor the database).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults


def error_page(status: int, heading: str, *explanation: str, request=None) -> HttpResponse:
    """A Swedish error page. Without `request` it renders no context processors (a request that
    failed early may not get that far), which the template allows for."""
    html = render_to_string("_error.html", {"heading": heading, "explanation": explanation}, request=request)
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    if isinstance(exception, TooManyFieldsSent):
        return error_page(
            400, _("Formuläret har för många fält"),
            _("Det du skickade hade fler fält än något formulär här har. Om du importerade ett mycket stort "
              "dokument: dela upp det och importera delarna var för sig."),
        )
    if isinstance(exception, RequestDataTooBig):
        return error_page(
            400, _("Det du skickade är för stort"),
            _("Formulärets text är större än vad som tas emot. Korta texten, eller ladda upp den som en fil."),
        )
    return error_page(400, _("Felaktig begäran"),
                      _("Sidan kunde inte visas eftersom begäran var felaktig eller ofullständig."),
                      _("Om du följde en länk: gå tillbaka och försök igen."))


def permission_denied(request, exception=None):
    # In the staff workspace the refusal is a page in its look, with the menu of what the user may
    # open (staff/templates/403.html); elsewhere the site's error page.
    if request is not None and request.path.startswith("/personal/"):
        return defaults.permission_denied(request, exception, template_name="403.html")
    # Our own refusals say why in Swedish ("Bara redaktörer granskar synpunkter."); others say nothing.
    reason = str(exception) if exception is not None and str(exception) else ""
    return error_page(403, _("Du har inte behörighet"),
                      reason or _("Du har inte behörighet att se sidan eller göra det du försökte."),
                      _("Om du tror att det är fel: fråga en administratör i din organisation."), request=request)


def csrf_failure(request, reason=""):
    return error_page(
        403, _("Formuläret kunde inte skickas"),
        _("Säkerhetskontrollen av formuläret misslyckades. Det händer om sidan har varit öppen länge, om den "
          "skickades två gånger eller om webbläsaren inte tar emot kakor (cookies) från webbplatsen."),
        _("Gå tillbaka, ladda om sidan och försök igen. Det du skrev kan behöva skrivas in på nytt."),
    )


def payload_too_large(limit: int) -> HttpResponse:
    return error_page(
        413, _("Det du skickade är för stort"),
        _("Webbplatsen tar emot högst %(size)s i ett formulär här.") % {"size": _human_size(limit)},
        _("Gå tillbaka och skicka en mindre fil eller en kortare text."),
    )


def service_unavailable(retry_after: int = 5) -> HttpResponse:
    response = error_page(
        503, _("Försök igen om en stund"),
        _("Webbplatsen har mycket att göra just nu och kunde inte spara det du skickade. Inget sparades."),
        _("Vänta några sekunder, gå tillbaka och skicka igen."),
    )
    response["Retry-After"] = str(retry_after)
    return response


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB".replace(".", ",")
    return f"{size // 1024} kB"


def method_not_allowed() -> str:
    return render_to_string("_error.html", {
        "heading": _("Det går inte att göra så här"),
        "explanation": [_("Adressen finns, men den tar inte emot den sortens begäran (till exempel ett "
                          "formulär som skickas till en sida som bara kan visas).")],
    })


class HttpErrorsMiddleware:
    """First in the chain: refuse a body larger than the path may take (413) before anything reads
    it, give Django's empty 405 answers a page, and answer a database that is busy or away (a long
    import holding SQLite's lock past its timeout, a PostgreSQL restart) with a Swedish 503 that
    says to try again, never a 500.

    Without the body limit Django spooled a 500 MB multipart post to disk to find the CSRF token in
    it. Public pages take small forms only (REQUEST_MAX_BYTES_PUBLIC); the staff workspace and the
    admin take uploads (REQUEST_MAX_BYTES: a 10 MB document or photo plus the form). A body without
    a Content-Length is never read by Django. The reverse proxy caps bodies too (deploy/nginx).
    """

    STAFF_PREFIXES = ("/personal/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = (settings.REQUEST_MAX_BYTES if request.path_info.startswith(self.STAFF_PREFIXES)
                 else settings.REQUEST_MAX_BYTES_PUBLIC)
        if length > limit:
            return payload_too_large(limit)
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = method_not_allowed()
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if isinstance(exception, (OperationalError, InterfaceError)):
            import logging

            logging.getLogger("lofte.database").warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable()
        return None
