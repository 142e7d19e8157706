"""Readers that turn a web page, a PDF or a Word document into the plain text the parser reads.

Each reader writes the document's structure in the plain-text conventions of text.py: a heading on
a line of its own between blank lines, a list item as "• text", a paragraph as one line followed by
a blank line. The parser then treats every format alike.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter

from . import pdflimits
from .errors import PromiseImportError
from .formats import check_xml_parts, open_zip

_BULLET = "• "
_LETTER_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")

# ================================================================ web pages

# Elements that never hold the article: scripts, forms, navigation and page furniture.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "iframe", "svg",
    "select", "input", "textarea", "label", "dialog", "object", "embed", "canvas", "video", "audio",
    "figure", "img", "picture", "map",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu",
               "menubar", "toolbar"}
# Words in class and id attributes that mark page furniture in the CMSs municipalities and the police
# use (Sitevision, EPiServer, WordPress): cookie banners, breadcrumbs, share and print links, menus.
_CLUTTER_TOKENS = {
    "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "brodsmulor", "brodsmula", "share",
    "sharing", "social", "dela", "print", "skrivut", "menu", "meny", "nav", "navigation", "search", "sok",
    "footer", "sidfot", "sidebar", "skip", "skiplink", "related", "toolbar", "banner", "listen", "lyssna",
    "readspeaker", "feedback", "pagination", "tags", "modal", "popup", "newsletter",
}
_TOKEN_SPLIT = re.compile(r"[^a-z0-9åäö]+")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "address", "dd", "dt", "dl",
               "header", "center", "details", "summary", "figcaption", "caption", "body", "html"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def html_to_text(data: bytes) -> str:
    """The main content of a saved web page as text lines, without menus, banners and footers."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(_html_string(data), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        raise PromiseImportError("webbsidan kunde inte tolkas som HTML") from None
    content = _main_element(root)
    _drop_clutter(content)
    out: list[str] = []
    _walk(content, out)
    return _tidy("\n".join(out))


def _html_string(data: bytes) -> str:
    """The page as text: its declared charset if it names one, otherwise detected like a text file."""
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", data[:4096])
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii").lower(), errors="replace")
        except LookupError:
            text = None
    if text is None:
        from .text import decode_document

        text = decode_document(data)
    # lxml refuses a str that still carries an XML encoding declaration.
    return re.sub(r"^\s*(\ufeff)?<\?xml[^>]*>", "", text)


def _main_element(root):
    for query in ("//main", "//*[@role='main']", "//article", "//body"):
        found = root.xpath(query)
        if found:
            # The longest candidate: a page may have several <article> teasers beside the real one.
            return max(found, key=lambda e: len(e.text_content() or ""))
    return root


def _is_clutter(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP_TAGS:
        return True
    if (element.get("role") or "").lower() in _DROP_ROLES:
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
        return True
    tokens = set(_TOKEN_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower()))
    return bool(tokens & _CLUTTER_TOKENS)


# Page tools that stand as plain links inside the article ("Dela", "Skriv ut", "Lyssna").
_TOOL_LINKS = {
    "dela", "dela sidan", "skriv ut", "skriv ut sidan", "lyssna", "läs upp", "tipsa", "tipsa en vän",
    "facebook", "twitter", "x", "linkedin", "dela på facebook", "dela på linkedin", "kopiera länk",
    "skicka länk", "till toppen", "tillbaka till toppen", "e-posta", "mejla",
}


def _drop_clutter(content) -> None:
    for element in list(content.iter()):
        if element is content or not isinstance(element.tag, str):
            continue
        if element.getparent() is not None and _is_clutter(element):
            element.drop_tree()
    for link in list(content.iter("a", "button")):
        if link.getparent() is not None and " ".join((link.text_content() or "").split()).lower() in _TOOL_LINKS:
            link.drop_tree()
    # A <header> outside the article is the page's (logo, menu); inside one it may hold the title.
    # A <footer> is never the document.
    for element in content.xpath(".//header[not(ancestor::article) and not(ancestor::main)] | .//footer"):
        if element.getparent() is not None:
            element.drop_tree()


