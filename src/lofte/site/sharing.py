"""Sharing a set: its share image (Open Graph, PNG 1200×630) and its printable poster (A4/A3 PDF).

Both are drawn on the server from the set page's own data (lofte.site.pages.set_page: published
commitments, statuses computed as of today) and cached under the page's ETag, which changes with the
municipality's data, the date, the demo flag and the release, plus a hash of this file; a set's
image or poster is drawn once per version. The image uses Pillow with the project's font
(font-source-sans-pro); the poster goes through WeasyPrint (lofte.lib.pdf) with a QR code (segno)
of the set's absolute address.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from lofte.core.demo import demo_is_loaded
from lofte.dialogue.meetings import site_url
from lofte.lib.pdf import render_pdf
from lofte.promises.status import Status
from lofte.site import pages
from lofte.site.views import _municipality_freshness, _published_set, public_page

WIDTH, HEIGHT = 1200, 630
CACHE_SECONDS = 60 * 60 * 24
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

# Text and tint of each status, the same pairs as the site's badges (lofte/tokens.css).
STATUS_COLOURS = {
    Status.ACHIEVED: ("#0f4d24", "#dcefe1"),
    Status.ON_TRACK: ("#0b3a66", "#e0ecf8"),
    Status.AT_RISK: ("#6b3a00", "#fdebd0"),
    Status.MISSED: ("#7a1414", "#f9dcdc"),
    Status.NOT_STARTED: ("#37474f", "#eceff1"),
    Status.ONGOING: ("#4a2a73", "#ece4f5"),
    Status.PARTLY: ("#5c4300", "#fbf0c9"),
    Status.NO_VERDICT: ("#37474f", "#f3f4f5"),
}
BRAND, TEXT, MUTED = "#0b3a66", "#1b1f24", "#4a5560"
POSTER_SIZES = {"a4": "A4", "a3": "A3"}


@lru_cache(maxsize=8)
def font(weight: str, size: int):
    import font_source_sans_pro
    from PIL import ImageFont

    name = {"regular": "SourceSansPro-Regular.ttf", "bold": "SourceSansPro-Bold.ttf",
            "semibold": "SourceSansPro-Semibold.ttf"}[weight]
    return ImageFont.truetype(str(Path(font_source_sans_pro.font_directory) / name), size)


def wrap(draw, text: str, typeface, width: int, max_lines: int) -> list[str]:
    """Words into lines no wider than `width`; the last line ends in "…" when text is left over."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=typeface) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        last = lines[-1]
        while last and draw.textlength(last + " …", font=typeface) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def share_image(title: str, place: str, count_line: str, summary: list[tuple[Status, int]]) -> bytes:
    """A 1200×630 PNG: the set's name, its municipality and period, the number of commitments and
    one badge per status with its count."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=BRAND)
    draw.text((64, 48), "Löfte", font=font("bold", 44), fill="#ffffff", anchor="lm")
    draw.text((200, 50), "medborgarlöften", font=font("regular", 32), fill="#dbe8f5", anchor="lm")
    y = 140
    title_font = font("bold", 64)
    for line in wrap(draw, title, title_font, WIDTH - 128, 2):
        draw.text((64, y), line, font=title_font, fill=TEXT)
        y += 76
    draw.text((64, y + 8), place, font=font("semibold", 40), fill=MUTED)
    y += 80
    draw.text((64, y), count_line, font=font("regular", 38), fill=TEXT)
    y += 72
    x = 64
    badge_font = font("semibold", 34)
    for status, count in summary:
        text = f"{status.label} {count}"
        width = int(draw.textlength(text, font=badge_font)) + 48
        if x + width > WIDTH - 64:
            x, y = 64, y + 70
        if y + 56 > HEIGHT - 24:
            break
        colour, tint = STATUS_COLOURS[status]
        draw.rounded_rectangle((x, y, x + width, y + 56), radius=10, fill=tint)
        draw.text((x + 24, y + 28), text, font=badge_font, fill=colour, anchor="lm")
        x += width + 16
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _cached(kind: str, request, kommun: str, render) -> bytes:
    etag = _municipality_freshness(request, kommun).etag
    key = f"share-{kind}:{_CODE}:" + hashlib.sha256(etag.encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = render()
        cache.set(key, data, CACHE_SECONDS)
    return data


def _place(promise_set) -> str:
    area = f"{promise_set.area.name}, " if promise_set.area_id else ""
    return f"{area}{promise_set.municipality.name} · {promise_set.period_label}"


def _count_line(page) -> str:
    n = len(page.commitments)
    noun = "löfte" if n == 1 else "löften"
    return f"{n} {noun} · slutresultat" if page.ended else f"{n} {noun} · status i dag"


@public_page(_municipality_freshness)
def set_share_image(request, kommun, period, area=None):
    promise_set, moved = _published_set(request, kommun, period, area, lambda s: s.share_image_url())
    if moved:
        return moved

    def render():
        page = pages.set_page(promise_set, timezone.localdate())
        return share_image(promise_set.title, _place(promise_set), _count_line(page), page.summary)

    return HttpResponse(_cached("png", request, kommun, render), content_type="image/png")


def qr_svg(url: str) -> str:
    """The QR code of a URL as inline SVG (segno), dark on white, with a quiet zone."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=4, xmldecl=False, svgns=True,
                                    dark="#000000", light="#ffffff", title=None)
    return out.getvalue().decode()


