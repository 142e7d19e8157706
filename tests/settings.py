"""Settings for the test suite: the project's settings with a throwaway data directory.

With DATABASE_URL pointing at PostgreSQL the same suite runs there (pytest-django creates and
drops a test_<name> database).
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
# Always a throwaway directory, even when LOFTE_DATA_DIR is set (the Makefile exports it for `make
# run`): the suite must never write into a real data directory (a test's demo password replaced
# the one `make run` printed, so the next run made a new one and ended every demo session).
os.environ["LOFTE_DATA_DIR"] = tempfile.mkdtemp(prefix="lofte-test-")

from lofte.settings import *  # noqa: E402,F403

# The manifest storage needs collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run inline and mail stays in django.core.mail.outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A cache of the test process's own (Löfte keeps nothing in it; the rate limit counts in the database).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The suite checks the page cache's own rules (tests/site/test_page_cache.py) and reads pages after
# each change; its fast path, which answers before every query, is tested in test_fast_path.py.
PAGE_CACHE_FAST_PATH = False

# Fast hashing: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# WhiteNoise warns when STATIC_ROOT is missing; the suite never runs collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# SQLite: the test database is a file, as in production (WAL, IMMEDIATE transactions, the busy
# timeout), so tests with parallel writers see the locking behaviour the application sees; an
# in-memory database shared between threads fails on table locks that production never has.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
