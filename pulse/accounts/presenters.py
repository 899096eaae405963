from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from pulse.organisations.models import Membership
from pulse.organisations.permissions import is_platform_admin


def grouped_secret(device: Any) -> str:
    """The authenticator secret in groups of four, for typing in by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@dataclass
class HomePresenter:
    user: Any
    memberships: QuerySet[Membership]

    @property
    def systems(self) -> list[dict[str, Any]]:
        """One card per ICS the user belongs to, with their roles there."""
        cards: dict[int, dict[str, Any]] = {}
        for m in self.memberships:
            if m.ics is None:
                continue
            card = cards.setdefault(
                m.ics.pk,
                {
                    "name": m.ics.name,
                    "href": reverse("organisations:show_ics", kwargs={"ics_code": m.ics.url_code}),
                    "roles": [],
                },
            )
            card["roles"].append(m.get_role_display())
        return list(cards.values())

    @property
    def analyst_scopes(self) -> list[dict[str, str]]:
        """Each analyst role, linked to its pulse check results (England or the region)."""
        scopes = []
        for m in self.memberships:
            if m.ics is not None:
                continue
            if m.region is None:
                href, where = reverse("national:show_england"), "England"
            else:
                kwargs = {"region_code": m.region.code.lower()}
                href, where = reverse("national:show_region", kwargs=kwargs), m.region.name
            scopes.append({"role": m.get_role_display(), "where": where, "href": href})
        return scopes

    @property
    def is_platform_admin(self) -> bool:
        return is_platform_admin(self.user)
