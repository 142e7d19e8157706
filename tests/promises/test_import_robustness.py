"""Arbitrary text and bytes, in every format's clothing: the importer answers PromiseImportError or a
document, never another exception, and within a bounded time (hypothesis' deadline per input)."""

import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lofte.promises.importing import PromiseImportError
from lofte.promises.importing.sources import read_document
from lofte.promises.importing.template import write_csv
from tests.promises import documents

VALID_PDF = documents.pdf([[("Medborgarlöfte 2024", 16), ("", 11), ("Trygg trafik", 14),
                            ("• Polisen lovar minst fyra trafikkontroller.", 11)]])
VALID_DOCX = documents.docx([("title", "Medborgarlöfte 2024"), ("bullet", "Polisen lovar minst två trafikkontroller.")])
HEADER = ["Period", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per"]
VALID_XLSX = documents.xlsx([HEADER, ["2024", "Trafik", "Polisen lovar kontroller.", "Polisen", "2", "kontroller", "år"]])

# Seconds any single input may take; the hypothesis deadline below is the per-input bound in
# milliseconds, the alarm a backstop against a hang that never returns to hypothesis.
_LIMIT = 5


def read_bounded(data):
    def stop(*_):
        raise TimeoutError("the importer took too long")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(_LIMIT)
    try:
        return read_document(data)
    except PromiseImportError as exc:
        assert "\n" not in str(exc)
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def mutated(valid: bytes):
    """A valid file with some bytes overwritten, or cut short."""
    return st.tuples(
        st.lists(st.tuples(st.integers(0, len(valid) - 1), st.integers(0, 255)), max_size=12),
        st.integers(len(valid) // 3, len(valid)),
    ).map(lambda change: _apply(valid, *change))


def _apply(valid: bytes, edits, length) -> bytes:
    data = bytearray(valid)
    for position, value in edits:
        data[position] = value
    return bytes(data[:length])


FAST = settings(max_examples=40, deadline=_LIMIT * 1000, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=2000))
def test_any_text_is_read_or_refused(text):
    read_bounded(text)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused(data):
    read_bounded(data)


@FAST
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbfPeriod;Tema;L\xc3\xb6fte;", b"\xff\xfe"])
       .flatmap(lambda prefix: st.binary(max_size=1500).map(lambda rest: prefix + rest)))
def test_bytes_that_start_like_a_known_format_are_read_or_refused(data):
    read_bounded(data)


@FAST
@given(st.one_of(mutated(VALID_PDF), mutated(VALID_DOCX), mutated(VALID_XLSX)))
def test_damaged_pdf_docx_and_xlsx_files_are_read_or_refused(data):
    read_bounded(data)


@FAST
@given(st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=9), max_size=12))
def test_any_spreadsheet_rows_under_the_template_header_are_read_or_refused(rows):
    read_bounded(write_csv([HEADER] + rows))


@FAST
@given(st.lists(st.sampled_from([
    "<h1>Medborgarlöfte 2024</h1>", "<ul>", "</ul>", "<li>Polisen lovar två trygghetsvandringar", "<p>", "</p>",
    "<table><tr><td>Ansvarig</td><td>x</td>", "<nav>", "</div>", "<br>", "<ol><li>", "<!--", "<script>", "&amp;",
]), max_size=40).map("".join))
def test_any_html_soup_is_read_or_refused(html):
    read_bounded(html.encode())


@pytest.mark.parametrize("valid", [VALID_PDF, VALID_DOCX, VALID_XLSX], ids=["pdf", "docx", "xlsx"])
def test_the_undamaged_files_are_read(valid):
    assert read_document(valid).document.commitment_count == 1
