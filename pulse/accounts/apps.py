from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pulse.accounts"
    label = "accounts"
    verbose_name = "Accounts"
