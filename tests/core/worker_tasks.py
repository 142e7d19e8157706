"""A task for tests/core/test_workers.py, importable by the worker processes it starts."""

import os
import time

from django_tasks import task


@task()
def note_in_file(path: str, number: int) -> int:
    """Append the task's number to a file (one write with O_APPEND: lines never interleave)."""
    time.sleep(0.01)  # long enough that two workers overlap
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{number}\n".encode())
    finally:
        os.close(fd)
    return number
