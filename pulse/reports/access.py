"""Who sees other systems' names in benchmarks: regional and national analysts (and platform
admins). ICS admins and viewers see their own system and England, and others only unnamed."""

from typing import Any

from pulse.organisations.models import ICS, Role
from pulse.organisations.permissions import is_platform_admin, roles_in

ANALYSTS = frozenset({Role.REGIONAL_ANALYST, Role.NATIONAL_ANALYST})


def sees_other_systems(user: Any, ics: ICS) -> bool:
    return is_platform_admin(user) or bool(roles_in(user, ics) & ANALYSTS)
