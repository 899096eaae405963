from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pulse.surveys"
    label = "surveys"
    verbose_name = "Surveys"
