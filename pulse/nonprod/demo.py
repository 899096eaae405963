"""Builders for the demo: a real ICB's places, partners and one user per role.

Everything here is idempotent, so `load_demo_data` can be run again to refresh the demo.
Later features add their own builders and call them from `build_demo()`.
"""

from dataclasses import dataclass

from django.db import transaction

from pulse.accounts.models import User
from pulse.organisations.models import (
    ICS,
    Membership,
    PartnerOrganisation,
    Place,
    Region,
    Role,
    Sector,
)

DEMO_ICS = "QYG"  # NHS Cheshire and Merseyside
DEMO_DOMAIN = "demo.example.org"
DEMO_PASSWORD = "Leadership-Pulse-demo"  # noqa: S105 - printed to the developer, never used in production

PLACES = [
    "Cheshire East",
    "Cheshire West and Chester",
    "Halton",
    "Knowsley",
    "Liverpool",
    "Sefton",
    "St Helens",
    "Warrington",
    "Wirral",
]

PARTNERS = [
    ("Alder Hey Children's NHS Foundation Trust", Sector.NHS_PROVIDER, "RBS"),
    ("Cheshire and Wirral Partnership NHS Foundation Trust", Sector.NHS_PROVIDER, "RXA"),
    ("Liverpool University Hospitals NHS Foundation Trust", Sector.NHS_PROVIDER, "REM"),
    ("Mersey Care NHS Foundation Trust", Sector.NHS_PROVIDER, "RW4"),
    ("North West Ambulance Service NHS Trust", Sector.NHS_PROVIDER, "RX7"),
    ("Warrington and Halton Teaching Hospitals NHS Foundation Trust", Sector.NHS_PROVIDER, "RWW"),
    ("Wirral University Teaching Hospital NHS Foundation Trust", Sector.NHS_PROVIDER, "RBL"),
    ("Liverpool City Council", Sector.LOCAL_AUTHORITY, ""),
    ("Cheshire East Council", Sector.LOCAL_AUTHORITY, ""),
    ("Wirral Council", Sector.LOCAL_AUTHORITY, ""),
    ("Sefton primary care networks", Sector.PRIMARY_CARE, ""),
    ("Liverpool community pharmacies", Sector.PRIMARY_CARE, ""),
    ("Healthwatch Liverpool", Sector.VCSE, ""),
    ("Age UK Cheshire", Sector.VCSE, ""),
    ("Merseyside care home providers' network", Sector.INDEPENDENT_CARE, ""),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role | None  # None: platform admin
    description: str


USERS = [
    DemoUser(f"ics-admin@{DEMO_DOMAIN}", "Aisha Khan", Role.ICS_ADMIN, "ICS admin (CCPL lead)"),
    DemoUser(
        f"ics-viewer@{DEMO_DOMAIN}", "Ben Roberts", Role.ICS_VIEWER, "ICS viewer (board member)"
    ),
    DemoUser(
        f"panel-member@{DEMO_DOMAIN}", "Chloe Evans", Role.PANEL_MEMBER, "Assessment panel member"
    ),
    DemoUser(
        f"idea-moderator@{DEMO_DOMAIN}", "Daniel Okafor", Role.IDEA_MODERATOR, "Idea moderator"
    ),
    DemoUser(f"staff@{DEMO_DOMAIN}", "Emma Wilson", Role.STAFF, "Staff member"),
    DemoUser(
        f"regional-analyst@{DEMO_DOMAIN}",
        "Farah Ahmed",
        Role.REGIONAL_ANALYST,
        "Regional analyst (North West)",
    ),
    DemoUser(
        f"national-analyst@{DEMO_DOMAIN}",
        "George Taylor",
        Role.NATIONAL_ANALYST,
        "National analyst",
    ),
    DemoUser(f"platform-admin@{DEMO_DOMAIN}", "Hannah Lee", None, "Platform admin"),
]


def demo_ics() -> ICS:
    return ICS.objects.select_related("region").get(ods_code=DEMO_ICS)


def build_places(ics: ICS) -> None:
    from django.utils.text import slugify

    for name in PLACES:
        Place.objects.update_or_create(
            ics=ics, code=slugify(name), defaults={"name": name, "active": True}
        )


def build_partners(ics: ICS) -> None:
    for name, sector, ods_code in PARTNERS:
        PartnerOrganisation.objects.update_or_create(
            ics=ics, name=name, defaults={"sector": sector, "ods_code": ods_code}
        )


def _scope(role: Role | None, ics: ICS, region: Region) -> dict[str, object]:
    if role == Role.REGIONAL_ANALYST:
        return {"region": region, "ics": None}
    if role == Role.NATIONAL_ANALYST:
        return {"region": None, "ics": None}
    return {"ics": ics, "region": None}


def build_users(ics: ICS) -> list[DemoUser]:
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            email=spec.email,
            defaults={
                "full_name": spec.name,
                "is_active": True,
                "is_superuser": spec.role is None,
                "is_staff": spec.role is None,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if spec.role is not None:
            Membership.objects.get_or_create(
                user=user, role=spec.role, **_scope(spec.role, ics, ics.region)
            )
    return USERS


@transaction.atomic
def build_demo() -> list[DemoUser]:
    from pulse.nonprod.assessments_demo import build_assessments
    from pulse.nonprod.distribution_demo import build_distribution
    from pulse.nonprod.ideas_demo import build_ideas
    from pulse.nonprod.results_demo import publish_demo_results
    from pulse.nonprod.surveys_demo import build_surveys

    ics = demo_ics()
    build_places(ics)
    build_partners(ics)
    users = build_users(ics)
    admin = User.objects.get(email=next(u.email for u in users if u.role == Role.ICS_ADMIN))
    build_surveys(ics, admin)
    build_distribution(ics, admin)
    publish_demo_results(ics, admin)
    build_assessments(ics, admin)
    build_ideas(ics)
    return users
