"""The NHS's organisational map (regions, ICSs, places, partners) and who belongs where."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Sector(models.TextChoices):
    """Sectors, with the same codes as the pulse check's sector question."""

    ICB = "icb", "Integrated care board (ICB)"
    NHS_PROVIDER = "nhs_provider", "NHS provider"
    PRIMARY_CARE = "primary_care", "Primary care"
    LOCAL_AUTHORITY = "local_authority_social_care", "Local authority or social care"
    PUBLIC_HEALTH = "public_health", "Public health"
    VCSE = "voluntary_community", "Voluntary, community or social enterprise sector"
    INDEPENDENT_CARE = "independent_care_provider", "Independent care provider"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    ICS_ADMIN = "ics_admin", "ICS admin (CCPL lead)"
    ICS_VIEWER = "ics_viewer", "ICS viewer (board member)"
    PANEL_MEMBER = "panel_member", "Assessment panel member"
    IDEA_MODERATOR = "idea_moderator", "Idea moderator (design group)"
    STAFF = "staff", "Staff member"
    REGIONAL_ANALYST = "regional_analyst", "Regional analyst"
    NATIONAL_ANALYST = "national_analyst", "National analyst"


ICS_ROLES = frozenset(
    {Role.ICS_ADMIN, Role.ICS_VIEWER, Role.PANEL_MEMBER, Role.IDEA_MODERATOR, Role.STAFF}
)


class Region(models.Model):
    """An NHS England region (7 in all), keyed by its ODS code (Y56...)."""

    code = models.CharField(max_length=3, unique=True)
    ons_code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ICS(models.Model):
    """An integrated care system, identified by its integrated care board's ODS code (QYG...)."""

    ods_code = models.CharField("ODS code", max_length=3, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="systems")
    active = models.BooleanField(
        default=True, help_text="Inactive when it is no longer in the reference data"
    )
    benchmark_named = models.BooleanField(
        "named in other systems' benchmarks",
        default=False,
        help_text="Whether other systems' admins and viewers see this system's name in "
        "benchmarks; if not, it is counted in England's figures without its name. National "
        "and regional analysts always see it.",
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = "ICS"
        verbose_name_plural = "ICSs"

    def __str__(self) -> str:
        return self.short_name

    @property
    def url_code(self) -> str:
        return self.ods_code.lower()


class IcsOwnedQuerySet(models.QuerySet):
    def for_ics(self, ics: ICS) -> "IcsOwnedQuerySet":
        return self.filter(ics=ics)


class Place(models.Model):
    """A place within an ICS (usually a local authority area), offered in surveys."""

    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="places")
    code = models.SlugField(max_length=60, help_text="Stable code used in survey answers")
    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ics", "code"], name="place_code_unique_in_ics"),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerOrganisation(models.Model):
    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ics", "name"], name="partner_name_unique_in_ics"),
        ]

    def __str__(self) -> str:
        return self.name


class AllowedEmailDomain(models.Model):
    """An email domain whose holders may sign in to the ICS's ideas space by an emailed link.

    Matched exactly against the part after the @ (``wirral.nhs.uk`` does not allow
    ``x.wirral.nhs.uk``); stored in lower case.
    """

    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="allowed_email_domains")
    domain = models.CharField(max_length=253)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["ics", "domain"], name="email_domain_unique_in_ics"),
        ]

    def __str__(self) -> str:
        return self.domain


class Membership(models.Model):
    """A user's role in an ICS, a region (regional analysts) or England (national analysts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    ics = models.ForeignKey(
        ICS, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IcsOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role__in=sorted(r.value for r in ICS_ROLES),
                        ics__isnull=False,
                        region__isnull=True,
                    )
                    | Q(role=Role.REGIONAL_ANALYST, ics__isnull=True, region__isnull=False)
                    | Q(role=Role.NATIONAL_ANALYST, ics__isnull=True, region__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "ics"],
                condition=Q(ics__isnull=False),
                name="membership_unique_in_ics",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_in_region",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role=Role.NATIONAL_ANALYST),
                name="membership_unique_national",
            ),
        ]

    def __str__(self) -> str:
        scope = self.ics or self.region or "England"
        return f"{self.get_role_display()}, {scope}"
