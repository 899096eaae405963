"""Test settings: fast hashing, tasks run immediately, emails kept in memory."""

from .base import *  # noqa: F403
from .base import STORAGES, TASKS, env

PULSE_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {**TASKS, "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PULSE_MFA_REQUIRED = env.bool("PULSE_MFA_REQUIRED", default=False)

# Serve static files straight from pulse/static (no collectstatic needed outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Generous limits so tests that post many times are not throttled; the rate-limit tests lower them.
PULSE_RATE_LIMITS = {
    "respond_start": "100000/m",
    "respond_submit": "100000/m",
    "password_reset": "100000/m",
}
