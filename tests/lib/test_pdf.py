"""The shared PDF helper: A4, the packaged fonts, no network, and no side effect on Pillow."""

import io

import pdfplumber
import pytest
from PIL import ImageFile

from lofte.lib.pdf import render_pdf

HTML = '<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body><h1>Lägesbild åäö</h1></body></html>'


def test_a_pdf_uses_the_packaged_fonts_on_a4_pages():
    with pdfplumber.open(io.BytesIO(render_pdf(HTML))) as pdf:
        page = pdf.pages[0]
        assert round(page.width) == 595 and round(page.height) == 842  # A4 in points
        assert {c["fontname"].split("+")[-1] for c in page.chars} >= {"Source-Sans-Pro-Bold"}
        assert "Lägesbild åäö" in page.extract_text()


def test_rendering_leaves_pillow_refusing_truncated_images():
    """Reproduces WeasyPrint setting ImageFile.LOAD_TRUNCATED_IMAGES on import, which made photo
    uploads accept truncated JPEGs in any worker that had rendered a PDF."""
    render_pdf(HTML)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize("url", ["https://example.org/x.png", "http://127.0.0.1/", "file:///etc/passwd"])
def test_the_fetcher_refuses_everything_but_the_fonts(url):
    from pathlib import Path

    import font_source_sans_pro

    from lofte.lib.pdf import _local_only

    fetcher = _local_only([Path(font_source_sans_pro.font_directory)])
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    # An image the document names is left out; the PDF still renders.
    assert render_pdf(HTML.replace("</h1>", f'</h1><img src="{url}" alt="">')).startswith(b"%PDF-")
