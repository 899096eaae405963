"""Background tasks for ideas, run by the worker (`python manage.py db_worker`)."""

from django_tasks import task

from pulse.ideas.models import Challenge
from pulse.ideas.services.notifications import challenge_closing_notify, challenges_closing_notify


@task()
def notify_challenge_closing(*, challenge_id: int) -> int:
    """Send one challenge's "closing soon" notices (scheduled when it is created)."""
    challenge = Challenge.objects.filter(pk=challenge_id).first()
    return challenge_closing_notify(challenge=challenge) if challenge else 0


@task()
def notify_challenges_closing() -> int:
    """Send every "closing soon" notice that is due."""
    return challenges_closing_notify()


@task()
def render_ideas_file(*, ideas_file_id: int) -> None:
    """Prepare a challenge's ideas as CSV or Excel, asked for on its downloads page."""
    from pulse.ideas.services.exports import ideas_file_render

    ideas_file_render(ideas_file_id=ideas_file_id)
