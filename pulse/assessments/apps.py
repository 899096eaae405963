from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "pulse.assessments"
    label = "assessments"
    verbose_name = "Culture self-assessment"
