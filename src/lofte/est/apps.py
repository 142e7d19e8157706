from django.apps import AppConfig


class EstConfig(AppConfig):
    name = "lofte.est"
    label = "est"
    verbose_name = "EST – effektiv samordning för trygghet"
