"""Uploads in shared S3-compatible storage (STORAGE_BACKEND=s3, django-storages), against moto's
S3 server on a free loopback port: photos and source documents are staged until the commit, stored
in the bucket and served through the same views as from the filesystem."""

import socket

import boto3
import pytest
from django.db import transaction

from lofte.lib.files import StagedObject, stage_file
from lofte.promises.importing import import_text
from tests import factories
from tests.walks import helpers

moto_server = pytest.importorskip("moto.server")
pytestmark = pytest.mark.django_db
BUCKET = "lofte-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-north-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_REGION_NAME = "eu-north-1"
    settings.AWS_ACCESS_KEY_ID = "test"
    settings.AWS_SECRET_ACCESS_KEY = "test"
    settings.AWS_LOCATION = "media"
    settings.AWS_DEFAULT_ACL = None
    yield client
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    for key in keys:
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_recorded_photo_is_stored_in_the_bucket_and_served_from_it(client, bucket,
                                                                    django_capture_on_commit_callbacks):
    from lofte.walks.recording import create_finding
    from lofte.walks.models import Finding

    w = helpers.world()
    data = helpers.jpeg_bytes()
    from django.core.files.base import ContentFile

    finding = Finding(walk=w["walk"], category="lighting", description="Trasig gatlampa.", status="new",
                      latitude=helpers.Decimal("59.377"), longitude=helpers.Decimal("17.03"))
    with django_capture_on_commit_callbacks(execute=True):
        create_finding(w["editor"], finding, photo=(ContentFile(data), 40, 30), alt_text="Trasig lampa")
    photo = finding.photos.get()
    assert keys(bucket) == [f"media/{photo.image.name}"]  # the final name only: nothing .partial left
    photo.approved_by, photo.approved_at = w["editor"], photo.uploaded_at
    photo.save()
    response = client.get(f"/strangnas/fynd/foto/{photo.pk}.jpg")
    assert response.status_code == 200 and b"".join(response.streaming_content) == data


def test_an_imported_source_document_is_stored_in_the_bucket_and_served_from_it(client, bucket,
                                                                               django_capture_on_commit_callbacks):
    kommun = factories.municipality()
    raw = "Medborgarlöfte 2024\n\nTrygg trafik\n• Polisen lovar minst fyra trafikkontroller.\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        import_text(raw, "loften.txt", kommun, publish=True)
    [key] = keys(bucket)
    assert key.startswith("media/") and key.endswith(".txt")
    response = client.get("/strangnas/2024/kalla/?ladda-ner")
    assert response.status_code == 200 and b"".join(response.streaming_content) == raw


def test_a_failed_transaction_leaves_nothing_in_the_bucket(bucket):
    from lofte.walks.models import FindingPhoto

    w = helpers.world()
    item = FindingPhoto(finding=helpers.finding(w["walk"]), width=40, height=30, alt_text="x")
    with pytest.raises(RuntimeError), transaction.atomic():
        staged = stage_file(item.image, "photo.jpg", helpers.jpeg_bytes())
        assert isinstance(staged, StagedObject) and keys(bucket) == [f"media/{staged.name}"]
        raise RuntimeError("the row could not be saved")
    from lofte.lib.files import discard

    discard(staged)
    assert keys(bucket) == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_takes_the_bucket_and_a_restore_puts_it_back(bucket, tmp_path, settings):
    """`lofte backup` reads uploads through the storage API: with S3 the archive holds the bucket's
    files, and `lofte restore` writes them back into an empty bucket, byte for byte."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    from django.core.management import call_command

    from lofte.core import backup as backups

    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    storage = storages.create_storage(settings.STORAGES["default"])
    photo, document = b"\xff\xd8 ett foto \xff\xd9", "Medborgarlöfte 2026\n".encode()
    storage.save("findings/2026/foto.jpg", ContentFile(photo))
    storage.save("sources/lofte.txt", ContentFile(document))
    factories.municipality()
    archive = tmp_path / "backup.tar.gz"
    summary = backups.backup(archive, storage=storage)
    assert summary.files == 2
    call_command("flush", interactive=False, verbosity=0)
    for key in keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    restored = backups.restore(archive, storage=storage)
    assert restored.files == 2
    assert keys(bucket) == ["media/findings/2026/foto.jpg", "media/sources/lofte.txt"]
    assert bucket.get_object(Bucket=BUCKET, Key="media/findings/2026/foto.jpg")["Body"].read() == photo
    assert storage.open("sources/lofte.txt").read() == document
