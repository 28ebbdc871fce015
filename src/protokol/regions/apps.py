from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "protokol.regions"
    verbose_name = "Субъекты Российской Федерации"
