"""Background work of open data (django-tasks, see settings.TASKS): the nightly bulk download."""

from __future__ import annotations

from datetime import time

from django.utils import timezone
from django_tasks import task

from lofte.lib import daily
from lofte.opendata import bulk, dcat

# The bulk file is written anew every night, local time, when few read the site.
DAILY_AT = time(2, 30)


def export() -> str:
    """Write the bulk download, then the DCAT catalogue (which gives the download's size)."""
    line = bulk.build().line()
    size = dcat.write_catalog()
    return f"{line} DCAT-katalogen: {dcat.catalog_path()} ({size // 1000} kB)."


@task()
def regenerate_bulk_download() -> str:
    """Write the bulk download and the catalogue anew, then queue tomorrow's run."""
    try:
        return export()
    finally:
        daily.schedule_next(regenerate_bulk_download, DAILY_AT)


def schedule() -> str:
    """Start the nightly chain unless a run waits already; before the first file exists the first run
    is queued for now, so `/data/` has a file minutes after the site first starts."""
    if daily.is_scheduled(regenerate_bulk_download):
        return "Den nattliga exporten av öppna data ligger redan i kön."
    run_after = timezone.now() if bulk.current() is None else None
    result = daily.schedule_next(regenerate_bulk_download, DAILY_AT, run_after=run_after)
    if result is None:
        return "Bakgrundskön kan inte schemalägga framåt; kör `lofte export-open-data` varje natt (cron) i stället."
    return f"Export av öppna data schemalagd till {timezone.localtime(result.task.run_after):%Y-%m-%d %H:%M}."
