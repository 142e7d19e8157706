"""Background tasks of the activities app (django-tasks; run by `lofte db_worker`)."""

from django_tasks import task

from lofte.activities.recording import purge_bin


@task()
def purge_bin_task() -> int:
    """Empty the bin of records older than BIN_DAYS; enqueue daily (cron: `lofte purge-bin` does the same)."""
    return purge_bin()
