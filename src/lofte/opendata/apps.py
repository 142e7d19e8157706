from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "lofte.opendata"
    label = "opendata"
    verbose_name = "Öppna data"
