"""`lofte import_promises FILE --kommun CODE`: import a promise document. Only arguments here;
the work is done by lofte.promises.importing."""

import json

from django.core.management.base import BaseCommand, CommandError

from lofte.promises.importing import PromiseImportError, import_text_file
from lofte.promises.importing.store import parse_years


class Command(BaseCommand):
    help = (
        "Importera ett medborgarlöfte (text, webbsida, PDF, DOCX, CSV/XLSX) för en kommun: löftesomgångar, teman, löften, parter "
        "och mål, allt i en transaktion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Dokumentet: text (valfri teckenkodning), sparad webbsida, PDF med text, DOCX, "
                         "eller importmallen som CSV/XLSX (formatet avgörs av innehållet).")
        parser.add_argument("--kommun", required=True, help="Kommunens fyrsiffriga kod, t.ex. 0486.")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle importeras, spara inget.")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
        parser.add_argument("--replace", action="store_true",
                            help="Ersätt en ändrad period (försvunna löften arkiveras).")
        parser.add_argument("--publish", action="store_true", help="Publicera löftena direkt.")
        parser.add_argument("--years", help="Perioden för dokument som inte anger den: ett år (2024), två år "
                                             "(2023-2024) eller två datum (2022-07-01–2023-06-30).")
        parser.add_argument("--area", help="Området (stadsdelen) som löftena gäller, om dokumentet inte anger "
                                           "det; skapas om det är nytt.")

    def handle(self, *args, **options):
        try:
            years = parse_years(options["years"]) if options["years"] else None
            result = import_text_file(
                options["file"], options["kommun"], publish=options["publish"],
                replace=options["replace"], dry_run=options["dry_run"], years=years, area=options["area"],
            )
        except PromiseImportError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        for line in result.lines():
            self.stdout.write(line)
        for warning in result.warnings:
            self.stderr.write(f"varning: {warning}")
