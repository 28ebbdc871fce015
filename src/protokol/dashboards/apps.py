from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "protokol.dashboards"
    verbose_name = "Контроль исполнения"
