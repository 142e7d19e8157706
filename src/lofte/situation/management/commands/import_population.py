"""`lofte import-population FILE` or `--fetch`: population per region from SCB (BE0101N1)."""

from pathlib import Path

from lofte.situation.importing import population
from lofte.situation.importing.command import ImportCommand, parse_years, read_file


class Command(ImportCommand):
    help = ("Importera folkmängd per kommun, län och riket från SCB (tabell BE0101N1): ett json-stat2-svar från "
            "SCB:s API eller dess CSV, eller hämta direkt med --fetch.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="json-stat2 (SCB:s API) eller CSV/XLSX från statistikdatabasen.")
        parser.add_argument("--fetch", action="store_true", help="Hämta från SCB:s API (ett anrop).")
        parser.add_argument("--years", help="År att hämta, t.ex. 2015-2024 (standard: de tio senaste).")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.files_or_fetch(options, options["file"])
        if options["fetch"]:
            data = population.fetch(parse_years(options["years"]))
            name = population.API
        else:
            data = read_file(options["file"])
            name = Path(options["file"]).name
        self.run_import(options, "Folkmängd", lambda bar: population.import_file(
            data, name, progress=bar, checksum=self.checksum(data)))
