from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "lofte.promises"
    label = "promises"
    verbose_name = "Medborgarlöften"

    def ready(self) -> None:
        from lofte.promises import signals  # noqa: F401
