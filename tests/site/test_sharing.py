"""Sharing: title, description and Open Graph tags on every public page, a share image per set,
and the printable poster (A4 and A3, one page, QR code to the set's page)."""

import io

import pdfplumber
import pytest
from PIL import Image

from lofte.demo.loader import load_demo
from lofte.promises.models import PromiseSet
from lofte.site import sharing
from tests import factories
from tests.site.helpers import parse

pytestmark = pytest.mark.django_db

NS = "{http://www.w3.org/1999/xhtml}"
SITE = "https://lofte.example.se"

PUBLIC_PATHS = [
    "/", "/statistik/", "/sa-raknar-vi/", "/tillganglighet/", "/strangnas/", "/strangnas/2022-2023/",
    "/strangnas/2021/", "/strangnas/2021/5/", "/strangnas/synpunkter/", "/strangnas/kalender/", "/strangnas/fynd/",
    "/strangnas/lagesbild/", "/strangnas/prenumerera/", "/strangnas/uppfoljning/", "/eskilstuna/",
]


@pytest.fixture
def demo(settings):
    settings.SITE_URL = SITE
    return load_demo()


def meta(doc) -> dict[str, str]:
    head = doc.find(f"{NS}head")
    tags = {el.get("property") or el.get("name"): el.get("content") for el in head.iter(f"{NS}meta")
            if el.get("content") is not None}
    tags["title"] = head.find(f"{NS}title").text
    return tags


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_has_a_title_description_and_open_graph_tags(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    tags = meta(parse(response.content))
    assert tags["title"].endswith(" – Löfte") and len(tags["title"]) > len(" – Löfte") + 5
    assert len(tags["description"]) > 40
    assert tags["og:title"] == tags["title"].removesuffix(" – Löfte")
    assert tags["og:description"] == tags["description"]
    assert tags["og:url"] == SITE + path.split("?")[0]
    assert tags["og:locale"] == "sv_SE"
    assert tags["og:type"] in ("website", "article")
    assert tags["og:image"].startswith(SITE + "/") and tags["og:image"].endswith(".png")


def test_a_set_page_shares_its_own_image(client, demo):
    tags = meta(parse(client.get("/strangnas/2022-2023/").content))
    assert tags["og:image"] == SITE + "/strangnas/2022-2023/dela.png"
    assert "Strängnäs" in tags["og:image:alt"]
    commitment = meta(parse(client.get("/strangnas/2021/5/").content))
    assert commitment["og:image"] == SITE + "/strangnas/2021/dela.png"
    assert commitment["og:type"] == "article"


def test_the_share_image_is_a_1200_by_630_png_drawn_once_per_version(client, demo, monkeypatch):
    calls = []
    real = sharing.share_image
    monkeypatch.setattr(sharing, "share_image", lambda *a: calls.append(a) or real(*a))
    response = client.get("/strangnas/2022-2023/dela.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    title, place, count_line, summary = calls[0]
    assert place == "Strängnäs · 2022–2023"
    assert count_line.startswith("8 löften")
    assert sum(n for _status, n in summary) == 8
    assert client.get("/strangnas/2022-2023/dela.png").content == response.content
    assert len(calls) == 1


def test_the_share_image_shows_long_titles_on_two_lines_at_most():
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    lines = sharing.wrap(draw, "Ett mycket långt namn " * 20, sharing.font("bold", 64), 1072, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")


@pytest.mark.parametrize("period", ["2022-2023", "2021"])
@pytest.mark.parametrize("size, width_mm", [("a4", 210), ("a3", 297)])
def test_the_poster_is_one_page_with_the_short_titles_status_and_address(client, demo, period, size, width_mm):
    response = client.get(f"/strangnas/{period}/affisch-{size}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) == 1
        assert round(pdf.pages[0].width / 72 * 25.4) == width_mm
        text = pdf.pages[0].extract_text()
    promise_set = PromiseSet.objects.get(municipality__slug="strangnas", slug=period)
    for commitment in promise_set.commitments.all():
        assert commitment.title[:25] in " ".join(text.split())
    assert f"{SITE}/strangnas/{period}/" in text.replace("\n", "")


def test_the_poster_qr_code_encodes_the_absolute_address():
    svg = sharing.qr_svg("https://lofte.example.se/strangnas/2021/")
    assert svg.startswith("<svg") and "<path" in svg


def test_the_set_page_links_the_posters_and_the_image(client, demo):
    html = client.get("/strangnas/2021/").content.decode()
    for href in ("/strangnas/2021/affisch-a4.pdf", "/strangnas/2021/affisch-a3.pdf", "/strangnas/2021/dela.png"):
        assert f'href="{href}"' in html


def test_drafts_have_no_image_or_poster(client):
    kommun = factories.municipality()
    factories.promise_set(kommun, 2024, status=PromiseSet.Status.DRAFT)
    assert client.get("/strangnas/2024/dela.png").status_code == 404
    assert client.get("/strangnas/2024/affisch-a4.pdf").status_code == 404


def test_an_unknown_poster_size_is_not_found(client, demo):
    assert client.get("/strangnas/2021/affisch-a5.pdf").status_code == 404
