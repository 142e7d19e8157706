"""Checks every public page must pass, and shared data builders for the site tests."""

from __future__ import annotations

import html5lib
from html5lib import treebuilders

from tests import factories

FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary")
NS = "{http://www.w3.org/1999/xhtml}"


def parse(content: bytes | str):
    """Parse with html5lib's strict parser: any HTML5 parse error raises."""
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    parser = html5lib.HTMLParser(strict=True, tree=treebuilders.getTreeBuilder("etree"))
    return parser.parse(content)


def assert_accessible_page(response):
    """Valid HTML5 in Swedish, a skip link first, the landmarks, and a single h1."""
    assert response["Content-Type"].startswith("text/html")
    doc = parse(response.content)
    assert doc.get("lang") == "sv"
    body = doc.find(f"{NS}body")
    focusable = [el for el in body.iter() if el.tag.replace(NS, "") in FOCUSABLE]
    first = focusable[0]
    assert first.tag == f"{NS}a" and "skip-link" in first.get("class", "")
    target = first.get("href").lstrip("#")
    main = body.find(f".//{NS}main")
    assert main is not None and main.get("id") == target
    assert body.find(f".//{NS}header") is not None
    assert body.find(f".//{NS}nav") is not None
    assert body.find(f".//{NS}footer") is not None
    assert len(body.findall(f".//{NS}h1")) == 1
    for tag in body.iter():
        assert tag.get("style") is None, "inline styles are forbidden by the CSP"
        assert tag.tag != f"{NS}script", "inline or external scripts are not expected on public pages"
    return doc


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def table_by_caption(doc, caption_text: str):
    for table in doc.iter(f"{NS}table"):
        caption = table.find(f"{NS}caption")
        if caption is not None and caption_text in text_of(caption):
            return table
    raise AssertionError(f"no table captioned {caption_text!r}")


def strangnas_set(first_year=2022, last_year=2022, n_commitments=2, status=None):
    """A published set with a theme, commitments with parties and targets; returns (kommun, set, commitments)."""
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun, "police")
    town = factories.organisation(kommun, "municipality")
    kwargs = {} if status is None else {"status": status}
    ps = factories.promise_set(kommun, first_year, last_year, intro="Vi lovar trygghet.", **kwargs)
    ps.signatories = "Kommundirektör Anna Andersson\nLokalpolisområdeschef Bo Berg"
    ps.save()
    theme = factories.theme(ps, "Ökad trygghet och minskad brottslighet")
    commitments = [
        factories.commitment(
            ps, number=i + 1, text=f"Polisen och Strängnäs kommun lovar åtagande nummer {i + 1}.", theme_=theme,
            parties=[police, town],
            targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
        )
        for i in range(n_commitments)
    ]
    return kommun, ps, commitments, areas


def many_municipalities(n: int, start: int = 9000):
    """n extra municipalities, each with a published set, a commitment and an activity (other data
    that must not make a page slower)."""
    from datetime import date

    made = []
    for i in range(n):
        kommun = factories.municipality(code=str(start + i), name=f"Testkommun {start + i}", county="Testlän", county_code="99")
        ps = factories.promise_set(kommun, 2022)
        c = factories.commitment(ps, targets=[{"count": 2, "unit": "dialogmöten", "activity_type": "dialogue_meeting"}])
        factories.activity(c, type="dialogue_meeting", on=date(2022, 2, 1))
        made.append(kommun)
    return made


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def assert_public_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    cache = response["Cache-Control"]
    assert "public" in cache and "max-age=60" in cache
    assert response["ETag"]
    assert response["Last-Modified"]
