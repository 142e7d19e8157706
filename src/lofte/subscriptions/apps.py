from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "lofte.subscriptions"
    label = "subscriptions"
    verbose_name = "Prenumerationer"
