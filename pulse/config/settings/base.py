"""Settings shared by every environment. Values come from the environment only.

Every variable read here is listed, with its default, in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parents[3]
PULSE_DIR = BASE_DIR / "pulse"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# "local", "test" or "production": decides what the demo command and safety checks allow.
PULSE_ENVIRONMENT = "base"

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "pulse.core",
    "pulse.accounts",
    "pulse.organisations",
    "pulse.surveys",
    "pulse.reports",
    "pulse.ideas",
    "pulse.assessments",
    "pulse.actions",
    "pulse.api",
    "pulse.nhsuk_forms",
    "pulse.nonprod",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pulse.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pulse.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pulse.config.urls"
WSGI_APPLICATION = "pulse.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "pulse.config.jinja2_env.environment"},
    },
    {
        # Only the Django admin (platform admins) uses Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL (psycopg 3).
SQLITE_PATH = env.str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    # WAL lets readers carry on while one writer commits; FULL syncs every commit to disk so an
    # acknowledged response survives a power cut; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing mid-transaction.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}


def database_from_env() -> dict:
    url = env.str("DATABASE_URL", default="")
    if url:
        config = environ.Env.db_url_config(url)
        config.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": SQLITE_PATH,
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:start"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

# MFA (TOTP) is required for ICS admins, analysts and platform admins when this is on.
PULSE_MFA_REQUIRED = env.bool("PULSE_MFA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Leadership Pulse"
OTP_TOTP_THROTTLE_FACTOR = 1

# Login rate limit (django-axes): 5 failures for one email from one address locks it for 15 min.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "pulse.accounts.axes_helpers.username"
AXES_LOCKOUT_CALLABLE = "pulse.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "pulse.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# --- Static files (built from npm nhsuk-frontend at set-up, never committed) ---------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PULSE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Background tasks (django-tasks backport, database backend: no broker needed) ----------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "notify": "django_gov_notify.backends.NotifyEmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = EMAIL_BACKENDS[env.str("EMAIL_BACKEND", default="console")]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Leadership Pulse <noreply@localhost>")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30
GOVUK_NOTIFY_API_KEY = env.str("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env.str("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID", default="")

# --- Caching ---------------------------------------------------------------------------------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://pulse")}

# --- Disclosure control (DESIGN.md section 6): may be raised, never lowered below 10 ---------
PULSE_MIN_GROUP_SIZE = env.int("PULSE_MIN_GROUP_SIZE", default=10)

# --- REST API (/api/): requests allowed per personal token, as "<count>/<s|m|h|d>" -----------
PULSE_API_RATE = env.str("PULSE_API_RATE", default="120/m")

# --- Logging: no secrets, tokens or personal data; query strings are never logged -----------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"strip_query": {"()": "pulse.core.logging.StripQueryStringFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["strip_query"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Retention (days), purged daily by `purge_expired_data` (docs/security-and-privacy.md) ---
# Each can be changed with an environment variable, e.g. PULSE_RETENTION_AUDIT_ENTRIES_DAYS.
_RETENTION_DEFAULTS = {
    "audit_entries": 6 * 365,  # six years, for accountability of admin actions
    "sessions": 0,  # as soon as they expire
    "task_results": 30,
    "sign_in_records": 30,
    "sign_in_logs": 90,
    "sign_in_failure_logs": 90,
    "drafts": 90,  # an unfinished survey not touched for 90 days (all drafts go at close)
    "participants": 0,  # any left once a survey has closed (normally deleted at close)
    "result_uploads": 7,  # results uploaded from another tool but never imported
    "sign_in_links": 1,
    "notifications": 365,  # read notifications
    "report_files": 90,  # prepared files, which can be prepared again
    "round_files": 90,
    "plan_files": 90,
    "ideas_files": 30,  # they name the authors of ideas not posted as "A colleague"
}
PULSE_RETENTION_DAYS = {
    key: env.int(f"PULSE_RETENTION_{key.upper()}_DAYS", default=days)
    for key, days in _RETENTION_DEFAULTS.items()
}

# --- Rate limits on unauthenticated posts (pulse/core/ratelimits.py), per client address ---
PULSE_RATE_LIMITS = {
    "respond_start": env.str("PULSE_RATELIMIT_RESPOND_START", default="30/10m"),
    "respond_submit": env.str("PULSE_RATELIMIT_RESPOND_SUBMIT", default="300/m"),
    "password_reset": env.str("PULSE_RATELIMIT_PASSWORD_RESET", default="10/h"),
}
# The request header holding the client address behind a trusted proxy (default REMOTE_ADDR).
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
