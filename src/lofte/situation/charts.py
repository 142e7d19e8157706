"""Server-rendered SVG charts for the lägesbild (pygal), fit for the strict CSP and screen readers.

pygal draws the chart (scales, axes, labels, legend) as SVG with CSS classes and no inline styles.
Its output is then cleaned with lxml so the page's Content-Security-Policy (no inline script or
style) holds with the SVG inline in the HTML: its <script> and <style> elements, its tooltip
overlay (the one element with a style attribute) and its comments are removed, and every id pygal
sets is dropped (several charts on one page must not repeat ids). The look comes from the static
stylesheet situation/charts.css instead, which the PDF embeds in the SVG (WeasyPrint reads styles
inside an SVG). The root gets role="img" with a <title> and <desc> that screen readers announce;
the same numbers are always in a table beside the chart.

Rendering takes a few milliseconds per chart, so each SVG is cached under the hash of everything it
shows: a page re-renders a chart only when its numbers change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache

CSS_PATH = Path(__file__).resolve().parent / "static" / "situation" / "charts.css"
# The cache key of a chart includes this file's hash: a change of how charts are drawn is never
# hidden by charts cached before it.
_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
_CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class Line:
    name: str
    values: tuple[float | None, ...]


def swedish_number(value: float | None, decimals: int = 0) -> str:
    """1234.5 -> "1 234,5" (a narrow no-break space groups thousands, as Swedish typography does)."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")


def _pygal():
    """pygal, imported without its one import-time warning: it loads every installed map plugin,
    and pygal-maps-se (installed for the county outlines of /statistik/, whose SVG file is all we
    read, see lofte.overview.countymap) is written for an older pygal, so loading it as a plugin
    fails with a warning on every start. The charts here use no map plugin."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Unable to load EntryPoint\(name='se'", category=Warning)
        import pygal
    return pygal


def _style():
    _pygal()
    from pygal.style import Style

    # Colours are set again in charts.css; these keep pygal's own legend boxes in step with it.
    return Style(colors=("#0b4f9c", "#a34700", "#37474f", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#5d4037"),
                 background="transparent", plot_background="transparent", font_family="inherit")


def _config(chart_class, decimals: int, **options):
    settings = dict(
        style=_style(), js=[], css=[], disable_xml_declaration=True, no_prefix=True, explicit_size=False,
        show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=2, legend_box_size=14, margin=8,
        dots_size=3.5, truncate_label=-1, truncate_legend=-1, tooltip_fancy_mode=False, max_scale=6, min_scale=3,
        value_formatter=lambda v: swedish_number(v, decimals),
    )
    settings.update(options)
    return chart_class(**settings)


def _clean(svg: str, chart_id: str, title: str, description: str) -> str:
    from lxml import etree

    ns = "http://www.w3.org/2000/svg"
    root = etree.fromstring(svg.encode())
    for element in list(root.iter(f"{{{ns}}}script", f"{{{ns}}}style", f"{{{ns}}}title", f"{{{ns}}}desc",
                                  etree.Comment)):
        element.getparent().remove(element)
    for element in list(root.iter()):
        classes = (element.get("class") or "").split()
        if "tooltip-overlay" in classes or "tooltip" in classes:
            element.getparent().remove(element)
    for element in root.iter():
        for attribute in ("style", "id"):
            if attribute in element.attrib:
                del element.attrib[attribute]
    for defs in list(root.iter(f"{{{ns}}}defs")):
        if not len(defs):
            defs.getparent().remove(defs)
    root.set("id", chart_id)
    root.set("class", "chart " + (root.get("class") or "").replace("pygal-chart", "").strip())
    root.set("role", "img")
    root.set("focusable", "false")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    title_el = etree.Element(f"{{{ns}}}title", id=f"{chart_id}-title")
    title_el.text = title
    desc_el = etree.Element(f"{{{ns}}}desc", id=f"{chart_id}-desc")
    desc_el.text = description
    root.insert(0, desc_el)
    root.insert(0, title_el)
    text = etree.tostring(root, encoding="unicode")
    # The default namespace only: xlink is not used once the tooltips are gone.
    return text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")


def _cached(kind: str, payload: dict, render) -> str:
    key = "situation-chart:" + hashlib.sha256(
        json.dumps([kind, _VERSION, payload], sort_keys=True, default=str).encode()
    ).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = render()
        cache.set(key, svg, _CACHE_SECONDS)
    return svg


def line_chart(chart_id: str, title: str, description: str, labels: list[str], lines: list[Line],
               decimals: int = 0, zero: bool = True) -> str:
    """A line chart over periods, one line per place; None leaves a gap."""
    payload = {"id": chart_id, "t": title, "d": description, "l": labels, "s": [(s.name, s.values) for s in lines],
               "n": decimals, "z": zero}

    def render():
        pygal = _pygal()
        chart = _config(pygal.Line, decimals, width=480, height=280, include_x_axis=zero, allow_interruptions=True,
                        print_values=False, x_labels_major_count=6, show_minor_x_labels=len(labels) <= 12)
        chart.x_labels = labels
        for line in lines:
            chart.add(line.name, list(line.values))
        return _clean(chart.render(is_unicode=True), chart_id, title, description)

    return _cached("line", payload, render)


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], values: list[float],
              decimals: int = 0) -> str:
    """Horizontal bars, one per label (largest first is the caller's order)."""
    payload = {"id": chart_id, "t": title, "d": description, "l": labels, "v": values, "n": decimals}

    def render():
        pygal = _pygal()
        height = max(160, 40 + 30 * len(labels))
        # No values printed on the bars: dark text on a dark bar fails contrast, and the numbers
        # are in the table beside the chart anyway.
        chart = _config(pygal.HorizontalBar, decimals, width=480, height=height, show_legend=False,
                        print_values=False, show_y_guides=False)
        chart.x_labels = labels
        chart.add(title, values)
        return _clean(chart.render(is_unicode=True), chart_id, title, description)

    return _cached("bar", payload, render)


def stylesheet() -> str:
    """The charts' CSS, for embedding where no static file can be linked (the PDF)."""
    return CSS_PATH.read_text(encoding="utf-8")


def for_print(svg: str, css: str | None = None) -> str:
    """The chart with its stylesheet inside: WeasyPrint styles an inline SVG from its own <style>."""
    if not svg:
        return svg
    end = svg.index(">") + 1
    css = (css if css is not None else stylesheet()).replace("<", "")
    return svg[:end] + f"<style>{css}</style>" + svg[end:]
