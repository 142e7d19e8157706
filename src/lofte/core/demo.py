"""Whether demo data is loaded. The demo's records are marked is_demo on Activity."""

from django.apps import apps


def demo_is_loaded() -> bool:
    Activity = apps.get_model("activities", "Activity")
    return Activity.objects.filter(is_demo=True).exists()
