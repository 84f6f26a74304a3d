"""claimtrack settings: one module, configured through environment variables.

Defaults give a working development checkout (SQLite, DEBUG on). Production sets
DJANGO_DEBUG=0, which then requires DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_rate, env_str
from config.logs import FORMATS as LOG_FORMATS
from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)
# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto and X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
# How many proxies in front of gunicorn append to X-Forwarded-For (config/clients.py).
TRUSTED_PROXIES = env_int("CLAIMTRACK_TRUSTED_PROXIES", 1 if BEHIND_TLS_PROXY else 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("CLAIMTRACK_TRUSTED_PROXIES must be 0 or more.")

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

_DEV_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", _DEV_HOSTS if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "claims",  # first, so its admin/index.html (the review queue count) overrides admin's
    "config.apps.ClaimtrackAdminConfig",  # Django's admin, with a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",  # first, so every line a request logs carries its id
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' absolute URLs from CLAIMTRACK_SITE_URL, not the Host header (claims/pages/site.py).
    "claims.pages.site.PublicAddressMiddleware",
    # Anonymous readers' cached pages, above the session and all below it (pages/caching.py).
    "claims.pages.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.replicas.ReplicaReadsMiddleware",  # after auth: editors read the primary
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # a limit hit becomes a 429
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "claims.pages.site.site",
            ],
        },
    },
]

# SQLite by default so a fresh clone runs; DATABASE_URL points it at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}


def _tuned(database: dict) -> dict:
    """A PostgreSQL connection's session settings and pool (other databases as they are)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # Pages run short, LIMITed queries on a small machine: parallel workers add start-up
    # time and take cores from concurrent requests, and JIT compiles plans that finish
    # before it pays (320 ms added to a 20-row export; bench/README.md has the figures).
    # An `options` given in DATABASE_URL wins.
    _jit = "on" if env_bool("DJANGO_DB_JIT", False) else "off"
    database.setdefault("OPTIONS", {}).setdefault(
        "options",
        f"-c max_parallel_workers_per_gather={env_int('DJANGO_DB_PARALLEL_WORKERS', 0)}"
        f" -c jit={_jit}",
    )
    if env_bool("DJANGO_DB_POOL", True):
        # psycopg's pool keeps connections open between requests (a new connection costs
        # a few ms per request over HTTP); it replaces CONN_MAX_AGE. Each gunicorn worker
        # process has its own pool, so the server sees workers × max_size at most.
        database["OPTIONS"]["pool"] = {
            "min_size": env_int("DJANGO_DB_POOL_MIN", 2),
            "max_size": env_int("DJANGO_DB_POOL_MAX", 8),
        }
        # Django's backend, but a first connection that says why it failed (config/postgresql).
        database["ENGINE"] = "config.postgresql"
    return database


_tuned(DATABASES["default"])
# Read replicas, comma-separated URLs: anonymous public reads go to one of them, everything
# else to the primary (config/replicas.py). In tests each mirrors the primary (TEST MIRROR).
for _i, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    _replica = _tuned(dj_database_url.parse(_url, conn_max_age=0))
    if _replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS must be the primary's kind of database.")
    DATABASES[f"replica_{_i + 1}"] = {**_replica, "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]

# A shared cache (Redis) when REDIS_URL (or CLAIMTRACK_CACHE_URL) is set, e.g.
# redis://127.0.0.1:6379/0; otherwise each process keeps its own. /healthz checks a shared one.
_CACHE_URL = env_str("CLAIMTRACK_CACHE_URL") or env_str("REDIS_URL")
if _CACHE_URL and not _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis:// or rediss:// URL.")
if _CACHE_URL:
    # A Redis that is down is a cache that misses (config/cache.py): pages come from the
    # database meanwhile. Short socket timeouts: a request must not wait long on a dead host.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": _CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Local memory keeps 300 entries unless told: a dozen list pages' rows
    # (claims/pages/fragments.py). Pages are ~60 KB and a row ~1 KB: were every entry a page, a
    # process would hold ~300 MB; CLAIMTRACK_LOCAL_CACHE_ENTRIES bounds it.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CLAIMTRACK_LOCAL_CACHE_ENTRIES", 5000)},
        }
    }

