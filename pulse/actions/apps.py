from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "pulse.actions"
    label = "actions"
    verbose_name = "Action plan"
