"""A national publication's stored tables, loaded table by table and cached in the process.

Tables (see ADR 15):

- ``scores``: every scale of every system (the benchmark's ``scores``: n, mean, % positive,
  quartile band, funnel limits and flags, ``suppressed`` and ``reason``).
- ``summary``: England's figures for each scale (the benchmark's ``summary``).
- ``systems``: each system's wave and its number of responses, from its own publication.
- ``changes``: each system's change since its previous survey, scale by scale, from its own
  publication (only published comparisons).
- ``regions``: each region's figures, pooled from the published figures of its systems.
"""

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from pulse.reports.national.models import NationalPublication
from pulse.reports.storage import table_from_bytes

SCORES = "scores"
SUMMARY = "summary"
SYSTEMS = "systems"
CHANGES = "changes"
REGIONS = "regions"
TABLES = (SCORES, SUMMARY, SYSTEMS, CHANGES, REGIONS)


@lru_cache(maxsize=40)
def _load(publication_id: int, version: str, name: str) -> pl.DataFrame | None:
    from pulse.reports.national.selectors import national_table_content

    content = national_table_content(publication_id=publication_id, name=name)
    return None if content is None else table_from_bytes(content)


@dataclass
class NationalResults:
    publication: NationalPublication

    @property
    def k(self) -> int:
        return int(self.publication.k)

    @property
    def cache_key(self) -> str:
        """Changes whenever the publication is rebuilt: for caching rendered charts."""
        return f"n{self.publication.pk}-{self.publication.computed_at.timestamp():.6f}"

    def optional(self, name: str) -> pl.DataFrame | None:
        return _load(self.publication.pk, self.cache_key, name)

    def table(self, name: str) -> pl.DataFrame:
        table = self.optional(name)
        if table is None:
            raise KeyError(f"the national publication has no table {name!r}")
        return table
