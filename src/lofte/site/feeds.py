"""Atom feeds: `/flode.atom` (the country) and `/<kommun>/flode.atom`.

Rendered with Django's syndication framework (django.contrib.syndication, Atom1Feed): it is part of
Django already, writes Atom 1.0 with `<id>`, `<updated>` as RFC 3339 and the `rel="self"` link, and
escapes every text, so no dependency (feedgen) is needed for it. The entries come from
lofte.opendata.feeds, which reads through the published querysets and the privacy functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from lofte.core.models import Municipality
from lofte.dialogue.meetings import site_url
from lofte.opendata import feeds as entries
from lofte.site.views import _index_freshness, _municipality, _municipality_freshness, public_page


class LofteAtomFeed(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class Subject:
    """What one request's feed is about: the country (no municipality) or one municipality. A Feed
    instance serves every thread, so nothing of a request is kept on it."""

    municipality: Municipality | None
    entries: list[entries.Entry]


class UpdatesFeed(Feed):
    feed_type = LofteAtomFeed
    subtitle = "Nya medborgarlöften, genomförda insatser och svar på invånarnas synpunkter."
    language = "sv"

    def get_object(self, request, kommun=None):
        municipality = _municipality(request, kommun) if kommun else None
        return Subject(municipality, entries.entries(municipality))

    def title(self, obj):
        where = obj.municipality.name if obj.municipality else "Sveriges kommuner"
        return f"Löfte: medborgarlöften i {where}"

    def link(self, obj):
        if obj.municipality:
            return site_url(reverse("site:municipality", args=[obj.municipality.slug]))
        return site_url(reverse("site:index"))

    def feed_url(self, obj):
        if obj.municipality:
            return site_url(reverse("site:municipality_feed", args=[obj.municipality.slug]))
        return site_url(reverse("site:feed"))

    def feed_guid(self, obj):
        return entries.tag("flode", obj.municipality.pk if obj.municipality else 0)

    def items(self, obj):
        return obj.entries

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.id

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item):
        return timezone.localtime(item.updated)

    def item_categories(self, item):
        return [item.category]


feed = UpdatesFeed()
national_feed = public_page(_index_freshness)(feed)
municipality_feed = public_page(_municipality_freshness)(feed)
