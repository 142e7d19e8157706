from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "lofte.activities"
    label = "activities"
    verbose_name = "Insatser"

    def ready(self) -> None:
        from lofte.activities import signals  # noqa: F401
