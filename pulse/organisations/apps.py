from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "pulse.organisations"
    label = "organisations"
    verbose_name = "Organisations"
