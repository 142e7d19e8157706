"""No sensitive value of the demo reaches any public page.

The test crawls the public site from `/` (every link on the same host outside the workspace, the
admin and static files; other municipalities' pages are skipped as they hold no demo records), so
pages added later are checked too. It looks for the staff-only values (school names, internal
notes), the dates of single sensitive records in every format the site writes dates, and exact
counts under five in the tables of sensitive totals.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.utils import formats

from lofte.activities import types
from lofte.core.models import Municipality
from lofte.demo.loader import DEMO_STAFF_ONLY, DEMO_WORK, load_demo

pytestmark = pytest.mark.django_db
MAX_PAGES = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def crawl(client, skip_slugs):
    seen, pages, queue = set(), {}, deque(["/"])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or response.streaming:
            continue
        content = response.content.decode("utf-8", errors="replace")
        pages[path] = content
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(content)
        for href in parser.hrefs:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            first = parts.path.strip("/").split("/")[0]
            if first in ("personal", "admin", "static", "media") or first in skip_slugs:
                continue
            queue.append(href)
    return pages


def date_formats(on):
    return {on.isoformat(), formats.date_format(on, "j F Y"), formats.date_format(on, "j M Y"),
            on.strftime("%d/%m/%Y"), on.strftime("%Y%m%d")}


@pytest.fixture(scope="module")
def public_pages(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        from django.db import transaction

        # One crawl for every test of this module, rolled back afterwards.
        with transaction.atomic():
            load_demo()
            skip = set(Municipality.objects.exclude(code="0486").values_list("slug", flat=True))
            pages = crawl(Client(), skip)
            transaction.set_rollback(True)
    return pages


def test_the_crawl_reaches_every_commitment_page_of_the_demo(public_pages):
    commitment_pages = [p for p in public_pages if re.fullmatch(r"/strangnas/[0-9-]+/\d+/", p)]
    assert len(commitment_pages) == 15
    assert "/strangnas/2021/" in public_pages and "/strangnas/2022-2023/" in public_pages


def test_no_staff_only_value_appears_on_any_public_page(public_pages):
    for path, content in public_pages.items():
        for value in DEMO_STAFF_ONLY:
            assert value not in content, (path, value)


def test_no_date_of_a_single_sensitive_record_appears_on_any_public_page(public_pages):
    sensitive_dates = {row[3] for row in DEMO_WORK if types.get(row[2]).sensitive}
    other_dates = {row[3] for row in DEMO_WORK if not types.get(row[2]).sensitive}
    assert not sensitive_dates & other_dates, "the demo must keep sensitive dates apart to test them"
    for path, content in public_pages.items():
        for on in sensitive_dates:
            for text in date_formats(on):
                assert text not in content, (path, text)


def test_sensitive_totals_under_five_are_shown_as_fewer_than_five(public_pages):
    labels = [str(t.label) for t in types.all_types() if t.sensitive]
    shown = 0
    for path, content in public_pages.items():
        for label in labels:
            for count in re.findall(rf"<td>{re.escape(label)}</td><td class=\"num\">([^<]*)</td>", content):
                shown += 1
                assert count == "färre än 5" or int(count) >= 5, (path, label, count)
    assert shown >= 3
    assert any("färre än 5" in content for content in public_pages.values())


def test_single_sensitive_records_are_never_listed(public_pages):
    labels = [str(t.label) for t in types.all_types() if t.sensitive]
    for path, content in public_pages.items():
        table = re.search(r'<table class="activities">.*?</table>', content, re.S)
        if table:
            for label in labels:
                assert label not in table.group(0), (path, label)
