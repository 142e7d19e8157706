from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "lofte.situation"
    label = "situation"
    verbose_name = "Lägesbild"
