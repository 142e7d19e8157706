"""Documents the importer tests write themselves: PDFs, Word documents, spreadsheets, web pages.

The PDF writer is deliberately tiny (one Type 1 base font, WinAnsi encoding, absolute positions):
tests need PDFs whose text layer they know exactly, without depending on the libraries that read
them or on an office suite being installed.
"""

from __future__ import annotations

import io

PAGE_WIDTH, PAGE_HEIGHT = 595, 842


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf(pages: list[list[tuple[str, float]]], *, header: str | None = None, footer_numbers: bool = False,
        encrypted: bool = False, scanned: bool = False, left: int = 72,
        columns: list[tuple[list[tuple[str, float]], list[tuple[str, float]]]] | None = None) -> bytes:
    """A PDF whose pages hold the given (text, font size) lines, top to bottom.

    A line may carry a third value, its indent in points. An empty text is a paragraph gap; a text
    that is a list of cells is a table row with ruled borders (each cell a list of its lines). `header` repeats at the top of every page, `footer_numbers`
    puts "Sida N av M" at the bottom; `scanned` draws boxes instead of text (no text layer);
    `encrypted` adds a standard security handler whose password nobody knows. `columns` gives each
    page a left and a right column of lines below its full-width lines (a two-column layout).
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    pages_id_placeholder = len(objects) + 1 + 2 * len(pages)
    for number, lines in enumerate(pages, start=1):
        ops = []
        if scanned:
            ops.append(b"0.5 g 72 500 450 250 re f")
        else:
            y = PAGE_HEIGHT - 90
            if header:
                ops.append(b"BT /F1 9 Tf %d %d Td (%s) Tj ET" % (left, PAGE_HEIGHT - 40, _escape(header)))
            for line in lines:
                text, size = line[0], line[1]
                if isinstance(text, (list, tuple)):
                    y = _table_row(ops, text, size, left, y)
                    continue
                if not text:
                    y -= size * 1.2
                    continue
                indent = line[2] if len(line) > 2 else 0
                ops.append(b"BT /F1 %d Tf %d %d Td (%s) Tj ET" % (size, left + indent, y, _escape(text)))
                y -= size * 1.35
            if columns and number <= len(columns):
                for x, column in ((left, columns[number - 1][0]), (PAGE_WIDTH // 2 + 15, columns[number - 1][1])):
                    column_y = y
                    for text, size in column:
                        if text:
                            ops.append(b"BT /F1 %d Tf %d %d Td (%s) Tj ET" % (size, x, column_y, _escape(text)))
                        column_y -= size * (1.35 if text else 1.2)
            if footer_numbers:
                ops.append(b"BT /F1 9 Tf %d 40 Td (%s) Tj ET" % (PAGE_WIDTH // 2, _escape(f"Sida {number} av {len(pages)}")))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id_placeholder, PAGE_WIDTH, PAGE_HEIGHT, font, content)
        ))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    pages_id = add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert pages_id == pages_id_placeholder
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    encrypt = None
    if encrypted:
        encrypt = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <%s> /U <%s> >>"
                      % (b"41" * 32, b"42" * 32))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (index, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"0123" * 8, b"0123" * 8)
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


TABLE_WIDTH = 450


def _table_row(ops: list[bytes], cells, size: float, left: int, y: float) -> float:
    """Draw one ruled table row whose cells are lists of lines; the y below it."""
    width = TABLE_WIDTH / len(cells)
    height = max(len(cell) for cell in cells) * size * 1.3 + size * 0.6
    top = y + size
    for column, cell in enumerate(cells):
        for number, text in enumerate(cell):
            ops.append(b"BT /F1 %d Tf %d %d Td (%s) Tj ET"
                       % (size, left + 4 + column * width, y - number * size * 1.3, _escape(text)))
    bottom = top - height
    ops.append(b"0.5 w %d %d m %d %d l S %d %d m %d %d l S"
               % (left, top, left + TABLE_WIDTH, top, left, bottom, left + TABLE_WIDTH, bottom))
    for column in range(len(cells) + 1):
        x = left + column * width
        ops.append(b"%d %d m %d %d l S" % (x, top, x, bottom))
    return bottom - size


def docx(blocks: list[tuple[str, object]]) -> bytes:
    """A Word document from ("heading", text), ("heading 2", text), ("paragraph", text), ("bold", text),
    ("bullet", text), ("bullet 2", text) (nested), ("number", text), ("number 2", text) and ("table", rows)
    blocks."""
    import docx as python_docx

    document = python_docx.Document()
    for kind, value in blocks:
        if kind == "heading":
            document.add_heading(value, level=1)
        elif kind in ("heading 2", "heading 3"):
            document.add_heading(value, level=int(kind[-1]))
        elif kind == "title":
            document.add_heading(value, level=0)
        elif kind == "paragraph":
            document.add_paragraph(value)
        elif kind == "bold":
            document.add_paragraph().add_run(value).bold = True
        elif kind in ("bullet", "bullet 2", "number", "number 2"):
            # Word's own list styles; "List Bullet 2" is a bullet nested one level.
            document.add_paragraph(value, style=f"List {kind.title()}")
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(member: str = "word/document.xml", size: int = 60 * 1024 * 1024) -> bytes:
    """A small zip whose one member claims (and would inflate to) `size` bytes of zeros."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()
