"""Whether demo data is loaded. The demo's records are marked is_demo on Activity."""

from django.apps import apps


def demo_is_loaded() -> bool:
    Activity = apps.get_model("activities", "Activity")
    # `is_demo__in=[True]` rather than `is_demo=True`: on SQLite the latter becomes `WHERE is_demo`,
    # which walks the index through every non-demo row; `IN (1)` seeks straight to the demo rows.
    return Activity.objects.filter(is_demo__in=[True]).exists()
