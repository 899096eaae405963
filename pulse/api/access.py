"""Scope checks for API operations, in the API's words: 404 for what does not exist, 403 for
what exists but is outside the caller's roles. The decisions are `permissions.py`'s."""

from typing import Any

from ninja.errors import HttpError

from pulse.api import selectors
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm, region_ids_in_scope

NO_RESULTS = "You do not have permission to see this system's results."
NO_SYSTEM = "You do not have permission to see this system."
ANALYSTS_ONLY = (
    "Only national and regional analysts can see the national table. Your own system's "
    "benchmark against England is in its results."
)


def system_for(user: Any, code: str, perm: Perm = Perm.VIEW_ICS) -> ICS:
    ics = selectors.system_by_code(code=code)
    if ics is None:
        raise HttpError(404, f"There is no system with the ODS code {code.upper()}.")
    if not has_perm(user, perm, ics=ics):
        raise HttpError(403, NO_RESULTS if perm == Perm.VIEW_RESULTS else NO_SYSTEM)
    return ics


def analyst_regions(user: Any) -> set[int] | None:
    """The regions whose national table the user may read (None: all of England)."""
    regions = region_ids_in_scope(user, Perm.VIEW_REGION_RESULTS)
    if regions is not None and not regions:
        raise HttpError(403, ANALYSTS_ONLY)
    return regions
