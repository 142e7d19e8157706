"""`lofte import-indicators FILE`: the generic indicator template (CSV or XLSX)."""

from pathlib import Path

from lofte.situation.importing import generic
from lofte.situation.importing.command import ImportCommand, read_file


class Command(ImportCommand):
    help = ("Importera indikatorer från mallen (CSV/XLSX): Indikator, Kod, Enhet, Typ, Periodtyp, Period, Kommun, "
            "Område, Värde, Underlag, Källa, Licens, Beskrivning, Tema. Allt eller inget per fil.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (semikolon, decimalkomma) eller XLSX enligt mallen.")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        data = read_file(options["file"])
        name = Path(options["file"]).name
        self.run_import(options, "Indikatorer", lambda bar: generic.import_file(
            data, name, progress=bar, checksum=self.checksum(data)))
