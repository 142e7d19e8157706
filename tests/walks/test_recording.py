"""Recording findings and moderating photos: atomic writes, dated status changes, the audit log."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.core.audit import snapshot
from lofte.core.models import AuditEntry
from lofte.walks import recording
from lofte.walks.models import Finding, FindingPhoto
from tests.walks import helpers

pytestmark = pytest.mark.django_db


def test_creating_a_finding_logs_it_with_the_municipality():
    w = helpers.world()
    finding = Finding(walk=w["walk"], category="litter", description="Skräp.", address="Torget")
    recording.create_finding(w["recorder"], finding)
    entry = AuditEntry.objects.get(object_type="walks.Finding", object_id=str(finding.pk))
    assert entry.action == "create" and entry.username == "polis"
    assert entry.municipality_id == w["kommun"].pk
    assert finding.municipality_id == w["kommun"].pk


def test_a_status_change_is_dated_and_logged_with_before_and_after():
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    Finding.objects.filter(pk=finding.pk).update(status_changed_at=timezone.now() - timedelta(days=30))
    finding.refresh_from_db()
    before = snapshot(finding)
    finding.status = "fixed"
    recording.update_finding(w["recorder"], finding, before)
    finding.refresh_from_db()
    assert timezone.now() - finding.status_changed_at < timedelta(minutes=1)
    entry = AuditEntry.objects.get(object_type="walks.Finding", action="update")
    assert entry.before["status"] == "new" and entry.after["status"] == "fixed"


def test_a_new_deadline_can_be_reminded_of_again():
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    Finding.objects.filter(pk=finding.pk).update(reminded_at=timezone.now())
    finding.refresh_from_db()
    before = snapshot(finding)
    finding.deadline = date(2021, 12, 1)
    recording.update_finding(w["recorder"], finding, before)
    finding.refresh_from_db()
    assert finding.reminded_at is None


def test_an_unchanged_save_writes_no_log_entry():
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    recording.update_finding(w["recorder"], finding, snapshot(finding))
    assert not AuditEntry.objects.filter(object_type="walks.Finding").exists()


def test_approving_a_photo_records_who_and_when_and_logs_it():
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]))
    recording.approve_photo(w["editor"], photo)
    photo.refresh_from_db()
    assert photo.approved_by == w["editor"] and photo.approved_at is not None
    assert AuditEntry.objects.filter(object_type="walks.FindingPhoto", action="approve").count() == 1


def test_deleting_a_photo_removes_its_file_and_logs_it(django_capture_on_commit_callbacks):
    w = helpers.world()
    photo = helpers.photo(helpers.finding(w["walk"]))
    storage, name = photo.image.storage, photo.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        recording.delete_photo(w["editor"], photo)
        # Until the deletion commits, the file is still there for the row that may come back.
        assert storage.exists(name)
    assert not storage.exists(name)
    assert not FindingPhoto.objects.exists()
    assert AuditEntry.objects.filter(object_type="walks.FindingPhoto", action="delete").count() == 1


def test_a_failing_photo_store_leaves_no_finding_behind(monkeypatch):
    w = helpers.world()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(recording, "_store_photo", boom)
    finding = Finding(walk=w["walk"], category="litter", description="Skräp.", address="Torget")
    with pytest.raises(RuntimeError):
        recording.create_finding(w["recorder"], finding, photo=object())
    assert not Finding.objects.exists()
    assert not AuditEntry.objects.filter(object_type="walks.Finding").exists()


def test_a_photo_whose_row_cannot_be_written_leaves_no_file(monkeypatch, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lofte.walks.photos import clean_photo

    settings.MEDIA_ROOT = tmp_path
    w = helpers.world()
    finding = helpers.finding(w["walk"])

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(recording, "log_change", fail)
    processed = clean_photo(SimpleUploadedFile("a.jpg", helpers.jpeg_bytes()))
    with pytest.raises(RuntimeError):
        recording.add_photo(w["recorder"], finding, processed)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert not FindingPhoto.objects.exists()
