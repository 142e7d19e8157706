"""One promise document in the four formats people publish it in: text, web page, PDF and Word.

The probe documents (tests/promises/probes/) are written in a small markup, so that each can be
rendered the way municipalities' own pages and files look:

    # key: value     metadata, not part of the document (kommun, kommun-code, period, years-arg, area)
    ! Sök            page furniture: menus, share links, dates (on the web page and in copied text only)
    = Title          a heading (==, === for lower levels)
    ** Text          a paragraph in bold (a heading in documents written without styles)
    • Item           a list item ("-", "–", "•", "◦" or "1." / "1)"); two spaces of indent per level
    | a | b |        a table row (the first row is the header)
    anything else    a paragraph; a blank line separates blocks

`plain_blocks()` guesses the same structure from plain text (the corpus), so that the corpus can be
rendered in every format too. The renderers write what real software writes: a CMS page with
menus, cookie banner and footer; python-docx's list and heading styles; a typeset PDF with wrapped,
hyphenated lines, larger headings, a running header, page numbers and ruled tables.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field

from tests.promises import documents

FORMATS = ("text", "html", "pdf", "docx")

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[•◦\-–*]|\d{1,2}[.)])\s+(?P<text>\S.*)$")


@dataclass
class Block:
    kind: str  # furniture, heading, bold, item, table, paragraph, blank
    text: str = ""
    level: int = 1
    marker: str = ""
    rows: list[list[str]] = field(default_factory=list)


def read_markup(source: str) -> tuple[dict[str, str], list[Block]]:
    """The metadata and blocks of a probe document."""
    meta: dict[str, str] = {}
    blocks: list[Block] = []
    for raw in source.split("\n"):
        line = raw.rstrip()
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
        elif not line.strip():
            blocks.append(Block("blank"))
        elif line.startswith("! "):
            blocks.append(Block("furniture", line[2:]))
        elif re.match(r"^=+ ", line):
            marks, _, text = line.partition(" ")
            blocks.append(Block("heading", text, level=len(marks)))
        elif line.startswith("** "):
            blocks.append(Block("bold", line[3:]))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif match := _ITEM.match(line):
            blocks.append(Block("item", match["text"], level=len(match["indent"]) // 2 + 1, marker=match["marker"]))
        else:
            blocks.append(Block("paragraph", line.strip()))
    return meta, blocks


def plain_blocks(text: str) -> list[Block]:
    """Blocks guessed from plain text: a short line without final punctuation between blank lines
    is a heading, a bulleted or numbered line an item, anything else a paragraph."""
    lines = text.split("\n")
    blocks: list[Block] = []
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            blocks.append(Block("blank"))
            continue
        match = _ITEM.match(line.replace("\t", "  "))
        if match:
            blocks.append(Block("item", match["text"], level=len(match["indent"]) // 2 + 1, marker=match["marker"]))
            continue
        if blocks and blocks[-1].kind == "item" and (line.startswith(" ") or stripped[0].islower()):
            blocks[-1].text += " " + stripped  # a wrapped item line
            continue
        after_blank = index == 0 or not lines[index - 1].strip()
        short = len(stripped.split()) <= 10 and not stripped.endswith((".", ",", ";", ":", "!")) and stripped[0].isupper()
        blocks.append(Block("heading" if after_blank and short else "paragraph", stripped, level=2))
    return blocks


def render(blocks: list[Block], kind: str) -> bytes:
    return {"text": to_text, "html": to_html, "pdf": to_pdf, "docx": to_docx}[kind](blocks)


# ---------------------------------------------------------------------------------------------- text


def to_text(blocks: list[Block]) -> bytes:
    """Text as copied from the web page: furniture lines included, tables with tabs between cells."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "blank":
            out.append("")
        elif block.kind == "item":
            out.append("  " * (block.level - 1) + f"{block.marker} {block.text}")
        elif block.kind == "table":
            out += ["\t".join(row) for row in block.rows]
        else:
            out.append(block.text)
    return ("\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------- web page


def to_html(blocks: list[Block]) -> bytes:
    """A municipal CMS page: site header and menu, cookie banner, breadcrumbs, the article in <main>
    (headings, lists with nested lists, tables, share links) and a footer. Furniture before the
    first heading is the menu, the rest goes to the share links and the footer."""
    first_heading = next((i for i, b in enumerate(blocks) if b.kind == "heading"), 0)
    menu = [b.text for b in blocks[:first_heading] if b.kind == "furniture"]
    footer = [b.text for b in blocks[first_heading:] if b.kind == "furniture"]
    title = next((b.text for b in blocks if b.kind == "heading"), "Medborgarlöften")
    article: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "item":
            run = index
            while run < len(blocks) and blocks[run].kind == "item":
                run += 1
            article.append(_html_list(blocks[index:run]))
            index = run
            continue
        index += 1
        if block.kind == "heading":
            level = min(block.level, 4)
            article.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif block.kind == "bold":
            article.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        elif block.kind == "paragraph":
            text = html.escape(block.text)
            if block.text.lower().startswith("läs mer"):
                text = f'<a href="/las-mer">{text}</a>'
            article.append(f"<p>{text}</p>")
        elif block.kind == "table":
            header, *body = block.rows
            article.append("<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header)
                           + "</tr></thead><tbody>")
            article += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body]
            article.append("</tbody></table>")
    links = "".join(f'<li><a href="/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(menu))
    share = "".join(f'<a href="#" class="share-link">{html.escape(t)}</a>' for t in footer)
    page = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{html.escape(title)} - Kommunen</title>
<script>window.dataLayer = [];</script></head>
<body>
<a class="skip-link" href="#content">Hoppa till innehållet</a>
<header class="site-header"><a href="/" class="logo">Kommunen</a>
<nav class="main-menu" aria-label="Huvudmeny"><ul>{links}<li><a href="/kontakt">Kontakt</a></li></ul></nav>
<form role="search"><input name="q"><button>Sök</button></form></header>
<div class="cookie-banner" id="cookies"><p>Vi använder kakor (cookies) för att webbplatsen ska fungera.</p>
<button>Godkänn</button></div>
<nav class="breadcrumbs"><a href="/">Start</a> / <a href="/trygghet">Trygghet och säkerhet</a></nav>
<main id="content"><div class="sv-layout"><div class="sv-text-portlet">
{chr(10).join(article)}
</div><div class="social-share">{share}</div></div></main>
<footer class="site-footer"><p>Kommunen, 123 45 Kommunstad. Telefon 0123-456 00.</p></footer>
</body></html>
"""
    return page.encode("utf-8")


def _html_list(items: list[Block]) -> str:
    """Items as <ul>/<ol>, deeper items nested inside the <li> above them."""
    level = items[0].level
    tag = "ol" if items[0].marker[0].isdigit() else "ul"
    parts = [f"<{tag}>"]
    index = 0
    while index < len(items):
        item = items[index]
        children_end = index + 1
        while children_end < len(items) and items[children_end].level > level:
            children_end += 1
        children = _html_list(items[index + 1:children_end]) if children_end > index + 1 else ""
        parts.append(f"<li>{html.escape(item.text)}{children}</li>")
        index = children_end
    return "".join(parts) + f"</{tag}>"


# ---------------------------------------------------------------------------------------------- Word


def to_docx(blocks: list[Block]) -> bytes:
    """A Word document with Word's own styles; page furniture is not part of it."""
    out: list[tuple[str, object]] = []
    for block in blocks:
        if block.kind == "heading":
            out.append(({1: "title", 2: "heading"}.get(block.level, "heading 2"), block.text))
        elif block.kind == "bold":
            out.append(("bold", block.text))
        elif block.kind == "paragraph":
            out.append(("paragraph", block.text))
        elif block.kind == "item":
            style = "number" if block.marker[0].isdigit() else "bullet"
            out.append((style if block.level == 1 else f"{style} 2", block.text))
        elif block.kind == "table":
            out.append(("table", block.rows))
    return documents.docx(out)


# ---------------------------------------------------------------------------------------------- PDF

_WIDTH = 88
_LINES_PER_PAGE = 46
_HEADING_SIZES = {1: 18, 2: 14, 3: 12.5}


def to_pdf(blocks: list[Block]) -> bytes:
    """A typeset PDF: headings larger, paragraphs and items wrapped at the margin with long words
    hyphenated, nested items indented, ruled tables, a running header and "Sida N av M"."""
    lines: list[tuple] = []
    for block in blocks:
        if block.kind == "blank":
            lines.append(("", 11))
        elif block.kind == "heading":
            lines.append((_cp1252(block.text), _HEADING_SIZES.get(block.level, 12.5)))
        elif block.kind == "bold":
            lines.append((_cp1252(block.text), 13))
        elif block.kind == "paragraph":
            lines += [(_cp1252(t), 11) for t in _hyphenated(textwrap.wrap(block.text, _WIDTH))]
        elif block.kind == "item":
            indent = 18 * (block.level - 1)
            marker = "•" if block.marker in ("•", "*") else ("–" if block.marker in ("◦", "–", "-") else block.marker)
            width = _WIDTH - 3 - 4 * (block.level - 1)
            wrapped = _hyphenated(textwrap.wrap(block.text, width))
            lines.append((_cp1252(f"{marker} {wrapped[0]}"), 11, indent))
            lines += [(_cp1252(t), 11, indent + 10) for t in wrapped[1:]]
        elif block.kind == "table":
            for row in block.rows:
                lines.append(([[_cp1252(t) for t in textwrap.wrap(cell, 28)] or [""] for cell in row], 10))
    pages = [lines[i:i + _LINES_PER_PAGE] for i in range(0, len(lines), _LINES_PER_PAGE)] or [[]]
    return documents.pdf(pages, header="Kommunen – Medborgarlöfte", footer_numbers=True)


def _hyphenated(wrapped: list[str]) -> list[str]:
    """Wrapped lines with the long first word of a line split over the break, as typesetters do."""
    lines = list(wrapped)
    for index in range(len(lines) - 1):
        first, _, rest = lines[index + 1].partition(" ")
        if len(first) >= 10 and first.isalpha() and first.islower():
            cut = len(first) // 2
            lines[index] = f"{lines[index]} {first[:cut]}-"
            lines[index + 1] = f"{first[cut:]} {rest}".strip()
    return lines or [""]


def _cp1252(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")
