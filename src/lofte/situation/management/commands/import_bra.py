"""`lofte import-bra FILE`: Brå's reported crimes, exported from Brå's statistics database."""

from pathlib import Path

from lofte.situation.importing import bra
from lofte.situation.importing.command import ImportCommand, read_file


class Command(ImportCommand):
    help = ("Importera anmälda brott från Brås statistikdatabas (CSV/XLSX): Region, Brottskategori, Period, Antal "
            "och valfritt Per 100 000 invånare. Allt eller inget per fil.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Exporten från Brås statistikdatabas som CSV eller XLSX.")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        data = read_file(options["file"])
        name = Path(options["file"]).name
        self.run_import(options, "Anmälda brott", lambda bar: bra.import_file(
            data, name, progress=bar, checksum=self.checksum(data)))
