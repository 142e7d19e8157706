"""lofte.lib.spreadsheets: the one rule against formula injection for every spreadsheet written."""

import csv
import io

import openpyxl
import pytest

from lofte.lib.spreadsheets import csv_bytes, csv_writer, neutralise_cell, restore_cell, xlsx_bytes

DANGEROUS = ['=HYPERLINK("https://evil.example","Klicka")', "+46 70", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_cell_that_would_run_as_a_formula_is_text_in_csv_and_comes_back_unchanged(text):
    assert neutralise_cell(text) == "'" + text
    assert restore_cell(neutralise_cell(text)) == text


@pytest.mark.parametrize("value,expected", [("Vanlig text", "Vanlig text"), (None, ""), (-5, "-5"), (12, "12"),
                                            ("'citat", "'citat"), ("", "")])
def test_ordinary_cells_and_numbers_are_left_alone(value, expected):
    assert neutralise_cell(value) == expected
    assert restore_cell(expected) == expected


def test_csv_bytes_write_swedish_excels_dialect_with_every_cell_neutralised():
    data = csv_bytes([["Löfte", "Antal"], [DANGEROUS[0], 4]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Löfte", "Antal"], ["'" + DANGEROUS[0], "4"]]
    assert b"\r\n" in data


def test_a_streaming_csv_writer_neutralises_too():
    out = io.StringIO()
    csv_writer(out).writerow(["=1+1", "ok"])
    assert out.getvalue() == "'=1+1;ok\r\n"


def test_xlsx_cells_are_strings_never_formulas():
    """Reproduces 9.6: export-promises wrote `=HYPERLINK(...)` as a live XLSX formula."""
    data = xlsx_bytes([["Löfte", "Antal"], [DANGEROUS[0], 4], ["@SUM(A1:A9)", None]], title="Medborgarlöften")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == DANGEROUS[0] and sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["B2"].value == 4 and sheet["B2"].data_type == "n"
    assert sheet["A3"].data_type == "s"
    assert sheet["A1"].font.bold and sheet.title == "Medborgarlöften"
    assert b"<f>" not in _sheet_xml(data)


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


# ---------------------------------------------------------------------------------------------
# Open data: the Swedish Excel and comma variants


def test_open_data_csv_for_swedish_excel_has_semicolons_decimal_commas_and_a_bom():
    from lofte.lib.spreadsheets import open_data_csv

    data = open_data_csv([["namn", "varde", "antal"], ["Våldsbrott", 1234.5, 4], ["=cmd|'/c calc'!A1", 2.0, None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["namn", "varde", "antal"], ["Våldsbrott", "1234,5", "4"], ["'=cmd|'/c calc'!A1", "2", ""]]


def test_open_data_csv_comma_variant_has_commas_decimal_points_and_no_bom():
    from lofte.lib.spreadsheets import open_data_csv

    data = open_data_csv([["namn", "varde"], ["Brott, anmälda", 0.25], ["@SUM(A1)", -3.5]], comma=True)
    assert not data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows == [["namn", "varde"], ["Brott, anmälda", "0.25"], ["'@SUM(A1)", "-3.5"]]


def test_open_data_csv_in_pieces_is_the_same_file_with_one_bom():
    from lofte.lib.spreadsheets import open_data_csv, open_data_csv_chunks

    rows = [["rad", "tal"]] + [[f"r{i}", i / 4] for i in range(25)]
    chunks = list(open_data_csv_chunks(rows, chunk_rows=10))
    assert len(chunks) == 3
    assert b"".join(chunks) == open_data_csv(rows)
    assert b"".join(chunks).count("\ufeff".encode()) == 1


def test_open_data_numbers_stay_numbers_and_numeric_looking_text_is_neutralised():
    from lofte.lib.spreadsheets import open_data_csv

    data = open_data_csv([[-3.5, -2, "-2+3", True]]).decode("utf-8-sig")
    assert data == "-3,5;-2;'-2+3;True\r\n"
