"""Reading every supported format into the same parsed document, and refusing bad files by name."""

import pytest

from lofte.promises.importing import PromiseImportError, formats, readers
from lofte.promises.importing.sources import read_document
from tests.promises import documents

TEXT = """Medborgarlöfte 2024

Polisen och Exempelby kommun lovar tillsammans följande.

Trygg trafik
• Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.
• Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.
"""


def summary(document):
    """(period, theme, text, parties, targets) per commitment: what every format must agree on."""
    return [
        (s.period_label, t.title, c.text, c.parties, [(x.count, x.unit, x.per) for x in c.targets])
        for s in document.promise_sets for t in s.themes for c in t.commitments
    ]


EXPECTED = [
    ("2024", "Trygg trafik", "Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.", ["police"],
     [(6, "trafikkontroller", "period")]),
    ("2024", "Trygg trafik", "Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.", ["municipality"],
     [(2, "föräldraträffar", "period")]),
]


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_text_in_any_common_encoding_reads_the_same(encoding):
    text = TEXT.replace("•", "-") if encoding == "latin-1" else TEXT  # Latin-1 has no bullet glyph.
    read = read_document(text.encode(encoding))
    assert read.kind == formats.TEXT
    assert summary(read.document) == EXPECTED


def test_pasted_text_reads_the_same():
    assert summary(read_document(TEXT).document) == EXPECTED


# ---------------------------------------------------------------- web pages

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="{charset}"><title>Löften</title>
<script>document.write("Polisen lovar att genomföra 99 trafikkontroller");</script><style>p{{}}</style></head>
<body><div class="cookie-consent"><p>Vi använder kakor för att förbättra webbplatsen.</p><button>OK</button></div>
<header><nav aria-label="Huvudmeny"><ul><li><a href="/">Start</a></li><li><a href="/polisen">Polisen lovar</a></li></ul></nav>
<form role="search"><label>Sök</label><input name="q"></form></header>
<ol class="breadcrumb"><li><a href="/">Start</a></li><li>Trygghet</li></ol>
<main><h1>Medborgarlöfte 2024</h1>
<div class="share-tools"><a href="#">Dela</a> <a href="#">Skriv ut</a> <a href="#">Lyssna</a></div>
<p>Polisen och Exempelby kommun lovar tillsammans följande.</p>
<h2>Trygg trafik</h2>
<ul><li>Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.</li>
<li>Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.</li></ul>
</main>
<aside><h2>Se även</h2><ul><li>Kommunen lovar mycket annat på andra sidor.</li></ul></aside>
<footer><p>Exempelby kommun · Växel 0123-45 67 89</p></footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_a_saved_web_page_gives_its_main_content_without_clutter(charset):
    raw = PAGE.format(charset=charset).encode("cp1252" if charset == "windows-1252" else "utf-8")
    read = read_document(raw)
    assert read.kind == formats.HTML
    assert summary(read.document) == EXPECTED
    text = readers.html_to_text(raw)
    for clutter in ("kakor", "Sök", "Dela", "Skriv ut", "Start", "Växel", "Se även", "99"):
        assert clutter not in text


def test_share_and_print_links_without_a_class_are_dropped_too():
    raw = PAGE.format(charset="utf-8").replace(
        '<div class="share-tools"><a href="#">Dela</a> <a href="#">Skriv ut</a> <a href="#">Lyssna</a></div>',
        '<p><a href="#">Dela</a> <a href="#">Skriv ut</a></p>',
    ).encode()
    text = readers.html_to_text(raw)
    assert "Dela" not in text and "Skriv ut" not in text
    assert read_document(raw).document.warnings == []


def test_a_page_without_main_uses_the_longest_article():
    raw = ("<html><body><article><p>Kort nyhet.</p></article><article><h1>Medborgarlöfte 2024</h1><h2>Trygg trafik</h2>"
           "<ul><li>Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.</li>"
           "<li>Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.</li></ul></article></body></html>")
    assert summary(read_document(raw.encode()).document) == EXPECTED


def test_a_page_without_main_or_article_drops_its_site_header():
    raw = ("<html><body><header><p>Exempelby kommun</p><p>Kontakt och öppettider</p></header>"
           "<h1>Medborgarlöfte 2024</h1><h2>Trygg trafik</h2>"
           "<ul><li>Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.</li>"
           "<li>Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.</li></ul></body></html>")
    assert "Kontakt" not in readers.html_to_text(raw.encode())
    assert summary(read_document(raw.replace("<h2>", '<ul><li><a href="/">Start</a></li><li><a href="/a">Polisen lovar '
                                             'mer</a></li></ul><h2>').encode()).document) == EXPECTED
    assert summary(read_document(raw.encode()).document) == EXPECTED


