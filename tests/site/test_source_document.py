"""The public "Källa" link: the original document of a published set, never a draft's."""

import pytest
from django.test import TestCase
from django.urls import reverse

from lofte.promises.importing import import_text as _import_text
from lofte.promises.models import PromiseSet
from tests import factories
from tests.promises import documents

pytestmark = pytest.mark.django_db

TEXT = "Medborgarlöfte 2024\n\nTrygg trafik\n• Polisen lovar minst fyra trafikkontroller.\n"


def import_text(*args, **kwargs):
    """The import, committed as far as files go: the kept original gets its name on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return _import_text(*args, **kwargs)


@pytest.fixture
def kommun():
    return factories.municipality()


def url(kommun, period="2024"):
    return reverse("site:source_document", args=[kommun.slug, period])


def test_a_published_sets_pdf_is_shown_and_linked_from_the_set_page(client, kommun):
    raw = documents.pdf([[("Medborgarlöfte 2024", 16), ("", 11), ("Trygg trafik", 14),
                          ("• Polisen lovar minst fyra trafikkontroller.", 11)]])
    import_text(raw, "loften.pdf", kommun, publish=True)
    response = client.get(url(kommun))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == raw
    page = client.get(reverse("site:promise_set", args=[kommun.slug, "2024"])).content.decode()
    assert url(kommun) in page and "loften.pdf" in page


def test_a_saved_web_page_is_only_offered_as_a_download(client, kommun):
    raw = "<html><body><main><h1>Medborgarlöfte 2024</h1><h2>Trygg trafik</h2><ul><li>Polisen lovar minst fyra trafikkontroller.</li></ul></main></body></html>".encode()
    import_text(raw, "sida.html", kommun, publish=True)
    response = client.get(url(kommun))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_drafts_source_is_not_public(client, kommun):
    import_text(TEXT.encode(), "loften.txt", kommun)
    assert PromiseSet.objects.get().source_document is not None
    assert client.get(url(kommun)).status_code == 404


def test_a_set_without_a_source_has_no_link_and_no_document(client, kommun):
    factories.promise_set(kommun, 2024)
    assert client.get(url(kommun)).status_code == 404
    assert "kalla" not in client.get(reverse("site:promise_set", args=[kommun.slug, "2024"])).content.decode()


def test_another_municipalitys_period_gives_404(client, kommun):
    import_text(TEXT.encode(), "loften.txt", kommun, publish=True)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    assert client.get(url(other)).status_code == 404


# A text source is shown as a page of the site, with the file a link away (regression: "Källa"
# downloaded a .txt file).
def test_a_text_source_is_a_page_with_the_text(client, kommun):
    import_text(TEXT.encode("cp1252"), "loften.txt", kommun, publish=True)
    response = client.get(url(kommun))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "Källa: loften.txt" in content
    assert "Polisen lovar minst fyra trafikkontroller." in content  # decoded from Windows-1252
    assert 'href="?ladda-ner"' in content


def test_the_file_itself_is_a_download_away(client, kommun):
    raw = TEXT.encode()
    import_text(raw, "loften.txt", kommun, publish=True)
    response = client.get(url(kommun) + "?ladda-ner")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == raw


def test_text_that_looks_like_markup_is_shown_as_text(client, kommun):
    import_text((TEXT + "• Polisen lovar <script>alert(1)</script> inget.\n").encode(), "loften.txt", kommun,
                publish=True)
    content = client.get(url(kommun)).content.decode()
    assert "<script>alert" not in content and "&lt;script&gt;" in content
