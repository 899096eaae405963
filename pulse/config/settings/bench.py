"""Benchmarks only (`bench/load`, `bench/faults.py`): the production settings, served over plain
http on 127.0.0.1 by gunicorn on the same host as the load generator.

Everything production checks still applies (a SECRET_KEY of at least 50 characters, DEBUG off,
the same middleware, database options, sessions, validation and logging). Only what needs https
is relaxed, because the bench has no TLS terminator in front of gunicorn: no redirect to https,
no HSTS, and session and CSRF cookies that a client may send back over http (so without the
`__Host-` prefix, which requires the Secure flag). Never use these settings for a real service.
"""

from .production import *  # noqa: F403
from .production import BASE_DIR, env

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# The bench collects static files into its own folder, so it never touches a deployment's.
STATIC_ROOT = env.path("PULSE_BENCH_STATIC_ROOT", default=BASE_DIR / "var" / "bench" / "static")
