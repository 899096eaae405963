"""The national table as plain records, for one viewer's scope: read from the stored tables only.

Pages (presenters), files (exports) and the API all format these records, so they always show
the same figures. A hidden figure has no number and keeps its reason.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from pulse.organisations.models import ICS
from pulse.reports.national.scope import Scope
from pulse.reports.national.stored import (
    CHANGES,
    REGIONS,
    SCORES,
    SUMMARY,
    SYSTEMS,
    NationalResults,
)
from pulse.reports.presenters.change import CONSTRUCT_ORDER

PRINCIPLE_KEYS = ("P1", "P2", "P3", "P4", "P5", "involvement_index")
INVOLVEMENT_KEYS = (
    "involvement_system",
    "involvement_place",
    "involvement_neighbourhood",
    "involvement_provider_collaborative",
    "involvement_organisation",
    "involvement_index",
)
VIEWS = {"principles": PRINCIPLE_KEYS, "involvement": INVOLVEMENT_KEYS}
TEXT_SORTS = ("name", "region")


@dataclass(frozen=True)
class Score:
    """One system's (or region's, or England's) figures for one scale."""

    key: str
    n: int | None
    mean: float | None
    pct_positive: float | None
    suppressed: bool
    reason: str | None
    quartile_band: int | None = None
    funnel_flag: str | None = None
    change: str | None = None


@dataclass(frozen=True)
class SystemRow:
    code: str
    name: str
    region_code: str
    region_name: str
    wave_id: int
    wave_title: str
    opens_on: date
    closes_on: date
    responses: int | None
    responses_reason: str | None
    scores: dict[str, Score]
    earlier_title: str | None = None
    openable: bool = False

    @property
    def improved(self) -> list[str]:
        return [k for k, s in self.scores.items() if s.change == "improved"]

    @property
    def declined(self) -> list[str]:
        return [k for k, s in self.scores.items() if s.change == "declined"]


@dataclass(frozen=True)
class AreaRow:
    """England or one region: figures pooled over every system compared (England) or over its
    systems' published figures (a region)."""

    code: str
    name: str
    systems: int
    scores: dict[str, Score] = field(default_factory=dict)


def _score(row: dict[str, Any], change: str | None = None) -> Score:
    hidden = bool(row["suppressed"])
    return Score(
        key=row["key"],
        n=None if hidden or row.get("n") is None else int(row["n"]),
        mean=None if hidden else row.get("mean"),
        pct_positive=None if hidden else row.get("pct_positive"),
        suppressed=hidden,
        reason=row.get("reason"),
        quartile_band=None if hidden else row.get("quartile_band"),
        funnel_flag=None if hidden else row.get("funnel_flag"),
        change=change,
    )


def construct_keys(results: NationalResults) -> list[str]:
    keys = results.table(SUMMARY).get_column("key").to_list()
    return [k for k in CONSTRUCT_ORDER if k in keys] + [k for k in keys if k not in CONSTRUCT_ORDER]


def _changes(results: NationalResults) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["ics_code"], r["key"]): r for r in results.table(CHANGES).to_dicts()}


def system_rows(
    results: NationalResults, scope: Scope, systems: dict[str, ICS], *, region: str | None = None
) -> list[SystemRow]:
    """Every system the scope lists (optionally only one region's), by name order."""
    scores = results.table(SCORES)
    changes = _changes(results)
    by_code: dict[str, dict[str, Score]] = {}
    for row in scores.to_dicts():
        change = changes.get((row["ics_code"], row["key"]), {}).get("verdict")
        by_code.setdefault(row["ics_code"], {})[row["key"]] = _score(row, change)
    rows = []
    for system in results.table(SYSTEMS).to_dicts():
        code, ics = system["ics_code"], systems[system["ics_code"]]
        if not scope.lists(code) or (region is not None and system["region_code"] != region):
            continue
        earlier = next((c for (c_code, _), c in changes.items() if c_code == code), None)
        rows.append(
            SystemRow(
                code=code,
                name=ics.short_name,
                region_code=ics.region.code,
                region_name=ics.region.name,
                wave_id=system["wave_id"],
                wave_title=system["wave_title"],
                opens_on=system["opens_on"],
                closes_on=system["closes_on"],
                responses=None if system["suppressed"] else system["responses"],
                responses_reason=system["reason"],
                scores=by_code.get(code, {}),
                earlier_title=earlier["earlier_title"] if earlier else None,
                openable=code in scope.openable,
            )
        )
    return sorted(rows, key=lambda r: r.name)


def sort_rows(rows: list[SystemRow], by: str, descending: bool) -> list[SystemRow]:
    """Sort by name, region, responses or a scale's score; hidden figures always come last."""
    if by in TEXT_SORTS:
        return sorted(
            rows,
            key=lambda r: (r.name if by == "name" else r.region_name, r.name),
            reverse=descending,
        )

    def value(row: SystemRow) -> float | None:
        if by == "responses":
            return row.responses
        score = row.scores.get(by)
        return None if score is None else score.mean

    shown = [r for r in rows if value(r) is not None]
    hidden = [r for r in rows if value(r) is None]
    shown.sort(key=lambda r: (value(r), r.name), reverse=descending)
    return shown + sorted(hidden, key=lambda r: r.name)


def england_row(results: NationalResults) -> AreaRow:
    summary = results.table(SUMMARY).to_dicts()
    scores = {}
    for row in summary:
        hidden = bool(row["suppressed"])
        scores[row["key"]] = Score(
            key=row["key"],
            n=None if hidden else row["england_n"],
            mean=None if hidden else row["england_mean"],
            pct_positive=None if hidden else row["england_pct_positive"],
            suppressed=hidden,
            reason=row["reason"],
        )
    systems = max((int(r["n_icss"]) for r in summary), default=0)
    return AreaRow(code="england", name="England", systems=systems, scores=scores)


def region_rows(results: NationalResults, scope: Scope, names: dict[str, str]) -> list[AreaRow]:
    """The regions the scope may see, each with its systems' pooled published figures."""
    table = results.table(REGIONS).filter(
        pl.col("region_code").is_in([c for c in names if scope.shows_region(c)])
    )
    rows: dict[str, AreaRow] = {}
    for row in table.to_dicts():
        code = row["region_code"]
        area = rows.setdefault(code, AreaRow(code=code, name=names[code], systems=0))
        area.scores[row["key"]] = _score(row)
    counts = results.table(SYSTEMS).group_by("region_code").len().to_dicts()
    by_region = {c["region_code"]: int(c["len"]) for c in counts}
    return [
        AreaRow(code=a.code, name=a.name, systems=by_region.get(a.code, 0), scores=a.scores)
        for a in sorted(rows.values(), key=lambda a: a.name)
    ]


def funnel_points(
    results: NationalResults, scope: Scope, systems: dict[str, ICS], key: str
) -> list[dict[str, Any]]:
    """Every system's published score for one scale, with its name only when the scope names
    it. Unnamed systems carry no code and are ordered by their figures alone."""
    rows = results.table(SCORES).filter(pl.col("key") == key, ~pl.col("suppressed"))
    points = []
    for row in rows.to_dicts():
        code = row["ics_code"]
        named = scope.names(code)
        points.append(
            {
                "code": code if named else None,
                "name": systems[code].short_name if named else None,
                "region_code": systems[code].region.code if named else None,
                "listed": scope.lists(code),
                "n": int(row["n"]),
                "mean": float(row["mean"]),
                "flag": row["funnel_flag"],
            }
        )
    return sorted(points, key=lambda p: (p["n"], p["mean"]))
