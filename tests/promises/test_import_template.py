"""The spreadsheet template (CSV as Swedish Excel writes it, XLSX) and export → import round trips."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lofte.promises.importing import PromiseImportError, formats, import_text
from lofte.promises.importing.sources import read_document
from lofte.promises.importing.template import write_csv
from lofte.promises.models import PromiseSet, Target
from tests import factories
from tests.promises import documents

HEADER = ["Period", "Rubrik", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per", "Aktivitetstyp"]
ROWS = [
    HEADER,
    ["2023–2024", "Våra löften", "Trygg trafik", "Polisen gör hastighetskontroller vid skolor.", "Polisen", "4",
     "trafikkontroller", "år", ""],
    ["2023–2024", "Våra löften", "Trygg trafik", "", "", "2", "informationskampanjer", "period", ""],
    ["2023–2024", "Våra löften", "Trygga miljöer", "Trygghetsvandringar i alla kommundelar.",
     "Kommunen, Polisen, Räddningstjänsten Syd", "", "kommundelar", "", "safety_walk"],
    ["2025", "", "", "Dialog med föreningar.", "Kommunen", "", "", "", ""],
]


def test_a_semicolon_csv_with_a_bom_is_read_as_the_template():
    read = read_document(write_csv(ROWS))
    assert read.kind == formats.CSV
    first, second = read.document.promise_sets
    assert (first.title, first.first_year, first.last_year) == ("Våra löften", 2023, 2024)
    assert (first.start.isoformat(), first.end.isoformat(), first.area) == ("2023-01-01", "2024-12-31", None)
    walks = first.commitments[1]
    assert walks.parties == ["police", "municipality", "other"] and walks.other_parties == ["Räddningstjänsten Syd"]
    assert walks.area_coverage.unit == "kommundelar" and walks.area_coverage.activity_type == "safety_walk"
    checks = first.commitments[0]
    assert [(t.count, t.unit, t.activity_type, t.per) for t in checks.targets] == [
        (4, "trafikkontroller", "traffic_operation", "year"), (2, "informationskampanjer", "information_campaign", "period")]
    assert second.title == "Medborgarlöfte 2025" and second.commitments[0].targets == []


def test_an_xlsx_reads_the_same_as_the_csv():
    as_csv = read_document(write_csv(ROWS)).document.to_dict()
    read = read_document(documents.xlsx(ROWS))
    assert read.kind == formats.XLSX
    assert read.document.to_dict() == as_csv


def test_a_comma_csv_in_windows_1252_is_read_too():
    text = "\r\n".join(",".join(f'"{c}"' for c in row) for row in ROWS)
    assert read_document(text.encode("cp1252")).document.commitment_count == 3


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["Period", "Tema", "Löfte", "Parter", "Antal", "Enhet"]], "rad 1: kolumn saknas: Per"),
        ([HEADER + ["Kommentar"]], "rad 1: okänd kolumn «Kommentar»"),
        ([HEADER, ["tjugo", "", "", "Löfte.", "Polisen", "", "", "", ""]], "rad 2: perioden «tjugo»"),
        ([HEADER, ["2024", "", "", "Löfte.", "Polisen", "många", "möten", "år", ""]], "rad 2: antalet «många»"),
        ([HEADER, ["2024", "", "", "Löfte.", "Polisen", "3", "", "år", ""]], "rad 2: antalet 3 saknar enhet"),
        ([HEADER, ["2024", "", "", "Löfte.", "", "", "", "", ""]], "rad 2: kolumnen Parter är tom"),
        ([HEADER, ["2024", "", "", "Löfte.", "Polisen", "3", "möten", "vecka", ""]], "rad 2: kolumnen Per"),
        ([HEADER, ["2024", "", "", "Löfte.", "Polisen", "3", "möten", "år", "fika"]], "rad 2: okänd aktivitetstyp"),
        ([HEADER, ["2024", "", "", "", "Polisen", "3", "möten", "år", ""]], "rad 2: kolumnen Löfte är tom"),
        ([HEADER], "inga rader med löften"),
    ],
    ids=["missing", "unknown", "period", "count", "unit", "parties", "per", "type", "no-text", "empty"],
)
def test_template_errors_name_their_row(rows, message):
    for raw in (write_csv(rows), documents.xlsx(rows)):
        with pytest.raises(PromiseImportError, match=message) as error:
            read_document(raw)
        assert "\n" not in str(error.value)


def test_several_bad_rows_are_all_named_on_one_line():
    rows = [HEADER] + [["2024", "", "", "Löfte.", "Polisen", "x", "möten", "år", ""]] * 8
    with pytest.raises(PromiseImportError, match=r"rad 2: .*rad 6: .*och 3 fel till"):
        read_document(write_csv(rows))


def test_a_corrupt_xlsx_is_refused():
    raw = documents.xlsx(ROWS)
    with pytest.raises(PromiseImportError, match="trasig|ofullständig"):
        read_document(raw[:-400])


# ---------------------------------------------------------------- export -> import


def export(*args):
    out, err = StringIO(), StringIO()
    call_command("export_promises", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_is_a_round_trip(tmp_path, suffix):
    kommun = factories.municipality()
    seed = Path(__file__).resolve().parents[2] / "src/lofte/core/data/demo/strangnas-medborgarloften.txt"
    import_text(seed.read_bytes(), seed.name, kommun)
    before = {ps.period: _content(ps) for ps in PromiseSet.objects.all()}
    path = tmp_path / f"loften.{suffix}"
    export(path, "--kommun", kommun.code)
    result = import_text(path.read_bytes(), path.name, kommun)
    assert {o.action for o in result.outcomes} == {"unchanged"}
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    import_text(path.read_bytes(), path.name, other)
    after = {ps.period: _content(ps) for ps in PromiseSet.objects.filter(municipality=other)}
    assert after == before


@pytest.mark.django_db
def test_a_number_of_areas_survives_export_and_import(tmp_path):
    kommun = factories.municipality()
    import_text("Medborgarlöfte 2024\n\n• Kommunen ska genomföra trygghetsvandringar i tre av de utsatta områdena.\n",
                "l.txt", kommun)
    path = tmp_path / "loften.csv"
    export(path, "--kommun", kommun.code)
    assert ";3;områden;" in path.read_text(encoding="utf-8-sig")
    assert {o.action for o in import_text(path.read_bytes(), path.name, kommun).outcomes} == {"unchanged"}
    (target,) = Target.objects.all()
    assert (target.count, target.unit, target.covers_areas) == (3, "områden", True)


def _content(promise_set):
    return (
        promise_set.title,
        [
            (c.number, c.text, c.theme.title if c.theme else None, sorted(o.kind for o in c.parties.all()),
             sorted((t.count or 0, t.unit, t.activity_type, t.per, t.covers_areas) for t in c.targets.all()))
            for c in promise_set.commitments.order_by("number")
        ],
    )


@pytest.mark.django_db
def test_export_to_standard_out_and_of_one_period():
    kommun = factories.municipality()
    import_text(write_csv(ROWS), "mall.csv", kommun)
    out = export("-", "--kommun", kommun.code, "--period", "2025")
    assert out.splitlines()[0] == ";".join(HEADER + ["Område"])
    assert out.splitlines()[1].startswith("2025;Medborgarlöfte 2025;;Dialog med föreningar.;Kommunen")
    assert len(out.splitlines()) == 2


@pytest.mark.django_db
def test_export_of_nothing_fails_with_one_line():
    kommun = factories.municipality()
    with pytest.raises(CommandError, match="inga löften att exportera"):
        export("-", "--kommun", kommun.code)
    with pytest.raises(CommandError, match="inga löften för perioden 2020"):
        export("-", "--kommun", kommun.code, "--period", "2020")


@pytest.mark.django_db
def test_the_import_command_reads_a_template_and_says_its_format(tmp_path):
    factories.municipality()
    path = tmp_path / "mall.txt"  # A misleading name: the content decides.
    path.write_bytes(documents.xlsx(ROWS))
    out = StringIO()
    call_command("import_promises", str(path), "--kommun", "0486", "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["format"] == "xlsx"
    assert [s["years"] for s in data["promise_sets"]] == [[2023, 2024], [2025]]


@pytest.mark.django_db
def test_a_period_of_dates_and_an_area_column_make_an_area_scoped_set():
    kommun = factories.municipality()
    rows = [
        HEADER + ["Område"],
        ["2022-07-01–2023-06-30", "Löfte för Söder", "", "Polisen lovar närvaro.", "Polisen", "", "", "", "",
         "Söder"],
        ["2022-07-01–2023-06-30", "Löfte för Norr", "", "Polisen lovar dialog.", "Polisen", "", "", "", "", "Norr"],
    ]
    result = import_text(write_csv(rows), "mall.csv", kommun)
    stored = sorted((s.area.name, s.start.isoformat(), s.end.isoformat(), s.title) for s in result.promise_sets)
    assert stored == [("Norr", "2022-07-01", "2023-06-30", "Löfte för Norr"),
                      ("Söder", "2022-07-01", "2023-06-30", "Löfte för Söder")]
    out = export("-", "--kommun", kommun.code)
    assert "2022-07-01–2023-06-30;Löfte för Norr;;Polisen lovar dialog.;Polisen;;;;;Norr" in out
    again = import_text(out.encode("utf-8"), "export.csv", kommun)
    assert not again.changed


@pytest.mark.parametrize(("period", "message"), [
    ("2022-02-30–2023-01-01", "rad 2: perioden «2022-02-30–2023-01-01»: ett av datumen finns inte"),
    ("i höstas", "rad 2: perioden «i höstas» är inga år eller datum"),
])
@pytest.mark.django_db
def test_a_bad_period_cell_is_refused_naming_the_row(period, message):
    kommun = factories.municipality()
    rows = [HEADER, [period, "", "", "Polisen lovar.", "Polisen", "", "", "", ""]]
    with pytest.raises(PromiseImportError, match=message):
        import_text(write_csv(rows), "mall.csv", kommun)
    assert not PromiseSet.objects.exists()


# ---------------------------------------------------------------- formulas and hostile text

HYPERLINK = '=HYPERLINK("https://evil.example/","Klicka här")'


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_commitment_that_looks_like_a_formula_is_exported_as_text_and_imports_back_unchanged(tmp_path, suffix):
    """Reproduces 9.6: cells starting with =, +, -, @, tab or CR came out live in CSV and as
    formulas in XLSX."""
    kommun = factories.municipality()
    rows = [HEADER, ["2025", "", "Tema", HYPERLINK, "Kommunen", "", "", "", ""],
            ["2025", "", "Tema", "@Polisen gör -kontroller.", "Polisen", "", "", "", ""]]
    import_text(write_csv(rows), "mall.csv", kommun)
    assert PromiseSet.objects.get().commitments.get(number=1).text == HYPERLINK
    path = tmp_path / f"loften.{suffix}"
    export(path, "--kommun", kommun.code)
    raw = path.read_bytes()
    if suffix == "csv":
        assert ("'" + HYPERLINK.replace('"', '""')).encode() in raw
    else:
        import openpyxl

        cells = [c for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
        assert not any(c.data_type == "f" for c in cells)
        assert any(c.value == HYPERLINK and c.data_type == "s" for c in cells)
    result = import_text(raw, path.name, kommun)
    assert {o.action for o in result.outcomes} == {"unchanged"}


def test_an_xlsx_whose_cells_are_formulas_is_refused_by_name():
    """Reproduces 9.16: a sheet of formulas read as empty cells: "kolumnen Löfte är tom"."""
    rows = [HEADER, ["2025", "", "Tema", '=CONCATENATE("Polisen ", "lovar")', "Polisen", "", "", "", ""]]
    with pytest.raises(PromiseImportError, match=r"rad 2, cell D2: formler stöds inte"):
        read_document(documents.xlsx(rows))


def test_bidirectional_controls_are_stripped_from_template_cells():
    rows = [HEADER, ["2025", "", "Te\u202ema", "Polisen \u202eökar\u202c närvaron.", "Polisen", "", "", "", ""]]
    document = read_document(write_csv(rows)).document
    commitment = document.promise_sets[0].commitments[0]
    assert commitment.text == "Polisen ökar närvaron."
    assert document.promise_sets[0].themes[0].title == "Tema"
