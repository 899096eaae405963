"""Small display helpers shared by the ideas presenters."""

import re
from datetime import date
from typing import Any

from django.urls import reverse

from pulse.core.formatting import nhs_date
from pulse.ideas import principles
from pulse.ideas.models import Challenge, Idea, Stage, StageKind

_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Text as typed, split into paragraphs at blank lines."""
    return [part.strip() for part in _BLANK_LINE.split(text.replace("\r\n", "\n")) if part.strip()]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def stage_tag(stage: Stage) -> dict[str, str]:
    colour = {
        StageKind.IMPLEMENTED: "nhsuk-tag--green",
        StageKind.CLOSED: "nhsuk-tag--grey",
    }.get(StageKind(stage.kind), "nhsuk-tag--blue")
    return {"text": stage.name, "classes": colour}


def challenge_status(challenge: Challenge, today: date) -> dict[str, str]:
    """A tag and a sentence saying whether the challenge takes ideas."""
    if today < challenge.opens_on:
        return {
            "text": "Not open yet",
            "classes": "nhsuk-tag--grey",
            "sentence": f"Opens for ideas on {nhs_date(challenge.opens_on)}",
        }
    if today > challenge.closes_on:
        return {
            "text": "Closed",
            "classes": "nhsuk-tag--grey",
            "sentence": f"Closed for new ideas on {nhs_date(challenge.closes_on)}",
        }
    return {
        "text": "Open",
        "classes": "nhsuk-tag--green",
        "sentence": f"Open for ideas until {nhs_date(challenge.closes_on)}",
    }


def principle_items(codes: list[str]) -> list[dict[str, str]]:
    return [{"code": code, "label": principles.label(code)} for code in codes]


def idea_href(ics_code: str, idea: Idea) -> str:
    return reverse("ideas:show_idea", kwargs={"ics_code": ics_code, "idea_id": idea.pk})


def challenge_href(ics_code: str, challenge: Challenge) -> str:
    return reverse(
        "ideas:show_challenge", kwargs={"ics_code": ics_code, "challenge_id": challenge.pk}
    )


def count_or_zero(obj: Any, name: str) -> int:
    return int(getattr(obj, name, 0) or 0)
