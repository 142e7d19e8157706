"""The national bulk download: /data/ shows the file's date and size; the file holds every table of
every municipality as CSV and JSON; the background task and `lofte export-open-data` write it
atomically."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command

from lofte.opendata import bulk, tables, tasks
from tests import factories
from tests.site.helpers import NS, assert_accessible_page, strangnas_set, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def export() -> str:
    out = io.StringIO()
    call_command("export_open_data", stdout=out)
    return out.getvalue()


def test_before_the_first_export_the_page_says_the_file_comes_and_the_file_is_a_404(client):
    response = client.get("/data/")
    assert response.status_code == 200
    assert "har inte skapats ännu" in response.content.decode()
    assert client.get("/data/lofte-oppna-data.zip").status_code == 404


def test_the_file_holds_every_table_as_csv_and_json_for_every_municipality(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    factories.activity(commitments[0], on=date(2022, 3, 1), note="Vandring vid stationen.")
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    factories.commitment(factories.promise_set(other, 2022), text="Stockholms löfte.")
    assert "9 tabeller" in export()

    response = client.get("/data/lofte-oppna-data.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    for table in tables.TABLES:
        assert {f"csv/{table.name}.csv", f"json/{table.name}.json"} <= names
    assert {"LASMIG.txt", "manifest.json"} <= names
    loften = list(csv.DictReader(io.StringIO(archive.read("csv/loften.csv").decode("utf-8-sig")), delimiter=";"))
    assert {r["kommun"] for r in loften} == {"Strängnäs", "Stockholm"}
    data = json.loads(archive.read("json/insatser.json"))
    assert data["kolumner"] == list(tables.get("insatser").columns)
    assert [r["kommentar"] for r in data["rader"]] == ["Vandring vid stationen."]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["rader"]["loften"] == 3


def test_the_page_shows_the_files_date_and_size_and_is_accessible(client):
    strangnas_set()
    export()
    response = client.get("/data/")
    doc = assert_accessible_page(response)
    link = next(a for a in doc.iter(f"{NS}a") if a.get("href") == "/data/lofte-oppna-data.zip")
    archive = bulk.current()
    assert archive.size_label in text_of(link) and "kB" in archive.size_label
    assert f"{archive.created_at:%Y}" in text_of(doc) and "Skapad" in text_of(doc)
    for table in tables.TABLES:
        assert table.title in text_of(doc)


def test_the_background_task_writes_the_file_and_a_failed_write_keeps_the_old_one(client, monkeypatch):
    strangnas_set()
    result = tasks.regenerate_bulk_download.enqueue().return_value
    assert "Öppna data skrivna" in result and "DCAT-katalogen" in result
    before = bulk.archive_path().read_bytes()

    def broken(municipality, today):
        yield ("halv rad",)
        raise RuntimeError("databasen försvann")

    broken_table = tables.Table("trasig", "Trasig", "", ("a",), broken)
    monkeypatch.setattr(bulk, "TABLES", (*tables.TABLES, broken_table))
    with pytest.raises(RuntimeError):
        bulk.build()
    assert bulk.archive_path().read_bytes() == before
    assert sorted(p.name for p in bulk.archive_path().parent.iterdir()) == ["dcat.rdf", bulk.ARCHIVE_NAME]


def test_schedule_says_what_it_did_on_a_backend_that_cannot_defer():
    # The test backend runs tasks at once and cannot defer: the nightly chain cannot start there.
    assert "kan inte schemalägga" in tasks.schedule()


def test_the_sizes_read_as_swedish():
    assert bulk.Archive(None, 512, None).size_label == "1 kB"
    assert bulk.Archive(None, 840_000, None).size_label == "840 kB"
    assert bulk.Archive(None, 12_400_000, None).size_label == "12,4 MB"


def test_schedule_queues_the_first_export_now_and_never_twice(settings):
    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    try:
        from django_tasks_db.models import DBTaskResult

        before = timezone.now()
        assert "schemalagd" in tasks.schedule()
        queued = DBTaskResult.objects.get()
        assert queued.task_path == tasks.regenerate_bulk_download.module_path
        # No file yet: the first run is due at once, not tonight.
        assert queued.run_after <= timezone.now() and queued.run_after >= before
        out = io.StringIO()
        call_command("export_open_data", "--schedule", stdout=out)
        assert "redan" in out.getvalue() and DBTaskResult.objects.count() == 1
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                      "QUEUES": ["default"]}}


def test_the_nightly_run_is_at_half_past_two_in_stockholm():
    from datetime import datetime

    from django.utils import timezone

    from lofte.lib.daily import next_run_after

    evening = timezone.make_aware(datetime(2026, 12, 1, 22, 0))
    assert next_run_after(tasks.DAILY_AT, evening) == timezone.make_aware(datetime(2026, 12, 2, 2, 30))
    night = timezone.make_aware(datetime(2026, 12, 1, 1, 0))
    assert next_run_after(tasks.DAILY_AT, night) == timezone.make_aware(datetime(2026, 12, 1, 2, 30))
