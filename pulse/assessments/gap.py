"""The perception gap: for each principle, the panel's agreed maturity beside what leaders
report for the same principle in the latest published pulse check, read in plain English.

Leaders' numbers come only from the wave's stored publication (`pulse.reports`): a score the
publication hides is "not available", never estimated, and the England median is the benchmark's
own (absent when fewer than 5 systems could be compared).
"""

from dataclasses import dataclass
from typing import Any

import polars as pl

from pulse.assessments.maturity import LEVEL_NAMES, level_for_mean
from pulse.assessments.results import RoundResults
from pulse.organisations.models import ICS
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import constructs, shown
from pulse.reports.results import BENCHMARK_SUMMARY, Results
from pulse.reports.selectors import published_waves_for_ics, results_for_wave
from pulse.surveys.models import Wave

PULSE_CHECK = "ccpl-pulse-check"
#: How a sentence names what leaders scored for each principle.
PHRASES = {
    "P1": "their involvement in decisions at every level",
    "P2": "shared learning, collaboration and innovation",
    "P3": "protected time and support",
    "P4": "the development offer for leaders",
    "P5": "fair recruitment and a diverse pipeline",
}


@dataclass(frozen=True)
class LeaderScores:
    """One published wave's principle scores and England medians, as stored."""

    wave: Wave
    k: int
    rows: dict[str, dict[str, Any]]
    medians: dict[str, float | None]


def _medians(results: Results) -> dict[str, float | None]:
    summary = results.optional(BENCHMARK_SUMMARY)
    if summary is None:
        return {}
    rows = summary.filter(pl.col("kind") == "construct").to_dicts()
    return {r["key"]: (None if r.get("reason") else r.get("median")) for r in rows}


def standard_results(*, ics: ICS) -> Results | None:
    """The stored results of the ICS's latest published standard pulse check, if ready."""
    for wave in published_waves_for_ics(ics=ics):
        instrument = wave.version.instrument
        if instrument.key != PULSE_CHECK or instrument.ics_id is not None:
            continue
        results = results_for_wave(wave=wave)
        if results is not None:
            return results
    return None


def leader_scores(*, ics: ICS) -> LeaderScores | None:
    results = standard_results(ics=ics)
    if results is None:
        return None
    return LeaderScores(results.wave, results.k, constructs(results), _medians(results))


@dataclass(frozen=True)
class PerceptionGap:
    code: str
    panel_mean: float | None
    leaders_mean: float | None
    leaders_hidden: str
    england_median: float | None
    gap: bool
    reading: str

    @property
    def panel_level(self) -> str:
        return LEVEL_NAMES[level_for_mean(self.panel_mean)] if self.panel_mean is not None else ""


#: The middle of the 0 to 10 scale: below it, more leaders disagree than agree.
MIDDLE = 5.0


def _relation(score: float, median: float) -> str:
    mine, england = round(score, 1), round(median, 1)
    if mine == england:
        return "the same as the England median"
    side = "below" if mine < england else "above"
    return f"{side} the England median of {fmt.score(median)}"


def _judged(level: int, score: float, median: float | None) -> tuple[bool, list[str]]:
    """Whether leaders' score calls the panel's claim into question, and the phrases that say
    how the score compares: a Maturing or Thriving claim against a score below the England
    median or below the middle of the scale; an Emerging or Developing claim against a score
    above the England median and at least the middle."""
    low = round(score, 1) < MIDDLE
    relation = _relation(score, median) if median is not None else ""
    below, above = relation.startswith("below"), relation.startswith("above")
    phrases = []
    if level >= 3 and low and not below:
        phrases.append("below the middle of the scale")
    if relation:
        phrases.append(f"though {relation}" if phrases and above else relation)
    gap = (below or low) if level >= 3 else (above and not low)
    return gap, phrases


def _reading(
    code: str, mean: float, leaders: LeaderScores | None
) -> tuple[str, bool, dict[str, Any]]:
    level = level_for_mean(mean)
    claim = f"The panel rates {code} as {LEVEL_NAMES[level]}"
    if leaders is None:
        return f"{claim}. No pulse check results have been published to compare it with.", False, {}
    row = leaders.rows.get(code)
    if not shown(row):
        hidden = fmt.hidden_text(row["reason"] if row else None, leaders.k)
        text = f"{claim}. The leaders' score is not available: {hidden[0].lower()}{hidden[1:]}."
        return text, False, {"hidden": hidden}
    assert row is not None
    score, median = float(row["mean"]), leaders.medians.get(code)
    gap, phrases = _judged(level, score, median)
    text = (
        f"{claim}, {'but' if gap else 'and'} leaders score {PHRASES[code]} {fmt.score_text(score)}"
    )
    text += "".join(f", {phrase}" for phrase in phrases) + "."
    if median is None:
        text += " There is no England median to compare with yet."
    return text, gap, {"score": score, "median": median}


def perception_gaps(results: RoundResults, leaders: LeaderScores | None) -> list[PerceptionGap]:
    gaps = []
    for principle in results.principles:
        if principle.mean is None:
            continue
        reading, gap, numbers = _reading(principle.code, principle.mean, leaders)
        gaps.append(
            PerceptionGap(
                code=principle.code,
                panel_mean=principle.mean,
                leaders_mean=numbers.get("score"),
                leaders_hidden=numbers.get("hidden", ""),
                england_median=numbers.get("median"),
                gap=gap,
                reading=reading,
            )
        )
    return gaps