# After the shared cache fails, it is left alone this long before it is tried again.
CACHE_RETRY_SECONDS = env_int("CLAIMTRACK_CACHE_RETRY_SECONDS", 5)
if CACHE_RETRY_SECONDS < 0:
    raise ImproperlyConfigured("CLAIMTRACK_CACHE_RETRY_SECONDS must be 0 or more.")

# Anonymous public pages are kept in the cache this many seconds at most (claims/pages/caching.py);
# any committed change retires them at once. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("CLAIMTRACK_PAGE_CACHE_SECONDS", 300)
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("CLAIMTRACK_PAGE_CACHE_SECONDS must be 0 or more.")
# Parts of pages (a claim's row in a list, the filter form's claimants and topics) are kept
# this many seconds at most under the same rule, for pages not in the page cache yet
# (claims/pages/fragments.py). 0 turns it off.
FRAGMENT_CACHE_SECONDS = env_int("CLAIMTRACK_FRAGMENT_CACHE_SECONDS", 300)
if FRAGMENT_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("CLAIMTRACK_FRAGMENT_CACHE_SECONDS must be 0 or more.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Counts are exact up to this many claims (the list, its facets, the desk, the API); past it,
# "more than" or PostgreSQL's estimate: a LIMITed read costs the same at any size.
EXACT_COUNT_CAP = env_int("CLAIMTRACK_EXACT_COUNT_CAP", 1000)
if EXACT_COUNT_CAP < 1:
    raise ImproperlyConfigured("CLAIMTRACK_EXACT_COUNT_CAP must be 1 or more.")
# A list of up to this many claims has its order kept (their keys, ~8 bytes each) for its
# deep pages (claims/pages/listing.py); a longer one walks its sort's index. 0 keeps none.
KEPT_ORDER_CAP = env_int("CLAIMTRACK_KEPT_ORDER_CAP", 50_000)
if KEPT_ORDER_CAP < 0:
    raise ImproperlyConfigured("CLAIMTRACK_KEPT_ORDER_CAP must be 0 or more.")

# Background work (alerts, webhook deliveries, the export file's builds) runs as tasks through
# Django's tasks API (the django-tasks backport): in the database by default, run by
# `manage.py db_worker`, so SQLite and the demo need no other service; on Redis with RQ
# (`manage.py rqworker default --with-scheduler --job-class django_tasks_rq.Job`) when
# REDIS_URL is set; `immediate` runs each task in the request that
# queues it (tests; a site with no worker, at the cost of slower saves).
_TASKS = env_str("CLAIMTRACK_TASKS", "rq" if env_str("REDIS_URL") else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if _TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured("CLAIMTRACK_TASKS must be database, rq or immediate.")
if _TASKS == "rq":
    if not env_str("REDIS_URL"):
        raise ImproperlyConfigured("CLAIMTRACK_TASKS=rq needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL"), "DEFAULT_TIMEOUT": 3600}}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_TASKS]}}

# Follow and alerts (claims/alerts). Events are held this long before webhooks get them, and
# a reader's alerts are grouped into one mail per this many seconds at most: a change undone
# within it sends nothing.
WEBHOOK_HOLD_SECONDS = env_int("CLAIMTRACK_WEBHOOK_HOLD_SECONDS", 300)
ALERT_GROUP_SECONDS = env_int("CLAIMTRACK_ALERT_GROUP_SECONDS", 3600)
if WEBHOOK_HOLD_SECONDS < 0 or ALERT_GROUP_SECONDS < 0:
    raise ImproperlyConfigured(
        "CLAIMTRACK_WEBHOOK_HOLD_SECONDS and CLAIMTRACK_ALERT_GROUP_SECONDS must be 0 or more."
    )
