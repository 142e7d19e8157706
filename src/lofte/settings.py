"""Löfte's settings, read from environment variables through the strict helpers in lofte.lib.env.

SQLite under the data directory is the default so that a fresh clone just works; set DATABASE_URL
for PostgreSQL. See the README's "Configuration" section for every variable.
"""

from datetime import date, timedelta
import importlib.metadata
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from csp.constants import NONE, SELF

from lofte.lib.env import (
    PRIVATE_DIRECTORY_MODE,
    PRIVATE_FILE_MODE,
    create_private_file,
    envbool,
    envint,
    envlist,
    envstr,
    private_directory,
    secret_key,
)



def _package_version() -> str:
    try:
        return importlib.metadata.version("lofte")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = private_directory(Path(envstr("LOFTE_DATA_DIR", "data")).resolve())

DEBUG = envbool("DEBUG", False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# Behind a TLS-terminating reverse proxy set HTTPS=true: secure cookies, HSTS and redirects.
HTTPS = envbool("HTTPS", False)

INSTALLED_APPS = [
    "lofte.core",
    "lofte.promises",
    "lofte.activities",
    "lofte.walks",
    "lofte.dialogue",
    "lofte.situation",
    "lofte.est",
    "lofte.reports",
    "lofte.subscriptions",
    "lofte.opendata",
    "lofte.site",
    "lofte.staff",
    "lofte.demo",
    "lofte.api",
    # django-ninja: the API's OpenAPI document and the vendored Swagger UI files of /api/v1/docs.
    "ninja",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Two-factor log-in (TOTP) and log-in throttling; see lofte.staff.security.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Form widgets render through the project's templates (FORM_RENDERER below), so lofte.core can
    # say Django's empty choice "---------" in Swedish.
    "django.forms",
]

MIDDLEWARE = [
    # Public pages the page cache stored, answered before anything else runs (no query).
    "lofte.site.fastpath.FastPathMiddleware",
    # CORS for the API's reads (CORS_* below), then rate limit, ETag and problem details under /api/.
    "corsheaders.middleware.CorsMiddleware",
    "lofte.api.middleware.ApiMiddleware",
    # Before anything reads a body: refuses oversized ones; Swedish 405 and 503 pages.
    "lofte.site.errors.HttpErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified() from the session; the staff middleware below then sends
    # administrators (and everyone who enrolled a device) to the code page before any staff page.
    "django_otp.middleware.OTPMiddleware",
    "lofte.staff.security.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lock-out raised during authentication into the page.
    "axes.middleware.AxesMiddleware",
]

# Request bodies: public forms are small (the citizen form is at most 4,000 characters); the staff
# workspace takes a 10 MB document or photo with its form. Larger bodies are refused with 413 by
# lofte.site.errors.HttpErrorsMiddleware before they are read; the proxy caps them too.
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", 12 * 1024 * 1024)
REQUEST_MAX_BYTES_PUBLIC = envint("REQUEST_MAX_BYTES_PUBLIC", 256 * 1024)
# Form fields may fill what the body limit allows (pasted text of a whole document) ...
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# ... and the import preview's largest form: 2,000 rows of 9 fields plus the sets (Django's default
# of 1,000 fields stopped a preview of about 120 commitments with a bare "Bad Request (400)").
DATA_UPLOAD_MAX_NUMBER_FIELDS = 25_000
# Django's CSRF page is English; ours says what happened and what to do, in Swedish.
CSRF_FAILURE_VIEW = "lofte.site.errors.csrf_failure"

ROOT_URLCONF = "lofte.urls"
WSGI_APPLICATION = "lofte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lofte.core.context_processors.demo_banner",
                "lofte.core.context_processors.staff_navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'lofte.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(envstr("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Created here, owner-only, before SQLite would create it world-readable under the usual umask.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        create_private_file(Path(DATABASES["default"]["NAME"]))
    # Connections are kept (CONN_MAX_AGE above, one per thread) on SQLite too: opening one runs the
    # PRAGMAs below, and `journal_mode=WAL` alone was a quarter of a small public page's server time.
    # WAL lets readers go on while a writer writes; IMMEDIATE avoids "database is locked" on
    # upgrade from a read to a write lock inside a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username+address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "lofte.core.auth.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "site:index"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Static files are public: readable by a web server that serves STATIC_ROOT itself.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded files in shared storage, for several app servers (README "Several machines"):
# STORAGE_BACKEND=s3 keeps them in an S3-compatible bucket through django-storages (AWS, MinIO,
# Ceph, a Swedish cloud's object store), private, always served through Löfte's own views.
STORAGE_BACKEND = envstr("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = envstr("AWS_STORAGE_BUCKET_NAME", "")
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = envstr("AWS_S3_ENDPOINT_URL", "") or None  # empty: AWS itself
    AWS_S3_REGION_NAME = envstr("AWS_S3_REGION_NAME", "") or None
    AWS_ACCESS_KEY_ID = envstr("AWS_ACCESS_KEY_ID", "") or None
    AWS_SECRET_ACCESS_KEY = envstr("AWS_SECRET_ACCESS_KEY", "") or None
    AWS_LOCATION = envstr("AWS_LOCATION", "media")
    AWS_DEFAULT_ACL = None  # the bucket's own policy: private
    AWS_QUERYSTRING_AUTH = True
elif STORAGE_BACKEND != "filesystem":
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem or s3, not {STORAGE_BACKEND!r}")
# Uploaded files (finding photos, imported documents) and their folders are the owner's only.
FILE_UPLOAD_PERMISSIONS = PRIVATE_FILE_MODE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = PRIVATE_DIRECTORY_MODE

# The accessibility statement (tillgänglighetsredogörelse, /tillganglighet/): the authority that
# stands behind the site, where to report accessibility problems, and when the statement was last
# reviewed (ISO date; the default is the project's own last review of the statement's text).
ACCESSIBILITY_AUTHORITY = envstr("ACCESSIBILITY_AUTHORITY", "")
ACCESSIBILITY_CONTACT_EMAIL = envstr("ACCESSIBILITY_CONTACT_EMAIL", "")
ACCESSIBILITY_CONTACT_PHONE = envstr("ACCESSIBILITY_CONTACT_PHONE", "")
ACCESSIBILITY_REVIEWED = envstr("ACCESSIBILITY_REVIEWED", "2026-12-01")
try:
    ACCESSIBILITY_REVIEWED_ON = date.fromisoformat(ACCESSIBILITY_REVIEWED)
except ValueError:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_REVIEWED must be a date as YYYY-MM-DD, not {ACCESSIBILITY_REVIEWED!r}"
    ) from None

# Part of every public page's ETag, so that a deploy of new code invalidates cached pages.
LOFTE_RELEASE = envstr("LOFTE_RELEASE", "") or _package_version()

# A follow-up point counts the work recorded by the point plus this many days ("Så räknar vi"):
# later records count for the status today and the final result, never for a passed point.
FOLLOW_UP_GRACE_DAYS = envint("FOLLOW_UP_GRACE_DAYS", 14)

# Public pages may be cached this many seconds by a reverse proxy; ETag/Last-Modified let it
# revalidate cheaply after that.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 60)

# The findings map's tile server (Leaflet URL template) and its attribution, shown on the map.
# OpenStreetMap by default; its host is allowed in the CSP's img-src below.
MAP_TILE_URL = envstr("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = envstr("MAP_ATTRIBUTION", "© OpenStreetMap-bidragsgivare")


def _tile_host(template: str) -> str:
    """The CSP source of a tile URL template: "https://{s}.tile.example.org/..." -> "https://*.tile.example.org"."""
    from urllib.parse import urlsplit

    parts = urlsplit(template)
    host = parts.netloc.replace("{s}.", "*.")
    return f"{parts.scheme}://{host}" if parts.scheme and host else ""


# Security headers from the first page on. No inline script or style anywhere: every script and
# stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_host(MAP_TILE_URL)] if _tile_host(MAP_TILE_URL) else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 12)
# A staff session ends when the browser closes (shared computers at a police station or school) and
# at the latest after SESSION_COOKIE_AGE on the server. Changing a password ends the user's other
# sessions (Django checks the session's password hash on every request).
SESSION_EXPIRE_AT_BROWSER_CLOSE = envbool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS if h != "*"])
else:
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# Log-in throttling (django-axes): five wrong passwords for one username from one address lock that
# combination out for AXES_COOLOFF_MINUTES, so guessing is slow while a colleague elsewhere (or the
# same person on another network) can still log in. The address is lofte.lib.net.client_address,
# the same rule the citizen-input rate limit uses.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lofte.staff.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "lofte.lib.net.client_address"
AXES_VERBOSE = False
# Reverse proxies in front that append to X-Forwarded-For. Behind a TLS-terminating proxy
# (HTTPS=true) there is at least one; without this every client would look like the proxy, and one
# client's lock-out (or rate limit) would hit everyone.
PROXY_COUNT = envint("PROXY_COUNT", 1 if HTTPS else 0)

