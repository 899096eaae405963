"""The email domains whose holders may sign in to an ICS's ideas space (ICS admins)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pulse.core.services import audit_record
from pulse.organisations.models import ICS, AllowedEmailDomain


def normalise_domain(domain: str) -> str:
    return domain.strip().lower().removeprefix("@").rstrip(".")


@transaction.atomic
def email_domain_add(*, ics: ICS, domain: str, by: Any) -> AllowedEmailDomain:
    domain = normalise_domain(domain)
    if AllowedEmailDomain.objects.for_ics(ics).filter(domain=domain).exists():
        raise ValidationError({"domain": f"{ics.short_name} already allows {domain}"})
    allowed = AllowedEmailDomain.objects.create(ics=ics, domain=domain)
    audit_record(actor=by, action="email_domain_allowed", target=allowed, ics_code=ics.ods_code)
    return allowed


@transaction.atomic
def email_domain_remove(*, allowed: AllowedEmailDomain, by: Any) -> None:
    audit_record(
        actor=by, action="email_domain_removed", target=allowed, ics_code=allowed.ics.ods_code
    )
    allowed.delete()
