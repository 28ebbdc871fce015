from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "protokol.protocols"
    verbose_name = "Протоколы и поручения"
