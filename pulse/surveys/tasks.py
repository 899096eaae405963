from django_tasks import task


@task()
def close_due_waves() -> int:
    """Close open waves whose closing date has passed (scheduled for the end of each closing date)."""
    from pulse.surveys.services.waves import waves_close_due

    return len(waves_close_due())
