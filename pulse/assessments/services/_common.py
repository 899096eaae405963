"""Checks and the audit record shared by the self-assessment services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from pulse.assessments.models import Round
from pulse.core.services import audit_record

LINK_MESSAGE = "Enter a link in the correct format, like https://www.example.nhs.uk/ccpl-plan"
_LINK = URLValidator(schemes=["http", "https"])


def audit(round: Round, action: str, by: Any, target: Any = None, **details: Any) -> None:
    """Record a facilitator's or admin's action on a round (never anyone's rating)."""
    audit_record(
        actor=by,
        action=action,
        target=target if target is not None else round,
        ics_code=round.ics.ods_code,
        details={"round": round.pk, **details} if target is not None else details,
    )


def clean_link(value: str, field: str = "evidence_link") -> str:
    """An evidence link: empty, or an http or https address."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 500:
        raise ValidationError({field: "The link must be 500 characters or fewer"})
    try:
        _LINK(value)
    except ValidationError:
        raise ValidationError({field: LINK_MESSAGE}) from None
    return value


def require_status(round: Round, status: str, message: str) -> None:
    if round.status != status:
        raise ValidationError(message)
