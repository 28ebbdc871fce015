from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "protokol.accounts"
    verbose_name = "Пользователи"
