"""`lofte import-events FILE…` or `--fetch`: the police's public events, accumulated."""

import io
from pathlib import Path

from django.core.management.base import CommandError

from lofte.situation.importing import events
from lofte.situation.importing.command import ImportCommand
from lofte.situation.importing.errors import IndicatorImportError


class Command(ImportCommand):
    unit = "händelser"
    help = ("Importera polisens händelser (JSON-listan från polisen.se/api/events), uppdatera på händelsens id och "
            "räkna per typ, kommun och vecka. --fetch hämtar flödet (HTTPS, minst 10 s mellan anrop, högst 60 i timmen): "
            "kör det regelbundet, t.ex. var 15:e minut, så sparas historiken som flödet glömmer.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="JSON-filer med polisens händelser.")
        parser.add_argument("--fetch", action="store_true", help="Hämta de senaste händelserna från polisen.se.")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        self.files_or_fetch(options, options["files"])
        if options["fetch"]:
            try:
                body = events.fetch()
            except IndicatorImportError as exc:
                raise CommandError(str(exc)) from None
            self.run_import(options, "Händelser", lambda bar: events.import_events(
                io.BytesIO(body), events.FEED_URL, progress=bar))
            return
        for path in options["files"]:
            try:
                handle = open(path, "rb")  # noqa: SIM115 - closed below, streamed while importing
            except OSError as exc:
                raise CommandError(f"filen {path} kunde inte läsas: {exc.strerror}") from None
            with handle:
                self.stdout.write(f"{Path(path).name}:")
                self.run_import(options, Path(path).name, lambda bar: events.import_events(
                    handle, Path(path).name, progress=bar))