def test_a_signature_with_a_line_break_fills_the_signatories():
    raw = PAGE.format(charset="utf-8").replace(
        "</main>", "<p>Eva Ek<br>Kommunstyrelsens ordförande</p><p>Lars Lind<br>Lokalpolisområdeschef</p></main>")
    promise_set = read_document(raw.encode()).document.promise_sets[0]
    assert promise_set.signatories == ["Eva Ek, Kommunstyrelsens ordförande", "Lars Lind, Lokalpolisområdeschef"]


# ---------------------------------------------------------------- PDF

PDF_PAGES = [
    [("Medborgarlöfte 2024", 20), ("", 11), ("Polisen och Exempelby kommun lovar tillsammans", 11), ("följande.", 11),
     ("", 11), ("Trygg trafik", 15), ("• Polisen lovar att genomföra minst sex trafikkontrol-", 11),
     ("ler vid skolorna.", 11)],
    [("• Kommunen lovar att hålla två föräldraträffar om trafik-", 11), ("säkerhet.", 11)],
]


def test_a_pdf_reads_in_order_without_page_headers_footers_and_hyphenation():
    raw = documents.pdf(PDF_PAGES, header="Exempelby kommun | Medborgarlöfte 2024", footer_numbers=True)
    read = read_document(raw)
    assert read.kind == formats.PDF
    assert summary(read.document) == EXPECTED
    text = readers.pdf_to_text(raw)
    assert "Sida 1 av 2" not in text and "Exempelby kommun |" not in text


TWO_COLUMNS = (
    [("Trygg trafik", 14), ("", 11), ("• Polisen lovar att genomföra minst", 10),
     ("fyra trafikkontroller vid skolor.", 10), ("", 10), ("• Kommunen lovar att laga", 10),
     ("belysningen i parken.", 10)],
    [("Unga och droger", 14), ("", 11), ("• Polisen lovar att genomföra två", 10),
     ("narkotikasök med hund på skolor.", 10), ("", 10), ("• Kommunen lovar att hålla tre", 10),
     ("föräldraträffar under året.", 10)],
)


def test_a_two_column_pdf_reads_each_column_in_turn():
    raw = documents.pdf([[("Medborgarlöfte Exempelby 2024", 20), ("", 11)]], columns=[TWO_COLUMNS])
    (promise_set,) = read_document(raw).document.promise_sets
    assert [(t.title, [c.text for c in t.commitments]) for t in promise_set.themes] == [
        ("Trygg trafik", ["Polisen lovar att genomföra minst fyra trafikkontroller vid skolor.",
                          "Kommunen lovar att laga belysningen i parken."]),
        ("Unga och droger", ["Polisen lovar att genomföra två narkotikasök med hund på skolor.",
                             "Kommunen lovar att hålla tre föräldraträffar under året."]),
    ]


def test_a_pdf_keeps_the_hyphen_of_a_compound_split_before_och():
    raw = documents.pdf([[("Medborgarlöfte 2024", 20), ("", 11),
                          ("• Polisen lovar att hålla minst två informations-", 11), ("och dialogmöten.", 11)]])
    commitment = read_document(raw).document.promise_sets[0].commitments[0]
    assert commitment.text == "Polisen lovar att hålla minst två informations- och dialogmöten."


