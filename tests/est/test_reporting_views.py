"""The reporting form, the offline queue's endpoint, the service worker and invitation pages."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.est.models import Report
from tests.est import helpers

pytestmark = pytest.mark.django_db


def form_data(w, **fields):
    return {"uuid": str(uuid.uuid4()), "municipality": w["kommun"].pk, "category": "klotter",
            "date": timezone.localdate().isoformat(), "area": w["areas"][1].pk, "count": "2", "severity": "1",
            "time_band": "kvall", "text": "Tags på busskuren", **fields}


def test_a_rapportor_lands_on_the_form_and_files_a_report_without_javascript(client):
    w = helpers.world()
    client.force_login(w["reporter"])
    assert client.get(reverse("staff:home")).url == reverse("staff:est_report")
    page = client.get(reverse("staff:est_report"))
    assert page.status_code == 200 and b"data-est-queue" in page.content
    data = form_data(w)
    response = client.post(reverse("staff:est_report"), data)
    assert response.status_code == 302
    client.post(reverse("staff:est_report"), data)  # the same form posted twice
    report = Report.objects.get()
    assert (report.area, report.count, report.reporter) == (w["areas"][1], 2, w["reporter"])


def test_the_form_names_what_is_missing(client):
    w = helpers.world()
    client.force_login(w["reporter"])
    response = client.post(reverse("staff:est_report"), form_data(w, category="", area=""))
    assert response.status_code == 400
    assert "Välj en kategori." in response.content.decode()
    assert not Report.objects.exists()


def test_the_queue_endpoint_answers_created_then_duplicate_then_invalid(client):
    w = helpers.world()
    client.force_login(w["reporter"])
    data = form_data(w)
    url = reverse("staff:est_report_send")
    assert client.post(url, data).status_code == 201
    assert client.post(url, data).json()["status"] == "duplicate"
    bad = client.post(url, form_data(w, date="igår"))
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.json()["message"]
    assert Report.objects.count() == 1


def test_the_queue_endpoint_asks_for_a_new_log_in_instead_of_redirecting(client):
    w = helpers.world()
    response = client.post(reverse("staff:est_report_send"), form_data(w))
    assert response.status_code == 401 and response.json()["status"] == "login"


def test_someone_without_a_reporting_role_is_refused(client):
    w = helpers.world()
    outsider = helpers.factories.user("utomstaende")
    client.force_login(outsider)
    assert client.get(reverse("staff:est_report")).status_code == 403
    assert client.post(reverse("staff:est_report_send"), form_data(w)).status_code == 403


def test_a_rapportor_sees_no_week_view(client):
    w = helpers.world()
    client.force_login(w["reporter"])
    assert client.get(reverse("staff:est_week")).status_code == 403


def test_the_service_worker_is_served_from_the_forms_path_as_javascript(client):
    response = client.get(reverse("staff:est_service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("staff:est_service_worker").startswith(reverse("staff:est_report"))
    body = response.content.decode()
    assert "OFFLINE_ASSETS" in body and "/static/est/report-queue.js" in body


def test_the_reporter_corrects_their_report_within_the_week_only(client):
    w = helpers.world()
    report = helpers.report(w)
    client.force_login(w["reporter"])
    url = reverse("staff:est_report_edit", args=[report.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(w, uuid=str(report.uuid), count="5"))
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).count == 5
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert client.get(url).status_code == 403


def test_another_reporter_cannot_open_a_report(client):
    w = helpers.world()
    report = helpers.report(w)
    client.force_login(w["recorder"])
    assert client.get(reverse("staff:est_report_edit", args=[report.pk])).status_code == 404


def test_an_invitation_link_creates_an_account_and_logs_it_in(client):
    w = helpers.world()
    client.force_login(w["editor"])
    page = client.post(reverse("staff:est_invitations"), {"municipality": w["kommun"].pk,
                                                          "organisation_name": "Securitas", "note": "Väktare"})
    link = page.context["link"]
    assert "?t=" in link
    client.logout()
    token = link.split("?t=")[1]
    accept = reverse("staff:est_invitation_accept")
    assert client.get(accept, {"t": token}).status_code == 200
    response = client.post(accept, {"t": token, "first_name": "Vera", "last_name": "Väktare",
                                    "username": "vera", "password": "ett-langt-losenord-42"})
    assert response.status_code == 302
    assert client.get(reverse("staff:est_report")).status_code == 200
    client.logout()
    again = client.post(accept, {"t": token, "first_name": "X", "last_name": "Y", "username": "x",
                                 "password": "ett-langt-losenord-42"})
    assert again.status_code == 400 and "redan använd" in again.content.decode()


def test_a_forged_invitation_link_is_refused(client):
    assert client.get(reverse("staff:est_invitation_accept"), {"t": "nonsense"}).status_code == 400


def test_the_admin_shows_the_text_redacted(client):
    from django.contrib.auth import get_user_model

    w = helpers.world()
    report = helpers.report(w, text="Ring 070-123 45 67")
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "ett-langt-losenord")
    helpers.factories.verified_login(client, superuser)
    page = client.get(reverse("admin:est_report_change", args=[report.pk])).content.decode()
    assert "070-123" not in page and "[telefonnummer borttaget]" in page


def test_nothing_to_report_without_javascript(client):
    w = helpers.world()
    client.force_login(w["reporter"])
    response = client.post(reverse("staff:est_report"), {
        "uuid": str(uuid.uuid4()), "municipality": w["kommun"].pk, "nothing_to_report": "on",
        "date": timezone.localdate().isoformat(), "count": "1", "severity": "1"})
    assert response.status_code == 302
    assert Report.objects.get().nothing_to_report