def _inline_text(element) -> str:
    parts: list[str] = []

    def collect(node):
        if node.tag == "br":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                pass
            elif isinstance(child.tag, str):
                collect(child)
            if child.tail:
                parts.append(child.tail)

    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in ("ul", "ol", "table"):
            collect(child)
        if child.tail:
            parts.append(child.tail)
    # A <br> inside a paragraph stays a line break: signature blocks put name and role on two lines.
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


def _is_bold_only(element) -> bool:
    """A paragraph whose whole text is bold is a heading in documents written without styles."""
    children = [c for c in element if isinstance(c.tag, str)]
    text = " ".join((element.text_content() or "").split())
    return (
        len(children) == 1 and children[0].tag in ("strong", "b")
        and " ".join((children[0].text_content() or "").split()) == text and bool(text)
    )


def _walk(element, out: list[str], depth: int = 0) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADINGS:
        text = " ".join((element.text_content() or "").split())
        if text:
            out += ["", text, ""]
        return
    if tag in ("ul", "ol"):
        if _is_link_list(element):
            return
        out.append("")
        for number, item in enumerate((c for c in element if c.tag == "li"), start=1):
            text = " ".join(_inline_text(item).split())
            if text:
                marker = f"{number}. " if tag == "ol" else _BULLET
                out.append("  " * depth + marker + text)
            for child in item:
                if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                    _walk(child, out, depth + 1)
        out.append("")
        return
    if tag == "table":
        _table_lines([[(" ".join((c.text_content() or "").split())) for c in row.xpath("./th|./td")]
                      for row in element.xpath(".//tr")], out)
        return
    if tag == "p" or (tag in _BLOCK_TAGS and not any(isinstance(c.tag, str) and _is_block(c) for c in element)):
        text = _inline_text(element)
        if text:
            if _is_bold_only(element):
                out += ["", text, ""]
            else:
                out += [text, ""]
        return
    # A container of blocks: its own loose text and the text between blocks are paragraphs too.
    if element.text and element.text.strip():
        out += [" ".join(element.text.split()), ""]
    for child in element:
        if isinstance(child.tag, str):
            if _is_block(child):
                _walk(child, out, depth)
            else:
                text = " ".join((child.text_content() or "").split())
                if text:
                    out += [text, ""]
        if child.tail and child.tail.strip():
            out += [" ".join(child.tail.split()), ""]


def _is_link_list(element) -> bool:
    """A list whose every item is just a link is navigation ("Start", "Om kommunen"), not promises."""
    items = [c for c in element if c.tag == "li"]
    if not items:
        return False
    for item in items:
        text = " ".join((item.text_content() or "").split())
        links = " ".join(" ".join((a.text_content() or "").split()) for a in item.iter("a"))
        if not text or links != text:
            return False
    return True


