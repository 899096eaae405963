"""The self-assessment's arithmetic, on plain values (no database): the spread of the panel's
ratings, a principle's maturity and its weakest indicators, and movement between rounds.

Levels are numbers: 1 Emerging, 2 Developing, 3 Maturing, 4 Thriving.

>>> spread([2, 3, 4]).disagreement
True
>>> principle_maturity({"a": 2, "b": 3, "c": 3, "d": 1}, ["a", "b", "c", "d"]).mean
2.25
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LEVELS = (1, 2, 3, 4)
LEVEL_NAMES = {1: "Emerging", 2: "Developing", 3: "Maturing", 4: "Thriving"}
#: A range of this many levels or more between the lowest and highest rating is a disagreement.
DISAGREEMENT_RANGE = 2


def _check_level(level: int) -> None:
    if level not in LEVELS:
        raise ValueError(f"a level must be 1, 2, 3 or 4, not {level!r}")


@dataclass(frozen=True)
class Spread:
    """How the panel's submitted ratings of one indicator spread over the levels."""

    counts: dict[int, int]
    n: int
    lowest: int | None
    highest: int | None

    @property
    def range(self) -> int | None:
        """Levels between the lowest and highest rating: 0 when everyone agreed."""
        if self.lowest is None or self.highest is None:
            return None
        return self.highest - self.lowest

    @property
    def disagreement(self) -> bool:
        return self.range is not None and self.range >= DISAGREEMENT_RANGE


def spread(levels: Sequence[int]) -> Spread:
    """Count the ratings at each level. `spread([1, 1, 3])`: range 2, a disagreement."""
    for level in levels:
        _check_level(level)
    counts = {level: sum(1 for value in levels if value == level) for level in LEVELS}
    return Spread(
        counts=counts,
        n=len(levels),
        lowest=min(levels) if levels else None,
        highest=max(levels) if levels else None,
    )


@dataclass(frozen=True)
class PrincipleMaturity:
    """The mean of a principle's agreed indicator levels and its weakest indicators."""

    mean: float | None
    weakest: tuple[str, ...]
    weakest_level: int | None
    agreed: int
    indicators: int

    @property
    def complete(self) -> bool:
        return self.agreed == self.indicators and self.indicators > 0


def principle_maturity(agreed: Mapping[str, int], order: Sequence[str]) -> PrincipleMaturity:
    """`agreed` maps indicator keys to agreed levels (missing: not agreed yet); `order` is the
    principle's indicators in framework order. The mean is of the agreed levels only; the
    weakest are every indicator at the lowest agreed level, in framework order."""
    levels = {key: agreed[key] for key in order if key in agreed}
    for level in levels.values():
        _check_level(level)
    if not levels:
        return PrincipleMaturity(None, (), None, 0, len(order))
    lowest = min(levels.values())
    return PrincipleMaturity(
        mean=round(sum(levels.values()) / len(levels), 2),
        weakest=tuple(key for key, level in levels.items() if level == lowest),
        weakest_level=lowest,
        agreed=len(levels),
        indicators=len(order),
    )


def overall_maturity(means: Sequence[float | None]) -> float | None:
    """The mean of the principles' means, each principle counting equally; None if any is
    missing."""
    if not means or any(mean is None for mean in means):
        return None
    return round(sum(mean for mean in means if mean is not None) / len(means), 2)


def level_for_mean(mean: float) -> int:
    """The level a mean is nearest to (halves go up): 2.5 is Maturing, 2.49 Developing."""
    if not 1 <= mean <= 4:
        raise ValueError(f"a mean level must be between 1 and 4, not {mean!r}")
    return min(4, int(mean + 0.5))


def movement(current: float | None, previous: float | None) -> float | None:
    """The change since the previous round, rounded to 2 places; None without both."""
    if current is None or previous is None:
        return None
    return round(current - previous, 2)
