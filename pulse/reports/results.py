"""A published wave's stored results, loaded table by table and cached in the process.

Published results never change, so a table is read and decoded once per process and publication
(the cache key includes when the publication was computed, so a rebuilt one is read afresh).
"""

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from pulse.reports.breakdowns import Breakdown, from_json
from pulse.reports.models import WavePublication
from pulse.reports.storage import table_from_bytes
from pulse.surveys.models import Wave

CHANGE_PREVIOUS = "change_previous"
CHANGE_BASELINE = "change_baseline"
BENCHMARK_SCORES = "benchmark_scores"
BENCHMARK_SUMMARY = "benchmark_summary"


@lru_cache(maxsize=96)  # about eight waves: a decoded wave is 10 to 20 MB
def _load(publication_id: int, version: str, name: str) -> pl.DataFrame | None:
    from pulse.reports.selectors import publication_table_content

    content = publication_table_content(publication_id=publication_id, name=name)
    return None if content is None else table_from_bytes(content)


@dataclass
class Results:
    wave: Wave
    publication: WavePublication

    @property
    def k(self) -> int:
        return int(self.publication.k)

    @property
    def breakdowns(self) -> list[Breakdown]:
        return from_json(self.publication.breakdowns)

    @property
    def cache_key(self) -> str:
        """Changes whenever the publication is rebuilt: for caching rendered charts."""
        return f"{self.publication.pk}-{self.publication.computed_at.timestamp():.6f}"

    def has(self, name: str) -> bool:
        return self.optional(name) is not None

    def optional(self, name: str) -> pl.DataFrame | None:
        return _load(self.publication.pk, self.cache_key, name)

    def table(self, name: str) -> pl.DataFrame:
        table = self.optional(name)
        if table is None:
            raise KeyError(f"the publication has no table {name!r}")
        return table

    @property
    def layer_items(self) -> pl.DataFrame:
        items = self.table("item_scores")
        return items.filter(pl.col("layer").is_not_null())
