from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "protokol.assignments"
    verbose_name = "Исполнение поручений"
