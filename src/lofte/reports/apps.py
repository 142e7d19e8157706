from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lofte.reports"
    label = "reports"
    verbose_name = "Uppföljningsrapporter"

    def ready(self) -> None:
        from lofte.reports import signals  # noqa: F401
