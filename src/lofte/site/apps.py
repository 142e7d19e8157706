from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "lofte.site"
    label = "site"
    verbose_name = "Publik webbplats"
