from django.apps import AppConfig


class WalksConfig(AppConfig):
    name = "lofte.walks"
    label = "walks"
    verbose_name = "Fynd från trygghetsvandringar"

    def ready(self) -> None:
        from lofte.walks import signals  # noqa: F401
