from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "protokol.organizations"
    verbose_name = "Организации"