POSTER_CSS = """
@page { size: %(size)s; margin: 14mm; @bottom-left { content: none; } @bottom-right { content: none; } }
html { font-size: %(base)spt; line-height: 1.2; color: #000000; hyphens: manual; }
.brand { font-weight: 700; color: #0b3a66; font-size: 0.9rem; margin: 0 0 1mm; }
h1 { font-size: 2.1rem; margin: 0 0 1mm; }
.place { font-size: 1.2rem; font-weight: 600; margin: 0 0 4mm; }
table { font-size: 1rem; width: 100%%; border-collapse: collapse; }
table.commitments th { font-size: 0.7rem; font-weight: 600; border-bottom: 1.5pt solid #000000; padding: 1mm 0; }
table.commitments td { border-bottom: 0.6pt solid #000000; padding: 2.2mm 0; vertical-align: top; }
td.title { font-weight: 600; padding-right: 5mm; }
.status { text-align: right; white-space: nowrap; font-weight: 700; padding-left: 5mm; }
table.foot { margin-top: 6mm; border-top: 2pt solid #000000; }
table.foot td { border: 0; padding: 4mm 0 0; vertical-align: middle; font-size: 0.85rem; }
td.qr { width: %(qr)smm; padding-right: 6mm; }
.qr svg { width: %(qr)smm; height: %(qr)smm; }
.url { font-size: 1rem; font-weight: 700; overflow-wrap: anywhere; }
.small { font-size: 0.65rem; }
"""


def poster_pdf(promise_set, size: str, today) -> bytes:
    page = pages.set_page(promise_set, today)
    url = site_url(promise_set.get_absolute_url())
    # A long set shrinks its type so the poster stays one page; A3 scales the whole poster up.
    n = len(page.commitments)
    base = 22 if n <= 5 else 18 if n <= 8 else 15 if n <= 12 else 12 if n <= 18 else 9
    scale = 1.41 if size == "a3" else 1.0
    css = POSTER_CSS % {"size": POSTER_SIZES[size], "base": round(base * scale, 1), "qr": round(45 * scale)}
    html = render_to_string("site/poster.html", {
        "page": page, "url": url, "qr": qr_svg(url), "today": today, "place": _place(promise_set),
        "demo_loaded": demo_is_loaded(),
    })
    return render_pdf(html, stylesheets=(css,))


@public_page(_municipality_freshness)
def set_poster(request, kommun, period, size, area=None):
    if size not in POSTER_SIZES:
        raise Http404("Affischen finns i storlekarna A4 och A3.")
    promise_set, moved = _published_set(request, kommun, period, area, lambda s: s.poster_url(size))
    if moved:
        return moved
    pdf = _cached(f"poster-{size}", request, kommun, lambda: poster_pdf(promise_set, size, timezone.localdate()))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"affisch-{promise_set.municipality.slug}-{promise_set.slug}-{size}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
