"""`lofte export-promises FILE --kommun CODE`: write a municipality's promises as the import template.
Only arguments here; the work is done by lofte.promises.importing.export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lofte.promises.importing import PromiseImportError, resolve_municipality
from lofte.promises.importing.export import export_bytes


class Command(BaseCommand):
    help = (
        "Exportera en kommuns medborgarlöften som importmallen (CSV med semikolon och UTF-8 med BOM, "
        "eller XLSX), så att filen kan ändras och importeras igen med import-promises."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Filen att skriva (.csv eller .xlsx); - skriver CSV till standard ut.")
        parser.add_argument("--kommun", required=True, help="Kommunens fyrsiffriga kod, t.ex. 0486.")
        parser.add_argument("--period", help="Bara en period, t.ex. 2024 eller 2023-2024.")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="Format; annars av filändelsen.")

    def handle(self, *args, **options):
        target = options["file"]
        fmt = options["format"] or ("xlsx" if target.lower().endswith(".xlsx") else "csv")
        try:
            data = export_bytes(resolve_municipality(options["kommun"]), fmt, options["period"])
        except PromiseImportError as exc:
            raise CommandError(str(exc)) from None
        if target == "-":
            if fmt != "csv":
                raise CommandError("XLSX kan inte skrivas till standard ut; ange ett filnamn")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            Path(target).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"filen «{target}» kunde inte skrivas: {exc.strerror}") from None
        self.stderr.write(f"skrev {target}")
