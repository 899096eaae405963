"""The one breakdown list every publication uses (ADR 5, ADR 11).

Every allowed dimension alone, and two crossings with the layer a leader works at, which the
pulse check exists to measure: role level by layer (do senior and emerging leaders feel equally
involved at system level?) and sector by layer (is primary care involved at neighbourhood and
system level?). On the demo waves the two pairs add 16 to 20 published groups and hide none of
the single-dimension groups. The change report and the benchmark use the same list, so a group
hidden in one is hidden in all.
"""

from collections.abc import Sequence
from typing import Any

from pulse.analysis import InstrumentMeta

SINGLE_DIMENSIONS: tuple[str, ...] = (
    "profession_group",
    "sector",
    "role_level",
    "place",
    "layer",
    "age_band",
    "sex",
    "ethnic_group",
    "disability",
)
CROSSED: tuple[tuple[str, str], ...] = (("role_level", "layer"), ("sector", "layer"))
PAIR_SEPARATOR = "__"

Breakdown = str | tuple[str, str]


def breakdowns_for(meta: InstrumentMeta) -> list[Breakdown]:
    """The fixed list, limited to the dimensions this instrument asks about."""
    present = {d.key for d in meta.dimensions}
    singles: list[Breakdown] = [d for d in SINGLE_DIMENSIONS if d in present]
    pairs: list[Breakdown] = [p for p in CROSSED if set(p) <= present]
    return singles + pairs


def to_json(breakdowns: Sequence[Breakdown]) -> list[Any]:
    return [b if isinstance(b, str) else list(b) for b in breakdowns]


def from_json(data: Sequence[Any]) -> list[Breakdown]:
    return [b if isinstance(b, str) else (str(b[0]), str(b[1])) for b in data]


def breakdown_code(breakdown: Breakdown) -> str:
    """The value a filter uses: `sector`, or `role_level__layer` for a pair."""
    return breakdown if isinstance(breakdown, str) else PAIR_SEPARATOR.join(breakdown)


def singles_of(breakdowns: Sequence[Breakdown]) -> list[str]:
    return [b for b in breakdowns if isinstance(b, str)]
