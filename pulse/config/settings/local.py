"""Local development: SQLite, console email, demo data allowed."""

from .base import *  # noqa: F403
from .base import env

PULSE_ENVIRONMENT = "local"
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-secret")

# Serve static files straight from pulse/static (no collectstatic needed outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
