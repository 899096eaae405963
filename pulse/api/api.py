"""The REST API (ADR 16): read-only, personal API tokens, the caller's scope only, and the same
disclosure control as the pages (every figure comes from a stored publication).

The OpenAPI document is served at /api/openapi.json. No interactive documentation page is
served: it would load scripts from another site, which the service's Content Security Policy
forbids. See the README for worked examples.
"""

from ninja import NinjaAPI

from pulse.api import errors
from pulse.api.auth import TokenAuth, TokenRateThrottle
from pulse.api.routers import benchmarks, instruments, results, systems

DESCRIPTION = """Read-only access to Leadership Pulse for analysts' own tools (R, Python, Power
BI, Excel). Authenticate with a personal API token from your account page:
`Authorization: Bearer <token>`. You see exactly what your roles let you see on the pages:
your own system's published results (ICS admins and viewers), your region's (regional
analysts) or every system's (national analysts). Every figure passes the same disclosure
control as the pages: no figure describes fewer than 10 people, and hidden figures are null
with `suppressed: true` and a `reason`. Lists are paginated with `page` and `page_size`.
Errors are JSON with `status`, `title` and `detail`."""

api = NinjaAPI(
    title="Leadership Pulse API",
    version="1.0.0",
    description=DESCRIPTION,
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=TokenRateThrottle(),
)
errors.install(api)
api.add_router("", systems.router)
api.add_router("", instruments.router)
api.add_router("", results.router)
api.add_router("", benchmarks.router)