def _is_block(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag in _BLOCK_TAGS or tag in _HEADINGS or tag in ("ul", "ol", "table", "li", "p")


def _table_lines(rows: list[list[str]], out: list[str]) -> None:
    """A table of promises: each row one item, a party column first ("Polisen: …")."""
    rows = [r for r in rows if any(r)]
    if not rows:
        return
    out.append("")
    if len(rows[0]) == 1:
        out += [r[0] for r in rows if r[0]] + [""]
        return
    header, body = rows[0], rows[1:]
    party_column = next(
        (i for i, cell in enumerate(header) if re.search(r"ansvar|part|vem|aktör|huvudman", cell, re.IGNORECASE)), None
    )
    if not body:
        body, header = rows, []
    if header and party_column is None:
        out += [" – ".join(c for c in header if c), ""]
    for row in body:
        cells = [c for i, c in enumerate(row) if c and i != party_column]
        if not cells:
            continue
        text = ". ".join(c.rstrip(".") for c in cells) + "."
        party = row[party_column] if party_column is not None and party_column < len(row) else ""
        # The party column becomes the item's "Ansvarig:", which the parser reads and leaves out of the text.
        out.append(_BULLET + (f"{text} Ansvarig: {party}" if party else text))
    out.append("")


_TAB_ROW = re.compile(r"^[^\t\n]*\S[^\t\n]*(\t+[^\t\n]*)+$")


def text_tables(text: str) -> str:
    """Text copied from a web page's or a document's table has its cells separated by tabs: two or
    more such rows in a row are a table, written as items like the other readers' tables."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _TAB_ROW.match(lines[end].strip("\r")):
            end += 1
        if end - index >= 2:
            _table_lines([[" ".join(c.split()) for c in re.split(r"\t+", row.strip())] for row in lines[index:end]], out)
            index = end
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _tidy(text: str) -> str:
    """At most one blank line in a row, none at the ends."""
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip() + "\n"


# ================================================================ PDF

_MAX_PAGES = 300
_PAGE_NUMBER = re.compile(r"^(sida|page|s\.)?\s*\d{1,3}(\s*(av|/|of)\s*\d{1,3})?$", re.IGNORECASE)


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF with a text layer: reading order, headings, bullets, no page furniture.

    pdfplumber (pdfminer.six) is used because it gives every line's position and font size, which
    is what separates headings from body text and page headers/footers from content;
    bench/pdf_extractors.py compares it with pypdfium2 on PDFs generated from the corpus.
    """
    if b"%%EOF" not in data[-2048:]:
        raise PromiseImportError("PDF-filen är ofullständig (slutet saknas); ladda ned eller spara den igen")
    with pdflimits.limits():
        pages = _pdf_lines(data)
    if not any(pages):
        raise PromiseImportError(
            "PDF-filen har inget textlager (den är troligen skannad); spara den med text, t.ex. som OCR-PDF, "
            "eller klistra in texten"
        )
    pages = _without_page_furniture(pages)
    return _pdf_text(pages)


def _pdf_lines(data: bytes) -> list[list[dict]]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > _MAX_PAGES:
                raise PromiseImportError(f"PDF-filen har {len(pdf.pages)} sidor; högst {_MAX_PAGES} läses")
            pages = []
            for page in pdf.pages:
                _lay_out(page)
                height = float(page.height) or 1.0
                lines = []
                tables = _ruled_tables(page)
                # A page with a ruled table is read top to bottom: the gaps between the table's
                # columns are no page columns.
                for region in [page] if tables else _reading_regions(page):
                    lines += _region_lines(region, height, tables)
                pages.append(lines)
                # A page's characters take about 2 KB each; keep only its lines, not its layout.
                page.close()
            return pages
    except PromiseImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types for broken files.
        limit = _wrapped_import_error(exc)
        if limit is not None:
            raise limit from None
        # pdfplumber wraps pdfminer's errors: the cause's type tells what went wrong.
        names = " ".join(type(e).__name__ for e in (exc, exc.__cause__, exc.__context__, *exc.args)).lower()
        if "password" in names or "encrypt" in names:
            raise PromiseImportError("PDF-filen är lösenordsskyddad; spara en kopia utan lösenord") from None
        raise PromiseImportError("PDF-filen är trasig och kunde inte läsas") from None


def _lay_out(page) -> None:
    """Lay the page out as pdfplumber would (its Page.layout), counting the content interpreted and
    every character, line and image laid out against pdflimits, and leave the result where
    pdfplumber looks for it."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    number = page.page_number

    class CountingAggregator(PDFPageAggregatorWithMarkedContent):
        def tag_cur_item(self) -> None:  # called once per object laid out
            pdflimits.count_layout_object(number)
            super().tag_cur_item()

    class CountingInterpreter(PDFPageInterpreter):
        # Runs for the page's content and for every form it draws (dup() keeps the class).
        def execute(self, streams) -> None:
            pdflimits.count_content(number, sum(len(stream_value(s).get_data() or b"") for s in streams))
            super().execute(streams)

    device = CountingAggregator(page.pdf.rsrcmgr, pageno=number, laparams=page.pdf.laparams)
    CountingInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def _wrapped_import_error(exc: BaseException) -> PromiseImportError | None:
    """A limit's PromiseImportError that pdfplumber wrapped in one of its own exceptions."""
    seen = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, PromiseImportError):
            return current
        pending += [e for e in (current.__cause__, current.__context__, *getattr(current, "args", ()))
                    if isinstance(e, BaseException)]
    return None


