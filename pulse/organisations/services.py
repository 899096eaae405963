"""Writes for organisations: reference data, places, partner organisations and memberships."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from pulse.accounts.services import user_invite
from pulse.core.services import audit_record
from pulse.organisations.models import ICS, Membership, PartnerOrganisation, Place, Region, Role
from pulse.organisations.reference import apply_reference, parse_reference


@transaction.atomic
def organisations_import(*, regions_csv: bytes, icbs_csv: bytes, by: Any = None) -> dict[str, int]:
    """Refresh regions and ICSs from CSVs; all or nothing (ReferenceDataError lists problems)."""
    regions, icbs = parse_reference(regions_csv, icbs_csv)
    counts = apply_reference(regions, icbs, region_model=Region, ics_model=ICS)
    audit_record(
        actor=by, action="reference_data_imported", target_type="organisations.ICS", details=counts
    )
    return counts


def _place_code(ics: ICS, name: str) -> str:
    base = slugify(name)[:50] or "place"
    code, n = base, 2
    while Place.objects.for_ics(ics).filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _check_place_name(ics: ICS, name: str, exclude: Place | None = None) -> None:
    clash = Place.objects.for_ics(ics).filter(name__iexact=name, active=True)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    existing = clash.first()
    if existing is not None:
        raise ValidationError({"name": f"There is already a place called {existing.name}"})


@transaction.atomic
def place_create(*, ics: ICS, name: str, by: Any) -> Place:
    name = name.strip()
    _check_place_name(ics, name)
    removed = Place.objects.for_ics(ics).filter(name__iexact=name, active=False).first()
    if removed is not None:
        removed.active = True
        removed.save(update_fields=["active"])
        place = removed
    else:
        place = Place.objects.create(ics=ics, name=name, code=_place_code(ics, name))
    audit_record(actor=by, action="place_added", target=place, ics_code=ics.ods_code)
    return place


@transaction.atomic
def place_update(*, place: Place, name: str, by: Any) -> Place:
    name = name.strip()
    _check_place_name(place.ics, name, exclude=place)
    old = place.name
    place.name = name
    place.save(update_fields=["name"])
    audit_record(
        actor=by,
        action="place_renamed",
        target=place,
        ics_code=place.ics.ods_code,
        details={"from": old},
    )
    return place


@transaction.atomic
def place_remove(*, place: Place, by: Any) -> None:
    """Remove a place from new surveys. It is kept so earlier results still show its name."""
    place.active = False
    place.save(update_fields=["active"])
    audit_record(actor=by, action="place_removed", target=place, ics_code=place.ics.ods_code)


def _check_partner_name(ics: ICS, name: str, exclude: PartnerOrganisation | None = None) -> None:
    clash = PartnerOrganisation.objects.for_ics(ics).filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    existing = clash.first()
    if existing is not None:
        raise ValidationError(
            {"name": f"There is already a partner organisation called {existing.name}"}
        )


@transaction.atomic
def partner_create(
    *, ics: ICS, name: str, sector: str, ods_code: str, by: Any
) -> PartnerOrganisation:
    _check_partner_name(ics, name.strip())
    partner = PartnerOrganisation.objects.create(
        ics=ics, name=name.strip(), sector=sector, ods_code=ods_code.strip().upper()
    )
    audit_record(actor=by, action="partner_added", target=partner, ics_code=ics.ods_code)
    return partner


@transaction.atomic
def partner_update(
    *, partner: PartnerOrganisation, name: str, sector: str, ods_code: str, by: Any
) -> PartnerOrganisation:
    _check_partner_name(partner.ics, name.strip(), exclude=partner)
    partner.name, partner.sector, partner.ods_code = name.strip(), sector, ods_code.strip().upper()
    partner.save(update_fields=["name", "sector", "ods_code"])
    audit_record(actor=by, action="partner_changed", target=partner, ics_code=partner.ics.ods_code)
    return partner


@transaction.atomic
def partner_remove(*, partner: PartnerOrganisation, by: Any) -> None:
    audit_record(actor=by, action="partner_removed", target=partner, ics_code=partner.ics.ods_code)
    partner.delete()


@transaction.atomic
def membership_add(*, ics: ICS, email: str, full_name: str, role: str, by: Any) -> Membership:
    """Give a person a role in the ICS, creating and inviting them if they have no account."""
    user, _created = user_invite(email=email, full_name=full_name, invited_by=by, ics_name=ics.name)
    if Membership.objects.for_ics(ics).filter(user=user, role=role).exists():
        raise ValidationError({"role": f"{user.email} already has this role in {ics.short_name}"})
    membership = Membership.objects.create(user=user, role=role, ics=ics)
    audit_record(
        actor=by,
        action="member_added",
        target=membership,
        ics_code=ics.ods_code,
        details={"email": user.email, "role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    ics = membership.ics
    assert ics is not None
    admins = Membership.objects.select_for_update().for_ics(ics).filter(role=Role.ICS_ADMIN)
    if membership.role == Role.ICS_ADMIN and admins.count() <= 1:
        raise ValidationError("You cannot remove the only ICS admin. Add another ICS admin first.")
    audit_record(
        actor=by,
        action="member_removed",
        target=membership,
        ics_code=ics.ods_code,
        details={"email": membership.user.email, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def benchmark_consent_set(*, ics: ICS, named: bool, by: Any) -> ICS:
    """Choose whether other systems see this system's name in benchmarks (audited).

    Either way its published results count in England's figures; national and regional
    analysts always see its name."""
    system = ICS.objects.select_for_update().get(pk=ics.pk)
    if system.benchmark_named != named:
        system.benchmark_named = named
        system.save(update_fields=["benchmark_named"])
        audit_record(
            actor=by,
            action="benchmark_consent_changed",
            target=system,
            ics_code=system.ods_code,
            details={"named": named},
        )
    ics.benchmark_named = named
    return system
