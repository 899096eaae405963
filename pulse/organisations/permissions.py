"""The one place where the platform decides who may do what (DESIGN.md section 2).

Each permission is granted to roles; ICS roles apply to their own ICS only, regional analysts
to the ICSs in their region, national analysts to all, platform admins to everything.
"""

from enum import StrEnum
from typing import Any

from pulse.organisations.models import ICS, Region, Role


class Perm(StrEnum):
    VIEW_ICS = "view_ics"
    MANAGE_PLACES = "manage_places"
    MANAGE_PARTNERS = "manage_partners"
    MANAGE_MEMBERS = "manage_members"
    VIEW_RESULTS = "view_results"
    MANAGE_WAVES = "manage_waves"
    # Ideas: read, take part (post, support, comment, report), moderate and run the pipeline,
    # set up challenges and stages, and choose the email domains allowed to sign in by link.
    VIEW_IDEAS = "view_ideas"
    POST_IDEAS = "post_ideas"
    MODERATE_IDEAS = "moderate_ideas"
    MANAGE_CHALLENGES = "manage_challenges"
    MANAGE_EMAIL_DOMAINS = "manage_email_domains"
    # Culture self-assessment: see the section, run rounds and facilitate the consensus, rate
    # (only rounds whose panel the user is on: see pulse/assessments/selectors.py), read results.
    VIEW_ASSESSMENTS = "view_assessments"
    MANAGE_ASSESSMENTS = "manage_assessments"
    RATE_ASSESSMENT = "rate_assessment"
    VIEW_ASSESSMENT_RESULTS = "view_assessment_results"
    # Action plan: read it, and own it (add, change, record progress).
    VIEW_ACTIONS = "view_actions"
    MANAGE_ACTIONS = "manage_actions"
    # Benchmarks: choose whether the system is named in other systems' benchmarks (ICS admins);
    # see other systems' names in benchmarks whatever they chose (analysts whose scope covers
    # them). Region and England views are decided by `has_region_perm` and `has_england_perm`.
    MANAGE_BENCHMARK_CONSENT = "manage_benchmark_consent"
    SEE_SYSTEM_NAMES = "see_system_names"
    VIEW_REGION_RESULTS = "view_region_results"
    VIEW_ENGLAND_RESULTS = "view_england_results"


#: Permissions over a region or England rather than one ICS: only analysts hold them.
SCOPE_PERMS = frozenset({Perm.VIEW_REGION_RESULTS, Perm.VIEW_ENGLAND_RESULTS})


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.ICS_ADMIN: frozenset(Perm) - SCOPE_PERMS - {Perm.SEE_SYSTEM_NAMES},
    Role.ICS_VIEWER: frozenset(
        {
            Perm.VIEW_ICS,
            Perm.VIEW_RESULTS,
            Perm.VIEW_IDEAS,
            Perm.VIEW_ASSESSMENTS,
            Perm.VIEW_ASSESSMENT_RESULTS,
            Perm.VIEW_ACTIONS,
        }
    ),
    Role.PANEL_MEMBER: frozenset({Perm.VIEW_ICS, Perm.VIEW_ASSESSMENTS, Perm.RATE_ASSESSMENT}),
    Role.IDEA_MODERATOR: frozenset(
        {Perm.VIEW_ICS, Perm.VIEW_IDEAS, Perm.POST_IDEAS, Perm.MODERATE_IDEAS}
    ),
    Role.STAFF: frozenset({Perm.VIEW_ICS, Perm.VIEW_IDEAS, Perm.POST_IDEAS}),
    Role.REGIONAL_ANALYST: frozenset(
        {Perm.VIEW_ICS, Perm.VIEW_RESULTS, Perm.SEE_SYSTEM_NAMES, Perm.VIEW_REGION_RESULTS}
    ),
    Role.NATIONAL_ANALYST: frozenset(
        {
            Perm.VIEW_ICS,
            Perm.VIEW_RESULTS,
            Perm.SEE_SYSTEM_NAMES,
            Perm.VIEW_REGION_RESULTS,
            Perm.VIEW_ENGLAND_RESULTS,
        }
    ),
}

# Roles that must use a second factor when PULSE_MFA_REQUIRED is on (platform admins too).
MFA_ROLES = frozenset({Role.ICS_ADMIN, Role.REGIONAL_ANALYST, Role.NATIONAL_ANALYST})


def is_platform_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _memberships(user: Any) -> list[Any]:
    # Cached on the user object for the request: permission checks happen several times a page.
    cached = getattr(user, "_pulse_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("ics", "region"))
        user._pulse_memberships = cached
    return cached


def roles_in(user: Any, ics: ICS) -> set[Role]:
    """The roles that give `user` a say over `ics`, including analysts whose scope covers it."""
    if not (user.is_authenticated and user.is_active):
        return set()
    roles = set()
    for m in _memberships(user):
        if (
            (m.ics_id == ics.pk)
            or (m.role == Role.REGIONAL_ANALYST and m.region_id == ics.region_id)
            or m.role == Role.NATIONAL_ANALYST
        ):
            roles.add(Role(m.role))
    return roles


def has_perm(user: Any, perm: Perm, *, ics: ICS) -> bool:
    if is_platform_admin(user):
        return True
    return any(perm in ROLE_PERMISSIONS[role] for role in roles_in(user, ics))


def has_region_perm(user: Any, perm: Perm, *, region: Region) -> bool:
    """A permission over a whole region: national analysts hold it for every region, regional
    analysts for their own."""
    if is_platform_admin(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return any(
        perm in ROLE_PERMISSIONS[Role(m.role)]
        for m in _memberships(user)
        if m.role == Role.NATIONAL_ANALYST
        or (m.role == Role.REGIONAL_ANALYST and m.region_id == region.pk)
    )


def has_england_perm(user: Any, perm: Perm) -> bool:
    """A permission over England as a whole: national analysts (and platform admins) only."""
    if is_platform_admin(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return any(
        perm in ROLE_PERMISSIONS[Role(m.role)]
        for m in _memberships(user)
        if m.role == Role.NATIONAL_ANALYST
    )


def region_ids_in_scope(user: Any, perm: Perm) -> set[int] | None:
    """The regions over which `user` holds `perm`: None means every region (England)."""
    if has_england_perm(user, perm):
        return None
    if not (user.is_authenticated and user.is_active):
        return set()
    return {
        m.region_id
        for m in _memberships(user)
        if m.role == Role.REGIONAL_ANALYST and perm in ROLE_PERMISSIONS[Role(m.role)]
    }


def requires_mfa(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return is_platform_admin(user) or any(Role(m.role) in MFA_ROLES for m in _memberships(user))


def assignable_roles(user: Any, ics: ICS) -> list[Role]:
    """The ICS roles `user` may give others in `ics` (analyst roles are for platform admins)."""
    if has_perm(user, Perm.MANAGE_MEMBERS, ics=ics):
        return [
            r
            for r in Role
            if r
            in {Role.ICS_ADMIN, Role.ICS_VIEWER, Role.PANEL_MEMBER, Role.IDEA_MODERATOR, Role.STAFF}
        ]
    return []
