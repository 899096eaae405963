"""A completed round's results, from its agreed levels only: each principle's maturity (the
mean of its indicators' agreed levels) and weakest indicators, the overall maturity, the
gateway answers, and the movement since the previous completed round.

Rounds are compared by indicator key and principle code, so a later framework version that keeps
its keys still shows movement.
"""

from dataclasses import dataclass

from pulse.assessments import selectors
from pulse.assessments.maturity import (
    PrincipleMaturity,
    level_for_mean,
    movement,
    overall_maturity,
    principle_maturity,
)
from pulse.assessments.models import (
    GatewayConsensus,
    GatewayQuestion,
    Indicator,
    IndicatorConsensus,
    Principle,
    Round,
)


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    agreed: IndicatorConsensus | None
    previous_level: int | None

    @property
    def level(self) -> int | None:
        return self.agreed.level if self.agreed else None

    @property
    def movement(self) -> int | None:
        if self.level is None or self.previous_level is None:
            return None
        return self.level - self.previous_level


@dataclass(frozen=True)
class PrincipleResult:
    principle: Principle
    maturity: PrincipleMaturity
    previous_mean: float | None
    indicators: list[IndicatorResult]

    @property
    def code(self) -> str:
        return self.principle.code

    @property
    def mean(self) -> float | None:
        return self.maturity.mean

    @property
    def level(self) -> int | None:
        return level_for_mean(self.mean) if self.mean is not None else None

    @property
    def movement(self) -> float | None:
        return movement(self.mean, self.previous_mean)

    @property
    def weakest(self) -> list[Indicator]:
        keys = set(self.maturity.weakest)
        return [r.indicator for r in self.indicators if r.indicator.key in keys]


@dataclass(frozen=True)
class GatewayResult:
    question: GatewayQuestion
    agreed: GatewayConsensus | None
    previous_answer: str | None


@dataclass(frozen=True)
class RoundResults:
    round: Round
    previous: Round | None
    principles: list[PrincipleResult]
    gateway: list[GatewayResult]

    @property
    def overall(self) -> float | None:
        return overall_maturity([p.mean for p in self.principles])

    @property
    def previous_overall(self) -> float | None:
        if self.previous is None:
            return None
        return overall_maturity([p.previous_mean for p in self.principles])

    @property
    def overall_movement(self) -> float | None:
        return movement(self.overall, self.previous_overall)

    def principle(self, code: str) -> PrincipleResult | None:
        return next((p for p in self.principles if p.code == code), None)


def _agreed_by_key(round: Round) -> dict[str, int]:
    return {c.indicator.key: c.level for c in selectors.consensus_for_round(round=round).values()}


def _previous_means(previous: Round | None) -> dict[str, float | None]:
    if previous is None:
        return {}
    agreed = _agreed_by_key(previous)
    return {
        p.code: principle_maturity(agreed, [i.key for i in p.indicators.all()]).mean
        for p in selectors.principles_for_version(version=previous.version)
    }


def _previous_answers(previous: Round | None) -> dict[str, str]:
    if previous is None:
        return {}
    rows = selectors.gateway_consensus_for_round(round=previous).values()
    return {c.question.key: c.answer for c in rows}


def round_results(*, round: Round) -> RoundResults:
    """The results of a round from its agreed levels (complete once the round is completed)."""
    previous = selectors.previous_round(round=round)
    previous_levels = _agreed_by_key(previous) if previous else {}
    previous_means = _previous_means(previous)
    consensus = selectors.consensus_for_round(round=round)
    principles = []
    for principle in selectors.principles_for_version(version=round.version):
        indicators = list(principle.indicators.all())
        agreed = {i.key: consensus[i.pk].level for i in indicators if i.pk in consensus}
        principles.append(
            PrincipleResult(
                principle=principle,
                maturity=principle_maturity(agreed, [i.key for i in indicators]),
                previous_mean=previous_means.get(principle.code),
                indicators=[
                    IndicatorResult(i, consensus.get(i.pk), previous_levels.get(i.key))
                    for i in indicators
                ],
            )
        )
    gateway_agreed = selectors.gateway_consensus_for_round(round=round)
    previous_answers = _previous_answers(previous)
    gateway = [
        GatewayResult(q, gateway_agreed.get(q.pk), previous_answers.get(q.key))
        for q in selectors.gateway_for_version(version=round.version)
    ]
    return RoundResults(round=round, previous=previous, principles=principles, gateway=gateway)
