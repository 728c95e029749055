"""Settings for the profiling follow-up tracker.

Everything comes from the environment. Without any variable set, the app runs in local
development mode on an embedded SQLite file. With DJANGO_DEBUG=false it is in production
mode and refuses to start unless the settings that make it safe are given.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accounts.conf import oidc_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
# Fixed at start-up: tests switch DEBUG off, but stay out of production mode.
PRODUCTION_MODE = not DEBUG

# Local development gets a throwaway key; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 - refused below
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "" if not DEBUG else _DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

if PRODUCTION_MODE:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG=false) needs DJANGO_SECRET_KEY: a random string of "
            "at least 50 characters."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG=false) needs DJANGO_ALLOWED_HOSTS: the host names "
            "this server answers to, comma-separated, without '*'."
        )

INSTALLED_APPS = [
    "profiling_followup.apps.ProfilingAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "csp",
    "core",
    "profiling_followup",
    "recommendations",
    "training",
    "id_checks",
    "accounts",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A body larger than any allowed upload is refused before it is read (413).
    "core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing a logged-in user gets is stored by a browser or proxy cache.
    "core.middleware.PrivateNoStoreMiddleware",
    # Every page needs a login unless its view says otherwise (login, language switch).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records the logged-in user as the author of every history row written in a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "profiling_followup.urls"
WSGI_APPLICATION = "profiling_followup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The training summary's covering index INCLUDEs columns on PostgreSQL; SQLite builds it
# without them (a plain index: same results), and would warn on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache: Redis when several app servers share it, per-process otherwise ---------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "core.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Police staff land on "Mijn werk", the others on the dashboard (profiling_followup.views).
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"

# Sessions live in the database, shared by every worker and app server. They are read through
# the cache only when the cache is shared too (Redis): a per-process memory cache would keep a
# logged-out session alive in the other workers until it expires.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# A working day at most; closing the browser ends the session.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Five wrong passwords for one user from one address lock that pair for 15 minutes; twenty
# failures from one address, whichever usernames they tried, lock that address (password
# spraying). The per-pair rule keeps one user's typos from locking out a whole address.
AXES_HANDLER = "core.login_throttle.ThrottleHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
LOGIN_FAILURE_LIMITS = (5, 20)  # one per lockout parameter, in the same order
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS[0]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address: behind the documented reverse proxy, the entry the proxy appended to
# X-Forwarded-For; otherwise the connection's address (the header is then ignored).
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_ip"
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
# How many proxies append to X-Forwarded-For in front of the app (nginx: one).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))

# --- Internationalisation: Dutch (Belgium) first, English available ---------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Django ships no nl_BE formats; ours give 19/02/2024 in both languages.
FORMAT_MODULE_PATH = ["core.formats"]

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Nothing routes this prefix: uploads are served by permission-checked views only.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Evidence files and signed decisions (see profiling_followup/uploads.py).
UPLOAD_MAX_BYTES = int(os.environ.get("DJANGO_UPLOAD_MAX_BYTES", str(10 * 1000 * 1000)))
# A request may bring one largest file plus the form around it; anything larger is refused
# before its body is read (core.middleware, core.uploads). nginx's client_max_body_size in
# the README matches it.
REQUEST_MAX_BYTES = UPLOAD_MAX_BYTES + 1000 * 1000
FILE_UPLOAD_HANDLERS = [
    "core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields other than files (Django refuses more with a 400).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# --- Systematic ID checks ----------------------------------------------------------------
# Longest authorisation window without a recorded extension (id_checks services).
ID_CHECK_MAX_DURATION_HOURS = int(os.environ.get("ID_CHECK_MAX_DURATION_HOURS", "24"))
# An evaluation is due this many days after the (extended) end of the authorised window.
ID_CHECK_EVALUATION_DUE_DAYS = int(os.environ.get("ID_CHECK_EVALUATION_DUE_DAYS", "30"))

# --- "Mijn werk" and reminders by e-mail (reminders app) ---------------------------------
# An open action without a progress update for this many days is listed as silent.
ACTION_UPDATE_STALE_DAYS = int(os.environ.get("ACTION_UPDATE_STALE_DAYS", "60"))
# SMTP when a host is given; without one, the console in debug mode, and otherwise e-mail
# is off: the app runs, and `send_reminders` says that it sends nothing.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "opvolging@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
REMINDERS_ENABLED = bool(EMAIL_HOST) or DEBUG
# Links in e-mails point here (scheme and host, no trailing slash).
SITE_URL = os.environ.get(
    "DJANGO_SITE_URL",
    "http://127.0.0.1:8000"
    if DEBUG or not ALLOWED_HOSTS
    else f"https://{ALLOWED_HOSTS[0].lstrip('.')}",
).rstrip("/")

# --- Tables -----------------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

# --- Security headers -------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
if PRODUCTION_MODE:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Sign-in through the organisation's OpenID Connect provider --------------------------
# accounts/conf.py reads OIDC_* and DJANGO_LOCAL_LOGIN and refuses an incomplete set;
# without them only OIDC_ENABLED=False and LOCAL_LOGIN="all" are added (login as before).
globals().update(
    oidc_settings(
        os.environ,
        production_mode=PRODUCTION_MODE,
        base={
            "AUTHENTICATION_BACKENDS": AUTHENTICATION_BACKENDS,
            "CONTENT_SECURITY_POLICY": CONTENT_SECURITY_POLICY,
        },
    )
)

# --- Logging: to the console, without request bodies or personal data -------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every step of every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
