from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "protokol.exports"
    verbose_name = "Выгрузки"
