from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "pulse.ideas"
    verbose_name = "Ideas"
