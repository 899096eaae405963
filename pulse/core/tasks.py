"""Background tasks (django-tasks): run by `python manage.py db_worker`, never in a request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text email through the configured backend (console, SMTP or Notify)."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    return message.send(fail_silently=False)


@task()
def daily_jobs() -> dict[str, int]:
    """Purge expired data and close surveys past their closing date, then run again tomorrow.

    Started once with `python manage.py schedule_daily_jobs` (idempotent); afterwards it keeps
    itself scheduled for 2am each day, so the task worker alone keeps the data tidy.
    """
    from pulse.core.retention import purge_expired
    from pulse.core.services import daily_jobs_schedule
    from pulse.surveys.services.waves import waves_close_due

    counts = purge_expired()
    counts["waves_closed"] = len(waves_close_due())
    daily_jobs_schedule()
    return counts
