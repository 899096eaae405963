from django_tasks import task


@task()
def close_due_waves() -> int:
    """Close open waves whose closing date has passed (scheduled for the end of each closing date)."""
    from pulse.surveys.services.waves import waves_close_due

    return len(waves_close_due())


@task()
def send_invitation_emails(*, wave_id: int, kind: str) -> int:
    """Send a wave's due invitations or reminders (`kind`); idempotent. Its arguments are ids
    only: no address or link is ever stored with a task."""
    from pulse.surveys.services.invitations import emails_send

    return emails_send(wave_id=wave_id, kind=kind)


@task()
def send_due_invitation_emails() -> int:
    """Send every due invitation and reminder of every open wave (the daily sweep)."""
    from pulse.surveys.services.invitations import emails_send_due

    return emails_send_due()
