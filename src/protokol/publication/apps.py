from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Publication: a reviewed protocol version becomes assignments, letters and notices.

    The one app allowed to reach into protocols, assignments and notifications together, so
    none of those lower apps calls a higher one.
    """

    name = "protokol.publication"
    verbose_name = "Публикация протоколов"
