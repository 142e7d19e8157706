"""The framework's own ceiling: one Django view returning a fixed body the size of the set page,
no middleware, no database. Served by bench/throughput.py under the same gunicorn settings as
Löfte (`gunicorn bare_django:application --chdir bench`)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = b"x" * int(os.environ.get("BARE_BODY_BYTES", "17000"))

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="bench-only",
                   MIDDLEWARE=[], INSTALLED_APPS=[])


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]
application = get_wsgi_application()
