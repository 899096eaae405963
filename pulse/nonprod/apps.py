from django.apps import AppConfig


class NonprodConfig(AppConfig):
    name = "pulse.nonprod"
    label = "nonprod"
    verbose_name = "Demo data (never used in production)"
