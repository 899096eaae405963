"""The list of rounds, a round's summary and its panel."""

from typing import Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from pulse.assessments.models import PanelMember, Round, RoundStatus
from pulse.assessments.presenters.common import link, round_url, status_tag, tag
from pulse.core.formatting import nhs_date
from pulse.organisations.presenters import action_links


def _dates(round: Round) -> str:
    if round.status == RoundStatus.COMPLETED:
        return f"Completed {nhs_date(round.completed_on)}"
    if round.status == RoundStatus.CONSENSUS:
        return f"Ratings closed {nhs_date(round.rating_closed_at)}"
    return f"Ratings due by {nhs_date(round.rating_deadline)}"


def _links(round: Round, seat: PanelMember | None, can: dict[str, bool]) -> SafeString:
    items: list[tuple[str, str, str]] = []
    if can["manage"]:
        items.append((round_url("assessments:show_round", round), "Manage", ""))
    if seat is not None and round.status == RoundStatus.RATING:
        text = "See your ratings" if seat.has_submitted else "Rate"
        items.append((round_url("assessments:show_my_ratings", round), text, ""))
    if round.status == RoundStatus.CONSENSUS and (can["manage"] or seat is not None):
        items.append((round_url("assessments:show_consensus", round), "Agreeing levels", ""))
    if round.status == RoundStatus.COMPLETED and can["results"]:
        items.append((round_url("assessments:show_results", round), "Results", ""))
    if round.status == RoundStatus.COMPLETED and seat is not None and seat.has_submitted:
        items.append((round_url("assessments:show_consensus", round), "Panel's ratings", ""))
    return format_html_join(
        " ", "{}", ((link(href, text, hidden=str(round)),) for href, text, _ in items)
    )


def round_rows(
    rounds: list[tuple[Round, PanelMember | None]], can: dict[str, bool]
) -> list[list[dict[str, Any]]]:
    return [
        [
            {"text": round.title},
            {"html": status_tag(round)},
            {"text": _dates(round)},
            {"html": _links(round, seat, can) or "–"},
        ]
        for round, seat in rounds
    ]


def summary_rows(round: Round, panel: list[PanelMember]) -> list[dict[str, Any]]:
    submitted = sum(1 for seat in panel if seat.has_submitted)
    rows = [
        ("Framework", str(round.version)),
        ("Status", status_tag(round)),
        ("Rating deadline", nhs_date(round.rating_deadline)),
        ("Panel", f"{len(panel)} people, {submitted} submitted their ratings"),
    ]
    if round.completed_on:
        rows.append(("Completed", nhs_date(round.completed_on)))
    out = []
    for key, value in rows:
        cell = {"html": value} if isinstance(value, SafeString) else {"text": value}
        out.append({"key": {"text": key}, "value": cell})
    return out


def panel_rows(round: Round, panel: list[PanelMember]) -> list[list[dict[str, Any]]]:
    """Who is on the panel and whether they have submitted: never what anyone rated."""
    rows = []
    for seat in panel:
        state = (
            tag(f"Submitted {nhs_date(seat.submitted_at)}", "green")
            if seat.has_submitted
            else tag("Not submitted", "grey")
        )
        actions: SafeString | str = "–"
        if round.status == RoundStatus.RATING:
            href = round_url("assessments:remove_panel_member", round, panel_member_id=seat.pk)
            actions = action_links((href, "Remove", seat.user.full_name or seat.user.email))
        rows.append(
            [
                {"text": seat.user.full_name or "–"},
                {"text": seat.user.email},
                {"html": state},
                {"html": actions} if isinstance(actions, SafeString) else {"text": actions},
            ]
        )
    return rows
