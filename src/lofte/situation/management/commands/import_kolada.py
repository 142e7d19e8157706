"""`lofte import-kolada FILE…` or `--fetch`: KPIs from Kolada's v3 API."""

from pathlib import Path

from django.core.management.base import CommandError

from lofte.situation.importing import kolada
from lofte.situation.importing.command import ImportCommand, parse_years, read_file
from lofte.situation.importing.errors import IndicatorImportError


class Command(ImportCommand):
    help = ("Importera nyckeltal från Kolada (API v3): sparade JSON-svar (data och nyckeltalens metadata), eller "
            "hämta direkt med --fetch. Standard: anmälda brott per 100 000 invånare (totalt, våld, inbrott, "
            "narkotika, skadegörelse) och NTU:s nyckeltal om otrygghet.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="JSON-svar från /v3/data/kpi/… och /v3/kpi/….")
        parser.add_argument("--fetch", action="store_true", help="Hämta från Koladas API, en sida i taget.")
        parser.add_argument("--kpi", help="Nyckeltal att hämta, t.ex. N07403,N07540 (standard: KOLADA_KPIS eller listan ovan).")
        parser.add_argument("--years", help="År att hämta, t.ex. 2015-2024 (standard: de tio senaste).")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.files_or_fetch(options, options["files"])
        if options["fetch"]:
            kpis = [k.strip() for k in (options["kpi"] or "").split(",") if k.strip()] or kolada.configured_kpis()
            try:
                files = kolada.fetch(kpis or None, parse_years(options["years"]))
            except IndicatorImportError as exc:
                raise CommandError("Inget importerades:\n" + str(exc)) from None
        else:
            files = [(Path(f).name, read_file(f)) for f in options["files"]]
        self.run_import(options, "Kolada", lambda bar: kolada.import_files(files, progress=bar))
