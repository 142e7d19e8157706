from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lofte.core"
    label = "core"
    verbose_name = "Grunddata"

    def ready(self):
        from lofte.core import checks  # noqa: F401 - registers the system checks
