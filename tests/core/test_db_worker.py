"""The background worker survives database errors; a dead one is restarted (issue 9.1)."""

import logging
import sys
import threading
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks_db.management.commands import db_worker as upstream
from django_tasks_db.models import DBTaskResult

from lofte.core.management.commands.db_worker import ResilientWorker, backoff, requeue_stale_tasks
from lofte.lib.supervise import supervise

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RUNS = []


@task()
def note_run(value: str) -> str:
    RUNS.append(value)
    return value


@pytest.fixture
def database_backend(settings):
    settings.TASKS = DB_TASKS
    _reset_backends()
    yield
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
    _reset_backends()


def _reset_backends():
    try:
        del task_backends._connections.default
    except AttributeError:
        pass


def worker(**overrides) -> ResilientWorker:
    options = {"queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default",
               "startup_delay": False, "max_tasks": None, "worker_id": "test-worker", "excluded_queue_names": []}
    return ResilientWorker(**{**options, **overrides})


def test_the_backoff_doubles_up_to_a_minute():
    assert [backoff(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_locked_database_and_a_lost_connection(database_backend, monkeypatch, caplog):
    """Reproduces 9.1: an OperationalError ("database is locked" past SQLite's timeout while a
    large import wrote, or a connection the server closed) made `lofte db_worker` exit for good,
    and e-mails, purges and reminders stopped."""
    RUNS.clear()
    result = note_run.enqueue("hej")
    errors = [OperationalError("database is locked"), OperationalError("server closed the connection unexpectedly")]
    real = upstream.exclusive_transaction

    def failing_at_first(using=None):
        if errors:
            raise errors.pop(0)
        return real(using)

    monkeypatch.setattr(upstream, "exclusive_transaction", failing_at_first)
    waits = []
    subject = worker()
    subject.sleep = waits.append
    with caplog.at_level(logging.WARNING, logger="lofte.worker"):
        subject.run()
    assert RUNS == ["hej"]
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert waits == [1.0, 2.0]
    assert "database is locked" in caplog.text and "retrying in 1 s" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_runs_again(database_backend):
    RUNS.clear()
    result = note_run.enqueue("igen")
    DBTaskResult.objects.filter(id=result.id).update(status="RUNNING", started_at=timezone.now() - timedelta(hours=2))
    fresh = note_run.enqueue("pågår")
    DBTaskResult.objects.filter(id=fresh.id).update(status="RUNNING", started_at=timezone.now())
    assert requeue_stale_tasks("default") == 1
    worker().run()
    assert RUNS == ["igen"]
    assert DBTaskResult.objects.get(id=fresh.id).status == "RUNNING"


@pytest.mark.django_db(transaction=True)
def test_lofte_db_worker_is_the_resilient_worker(database_backend, monkeypatch):
    from django.core.management import call_command

    used = []
    monkeypatch.setattr(ResilientWorker, "run", lambda self: used.append(type(self)))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert used == [ResilientWorker]


def test_a_worker_that_dies_is_started_again(tmp_path):
    """Reproduces 9.1: `make run` never restarted a worker that died."""
    starts = tmp_path / "starts"
    # Dies twice right after starting, then keeps running until stopped.
    child = ("import pathlib, sys, time\n"
             f"p = pathlib.Path({str(starts)!r}); n = len(p.read_text()) if p.exists() else 0\n"
             "p.write_text('x' * (n + 1))\n"
             "sys.exit(1) if n < 2 else time.sleep(60)\n")
    stop = threading.Event()
    lines = []

    def stop_when_third_start():
        for _ in range(200):
            if starts.exists() and len(starts.read_text()) >= 3:
                break
            threading.Event().wait(0.05)
        stop.set()

    watcher = threading.Thread(target=stop_when_third_start)
    watcher.start()
    restarts = supervise([sys.executable, "-c", child], log=lines.append, stop=stop, first_delay=0.05)
    watcher.join()
    assert starts.read_text() == "xxx"
    assert restarts == 2
    assert all("startar om" in line for line in lines) and "status 1" in lines[0]
