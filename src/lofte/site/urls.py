"""Public URLs. They are an interface (people link to them, the press quotes them): keep them stable."""

from django.urls import path, register_converter

from lofte.site import (
    dcat, dialogue, downloads, feeds, findings, lagesbild, overview, reports, sharing, subscriptions, views,
)


class PeriodConverter:
    """A promise set's period as it appears in URLs: "2021", "2022-2023", or with a short suffix
    when two sets of one municipality and area share their years ("2022-2023-jul")."""

    regex = r"\d{4}(?:-\d{4})?(?:-[a-z0-9]{1,8})?"

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
    path("statistik/", overview.national, name="overview"),
    path("prenumeration/bekrafta/<str:token>/", subscriptions.confirm, name="subscription_confirm"),
    path("prenumeration/avsluta/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    # Open data (before <kommun>/: "data" is no municipality).
    path("data/", downloads.data_page, name="data"),
    path("data/lofte-oppna-data.zip", downloads.bulk_file, name="bulk_file"),
    path("flode.atom", feeds.national_feed, name="feed"),
    path("datasets/dcat", dcat.catalog, name="dcat"),
    path("<slug:kommun>/", views.municipality, name="municipality"),
    path("<slug:kommun>/prenumerera/", subscriptions.subscribe, name="subscribe"),
    path("<slug:kommun>/prenumerera/skickat/", subscriptions.subscribe_sent, name="subscribe_sent"),
    path("<slug:kommun>/flode.atom", feeds.municipality_feed, name="municipality_feed"),
    path("<slug:kommun>/data/<slug:table>.csv", downloads.table_csv, name="table_csv"),
    path("<slug:kommun>/fynd.geojson", downloads.findings_geojson, name="findings_geojson"),
    path("<slug:kommun>/synpunkter/", dialogue.input_page, name="input_list"),
    path("<slug:kommun>/synpunkter/tack/", dialogue.input_thanks, name="input_thanks"),
    path("<slug:kommun>/synpunkter.json", dialogue.input_json, name="input_json"),
    path("<slug:kommun>/kalender/", dialogue.calendar_page, name="calendar"),
    path("<slug:kommun>/kalender.ics", dialogue.calendar_ics, name="calendar_ics"),
    path("<slug:kommun>/kalender/<int:meeting_id>.ics", dialogue.meeting_ics, name="meeting_ics"),
    path("<slug:kommun>/lagesbild/", lagesbild.situation, name="situation"),
    path("<slug:kommun>/lagesbild.pdf", lagesbild.situation_pdf, name="situation_pdf"),
    path("<slug:kommun>/uppfoljning/", reports.report_list, name="reports"),
    path("<slug:kommun>/uppfoljning/<slug:report>/", reports.report_page, name="report"),
    path("<slug:kommun>/uppfoljning/<slug:report>.pdf", reports.report_pdf, name="report_pdf"),
    path("<slug:kommun>/kalender/<int:meeting_id>/", dialogue.meeting_page, name="meeting"),
    path("<slug:kommun>/fynd/", findings.findings, name="findings"),
    path("<slug:kommun>/fynd/karta.json", findings.findings_map, name="findings_map"),
    path("<slug:kommun>/fynd/vandring/<int:walk_id>/", findings.walk, name="walk"),
    path("<slug:kommun>/fynd/foto/<int:photo_id>.jpg", findings.photo, name="finding_photo"),
    path("<slug:kommun>/<period:period>/", views.promise_set, name="promise_set"),
    path("<slug:kommun>/<period:period>/kalla/", views.source_document, name="source_document"),
    path("<slug:kommun>/<period:period>/dela.png", sharing.set_share_image, name="share_image"),
    path("<slug:kommun>/<period:period>/affisch-<slug:size>.pdf", sharing.set_poster, name="poster"),
    path("<slug:kommun>/<period:period>/<int:number>/", views.commitment, name="commitment"),
    # A set scoped to an area of the municipality (a district's promises).
    path("<slug:kommun>/<slug:area>/<period:period>/", views.promise_set, name="area_promise_set"),
    path("<slug:kommun>/<slug:area>/<period:period>/kalla/", views.source_document, name="area_source_document"),
    path("<slug:kommun>/<slug:area>/<period:period>/dela.png", sharing.set_share_image, name="area_share_image"),
    path("<slug:kommun>/<slug:area>/<period:period>/affisch-<slug:size>.pdf", sharing.set_poster,
         name="area_poster"),
    path("<slug:kommun>/<slug:area>/<period:period>/<int:number>/", views.commitment, name="area_commitment"),
]
