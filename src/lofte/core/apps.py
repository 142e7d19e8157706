from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lofte.core"
    label = "core"
    verbose_name = "Grunddata"
