"""HTML to PDF with WeasyPrint, for every printable document: the lägesbild now, follow-up reports later.

Fonts come from a Python package (font-source-sans-pro, SIL OFL), pinned like every dependency, so
a PDF looks the same on every machine and nothing is downloaded. WeasyPrint needs the Pango
libraries of the operating system (Debian/Ubuntu: libpango-1.0-0 and libpangoft2-1.0-0; see the
README). Images and stylesheets are only read from the package's own static files: the URL fetcher
refuses everything else, so a PDF never makes a network request.
"""

from __future__ import annotations

from pathlib import Path

BASE_CSS = """
@font-face { font-family: "Source Sans Pro"; src: url("{regular}"); font-weight: 400; font-style: normal; }
@font-face { font-family: "Source Sans Pro"; src: url("{italic}"); font-weight: 400; font-style: italic; }
@font-face { font-family: "Source Sans Pro"; src: url("{semibold}"); font-weight: 600; font-style: normal; }
@font-face { font-family: "Source Sans Pro"; src: url("{bold}"); font-weight: 700; font-style: normal; }
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); font: 9pt "Source Sans Pro", sans-serif; color: #4a5560; }
  @bottom-left { content: string(document-title); font: 9pt "Source Sans Pro", sans-serif; color: #4a5560; }
}
html { font-family: "Source Sans Pro", sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1b1f24; hyphens: auto; }
h1 { string-set: document-title content(); font-size: 20pt; margin: 0 0 4mm; }
h1, h2, h3 { line-height: 1.2; break-after: avoid; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; padding: 1mm 1.5mm; border-bottom: 0.3pt solid #d5dae0; vertical-align: top; }
thead th { border-bottom: 0.8pt solid #6b7785; }
caption { text-align: left; font-weight: 600; padding-bottom: 1mm; }
a { color: #0b4f9c; text-decoration: none; }
figure { margin: 0; break-inside: avoid; }
svg { max-width: 100%; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _fonts() -> dict[str, str]:
    import font_source_sans_pro

    files = Path(font_source_sans_pro.font_directory)
    return {
        "regular": (files / "SourceSansPro-Regular.ttf").as_uri(),
        "italic": (files / "SourceSansPro-It.ttf").as_uri(),
        "semibold": (files / "SourceSansPro-Semibold.ttf").as_uri(),
        "bold": (files / "SourceSansPro-Bold.ttf").as_uri(),
    }


def base_stylesheet() -> str:
    css = BASE_CSS
    for name, uri in _fonts().items():
        css = css.replace("{" + name + "}", uri)
    return css


def _weasyprint():
    """WeasyPrint, imported without its side effect on Pillow: on import it sets the process-wide
    ImageFile.LOAD_TRUNCATED_IMAGES, which would make every later photo upload in the same worker
    accept a truncated JPEG (lofte.walks.photos refuses those). Our PDFs embed no bitmaps."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return weasyprint, FontConfiguration, URLFetcher


def _local_only(allowed_roots: list[Path]):
    """A WeasyPrint URL fetcher that reads data: URLs and files under `allowed_roots`, nothing else."""
    _module, _fonts, URLFetcher = _weasyprint()

    roots = [r.resolve() for r in allowed_roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://"):].split("?")[0]).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"PDF rendering reads no file outside its fonts: {url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = (), variant: str | None = "pdf/ua-1") -> bytes:
    """A4 PDF of an HTML document (lang="sv" set by its template), with the base stylesheet first.

    `variant` is passed to WeasyPrint as pdf_variant (e.g. "pdf/ua-1" for tagged, accessible PDF).
    """
    import font_source_sans_pro

    weasyprint, FontConfiguration, _fetcher = _weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML

    fetcher = _local_only([Path(font_source_sans_pro.font_directory)])
    # @font-face rules only take effect through a FontConfiguration shared by the CSS and the PDF.
    fonts = FontConfiguration()
    sheets = [CSS(string=base_stylesheet(), url_fetcher=fetcher, font_config=fonts)]
    sheets += [CSS(string=css, url_fetcher=fetcher, font_config=fonts) for css in stylesheets]
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    options = {"pdf_variant": variant} if variant else {}
    return document.write_pdf(stylesheets=sheets, font_config=fonts, **options)