# How many things one address may follow; how often one client and one address may ask.
ALERTS_MAX_FOLLOWS = env_int("CLAIMTRACK_ALERTS_MAX_FOLLOWS", 50)
FOLLOW_RATE = env_rate("CLAIMTRACK_FOLLOW_RATE", "10/h")
# Requests to addresses others give (webhooks, claims/outbound.py): https to public
# addresses only in production; a development checkout may reach its own machine.
OUTBOUND_ALLOW_HTTP = env_bool("CLAIMTRACK_OUTBOUND_ALLOW_HTTP", DEBUG)
OUTBOUND_ALLOW_PRIVATE = env_bool("CLAIMTRACK_OUTBOUND_ALLOW_PRIVATE", DEBUG)
OUTBOUND_TIMEOUT = env_int("CLAIMTRACK_OUTBOUND_TIMEOUT", 5)
if OUTBOUND_TIMEOUT < 1:
    raise ImproperlyConfigured("CLAIMTRACK_OUTBOUND_TIMEOUT must be 1 or more seconds.")

# Logs: one JSON object per line on stdout (where gunicorn, systemd or a container runtime
# collects them), each with its request's id (config/logs.py).
_LOG_LEVEL = env_str("CLAIMTRACK_LOG_LEVEL", "INFO").upper()
if _LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
    raise ImproperlyConfigured("CLAIMTRACK_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR.")
_LOG_FORMAT = env_str("CLAIMTRACK_LOG_FORMAT", "text" if DEBUG else "json")
if _LOG_FORMAT not in LOG_FORMATS:
    raise ImproperlyConfigured("CLAIMTRACK_LOG_FORMAT must be json or text.")
LOGGING = logging_config(_LOG_LEVEL, _LOG_FORMAT)
# The unfiltered CSV export is served from a file in this directory, rebuilt in the background
# after the record changes, at most once in this many seconds (claims/outputs/export_file.py); 0
# exports it live on every download.
EXPORT_DIR = Path(env_str("CLAIMTRACK_EXPORT_DIR") or BASE_DIR / "var" / "exports")
EXPORT_REFRESH_SECONDS = env_int("CLAIMTRACK_EXPORT_REFRESH_SECONDS", 60)
if EXPORT_REFRESH_SECONDS < 0:
    raise ImproperlyConfigured("CLAIMTRACK_EXPORT_REFRESH_SECONDS must be 0 or more.")
# An export bigger than this is logged with its size and filters.
EXPORT_LOG_BYTES = env_int("CLAIMTRACK_EXPORT_LOG_BYTES", 1024 * 1024)

# Rate limits per client address on expensive endpoints (django-ratelimit, counted in the
# cache: set CLAIMTRACK_CACHE_URL so all workers share the count; without it each process
# counts alone). A client over the limit gets a 429 with Retry-After. django-ratelimit is not
# an installed app: its system check calls Django's own RedisCache "not officially supported",
# though its incr is Redis's atomic INCRBY.
EXPORT_RATE = env_rate("CLAIMTRACK_EXPORT_RATE", "30/m")
RATELIMIT_VIEW = "claims.outputs.downloads.rate_limited"
# With the cache down the counts cannot be kept: the export is served rather than refused.
RATELIMIT_FAIL_OPEN = True
# One reading of the client's address for the rate limits, the sign-in lockouts and the logs
# (config/clients.py): behind the proxy, the address the trusted proxies saw.
RATELIMIT_IP_META_KEY = "config.clients.client_address"

