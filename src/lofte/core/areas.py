"""Areas (kommundelar, stadsdelar) of a municipality, found or created by name."""

from __future__ import annotations

from django.utils.text import slugify

from lofte.core.models import Area, Municipality


def area_named(municipality: Municipality, name: str) -> Area:
    """The municipality's area of that name (any case), created if it is new with an unused slug."""
    name = " ".join(name.split())[:100]
    found = Area.objects.filter(municipality=municipality, name__iexact=name).first()
    if found is not None:
        return found
    base = slugify(name)[:90] or "omrade"
    slug, number = base, 2
    while Area.objects.filter(municipality=municipality, slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return Area.objects.create(municipality=municipality, name=name, slug=slug)
