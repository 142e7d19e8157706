from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "lofte.staff"
    label = "staff"
    verbose_name = "Personalens arbetsyta"