# Backups with dumpdata/loaddata restore timestamps to the microsecond (config/exact_json.py).
SERIALIZATION_MODULES = {"json": "config.exact_json"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Production hardening: on whenever DEBUG is off, so `check --deploy` is clean.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer's health probe may come over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGIN_URL = "admin:login"

# Login throttling (django-axes): after CLAIMTRACK_LOGIN_FAILURE_LIMIT wrong passwords, the
# username and the client address are each locked out for a cool-off, never for good. The
# attempts live in the database, so every gunicorn worker sees them. Unlock early with
# `manage.py axes_reset_username NAME` (or axes_reset_ip, axes_reset) or in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CLAIMTRACK_LOGIN_FAILURE_LIMIT", 5)
_COOLOFF_MINUTES = env_int("CLAIMTRACK_LOGIN_COOLOFF_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1 or _COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured(
        "CLAIMTRACK_LOGIN_FAILURE_LIMIT and CLAIMTRACK_LOGIN_COOLOFF_MINUTES must be 1 or more "
        "(a lockout is never permanent)."
    )
AXES_COOLOFF_TIME = timedelta(minutes=_COOLOFF_MINUTES)
AXES_CLIENT_IP_CALLABLE = "config.clients.client_address"
# By address only: the failing client's own address is locked, never anyone else's, so wrong
# passwords from one address never lock an editor out from another (a lockout by username
# would let anyone lock out a known editor; chief editors also have a second factor).
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner in the logs (or in a command's output)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy (django-csp 4): everything from this site only, no inline script or
# style anywhere (the admin's own styles are in claims/static/claims/admin.css), and no page
# framed by another site. A page meant to be embedded would loosen frame-ancestors itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

# A second factor (django-otp, TOTP, with single-use recovery codes) for every account that may
# publish. On in production (README), off for the demo.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "claimtrack"

# Staff sessions end after a working day without a request, not Django's two weeks.
SESSION_COOKIE_AGE = env_int("CLAIMTRACK_SESSION_SECONDS", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request (no empty sessions)

# Request size limits: a bigger body gets a 400 with a message, never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("CLAIMTRACK_MAX_REQUEST_BYTES", 5 * 1024 * 1024)
# The largest file an import reads (refused before it is parsed).
IMPORT_MAX_BYTES = env_int("CLAIMTRACK_IMPORT_MAX_BYTES", 20 * 1024 * 1024)

# Claims per page on the public list.
CLAIMS_PER_PAGE = env_int("CLAIMTRACK_CLAIMS_PER_PAGE", 25)

# Who publishes this record: shown on the pages, in the feeds and as ClaimReview's author.
SITE_NAME = env_str("CLAIMTRACK_SITE_NAME", "claimtrack")
# The site's own address, for links in what leaves it by email (the review digest).
SITE_URL = env_str("CLAIMTRACK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not re.fullmatch(r"https?://[^/\s]+(/\S*)?", SITE_URL):
    raise ImproperlyConfigured("CLAIMTRACK_SITE_URL must look like https://claims.example.org")
# Email (the review digest): printed to the console unless an SMTP server is set.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("DJANGO_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "claimtrack@localhost")
PUBLISHER_NAME = env_str("CLAIMTRACK_PUBLISHER_NAME", SITE_NAME)
PUBLISHER_URL = env_str("CLAIMTRACK_PUBLISHER_URL", "")  # unknown stays blank
FEED_ITEMS = env_int("CLAIMTRACK_FEED_ITEMS", 50)

# The read-only JSON API (claims/api): anonymous, JSON only, throttled per client address
# (counted in the shared cache when one is configured), described by an OpenAPI 3 schema.
API_RATE = env_rate("CLAIMTRACK_API_RATE", "120/m")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["claims.outputs.api.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "claims.outputs.api.errors.handler",
    "UNAUTHENTICATED_USER": None,
    # The client address: the proxy's last X-Forwarded-For entry behind it, else the peer.
    "NUM_PROXIES": TRUSTED_PROXIES,  # the same reading as config/clients.py
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Published claims, what came of them, and the evidence. Read-only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from this site: no CDN, within the CSP
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Every operation also answers 304, 400, 404 and 429: documented once, for all of them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.outputs.api.errors.document_every_answer",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.choices.ClaimKind",
        "ClaimantKindEnum": "claims.models.choices.ClaimantKind",
        "VerdictEnum": "claims.models.choices.Verdict",
    },
}
# Read-only CORS: any site's scripts may GET the open data, never with credentials.
CORS_URLS_REGEX = r"^/(api/|claimreview\.json$|oembed$|feeds/|claims/feed\.atom$)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# What a script may read of an answer and send with a request: the conditional GET (ETag,
# If-None-Match, Last-Modified) and when to come back after a 429 (Retry-After).
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
