"""Background work of the action plan: rendering the plan's PDF."""

from django_tasks import task


@task()
def render_plan_file(plan_file_id: int) -> None:
    from pulse.actions.services import plan_file_render

    plan_file_render(plan_file_id=plan_file_id)