@pytest.mark.parametrize(
    "raw, message",
    [
        (documents.pdf([[("x", 11)]], scanned=True), "inget textlager"),
        (documents.pdf([[("Medborgarlöfte 2024", 11)]], encrypted=True), "lösenordsskyddad"),
        (documents.pdf([[("Medborgarlöfte 2024", 11)]])[:-300], "ofullständig"),
        (b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n", "trasig"),
    ],
    ids=["scan", "password", "truncated", "corrupt"],
)
def test_unreadable_pdfs_are_refused_with_the_reason(raw, message):
    with pytest.raises(PromiseImportError, match=message) as error:
        read_document(raw)
    assert "\n" not in str(error.value)


# ---------------------------------------------------------------- DOCX


def test_a_word_document_gives_headings_lists_and_tables():
    raw = documents.docx([
        ("title", "Medborgarlöfte 2024"),
        ("paragraph", "Polisen och Exempelby kommun lovar tillsammans följande."),
        ("heading", "Trygg trafik"),
        ("bullet", "Polisen lovar att genomföra minst sex trafikkontroller vid skolorna."),
        ("bullet", "Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet."),
        ("bold", "Trygga skolor"),
        ("table", [["Åtgärd", "Ansvarig"], ["Genomföra narkotikasök med hund kvartalsvis", "Polisen"]]),
    ])
    read = read_document(raw)
    assert read.kind == formats.DOCX
    rows = summary(read.document)
    assert rows[:2] == EXPECTED
    # The party column names the parties and stays out of the commitment's text.
    assert rows[2] == ("2024", "Trygga skolor", "Genomföra narkotikasök med hund kvartalsvis.", ["police"],
                       [(4, "narkotikasök", "year")])


def test_a_truncated_word_document_is_refused():
    raw = documents.docx([("title", "Medborgarlöfte 2024"), ("bullet", "Polisen lovar minst två trafikkontroller.")])
    with pytest.raises(PromiseImportError, match="trasig|ofullständig"):
        read_document(raw[: len(raw) // 2])


@pytest.mark.parametrize("member", ["word/document.xml", "xl/workbook.xml"])
def test_a_zip_bomb_disguised_as_office_is_refused_before_unpacking(member):
    with pytest.raises(PromiseImportError, match="zip-bomb"):
        read_document(documents.zip_bomb(member))


def test_a_small_member_compressed_too_well_is_refused_too():
    with pytest.raises(PromiseImportError, match="komprimerad mer än"):
        read_document(documents.zip_bomb("word/document.xml", size=5 * 1024 * 1024))


def test_office_xml_with_entity_declarations_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    with pytest.raises(PromiseImportError, match="DOCTYPE"):
        read_document(buffer.getvalue())


def _with_member_replaced(data: bytes, member: str, edit) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, edit(content) if info.filename == member else content)
    return buffer.getvalue()


# A 5 KB comment before the DOCTYPE, then entities that expand a cell into 300,000 characters.
_PADDING = b"<!-- " + b"x" * 5000 + b" -->"
_ENTITIES = (b'<!DOCTYPE worksheet [<!ENTITY a "' + b"Polisen lovar " * 50 + b'">'
             b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'
             b'&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')


def test_an_xlsx_with_a_doctype_after_a_long_comment_is_refused():
    """Reproduces 9.14: the DOCTYPE guard only read the first 4 KB of each part, so a 5 KB comment
    before the declaration let internal entities expand into a 300,000-character commitment."""
    rows = [["Period", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per"],
            ["2025", "Tema", "PLACEHOLDER", "Polisen", "", "", ""]]

    def attack(xml: bytes) -> bytes:
        assert b"PLACEHOLDER" in xml  # openpyxl writes the strings inline in the sheet
        return _PADDING + _ENTITIES + xml.replace(b"PLACEHOLDER", b"&c;")

    raw = _with_member_replaced(documents.xlsx(rows), "xl/worksheets/sheet1.xml", attack)
    with pytest.raises(PromiseImportError, match="sheet1.xml» innehåller en DOCTYPE-deklaration"):
        read_document(raw)


def test_a_docx_with_a_doctype_after_a_long_comment_is_refused():
    def attack(xml: bytes) -> bytes:
        head, body = xml.split(b"?>", 1)  # python-docx writes an XML declaration first
        return head + b"?>" + _PADDING + _ENTITIES.replace(b"worksheet", b"w:document") + body

    raw = _with_member_replaced(documents.docx([("paragraph", "Polisen lovar trygghet.")]), "word/document.xml", attack)
    with pytest.raises(PromiseImportError, match="document.xml» innehåller en DOCTYPE-deklaration"):
        read_document(raw)


def test_a_broken_xml_part_is_named():
    raw = _with_member_replaced(documents.docx([("paragraph", "Polisen lovar trygghet.")]), "word/document.xml",
                                lambda xml: xml[: len(xml) // 2])
    with pytest.raises(PromiseImportError, match="document.xml» i arkivet är trasig"):
        read_document(raw)


def test_an_opendocument_file_is_named():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(PromiseImportError, match="OpenDocument"):
        read_document(buffer.getvalue())


# ---------------------------------------------------------------- type by content, size


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 10, "PNG-bild"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 10, "JPEG-bild"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 10, "äldre Office"),
        (b"", "tom"),
    ],
)
def test_other_file_types_are_named_not_guessed(raw, message):
    with pytest.raises(PromiseImportError, match=message):
        read_document(raw)


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(formats, "MAX_BYTES", 50)
    with pytest.raises(PromiseImportError, match="för stor"):
        read_document(TEXT.encode())
