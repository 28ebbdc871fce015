from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "protokol.core"
    verbose_name = "Общее"

    def ready(self) -> None:
        from django.urls import register_converter

        from protokol.core import checks  # noqa: F401  (registers the system checks)
        from protokol.core.params import IdConverter

        # Here rather than in the root URL conf: an app's urls module imported on its own
        # (a test listing its routes) must find ``<id:…>`` too.
        register_converter(IdConverter, "id")
