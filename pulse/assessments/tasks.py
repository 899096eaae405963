"""Background work of the self-assessment: rendering a round's PDF and Excel files."""

from django_tasks import task


@task()
def render_round_file(round_file_id: int) -> None:
    from pulse.assessments.services.files import round_file_render

    round_file_render(round_file_id=round_file_id)
