"""Whether demo data is loaded. The demo's records are marked is_demo on Activity."""

from django.apps import apps


def demo_is_loaded() -> bool:
    Activity = apps.get_model("activities", "Activity")
    # `is_demo__in=[True]` rather than `is_demo=True`: on SQLite the latter becomes `WHERE is_demo`,
    # which walks the index through every non-demo row; `IN (1)` seeks straight to the demo rows.
    return Activity.objects.filter(is_demo__in=[True]).exists()


def demo_loaded_for(request) -> bool:
    """demo_is_loaded(), asked once per request: a public page needs it for its ETag and again
    for the banner of its template."""
    cached = getattr(request, "_lofte_demo_loaded", None)
    if cached is None:
        cached = request._lofte_demo_loaded = demo_is_loaded()
    return cached
