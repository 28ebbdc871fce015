from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "protokol.notifications"
    verbose_name = "Уведомления"
