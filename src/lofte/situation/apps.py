from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "lofte.situation"
    label = "situation"
    verbose_name = "Lägesbild"

    def ready(self) -> None:
        from lofte.situation import signals  # noqa: F401
