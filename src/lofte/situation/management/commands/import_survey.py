"""`lofte import-survey FILE`: survey results (NTU, the police's trygghetsmätning, municipal surveys)."""

from pathlib import Path

from lofte.situation.importing import surveys
from lofte.situation.importing.command import ImportCommand, read_file


class Command(ImportCommand):
    help = ("Importera enkätresultat (CSV/XLSX): Undersökning, Fråga, Svar, Kommun, Område, År, Andel, "
            "Antal svarande, Licens. Allt eller inget per fil.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tabellen som CSV eller XLSX.")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        data = read_file(options["file"])
        name = Path(options["file"]).name
        self.run_import(options, "Enkätsvar", lambda bar: surveys.import_file(
            data, name, progress=bar, checksum=self.checksum(data)))
