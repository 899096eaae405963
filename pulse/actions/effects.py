"""What the results dashboard and board report show of the plan: each principle's open actions
and, once a pulse check is published after its actions started, the change in the principle's
score since then.

The change compares two stored publications of the standard pulse check: the latest closed on or
before the day the principle's first action started, and the wave being shown. Only scores the
publications show are used; a hidden score means the change is not shown.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from pulse.actions import selectors
from pulse.actions.models import Action
from pulse.core.formatting import nhs_date
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.common import constructs, shown
from pulse.reports.results import Results
from pulse.reports.selectors import earlier_published_waves, results_for_wave


@dataclass(frozen=True)
class PrincipleProgress:
    code: str
    open_actions: list[Action]
    started_on: date | None
    change: float | None
    change_text: str


def _score(results: Results | None, code: str) -> dict[str, Any] | None:
    if results is None:
        return None
    row = constructs(results).get(code)
    return row if shown(row) else None


def _change(results: Results, code: str, started: date) -> tuple[float | None, str]:
    wave, since = results.wave, f"Since the actions started on {nhs_date(started)}"
    if wave.closes_on <= started:
        return (
            None,
            f"This survey closed before the actions for {code} started on {nhs_date(started)}.",
        )
    before_waves = [w for w in earlier_published_waves(wave=wave) if w.closes_on <= started]
    if not before_waves:
        return None, f"{since}, there is no earlier published survey to compare with."
    baseline = before_waves[-1]
    after, before = _score(results, code), _score(results_for_wave(wave=baseline), code)
    if after is None or before is None:
        return None, f"{since}, the change cannot be shown: a score is hidden to protect anonymity."
    change = float(after["mean"]) - float(before["mean"])
    return change, (
        f"{since}, the score has gone from {fmt.score_text(before['mean'])} in {baseline.title} "
        f"to {fmt.score_text(after['mean'])} in {wave.title}: a change of {fmt.signed(change)}."
    )


def principle_progress(results: Results) -> dict[str, PrincipleProgress]:
    """For the wave of `results`: each principle's open actions and the change since they began."""
    ics = results.wave.ics
    starts = selectors.action_starts(ics=ics)
    out = {}
    for code, actions in selectors.open_actions_by_principle(ics=ics).items():
        started = starts.get(code)
        change, text = _change(results, code, started) if started else (None, "")
        out[code] = PrincipleProgress(code, actions, started, change, text)
    return out
