from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pulse.api"
    label = "api"
    verbose_name = "REST API"
