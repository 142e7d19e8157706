"""`lofte import-est FILE --kommun 0486`: bring earlier EST reports from another tool (CSV or XLSX,
columns in the README), all or nothing, idempotent. The logic is in lofte.est.importing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lofte.core.models import Municipality
from lofte.est.importing import import_est
from lofte.est.indicators import rebuild_indicators
from lofte.situation.importing.command import read_file
from lofte.situation.importing.errors import IndicatorImportError


class Command(BaseCommand):
    help = "Importera tidigare EST-rapporter från en CSV- eller XLSX-fil."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (semikolon eller komma) eller XLSX med en rubrikrad.")
        parser.add_argument("--kommun", required=True, help="Kommunkoden, t.ex. 0486 för Strängnäs.")

    def handle(self, *args, file, kommun, **options):
        municipality = Municipality.objects.filter(code=kommun).first()
        if municipality is None:
            raise CommandError(f"kommunen {kommun} finns inte; ange kommunkoden, t.ex. 0486")
        data = read_file(file)
        try:
            created, existing = import_est(data, municipality)
        except IndicatorImportError as exc:
            raise CommandError("Inget importerades:\n" + str(exc)) from None
        self.stdout.write(f"{Path(file).name}: {created} nya rapporter, {existing} fanns redan.")
        if created:
            try:
                result = rebuild_indicators(municipality)
            except IndicatorImportError as exc:
                self.stderr.write(f"Indikatorerna räknas om senare: {exc}")
            else:
                if result:
                    self.stdout.write("Indikatorer: " + "; ".join(result.lines()))
