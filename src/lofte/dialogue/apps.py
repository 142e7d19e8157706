from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "lofte.dialogue"
    label = "dialogue"
    verbose_name = "Dialog: synpunkter och möten"
