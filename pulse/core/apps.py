from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pulse.core"
    label = "core"
    verbose_name = "Core"
