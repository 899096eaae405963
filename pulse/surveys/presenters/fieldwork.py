"""The fieldwork page: how a wave is going, in totals only (DESIGN.md section 6).

- Every count is rounded to the nearest 5 and hidden below 10; rates are worked out from the
  rounded counts, so they reveal nothing more.
- While the survey is open only totals for the whole system are shown. Responses by
  profession group, sector and place are shown once it has closed, with complementary
  suppression: when hiding one group would let it be worked out from the others and the
  total, the next smallest is hidden too.
- Responses over time: each day's count when every day has at least 10, otherwise the
  running total at the end of each week.
"""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from pulse.core.formatting import nhs_date
from pulse.reports.charts import Chart, chart
from pulse.surveys.models import EmailKind, EmailStatus, Wave, WaveStatus
from pulse.surveys.presenters.distribution import (
    FIELD_LABELS,
    HIDDEN,
    count_text,
    days_left_text,
    k,
    rate_text,
    rounded,
)


def _email_count(tallies: Mapping[str, Any], kind: str, status: str) -> int:
    return int(tallies.get("emails", {}).get(kind, {}).get(status, 0))


def summary_rows(wave: Wave, tallies: Mapping[str, Any], responses: int) -> list[dict]:
    invited = int(tallies.get("invited", 0))
    responded = int(tallies.get("responded", 0))
    waiting = _email_count(tallies, EmailKind.INVITATION, EmailStatus.PENDING) + _email_count(
        tallies, EmailKind.INVITATION, "sending"
    )
    rows = [
        ("Time left", days_left_text(wave)),
        ("People invited", count_text(invited) if invited else "Nobody yet"),
        ("Invitations sent", count_text(_email_count(tallies, "invitation", EmailStatus.SENT))),
        (
            "Invitations that could not be sent",
            count_text(_email_count(tallies, "invitation", EmailStatus.FAILED)),
        ),
        ("Invitations waiting to be sent", count_text(waiting)),
        ("Responses", count_text(responses)),
        ("Responses through personal invitations", count_text(responded)),
        ("Response rate of people invited", rate_text(responded, invited)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _hidden_groups(counts: Mapping[str, int], total: int) -> set[str]:
    """Groups below k, then complementary suppression within the breakdown."""
    hidden = {code for code, n in counts.items() if n < k()}
    while True:
        shown = {code: n for code, n in counts.items() if code not in hidden}
        remainder = total - sum(shown.values())
        if not shown or not 0 < remainder < k():
            return hidden
        hidden.add(min(shown, key=lambda code: (shown[code], code)))


def group_tables(
    wave: Wave,
    tallies: Mapping[str, Any],
    responses_by: Mapping[str, Mapping[str, int]] | None,
    labels: Mapping[str, Mapping[str, str]],
    total_responses: int,
) -> list[dict[str, Any]]:
    """One table per denominator field the list uses: invited, and once closed the responses
    and rate of each group."""
    tables = []
    for name, title in FIELD_LABELS.items():
        invited = tallies.get("groups", {}).get(name) or {}
        if not invited:
            continue
        given = (responses_by or {}).get(name, {})
        counts = {code: given.get(code, 0) for code in invited}  # other answers stay hidden
        hidden = _hidden_groups(counts, total_responses) if responses_by is not None else set()
        head = [{"text": title}, {"text": "People invited"}]
        if responses_by is not None:
            head += [{"text": "Responses"}, {"text": "Response rate"}]
        rows = []
        for code in sorted(invited, key=lambda c: labels.get(name, {}).get(c, c)):
            row = [
                {"text": labels.get(name, {}).get(code, code)},
                {"text": count_text(invited[code])},
            ]
            if responses_by is not None:
                n = counts.get(code, 0)
                shown = code not in hidden
                row += [
                    {"text": count_text(n) if shown else HIDDEN},
                    {"text": rate_text(n, invited[code]) if shown else "Not shown"},
                ]
            rows.append(row)
        tables.append({"caption": f"By {title.lower()}", "head": head, "rows": rows})
    return tables


def _last_day(wave: Wave) -> date:
    if wave.status in (WaveStatus.CLOSED, WaveStatus.PUBLISHED):
        return wave.closes_on
    return min(timezone.localdate(), wave.closes_on)


def _series(wave: Wave, daily: Mapping[date, int]) -> tuple[bool, list[tuple[str, str, int]]]:
    """(daily?, [(label, short label, count)]): days when every day has at least k, else
    running totals at the end of each week."""
    first, last = wave.opens_on, _last_day(wave)
    days = (
        [first + timedelta(days=i) for i in range((last - first).days + 1)] if last >= first else []
    )
    if days and all(daily.get(day, 0) >= k() for day in days):
        return True, [(nhs_date(day), f"{day.day} {day:%b}", daily.get(day, 0)) for day in days]
    points, running = [], sum(n for day, n in daily.items() if day < first)
    for start in days[::7]:
        end = min(start + timedelta(days=6), last)
        running += sum(n for day, n in daily.items() if start <= day <= end)
        number = len(points) + 1
        points.append((f"Week {number} (to {nhs_date(end)})", f"Week {number}", running))
    return False, points


def responses_chart(wave: Wave, daily: Mapping[date, int]) -> Chart:
    is_daily, series = _series(wave, daily)
    what = "Responses each day" if is_daily else "Responses so far, at the end of each week"
    plotted = [
        {"label": short, "value": shown, "text": f"{shown:,}"}
        for _, short, count in series
        if (shown := rounded(count)) is not None
    ]
    rows = [[{"text": label}, {"text": count_text(count)}] for label, _, count in series]
    if not series:
        summary = "No responses can be shown yet."
    elif not plotted:
        summary = f"{what}: every value is fewer than 10, so none is shown."
    else:
        summary = f"{what}, rounded to the nearest 5. Values below 10 are not shown."
    return chart(
        "fieldwork-responses",
        caption=what,
        summary=summary,
        kind="counts_over_time" if plotted else None,
        arguments={"rows": plotted, "y_title": "Responses" if is_daily else "Responses so far"},
        head=[{"text": "Day" if is_daily else "Week"}, {"text": "Responses"}],
        rows=rows,
    )


def reminder_summary(dates: Sequence[str]) -> str:
    if not dates:
        return "No reminders are scheduled."
    return f"{len(dates)} reminder{'s' if len(dates) != 1 else ''} chosen."
