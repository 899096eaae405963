from django.apps import AppConfig


class NhsukFormsConfig(AppConfig):
    name = "pulse.nhsuk_forms"
    label = "nhsuk_forms"
    verbose_name = "NHS form components"
