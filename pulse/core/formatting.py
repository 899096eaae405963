"""Display formatting in NHS style, shared by presenters and templates."""

from datetime import date, datetime

from django.utils import timezone


def nhs_date(value: date | datetime | None, with_time: bool = False) -> str:
    """Dates as the NHS writes them: 5 March 2026 (and, with the time, at 2:30pm)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{value.day} {value:%B %Y}"
        if with_time:
            hour = value.hour % 12 or 12
            minute = f":{value.minute:02d}" if value.minute else ""
            text += f" at {hour}{minute}{'am' if value.hour < 12 else 'pm'}"
        return text
    return f"{value.day} {value:%B %Y}"
