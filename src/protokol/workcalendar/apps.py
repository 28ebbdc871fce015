from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "protokol.workcalendar"
    verbose_name = "Производственный календарь"