def _ruled_tables(page) -> list:
    """The tables drawn with rules on a page (two rows and two columns at least)."""
    return [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.rows[0].cells) >= 2]


def _region_lines(region, height: float, tables: list) -> list[dict]:
    """A page region's text lines with position and font size, and the page's ruled tables as one
    entry each (a "table" of rows), all in reading order from the top."""
    boxes = [t.bbox for t in tables]

    def outside_tables(obj) -> bool:
        return not any(x0 <= obj.get("x0", -1) and obj.get("x1", -1) <= x1 and top <= obj.get("top", -1)
                       and obj.get("bottom", -1) <= bottom for x0, top, x1, bottom in boxes)

    text_region = region.filter(outside_tables) if boxes else region
    lines = []
    for line in text_region.extract_text_lines(layout=False, strip=True, return_chars=True):
        sizes = [c.get("size", 0) for c in line.get("chars", []) if c.get("text", "").strip()]
        text = line.get("text", "")
        if not text.strip():
            continue
        lines.append({
            "text": text, "top": float(line["top"]) / height, "bottom": float(line["bottom"]) / height,
            "x0": float(line["x0"]), "size": statistics.median(sizes) if sizes else 0.0,
            "height": float(line["bottom"]) - float(line["top"]),
        })
    for table in tables:
        rows = [[_join_cell(cell) for cell in row] for row in table.extract()]
        x0, top, _x1, bottom = table.bbox
        lines.append({"text": "", "table": rows, "top": float(top) / height, "bottom": float(bottom) / height,
                      "x0": float(x0), "size": 0.0, "height": float(bottom) - float(top)})
    return sorted(lines, key=lambda line: line["top"])


def _join_cell(cell: str | None) -> str:
    """A table cell's wrapped lines as one text, hyphenation joined."""
    text = ""
    for part in (cell or "").split("\n"):
        text = _join_wrapped(text, part.strip()) if text else part.strip()
    return text


_MIN_GUTTER = 8.0  # points: the white space between two columns is at least this wide
_MIN_COLUMN_WORDS = 12


def _reading_regions(page) -> list:
    """The parts of a page in reading order: the whole page, or, on a two-column page, the
    full-width top (title, introduction), then the left column, then the right one.

    A column gutter is a vertical band near the middle that no word crosses below the full-width
    top, with enough words on both sides sharing rows. Without it, lines would run across both
    columns ("• Polisen lovar … • Kommunen lovar …" merged into one line).
    """
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if len(words) < 2 * _MIN_COLUMN_WORDS:
        return [page]
    width, height = float(page.width), float(page.height)
    gutter = _column_gutter(words, width)
    if gutter is None:
        return [page]
    x, top = gutter
    # Just below the full-width part, so that its last line (touching the edge) is not cut in two.
    below = min(top + 0.5, height)
    regions = [page.crop((0, below, x, height)), page.crop((x, below, width, height))]
    if top > 0:
        regions.insert(0, page.crop((0, 0, width, top)))
    return regions