# Two-factor log-in: the issuer shown in authenticator apps beside the user name.
OTP_TOTP_ISSUER = "Löfte"

SILENCED_SYSTEM_CHECKS = envlist("SILENCED_SYSTEM_CHECKS", [])
if HTTPS and not SECURE_HSTS_PRELOAD:
    # Preloading is a one-way decision for the whole domain; it stays the operator's choice.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Background work (e-mail, reminders, purges): Django's tasks framework (the django-tasks backport
# on Django 5.2) with its database backend, so SQLite serves one machine and PostgreSQL with several
# `lofte db_worker` processes serves more. TASKS_IMMEDIATE=true runs tasks inline (tests).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A task RUNNING for longer than this was left by a worker that died; `lofte db_worker` queues it
# again (every task here is safe to run twice). Raise it before adding tasks that run for longer.
TASKS_STALE_AFTER_MINUTES = envint("TASKS_STALE_AFTER_MINUTES", 60)

# E-mail: the console in development (and by default), SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Löfte <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = envstr("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The public address of the site, for links in e-mails, feeds and open data (no request there to
# build them from). Without SITE_URL it is the local address `make run` serves on, PORT included.
SITE_URL = envstr("SITE_URL", f"http://127.0.0.1:{envint('PORT', 8000)}").rstrip("/")

