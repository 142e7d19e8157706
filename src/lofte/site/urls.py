"""Public URLs. They are an interface (people link to them, the press quotes them): keep them stable."""

from django.urls import path, register_converter

from lofte.site import views


class PeriodConverter:
    """A promise set's period as it appears in URLs: "2021" or "2022-2023"."""

    regex = r"\d{4}(?:-\d{4})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(PeriodConverter, "period")

app_name = "site"
urlpatterns = [
    path("", views.index, name="index"),
    path("sa-raknar-vi/", views.how_we_count, name="how_we_count"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("<slug:kommun>/", views.municipality, name="municipality"),
    path("<slug:kommun>/<period:period>/", views.promise_set, name="promise_set"),
    path("<slug:kommun>/<period:period>/<int:number>/", views.commitment, name="commitment"),
]
