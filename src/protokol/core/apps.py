from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "protokol.core"
    verbose_name = "Общее"

    def ready(self) -> None:
        from protokol.core import checks  # noqa: F401  (registers the system checks)