# Open data (`/datasets/dcat`, README "Open data: files and feeds"): who publishes the catalogue that
# Sveriges dataportal harvests, its type in the EU publisher-type vocabulary, and where to write.
OPEN_DATA_PUBLISHER = envstr("OPEN_DATA_PUBLISHER", "")
OPEN_DATA_PUBLISHER_TYPE = envstr("OPEN_DATA_PUBLISHER_TYPE", "LocalAuthority")
OPEN_DATA_CONTACT_EMAIL = envstr("OPEN_DATA_CONTACT_EMAIL", "")

# Django's cache: rendered public pages (lofte.site.pagecache) and charts. Files in the data
# directory by default (nothing to install); with REDIS_URL (e.g. redis://127.0.0.1:6379/0) Django's
# own Redis backend, which several app servers share. The citizen-input rate limit counts in the
# database, atomically, never here.
REDIS_URL = envstr("REDIS_URL", "")
_cache_backend = envstr("CACHE_BACKEND", "django.core.cache.backends.redis.RedisCache" if REDIS_URL
                        else "django.core.cache.backends.filebased.FileBasedCache")
CACHES = {
    "default": {
        "BACKEND": _cache_backend,
        "LOCATION": envstr("CACHE_LOCATION", REDIS_URL if "redis" in _cache_backend else str(DATA_DIR / "cache")),
        # The file cache culls a third of its files past MAX_ENTRIES: room for every public page of a
        # few municipalities. Redis evicts by its own maxmemory policy (allkeys-lru, see deploy/).
        **({"OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000)}} if "filebased" in _cache_backend else {}),
    }
}
# Serve public pages from that cache (lofte.site.pagecache); `false` renders every request.
PAGE_CACHE = envbool("PAGE_CACHE", True)
# Its fast path (lofte.site.fastpath): stored pages answered before any middleware or query.
PAGE_CACHE_FAST_PATH = PAGE_CACHE and envbool("PAGE_CACHE_FAST_PATH", True)

# The situation picture's --fetch modes: Kolada KPIs to fetch (comma-separated ids; empty: the
# default list of lofte.situation.importing.kolada) and the User-Agent sent to every source
# (empty: "Lofte/<version> (+SITE_URL; DEFAULT_FROM_EMAIL)", so a source can reach the operator).
KOLADA_KPIS = envlist("KOLADA_KPIS", [])
FETCH_USER_AGENT = envstr("FETCH_USER_AGENT", "")

# Citizen input (synpunkter): submissions per client address and window, and how long contact
# details are kept (DESIGN.md §3): days after the answer (or rejection), and days after arrival for
# input that was never answered.
CITIZEN_INPUT_RATE_LIMIT = envint("CITIZEN_INPUT_RATE_LIMIT", 5)
CITIZEN_INPUT_RATE_WINDOW = envint("CITIZEN_INPUT_RATE_WINDOW", 60 * 60)
CITIZEN_CONTACT_RETENTION_DAYS = envint("CITIZEN_CONTACT_RETENTION_DAYS", 90)
CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS = envint("CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS", 365)

# The open-data API (/api/v1/): requests per client address and window (seconds); 0 switches the
# limit off (for a proxy that limits instead). Reads allow any origin (CORS), never with credentials.
API_RATE_LIMIT = envint("API_RATE_LIMIT", 600)
API_RATE_WINDOW = envint("API_RATE_WINDOW", 60)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# JSON Lines (dumpdata, loaddata, `lofte backup`) with times to the microsecond, not the millisecond.
SERIALIZATION_MODULES = {"jsonl": "lofte.core.serialization"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
