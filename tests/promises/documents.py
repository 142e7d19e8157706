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
    extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"0123" * 8, b"0123" * 8) if encrypt else b""
    return _serialise(objects, catalog, extra)


def _serialise(objects: list[bytes], root: int, trailer_extra: bytes = b"") -> bytes:
    """Numbered objects (1, 2 …), a cross-reference table and a trailer pointing at `root`."""
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
    trailer = b"<< /Size %d /Root %d 0 R%s >>" % (len(objects) + 1, root, trailer_extra)
    out.write(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pdf_of_streams(streams: list[tuple[bytes, str | None]], image: bytes | None = None) -> bytes:
    """A PDF with one page per (stream data, filter name or None): the stream is the page's content,
    stored exactly as given (already compressed by the caller), so a test can build PDF bombs.
    `image` is drawn on every page as a JPEG (DCTDecode) picture, which a text reader never decodes."""
    objects = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    xobject = b""
    if image is not None:
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceRGB "
                       b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(image) + image
                       + b"\nendstream")
        xobject = b" /XObject << /Im1 2 0 R >>"
    pages_id = len(objects) + 2 * len(streams) + 1
    kids = []
    for data, name in streams:
        if image is not None and not name:
            data = b"q 100 0 0 100 0 0 cm /Im1 Do Q\n" + data
        flt = b" /Filter /%s" % name.encode() if name else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flt) + data + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 1 0 R >>%s >> "
                       b"/Contents %d 0 R >>" % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, xobject, len(objects)))
        kids.append(len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return _serialise(objects, len(objects))


def flate(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 9)


def zeros_flate(size: int) -> bytes:
    """zlib data that inflates to `size` bytes of PDF white space, compressed in pieces (no
    `size`-byte buffer is ever built here)."""
    import zlib

    compressor = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    parts.append(compressor.compress(b" " * (size % len(block))))
    parts.append(compressor.flush())
    return b"".join(parts)


def lzw(data: bytes) -> bytes:
    """LZW as PDF's LZWDecode reads it (9 to 12 bit codes, early change), for tests of its limit."""
    out: list[tuple[int, int]] = [(256, 9)]
    table = {bytes([i]): i for i in range(256)}
    state = {"next": 258, "width": 9}

    def emit(code: int) -> None:
        out.append((code, state["width"]))
        state["next"] += 1
        # The decoder, one entry behind, reads wider codes once its table has 2**width - 1 entries.
        if state["next"] - 1 >= (1 << state["width"]) - 1 and state["width"] < 12:
            state["width"] += 1

    word = b""
    for value in data:
        candidate = word + bytes([value])
        if candidate in table:
            word = candidate
            continue
        emit(table[word])
        table[candidate] = state["next"] - 1
        if state["next"] >= 4000:
            out.append((256, state["width"]))
            table = {bytes([i]): i for i in range(256)}
            state.update(next=258, width=9)
        word = bytes([value])
    if word:
        emit(table[word])
    out.append((257, state["width"]))
    bits = "".join(format(code, f"0{width}b") for code, width in out)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


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