def _column_gutter(words: list[dict], width: float) -> tuple[float, float] | None:
    """(x of the gutter's middle, top of the two-column part), or None for a single column."""
    candidates = []
    for step in range(int(width * 0.3), int(width * 0.7)):
        x = float(step)
        # Words across the gutter belong to the full-width part above the columns, which ends below
        # the last of them; the columns are what lies under it.
        top = max((w["bottom"] for w in words if w["x0"] < x < w["x1"]), default=0.0)
        left = [w for w in words if w["x1"] <= x and w["top"] >= top]
        right = [w for w in words if w["x0"] >= x and w["top"] >= top]
        if len(left) < _MIN_COLUMN_WORDS or len(right) < _MIN_COLUMN_WORDS:
            continue
        candidates.append((x, top))
    if not candidates:
        return None
    # The widest run of free x positions is the gutter; its middle is where to cut.
    runs: list[list[tuple[float, float]]] = [[candidates[0]]]
    for candidate in candidates[1:]:
        if candidate[0] - runs[-1][-1][0] <= 1.0 and candidate[1] == runs[-1][-1][1]:
            runs[-1].append(candidate)
        else:
            runs.append([candidate])
    run = max(runs, key=len)
    if run[-1][0] - run[0][0] < _MIN_GUTTER:
        return None
    x, top = run[len(run) // 2]
    left_rows = {round(w["top"]) for w in words if w["x1"] <= x and w["top"] >= top}
    right_rows = {round(w["top"]) for w in words if w["x0"] >= x and w["top"] >= top}
    # Side by side means rows at the same height on both sides, not a list indented to the right.
    if len(left_rows & right_rows) < 3:
        return None
    return x, top


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _without_page_furniture(pages: list[list[dict]]) -> list[list[dict]]:
    """Page numbers, and lines repeated at the top or bottom of most pages, are not the document."""
    edge_lines = Counter()
    for lines in pages:
        for key in {_furniture_key(line["text"]) for line in lines if line["top"] < 0.1 or line["bottom"] > 0.9}:
            edge_lines[key] += 1
    repeated = {key for key, count in edge_lines.items() if len(pages) >= 2 and count >= max(2, len(pages) // 2)}
    kept = []
    for lines in pages:
        kept.append([
            line for line in lines
            if "table" in line or not ((line["top"] < 0.1 or line["bottom"] > 0.9)
                                       and (_furniture_key(line["text"]) in repeated
                                            or _PAGE_NUMBER.match(line["text"].strip())))
        ])
    return kept


def _pdf_text(pages: list[list[dict]]) -> str:
    sizes = [line["size"] for lines in pages for line in lines if line["size"]]
    body = statistics.median(sizes) if sizes else 0.0
    out: list[str] = []
    previous = None
    for lines in pages:
        item_left = min((line["x0"] for line in lines if _starts_item(line["text"].strip())), default=0.0)
        for line in lines:
            if "table" in line:
                _table_lines(line["table"], out)
                previous = None
                continue
            text = line["text"].strip()
            if _starts_item(text):
                # A nested item is drawn further right: two spaces of indent per level.
                text = "  " * min(round((line["x0"] - item_left) / _NESTING_STEP), 5) + text
            heading = body and line["size"] > body * 1.15
            if previous is None:
                out.append(text)
            else:
                gap = (line["top"] - previous["bottom"]) * 1000  # Per mille of the page height.
                new_block = (
                    heading or previous["heading"] or gap > previous["height_pm"] * 0.8 or gap < -1
                    or _starts_item(text) or abs(line["size"] - previous["size"]) > 0.5
                )
                if new_block:
                    out += ["", text] if not _starts_item(text) or heading else [text]
                else:
                    out[-1] = _join_wrapped(out[-1], text)
            if heading:
                out.append("")
            previous = dict(line, heading=heading, height_pm=_pm(line))
    return _tidy("\n".join(out))


_NESTING_STEP = 14.0  # points of indent per nesting level of a list


def _pm(line: dict) -> float:
    """A line's height in per mille of the page height."""
    return (line["bottom"] - line["top"]) * 1000


def _starts_item(text: str) -> bool:
    return bool(re.match(r"^([•●▪◦‣∙·■□►▶➢✓✔*\-–—\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s|o\s+\w\w|\d{1,2}[.)]\s)", text.strip()))


def _join_wrapped(first: str, second: str) -> str:
    """Two wrapped lines as one: a hyphen at a line break joins the word unless it is a compound's."""
    if _LETTER_HYPHEN_END.search(first):
        next_word = second.split(" ", 1)[0]
        if first.endswith("\u00ad") or (next_word[:1].islower() and next_word.lower() not in {"och", "eller", "samt"}):
            return first[:-1] + second
        return first + ("" if next_word[:1].isupper() else " ") + second
    return f"{first} {second}"


# ================================================================ Word documents


def docx_to_text(data: bytes) -> str:
    """The text of a DOCX: headings, list paragraphs as items, tables row by row, in document order."""
    archive = open_zip(data)
    check_xml_parts(archive)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        out: list[str] = []
        numbers = _ListNumbers(document)
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                _docx_paragraph(Paragraph(child, document), out, numbers)
            elif tag == "tbl":
                table = Table(child, document)
                _table_lines([[" ".join(cell.text.split()) for cell in _unique_cells(row)] for row in table.rows], out)
    except PromiseImportError:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml errors for broken files.
        raise PromiseImportError("Word-dokumentet är trasigt eller ofullständigt och kunde inte läsas") from None
    return _tidy("\n".join(out))


def _unique_cells(row):
    """A merged cell appears once per grid column it spans; read it once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _list_level(properties, style: str) -> int:
    """How deep a list paragraph is nested (0 for the top): Word's numbering level, or the number
    in a style such as "List Bullet 2"."""
    if properties is not None and properties.numPr is not None and properties.numPr.ilvl is not None:
        return min(int(properties.numPr.ilvl.val or 0), 5)
    found = re.search(r"(\d)\s*$", style)
    return min(int(found.group(1)) - 1, 5) if found else 0


class _ListNumbers:
    """The marker of each list paragraph: "• " for bullets, "1. ", "2. " … for numbered lists, as
    Word numbers them (per list and level, continuing across the paragraphs between)."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], str] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is None:
            return
        ns = numbering.nsmap.get("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
        w = f"{{{ns}}}"
        abstract = {}
        for item in numbering.iterchildren(f"{w}abstractNum"):
            levels = {int(lvl.get(f"{w}ilvl", 0)): (lvl.find(f"{w}numFmt").get(f"{w}val") if lvl.find(f"{w}numFmt")
                                                      is not None else "bullet") for lvl in item.iterchildren(f"{w}lvl")}
            abstract[item.get(f"{w}abstractNumId")] = levels
        for item in numbering.iterchildren(f"{w}num"):
            reference = item.find(f"{w}abstractNumId")
            levels = abstract.get(reference.get(f"{w}val") if reference is not None else None, {})
            for level, fmt in levels.items():
                self.formats[(item.get(f"{w}numId"), level)] = fmt

    def marker(self, paragraph, level: int, style: str) -> str:
        properties = paragraph._p.pPr
        num_pr = properties.numPr if properties is not None else None
        if num_pr is None and paragraph.style is not None and paragraph.style.element.pPr is not None:
            num_pr = paragraph.style.element.pPr.numPr
        num_id = str(num_pr.numId.val) if num_pr is not None and num_pr.numId is not None else style
        fmt = self.formats.get((num_id, level))
        numbered = fmt not in (None, "bullet", "none") if fmt else bool(re.search(r"number|nummer|numrer", style))
        if not numbered:
            return _BULLET
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{self.counters[key]}. "


def _docx_paragraph(paragraph, out: list[str], numbers: _ListNumbers) -> None:
    text = " ".join(paragraph.text.split())
    if not text:
        out.append("")
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    properties = paragraph._p.pPr
    is_list = (properties is not None and properties.numPr is not None) or "list" in lowered or "lista" in lowered \
        or "liststycke" in lowered
    if lowered.startswith(("heading", "rubrik", "title", "titel")):
        out += ["", text, ""]
    elif is_list:
        level = _list_level(properties, lowered)
        out.append("  " * level + numbers.marker(paragraph, level, lowered) + text)
    elif paragraph.runs and all(run.bold for run in paragraph.runs if run.text.strip()) and len(text.split()) <= 12:
        out += ["", text, ""]
    else:
        out += ["", text, ""]
