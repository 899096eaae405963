"""Tags, levels, movement and links shared by the self-assessment presenters."""

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pulse.assessments.maturity import LEVEL_NAMES, level_for_mean
from pulse.assessments.models import Round, RoundStatus

STATUS_COLOURS = {
    RoundStatus.RATING: "green",
    RoundStatus.CONSENSUS: "orange",
    RoundStatus.COMPLETED: "blue",
}


def tag(text: str, colour: str) -> SafeString:
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, text)


def status_tag(round: Round) -> SafeString:
    return tag(round.get_status_display(), STATUS_COLOURS.get(RoundStatus(round.status), "grey"))


def round_url(name: str, round: Round, **kwargs: Any) -> str:
    return reverse(name, kwargs={"ics_code": round.ics.url_code, "round_id": round.pk, **kwargs})


def link(href: str, text: str, hidden: str = "") -> SafeString:
    if hidden:
        return format_html(
            '<a class="nhsuk-link" href="{}">{}<span class="nhsuk-u-visually-hidden"> {}</span></a>',
            href,
            text,
            hidden,
        )
    return format_html('<a class="nhsuk-link" href="{}">{}</a>', href, text)


def level_name(level: int | None) -> str:
    return LEVEL_NAMES.get(level, "Not agreed") if level else "Not agreed"


def mean_text(mean: float | None) -> str:
    """A principle's maturity: "2.4 out of 4 (Developing)"."""
    if mean is None:
        return "Not agreed"
    return f"{mean:.1f} out of 4 ({LEVEL_NAMES[level_for_mean(mean)]})"


def movement_text(change: float | None, *, levels: bool = False) -> str:
    """Movement since the previous round, in words (never by colour or arrow alone)."""
    if change is None:
        return "No previous round"
    unit = "" if not levels else (" level" if abs(change) == 1 else " levels")
    amount = f"{abs(change):.0f}" if levels else f"{abs(change):.1f}"
    if round(change, 1) == 0:
        return "No change"
    return f"{'Up' if change > 0 else 'Down'} {amount}{unit}"
