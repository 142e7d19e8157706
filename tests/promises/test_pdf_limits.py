"""PDF bombs: what a PDF may inflate to and lay out is bounded while it is read (issue 9.5)."""

import zlib

import pytest

from lofte.promises.importing import PromiseImportError, pdflimits
from lofte.promises.importing.readers import pdf_to_text
from lofte.promises.importing.sources import read_document
from tests.promises import documents

MB = 1024 * 1024


def text_ops(count: int, text: str = "abcdefghij") -> bytes:
    """`count` characters of text as content-stream operators, ten per line."""
    lines = count // len(text)
    return b"\n".join(b"BT /F1 6 Tf 20 %d Td (%s) Tj ET" % (800 - (i % 130) * 6, text.encode()) for i in range(lines))


def test_a_page_stream_that_inflates_to_hundreds_of_megabytes_is_refused_by_name():
    """Reproduces 9.5: a 1 MB PDF whose page stream inflates to 1000 MB took 7.5 s and 2.1 GB of
    memory before "inget textlager". Inflating stops at the stream limit. (200 MB here, to keep
    building the bomb quick; bench/pdf_import_memory.py measures the 1000 MB one.)"""
    bomb = documents.pdf_of_streams([(documents.zeros_flate(200 * MB), "FlateDecode")])
    assert len(bomb) < MB
    with pytest.raises(PromiseImportError, match="en del som packas upp till mer än 16 MB"):
        read_document(bomb)


def test_streams_that_together_inflate_past_the_total_limit_are_refused(monkeypatch):
    # Pages' content has lower limits of its own; here only the inflation total is tested.
    monkeypatch.setattr(pdflimits, "MAX_PAGE_CONTENT_BYTES", 100 * MB)
    monkeypatch.setattr(pdflimits, "MAX_CONTENT_BYTES", 100 * MB)
    pages = [(documents.zeros_flate(15 * MB), "FlateDecode") for _ in range(5)]
    with pytest.raises(PromiseImportError, match="PDF-filen packas upp till mer än 64 MB"):
        read_document(documents.pdf_of_streams(pages))


def test_an_lzw_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(pdflimits, "MAX_STREAM_BYTES", 100_000)
    bomb = documents.pdf_of_streams([(documents.lzw(b" " * 300_000), "LZWDecode")])
    with pytest.raises(PromiseImportError, match="packas upp till mer än"):
        pdf_to_text(bomb)


def test_a_run_length_bomb_is_refused_before_it_is_decoded():
    # Each two bytes repeat a space 128 times: 400 KB become 25.6 MB.
    bomb = documents.pdf_of_streams([(bytes([129, 32]) * 200_000 + bytes([128]), "RunLengthDecode")])
    with pytest.raises(PromiseImportError, match="en del som packas upp till mer än 16 MB"):
        read_document(bomb)


def test_a_page_with_too_many_characters_is_refused(monkeypatch):
    monkeypatch.setattr(pdflimits, "MAX_PAGE_OBJECTS", 2_000)
    page = documents.flate(text_ops(3_000))
    with pytest.raises(PromiseImportError, match="sida 1 i PDF-filen har mer än 2 000 tecken och linjer"):
        pdf_to_text(documents.pdf_of_streams([(page, "FlateDecode")]))


def test_a_document_with_too_many_characters_is_refused(monkeypatch):
    monkeypatch.setattr(pdflimits, "MAX_DOCUMENT_OBJECTS", 3_000)
    page = documents.flate(text_ops(1_500))
    with pytest.raises(PromiseImportError, match="PDF-filen har mer än 3 000 tecken och linjer"):
        pdf_to_text(documents.pdf_of_streams([(page, "FlateDecode")] * 3))


def test_compressed_pages_within_the_limits_are_read():
    content = b"BT /F1 12 Tf 72 700 Td (Polisen lovar trygghetsvandringar i Mariefred.) Tj ET"
    for data, name in ((documents.flate(content), "FlateDecode"), (documents.lzw(content), "LZWDecode"),
                       (bytes([len(content) - 1]) + content + bytes([128]), "RunLengthDecode")):
        assert "Polisen lovar trygghetsvandringar i Mariefred." in pdf_to_text(documents.pdf_of_streams([(data, name)]))


def test_a_flate_stream_missing_its_checksum_is_still_read_as_pdfminer_would():
    content = b"BT /F1 12 Tf 72 700 Td (Kommunen lovar dialogm\xf6ten.) Tj ET"
    truncated = documents.flate(content)[:-4]
    assert "Kommunen lovar dialogmöten." in pdf_to_text(documents.pdf_of_streams([(truncated, "FlateDecode")]))


def test_outside_an_import_pdfminer_decompresses_as_usual():
    from pdfminer import pdftypes

    with pdflimits.limits():
        pass  # installs the bounded decompressors
    data = zlib.compress(b" " * (20 * MB))
    assert len(pdftypes.zlib.decompress(data)) == 20 * MB


def test_a_page_of_content_that_draws_nothing_is_bounded_too(monkeypatch):
    """9.5 MB of "q Q" in a 10 MB file drew nothing and took over a minute to interpret."""
    monkeypatch.setattr(pdflimits, "MAX_PAGE_CONTENT_BYTES", 100_000)
    page = b"q Q\n" * 30_000
    with pytest.raises(PromiseImportError, match="sida 1 i PDF-filen har mer än 0 MB innehåll"):
        pdf_to_text(documents.pdf_of_streams([(page, None)]))


def test_all_pages_content_together_is_bounded(monkeypatch):
    monkeypatch.setattr(pdflimits, "MAX_CONTENT_BYTES", 200_000)
    page = documents.flate(b"q Q\n" * 20_000)
    with pytest.raises(PromiseImportError, match="PDF-filens sidor har mer än 0 MB innehåll"):
        pdf_to_text(documents.pdf_of_streams([(page, "FlateDecode")] * 3))
