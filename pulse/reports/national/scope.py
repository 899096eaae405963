"""What one viewer may see of the national publication: which systems are listed, which are
named and whose dashboards they may open. Decided from `pulse.organisations.permissions` (the
one place permissions are decided) and each system's benchmark consent.

- National analysts (and platform admins): every system, by name, and every region's figures.
- Regional analysts: their region's systems by name, their region's figures and England's;
  elsewhere, systems appear only as unnamed points unless they agreed to be named.
- ICS admins and viewers: no national table (their own benchmark page shows their system and
  England, and names only the systems that agreed to be named).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pulse.organisations.models import ICS, Region
from pulse.organisations.permissions import Perm, has_perm, region_ids_in_scope


@dataclass(frozen=True)
class Scope:
    """A viewer's view of the national publication.

    `listed`, `named` and `regions` are ODS codes; None means every one."""

    region: Region | None
    listed: frozenset[str] | None
    named: frozenset[str] | None
    openable: frozenset[str]
    regions: frozenset[str] | None

    @property
    def key(self) -> str:
        """Files are made once per scope: "england" or the region's code."""
        return "england" if self.region is None else self.region.code

    def lists(self, code: str) -> bool:
        return self.listed is None or code in self.listed

    def names(self, code: str) -> bool:
        return self.named is None or code in self.named

    def shows_region(self, code: str) -> bool:
        return self.regions is None or code in self.regions


def nameable_codes(
    user: Any, systems: Iterable[ICS], *, viewer: ICS | None = None
) -> frozenset[str]:
    """Systems `user` sees by name in any benchmark: those that agreed to be named, the
    viewer's own, and every system an analyst's scope covers (whatever it chose)."""
    return frozenset(
        s.ods_code
        for s in systems
        if s.benchmark_named
        or (viewer is not None and s.pk == viewer.pk)
        or has_perm(user, Perm.SEE_SYSTEM_NAMES, ics=s)
    )


def analyst_scope(user: Any, systems: Iterable[ICS], *, region: Region | None) -> Scope:
    """The scope of an analyst's England page (`region` None) or region page. The caller has
    already checked the page's permission (`england_view` or `region_view`)."""
    systems = list(systems)
    region_ids = region_ids_in_scope(user, Perm.VIEW_REGION_RESULTS)
    if region is not None:
        region_ids = {region.pk}
    listed = (
        None
        if region_ids is None
        else frozenset(s.ods_code for s in systems if s.region_id in region_ids)
    )
    all_named = region_ids_in_scope(user, Perm.SEE_SYSTEM_NAMES) is None
    regions = (
        None
        if region_ids is None
        else frozenset(s.region.code for s in systems if s.region_id in region_ids)
    )
    return Scope(
        region=region,
        listed=listed,
        named=None if all_named else nameable_codes(user, systems),
        openable=frozenset(s.ods_code for s in systems if has_perm(user, Perm.VIEW_RESULTS, ics=s)),
        regions=regions,
    )
