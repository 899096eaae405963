"""Rate limits on unauthenticated posts (django-ratelimit), in one place.

Limits count per client address in the default cache. With the default local-memory cache each
web process counts separately, so the effective limit is the rate times the number of
processes; configure a shared cache (CACHE_URL) for exact limits. Sign-in lockouts do not depend
on this: django-axes keeps them in the database.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def too_many(request: HttpRequest, limit: str) -> bool:
    """Count this request against `limit` (a key of PULSE_RATE_LIMITS); True once over it."""
    return is_ratelimited(
        request,
        group=f"pulse:{limit}",
        key="ip",
        rate=settings.PULSE_RATE_LIMITS[limit],
        method=["POST"],
        increment=True,
    )


def too_many_page(request: HttpRequest, *, what: str) -> HttpResponse:
    context = {
        "page_title": "Too many attempts",
        "paragraphs": [
            f"There have been too many attempts to {what} from your connection.",
            "Wait a few minutes and try again. Anything you had already saved has been kept.",
        ],
    }
    return render(request, "core/error.jinja", context, status=429)
