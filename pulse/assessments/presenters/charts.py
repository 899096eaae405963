"""The results' charts, drawn by the reports app's chart machinery: the five principles'
maturity, and each principle's indicators, beside the previous round. Each has its table."""

from pulse.assessments.maturity import LEVEL_NAMES
from pulse.assessments.presenters.common import level_name, mean_text, movement_text
from pulse.assessments.results import PrincipleResult, RoundResults
from pulse.reports.charts import Chart, chart

LEVELS = [LEVEL_NAMES[level] for level in (1, 2, 3, 4)]
SCALE = "on a scale from Emerging (1) to Thriving (4)"


def _names(results: RoundResults) -> tuple[str, str]:
    previous = results.previous.title if results.previous else ""
    return previous, results.round.title


def _summary(results: RoundResults) -> str:
    scored = [(p.code, p.mean) for p in results.principles if p.mean is not None]
    if not scored:
        return "No principle has agreed levels yet."
    high = max(scored, key=lambda pair: pair[1])
    low = min(scored, key=lambda pair: pair[1])
    text = (
        f"The panel rated {high[0]} the most mature, at {mean_text(high[1])}, and {low[0]} the "
        f"least, at {mean_text(low[1])}."
    )
    moved = [(p.code, p.movement) for p in results.principles if p.movement]
    if results.previous is not None and moved:
        biggest = max(moved, key=lambda pair: abs(pair[1] or 0))
        text += f" The biggest movement since {results.previous.title} is {biggest[0]}: {movement_text(biggest[1]).lower()}."
    return text


def overall_chart(results: RoundResults, chart_id: str = "chart-principles") -> Chart:
    earlier, later = _names(results)
    rows, table = [], []
    for p in results.principles:
        if p.mean is not None:
            rows.append(
                {
                    "label": f"{p.code}: {p.principle.title}",
                    "after": p.mean,
                    "before": p.previous_mean,
                    "value": f"{p.mean:.1f}",
                }
            )
        table.append(
            [
                {"text": f"{p.code}: {p.principle.title}"},
                {"text": mean_text(p.mean)},
                {"text": mean_text(p.previous_mean) if results.previous else "–"},
                {"text": movement_text(p.movement) if results.previous else "–"},
            ]
        )
    return chart(
        chart_id,
        caption=f"The maturity of each principle, the mean of its indicators' agreed levels, {SCALE}",
        summary=_summary(results),
        kind="level_dots" if rows else None,
        arguments={"rows": rows, "levels": LEVELS, "earlier": earlier, "later": later},
        head=[
            {"text": "Principle"},
            {"text": later},
            {"text": earlier or "Previous round"},
            {"text": "Movement"},
        ],
        rows=table,
    )


def _principle_summary(principle: PrincipleResult, results: RoundResults) -> str:
    weakest = ", ".join(f"{i.number} {i.title}" for i in principle.weakest)
    text = f"{principle.code} is at {mean_text(principle.mean)}. Its weakest: {weakest}."
    moved = [r for r in principle.indicators if r.movement]
    if results.previous is not None:
        if moved:
            up = sum(1 for r in moved if (r.movement or 0) > 0)
            down = len(moved) - up
            text += f" Since {results.previous.title}, {up} indicators moved up and {down} down."
        else:
            text += f" No indicator moved since {results.previous.title}."
    return text


def principle_chart(principle: PrincipleResult, results: RoundResults) -> Chart:
    earlier, later = _names(results)
    rows, table = [], []
    for item in principle.indicators:
        label = f"{item.indicator.number} {item.indicator.title}"
        if item.level is not None:
            rows.append(
                {
                    "label": label,
                    "after": item.level,
                    "before": item.previous_level,
                    "value": level_name(item.level),
                }
            )
        table.append(
            [
                {"text": label},
                {"text": level_name(item.level)},
                {"text": level_name(item.previous_level) if item.previous_level else "–"},
                {"text": movement_text(item.movement, levels=True) if results.previous else "–"},
            ]
        )
    return chart(
        f"chart-{principle.code}",
        caption=f"Agreed level of each indicator of {principle.code}, {SCALE}",
        summary=_principle_summary(principle, results),
        kind="level_dots" if rows else None,
        arguments={"rows": rows, "levels": LEVELS, "earlier": earlier, "later": later},
        head=[
            {"text": "Indicator"},
            {"text": later},
            {"text": earlier or "Previous round"},
            {"text": "Movement"},
        ],
        rows=table,
    )
