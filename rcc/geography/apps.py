from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "rcc.geography"
    label = "geography"
    verbose_name = "Geography"
