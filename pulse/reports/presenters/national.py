"""The national and regional pages: what is compared, the table of systems with sortable
headers, and England's and the regions' figures. Numbers come from `national.table` records;
hidden figures say why, in words."""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from pulse.core.formatting import nhs_date
from pulse.reports.national.scope import Scope
from pulse.reports.national.stored import NationalResults
from pulse.reports.national.table import AreaRow, Score, SystemRow
from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.labels import construct_name, construct_short
from pulse.surveys.models import Wave

EXTRA_REASONS = {
    "no_published_systems": "No system with published results",
    "fewer_than_5_icss": "Fewer than 5 systems to compare with",
}
CHANGE_WORDS = {"improved": "Improved", "declined": "Declined"}


def hidden_text(reason: str | None, k: int) -> str:
    return EXTRA_REASONS.get(reason or "", "") or fmt.hidden_text(reason, k)


def hidden_cell(reason: str | None, k: int) -> dict[str, Any]:
    return {"text": hidden_text(reason, k), "classes": "app-hidden-cell"}


def comparability(results: NationalResults, waves: Sequence[Wave], scope: Scope) -> dict[str, Any]:
    """Which questionnaire and which surveys are compared, in words and as a table; systems
    the viewer may not name are only counted."""
    publication = results.publication
    version = publication.version
    named = [w for w in waves if scope.names(w.ics.ods_code)]
    unnamed = len(waves) - len(named)
    statement = (
        f"Each system's latest published {version.instrument.title} (version {version.version}) "
        f"that closed between {nhs_date(publication.closes_from)} and "
        f"{nhs_date(publication.closes_to)}: {len(waves)} systems. Only surveys of this version "
        "are compared, and only its standard questions: local questions are left out. Surveys "
        f"with fewer than {results.k} responses are not included."
    )
    rows = [
        [
            {"text": w.ics.short_name},
            {"text": w.ics.region.name},
            {"text": w.title},
            {"text": f"{nhs_date(w.opens_on)} to {nhs_date(w.closes_on)}"},
        ]
        for w in named
    ]
    return {
        "statement": statement,
        "head": [{"text": "System"}, {"text": "Region"}, {"text": "Survey"}, {"text": "Fieldwork"}],
        "rows": rows,
        "unnamed": (
            f"{unnamed} other {'system is' if unnamed == 1 else 'systems are'} counted in "
            "England's figures without being named."
            if unnamed
            else ""
        ),
        "computed": nhs_date(publication.computed_at, with_time=True),
    }


def _link(base: str, params: dict[str, str], **changes: str) -> str:
    query = {k: v for k, v in {**params, **changes}.items() if v}
    return f"{base}?{urlencode(query)}#systems"


def table_head(
    keys: Sequence[str], params: dict[str, str], base: str, show_region: bool
) -> list[dict[str, Any]]:
    """Headers that sort the table when followed (server-side, no JavaScript needed)."""
    columns = (
        [("name", "System", False), ("region", "Region", False)]
        if show_region
        else [("name", "System", False)]
    )
    columns += [("responses", "Responses", True)]
    columns += [(key, construct_short(key), True) for key in keys]
    head = []
    for code, label, numeric in columns:
        current = params.get("sort") == code
        descending = params.get("order", "desc") == "desc"
        next_order = (
            ("asc" if descending else "desc") if current else ("desc" if numeric else "asc")
        )
        item: dict[str, Any] = {
            "text": label,
            "href": _link(base, params, sort=code, order=next_order),
            "sort": ("descending" if descending else "ascending") if current else "none",
        }
        if numeric:
            item["format"] = "numeric"
        head.append(item)
    head.append({"text": "Change since the previous survey"})
    return head


def _score_cell(score: Score | None, k: int) -> dict[str, Any]:
    if score is None or score.suppressed:
        return {**hidden_cell(score.reason if score else None, k), "format": "numeric"}
    if score.change not in CHANGE_WORDS:
        return fmt.cell(fmt.score(score.mean))
    html = format_html("{}<br>{}", fmt.score(score.mean), fmt.verdict_tag(score.change))
    return {"html": html, "format": "numeric"}


def _change_summary(row: SystemRow) -> str:
    if row.earlier_title is None:
        return "No earlier published survey"
    parts = [
        f"{len(row.improved)} improved" if row.improved else "",
        f"{len(row.declined)} declined" if row.declined else "",
    ]
    text = ", ".join(p for p in parts if p)
    return (
        f"{text} since {row.earlier_title}"
        if text
        else f"No significant change since {row.earlier_title}"
    )


def _system_cell(row: SystemRow) -> dict[str, Any]:
    if not row.openable:
        return {"text": row.name}
    href = reverse(
        "reports:show_results", kwargs={"ics_code": row.code.lower(), "wave_id": row.wave_id}
    )
    return {
        "html": format_html(
            '<a class="nhsuk-link" href="{}">{}<span class="nhsuk-u-visually-hidden">: see its '
            "results</span></a>",
            href,
            row.name,
        )
    }


def table_rows(
    rows: Sequence[SystemRow], keys: Sequence[str], k: int, show_region: bool
) -> list[list[dict[str, Any]]]:
    out = []
    for row in rows:
        cells = [_system_cell(row)]
        if show_region:
            cells.append({"text": row.region_name})
        cells.append(
            fmt.cell(fmt.count(row.responses))
            if row.responses is not None
            else {**hidden_cell(row.responses_reason, k), "format": "numeric"}
        )
        cells += [_score_cell(row.scores.get(key), k) for key in keys]
        cells.append({"text": _change_summary(row)})
        out.append(cells)
    return out


def area_head(keys: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {"text": "Area"},
        {"text": "Systems compared", "format": "numeric"},
        *({"text": construct_short(key), "format": "numeric"} for key in keys),
    ]


def area_rows(areas: Sequence[AreaRow], keys: Sequence[str], k: int) -> list[list[dict[str, Any]]]:
    return [
        [
            {"text": area.name},
            fmt.cell(str(area.systems)),
            *(_score_cell(area.scores.get(key), k) for key in keys),
        ]
        for area in areas
    ]


def key_list(keys: Sequence[str]) -> Any:
    """What each column's short name stands for."""
    return format_html_join("", "<li>{}</li>", ((construct_name(k),) for k in keys))


def sort_choices(keys: Sequence[str], show_region: bool) -> list[tuple[str, str]]:
    choices = [("name", "System name")]
    if show_region:
        choices.append(("region", "Region"))
    return [*choices, ("responses", "Responses"), *((k, construct_short(k)) for k in keys)]
