"""Photos on the public pages: only approved photos of public findings are ever served."""

import io

import pytest
from PIL import Image

from lofte.promises.models import PromiseSet
from tests.walks import helpers

pytestmark = pytest.mark.django_db


def test_an_approved_photo_is_shown_and_served_as_jpeg(client):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]), approved_by=w["editor"])
    body = client.get("/strangnas/fynd/").content.decode()
    assert f"/strangnas/fynd/foto/{photo.pk}.jpg" in body
    response = client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


def test_an_unapproved_photo_is_neither_shown_nor_served(client):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]))
    assert f"/foto/{photo.pk}.jpg" not in client.get("/strangnas/fynd/").content.decode()
    assert client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg").status_code == 404


def test_a_photo_of_a_draft_walk_is_not_served_even_when_approved(client):
    w = helpers.world(status=PromiseSet.Status.DRAFT)
    photo = helpers.photo(helpers.finding(w["walk"]), approved_by=w["editor"])
    assert client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg").status_code == 404


def test_a_photo_is_not_served_under_another_municipality(client):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]), approved_by=w["editor"])
    assert client.get(f"/stockholm/fynd/foto/{photo.pk}.jpg").status_code == 404


def test_the_media_directory_is_not_browsable(client):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]))
    assert client.get("/media/" + photo.image.name).status_code == 404
    assert client.get("/media/findings/").status_code == 404


def test_a_photo_whose_file_is_missing_is_a_404_not_an_error(client):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]), approved_by=w["editor"])
    photo.image.storage.delete(photo.image.name)
    assert client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg").status_code == 404
