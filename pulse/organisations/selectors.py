from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pulse.organisations.models import ICS, Membership, PartnerOrganisation, Place, Region


def ics_by_url_code(*, code: str) -> ICS:
    return get_object_or_404(ICS.objects.select_related("region"), ods_code=code.upper())


def ics_by_ods_code(*, ods_code: str) -> ICS | None:
    return ICS.objects.filter(ods_code=ods_code.upper()).first()


def active_systems() -> QuerySet[ICS]:
    return ICS.objects.filter(active=True).select_related("region")


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def region_by_url_code(*, code: str) -> Region:
    return get_object_or_404(Region, code=code.upper())


def systems_in_regions(*, region_ids: set[int] | None) -> QuerySet[ICS]:
    """Every ICS (None: in England), or those of the given regions."""
    systems = ICS.objects.select_related("region")
    return systems if region_ids is None else systems.filter(region_id__in=region_ids)


def benchmark_named_codes() -> set[str]:
    """ODS codes of the systems that agreed to be named in other systems' benchmarks."""
    return set(ICS.objects.filter(benchmark_named=True).values_list("ods_code", flat=True))


def places_for_ics(*, ics: ICS, include_removed: bool = False) -> QuerySet[Place]:
    places = Place.objects.for_ics(ics)
    return places if include_removed else places.filter(active=True)


def place_for_ics(*, ics: ICS, place_id: int) -> Place:
    return get_object_or_404(Place.objects.for_ics(ics).filter(active=True), pk=place_id)


def partners_for_ics(*, ics: ICS) -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.for_ics(ics)


def partner_for_ics(*, ics: ICS, partner_id: int) -> PartnerOrganisation:
    return get_object_or_404(PartnerOrganisation.objects.for_ics(ics), pk=partner_id)


def members_for_ics(*, ics: ICS) -> QuerySet[Membership]:
    return Membership.objects.for_ics(ics).select_related("user").order_by("user__email", "role")


def membership_for_ics(*, ics: ICS, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.for_ics(ics).select_related("user"), pk=membership_id
    )


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("ics", "region")
        .order_by("ics__short_name", "region__name", "role")
    )
