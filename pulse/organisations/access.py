"""View decorators that resolve the ICS from the signed-in user's memberships.

The URL names the ICS, but the view only gets it if the user's memberships allow the permission;
otherwise the user sees the NHS "You do not have permission" page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from pulse.organisations import selectors
from pulse.organisations.permissions import (
    Perm,
    has_england_perm,
    has_perm,
    has_region_perm,
    is_platform_admin,
)

View = Callable[..., HttpResponse]


def ics_view(perm: Perm) -> Callable[[View], View]:
    """Replace the `ics_code` URL argument with the ICS, after checking `perm` for it."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, ics_code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            ics = selectors.ics_by_url_code(code=ics_code)
            if not has_perm(request.user, perm, ics=ics):
                raise PermissionDenied
            return view(request, ics, *args, **kwargs)

        return wrapped

    return decorator


def region_view(perm: Perm) -> Callable[[View], View]:
    """Replace the `region_code` URL argument with the region, after checking `perm` for it
    (national analysts hold it for every region, regional analysts for their own)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: HttpRequest, region_code: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            region = selectors.region_by_url_code(code=region_code)
            if not has_region_perm(request.user, perm, region=region):
                raise PermissionDenied
            return view(request, region, *args, **kwargs)

        return wrapped

    return decorator


def england_view(perm: Perm) -> Callable[[View], View]:
    """A page about England as a whole: national analysts and platform admins only."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_england_perm(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def platform_admin_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_platform_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
