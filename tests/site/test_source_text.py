"""A text source is shown as a page of the site, with the file a link away (regression: "Källa"
downloaded a .txt file)."""

import pytest
from django.urls import reverse

from lofte.promises.importing import import_text
from tests import factories

pytestmark = pytest.mark.django_db
TEXT = "Medborgarlöfte 2024\n\nTrygg trafik\n• Polisen lovar minst fyra trafikkontroller.\n"


@pytest.fixture
def kommun():
    return factories.municipality()


def test_a_text_source_is_a_page_with_the_text(client, kommun):
    import_text(TEXT.encode("cp1252"), "loften.txt", kommun, publish=True)
    response = client.get(reverse("site:source_document", args=[kommun.slug, "2024"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "Källa: loften.txt" in content
    assert "Polisen lovar minst fyra trafikkontroller." in content  # decoded from Windows-1252
    assert 'href="?ladda-ner"' in content


def test_the_file_itself_is_a_download_away(client, kommun):
    raw = TEXT.encode()
    import_text(raw, "loften.txt", kommun, publish=True)
    response = client.get(reverse("site:source_document", args=[kommun.slug, "2024"]) + "?ladda-ner")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == raw


def test_text_that_looks_like_markup_is_shown_as_text(client, kommun):
    import_text((TEXT + "• Polisen lovar <script>alert(1)</script> inget.\n").encode(), "loften.txt", kommun,
                publish=True)
    content = client.get(reverse("site:source_document", args=[kommun.slug, "2024"])).content.decode()
    assert "<script>alert" not in content and "&lt;script&gt;" in content
