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
