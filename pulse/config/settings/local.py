"""Local development: SQLite, console email, demo data allowed."""

from .base import *  # noqa: F403
from .base import env

PULSE_ENVIRONMENT = "local"
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-secret")
