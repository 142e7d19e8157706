"""Staff record and follow up findings: /personal/fynd/…"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lofte.core.models import AuditEntry
from lofte.walks.models import Finding, FindingPhoto
from tests.walks import helpers

pytestmark = pytest.mark.django_db


def create_url(walk):
    return reverse("staff:finding_create", args=[walk.pk])


def post_data(**overrides):
    data = {
        "category": "lighting", "description": "Trasig gatlampa vid gångtunneln.", "address": "Gångtunneln",
        "latitude": "59,377", "longitude": "17.03", "owner": "Gatuenheten", "owner_email": "gata@example.se",
        "deadline": "2021-10-20", "status": "new", "no_action_reason": "", "sent_to": "", "feedback_date": "",
        "photo_alt": "",
    }
    data.update(overrides)
    return data


def logged_in(client, user):
    client.force_login(user)
    return client


# --- access -------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    w = helpers.world()
    for url in (reverse("staff:findings"), create_url(w["walk"])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("staff:login") in response["Location"]


def test_a_reader_sees_the_walk_but_may_not_add_findings(client):
    w = helpers.world()
    logged_in(client, w["reader"])
    assert client.get(reverse("staff:walk_findings", args=[w["walk"].pk])).status_code == 200
    assert client.get(create_url(w["walk"])).status_code == 403
    assert client.post(create_url(w["walk"]), post_data()).status_code == 403
    assert not Finding.objects.exists()


def test_another_municipalitys_walk_and_finding_are_404(client):
    w = helpers.world()
    foreign = helpers.finding(w["other_walk"])
    logged_in(client, w["recorder"])
    assert client.get(create_url(w["other_walk"])).status_code == 404
    assert client.post(create_url(w["other_walk"]), post_data()).status_code == 404
    assert client.get(reverse("staff:finding_edit", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("staff:finding_edit", args=[foreign.pk]), post_data(status="fixed")).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "new"


def test_an_activity_that_is_not_a_walk_is_404(client):
    from tests import factories

    w = helpers.world()
    meeting = factories.activity(w["commitment"], type="dialogue_meeting")
    logged_in(client, w["recorder"])
    assert client.get(create_url(meeting)).status_code == 404


# --- recording ----------------------------------------------------------------------------------


def test_a_recorder_adds_a_finding_with_a_comma_or_point_decimal_and_it_is_logged(client):
    w = helpers.world()
    logged_in(client, w["recorder"])
    response = client.post(create_url(w["walk"]), post_data())
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.latitude, finding.longitude) == (Decimal("59.377000"), Decimal("17.030000"))
    assert finding.municipality == w["kommun"] and finding.created_by == w["recorder"]
    assert AuditEntry.objects.filter(object_type="walks.Finding", action="create", username="polis").exists()


def test_the_form_offers_the_map_picker_and_the_position_button_as_enhancement(client):
    w = helpers.world()
    body = logged_in(client, w["recorder"]).get(create_url(w["walk"])).content.decode()
    assert "data-pick-map" in body and 'id="locate" hidden' in body
    assert 'name="latitude"' in body and 'name="address"' in body
    assert "<script>" not in body and "style=" not in body


@pytest.mark.parametrize("overrides, field, message", [
    ({"latitude": "48,85", "longitude": "2,35"}, "latitude", "utanför Sverige"),
    ({"latitude": "59,377", "longitude": "30,0"}, "longitude", "utanför Sverige"),
    ({"latitude": "norr", "longitude": "17"}, "latitude", "Ange ett decimaltal"),
    # Reproduces 9.10: a latitude of 1e400 raised decimal.InvalidOperation (a 500).
    ({"latitude": "1e400", "longitude": "17"}, "latitude", "Ange ett decimaltal"),
    ({"latitude": "59,377", "longitude": "-1E+999999"}, "longitude", "Ange ett decimaltal"),
    ({"latitude": "59,3", "longitude": ""}, "longitude", "Ange både latitud och longitud"),
    ({"latitude": "", "longitude": "", "address": ""}, "address", "Ange var fyndet finns"),
    ({"deadline": "2021-09-01"}, "deadline", "Sista dag kan inte ligga före vandringen (2021-09-20)."),
    ({"deadline": "20 oktober"}, "deadline", "ÅÅÅÅ-MM-DD"),
    ({"status": "no_action"}, "no_action_reason", "Skriv varför ingen åtgärd görs"),
    ({"status": "not_ours"}, "sent_to", "Skriv vem fyndet har skickats vidare till"),
    ({"category": "ufo"}, "category", "Välj en av kategorierna"),
    ({"owner_email": "inte-en-adress"}, "owner_email", "giltig e-postadress"),
    ({"description": ""}, "description", "Beskriv vad vandrarna såg"),
])
def test_bad_input_gets_a_message_next_to_its_field_and_nothing_is_saved(client, overrides, field, message):
    w = helpers.world()
    logged_in(client, w["recorder"])
    response = client.post(create_url(w["walk"]), post_data(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not Finding.objects.exists()
    # What was typed is still there.
    assert "Gatuenheten" in body


def test_a_recorder_changes_the_status_and_the_change_is_logged_with_before_and_after(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    logged_in(client, w["recorder"])
    response = client.post(reverse("staff:finding_edit", args=[finding.pk]),
                           post_data(status="not_ours", sent_to="Trafikverket", feedback_date="2021-10-11"))
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "not_ours" and finding.sent_to == "Trafikverket"
    assert finding.feedback_date == date(2021, 10, 11)
    entry = AuditEntry.objects.get(object_type="walks.Finding", action="update")
    assert entry.before["status"] == "new" and entry.after["status"] == "not_ours"


def test_an_invalid_edit_changes_nothing(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    logged_in(client, w["recorder"])
    response = client.post(reverse("staff:finding_edit", args=[finding.pk]),
                           post_data(status="fixed", deadline="2020-01-01"))
    assert response.status_code == 200
    finding.refresh_from_db()
    assert finding.status == "new" and finding.deadline == date(2021, 10, 20)


def test_a_forged_or_missing_csrf_token_is_refused_and_nothing_is_saved():
    w = helpers.world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(w["recorder"])
    assert client.post(create_url(w["walk"]), post_data()).status_code == 403
    client.cookies["csrftoken"] = "a" * 32
    assert client.post(create_url(w["walk"]), {**post_data(), "csrfmiddlewaretoken": "b" * 32}).status_code == 403
    assert not Finding.objects.exists()


def test_script_in_text_fields_is_escaped_on_staff_pages(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"], description="<script>alert(1)</script>", address="<b>x</b>")
    logged_in(client, w["recorder"])
    for url in (reverse("staff:walk_findings", args=[w["walk"].pk]), reverse("staff:findings"),
                reverse("staff:finding_edit", args=[finding.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body and "<b>x</b>" not in body


# --- photos -------------------------------------------------------------------------------------


def photo_upload(data=None, name="IMG_0001.jpg"):
    return SimpleUploadedFile(name, data or helpers.jpeg_bytes(exif=helpers.exif_with_gps_and_serial()),
                              content_type="image/jpeg")


def test_an_uploaded_photo_is_stored_without_any_exif_and_waits_for_approval(client, django_capture_on_commit_callbacks):
    import io

    from PIL import Image

    w = helpers.world()
    logged_in(client, w["recorder"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(create_url(w["walk"]), {**post_data(photo_alt="Trasig lampa"), "photo": photo_upload()})
    assert response.status_code == 302
    photo = FindingPhoto.objects.get()
    assert photo.approved_at is None and photo.uploaded_by == w["recorder"]
    assert photo.image.name.endswith(".jpg") and "IMG_0001" not in photo.image.name
    with photo.image.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert len(image.getexif()) == 0 and not image.getexif().get_ifd(0x8825)
    assert b"SERIE-123456789" not in data and b"Exif" not in data
    # Not public until approved.
    assert client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg").status_code == 404


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("lampa.jpg", b"<html>inte en bild</html>", content_type="image/jpeg"), "inte en bild"),
    (SimpleUploadedFile("lampa.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1), content_type="image/jpeg"),
     "för stort"),
])
def test_a_non_image_or_oversized_photo_is_refused_and_nothing_is_saved(client, upload, message):
    w = helpers.world()
    logged_in(client, w["recorder"])
    response = client.post(create_url(w["walk"]), {**post_data(), "photo": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_photo_error"' in body and message in body
    assert not Finding.objects.exists() and not FindingPhoto.objects.exists()


def test_staff_see_an_unapproved_photo_but_another_municipality_does_not(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    photo = helpers.photo(finding)
    url = reverse("staff:finding_photo", args=[finding.pk, photo.pk])
    assert logged_in(client, w["reader"]).get(url).status_code == 200
    other = Client()
    other.force_login(w["outsider"])
    assert other.get(url).status_code == 404


def test_a_recorder_may_not_approve_a_photo(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    photo = helpers.photo(finding)
    logged_in(client, w["recorder"])
    assert client.post(reverse("staff:photo_approve", args=[finding.pk, photo.pk])).status_code == 403
    photo.refresh_from_db()
    assert photo.approved_at is None


def test_an_editor_approves_a_photo_and_it_becomes_public(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    photo = helpers.photo(finding)
    logged_in(client, w["editor"])
    queue = client.get(reverse("staff:photo_queue")).content.decode()
    assert reverse("staff:finding_photo", args=[finding.pk, photo.pk]) in queue
    response = client.post(reverse("staff:photo_approve", args=[finding.pk, photo.pk]), {"next": "queue"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.approved_by == w["editor"] and photo.approved_at is not None
    assert AuditEntry.objects.filter(object_type="walks.FindingPhoto", action="approve").exists()
    assert Client().get(f"/strangnas/fynd/foto/{photo.pk}.jpg").status_code == 200


def test_approving_requires_post(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    photo = helpers.photo(finding)
    logged_in(client, w["editor"])
    assert client.get(reverse("staff:photo_approve", args=[finding.pk, photo.pk])).status_code == 405


def test_the_photo_queue_is_for_editors_only(client):
    w = helpers.world()
    assert logged_in(client, w["recorder"]).get(reverse("staff:photo_queue")).status_code == 403


def test_a_recorder_may_delete_their_own_unapproved_photo_but_not_an_approved_one(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    own = helpers.photo(finding)
    own.uploaded_by = w["recorder"]
    own.save()
    approved = helpers.photo(finding, approved_by=w["editor"])
    logged_in(client, w["recorder"])
    assert client.post(reverse("staff:photo_delete", args=[finding.pk, approved.pk])).status_code == 403
    assert client.post(reverse("staff:photo_delete", args=[finding.pk, own.pk])).status_code == 302
    assert list(FindingPhoto.objects.all()) == [approved]


def test_a_photo_id_under_the_wrong_finding_is_404(client):
    w = helpers.world()
    first, second = helpers.finding(w["walk"]), helpers.finding(w["walk"])
    photo = helpers.photo(first)
    logged_in(client, w["editor"])
    assert client.get(reverse("staff:finding_photo", args=[second.pk, photo.pk])).status_code == 404


# --- lists and the start page hint --------------------------------------------------------------


def test_the_list_shows_my_municipalitys_findings_and_marks_overdue_ones(client):
    from datetime import datetime

    from django.utils import timezone

    w = helpers.world()
    mine = helpers.finding(w["walk"], description="Min kommuns fynd.", deadline=date(2021, 10, 1))
    Finding.objects.filter(pk=mine.pk).update(status_changed_at=timezone.make_aware(datetime(2021, 9, 20, 12)))
    helpers.finding(w["other_walk"], description="Stockholms fynd.")
    body = logged_in(client, w["reader"]).get(reverse("staff:findings")).content.decode()
    assert "Gångtunneln vid Nygatan" in body and ">försenat</span>" in body
    assert "Stockholms fynd." not in body


def test_overdue_findings_are_those_of_my_municipalities_only():
    from datetime import datetime

    from django.utils import timezone

    from lofte.staff.findings import overdue_for

    w = helpers.world()
    mine = helpers.finding(w["walk"], deadline=date(2021, 10, 1))
    theirs = helpers.finding(w["other_walk"], deadline=date(2021, 10, 1), address="Sergels torg")
    Finding.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        status_changed_at=timezone.make_aware(datetime(2021, 9, 20, 12)))
    assert overdue_for(w["recorder"]) == [mine]


def test_nothing_is_overdue_when_nothing_passed_its_deadline():
    from lofte.staff.findings import overdue_for

    w = helpers.world()
    assert overdue_for(w["recorder"]) == []


def test_the_start_page_shows_overdue_findings(client):
    from datetime import datetime

    from django.utils import timezone

    w = helpers.world()
    finding = helpers.finding(w["walk"], deadline=date(2021, 10, 1))
    Finding.objects.filter(pk=finding.pk).update(status_changed_at=timezone.make_aware(datetime(2021, 9, 20, 12)))
    body = logged_in(client, w["recorder"]).get(reverse("staff:home")).content.decode()
    assert "Fynd försenat: Belysning – Gångtunneln vid Nygatan" in body
    assert reverse("staff:finding_edit", args=[finding.pk]) in body


def test_a_staff_photo_whose_file_is_missing_is_a_404(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    photo = helpers.photo(finding)
    photo.image.storage.delete(photo.image.name)
    response = logged_in(client, w["reader"]).get(reverse("staff:finding_photo", args=[finding.pk, photo.pk]))
    assert response.status_code == 404
