"""Reads for the API, always scoped to the caller: who they are (their token), the systems their
roles cover, the questionnaires they may read, and published waves of systems in their scope.
Permissions are decided in `pulse.organisations.permissions`; nothing here decides one itself."""

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from pulse.api.models import ApiToken
from pulse.api.services import token_hash
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm
from pulse.surveys.models import Instrument, InstrumentVersion


def token_by_secret(*, secret: str) -> ApiToken | None:
    """The token with this secret, revoked or expired ones included (the caller says which)."""
    if not secret or len(secret) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(token_hash=token_hash(secret)).first()


def tokens_for_user(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_user(user)


def token_for_user(*, user: Any, token_id: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    return get_object_or_404(ApiToken.objects.for_user(user), pk=token_id)


def systems_in_scope(*, user: Any, perm: Perm = Perm.VIEW_ICS) -> list[ICS]:
    """Every ICS for which the user holds `perm`, by name."""
    systems = ICS.objects.select_related("region").order_by("short_name")
    return [s for s in systems if has_perm(user, perm, ics=s)]


def system_by_code(*, code: str) -> ICS | None:
    return ICS.objects.select_related("region").filter(ods_code=code.upper()).first()


def instruments_in_scope(*, user: Any) -> QuerySet[Instrument]:
    """Standard questionnaires, and those of the systems the user belongs to or covers."""
    own = [s.pk for s in systems_in_scope(user=user)]
    return (
        Instrument.objects.filter(Q(ics__isnull=True) | Q(ics_id__in=own))
        .select_related("ics")
        .prefetch_related("versions")
        .order_by("title", "pk")
    )


def instrument_in_scope(*, user: Any, instrument_id: int) -> Instrument | None:
    return instruments_in_scope(user=user).filter(pk=instrument_id).first()


def version_in_scope(*, user: Any, instrument_id: int, version: int) -> InstrumentVersion | None:
    instrument = instrument_in_scope(user=user, instrument_id=instrument_id)
    if instrument is None:
        return None
    return (
        InstrumentVersion.objects.select_related("instrument")
        .filter(instrument=instrument, version=version)
        .first()
    )
