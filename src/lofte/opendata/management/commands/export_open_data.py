"""`lofte export-open-data`: write the bulk download of `/data/` and the DCAT catalogue of
`/datasets/dcat` now (or, with --schedule, start the nightly background run)."""

from django.core.management.base import BaseCommand

from lofte.opendata import tasks


class Command(BaseCommand):
    help = "Skriv filen med alla öppna data (CSV och JSON i en zip-fil) som /data/ erbjuder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true",
            help="Lägg i stället den nattliga exporten i bakgrundskön (om den inte redan ligger där).",
        )

    def handle(self, *args, schedule=False, **options):
        self.stdout.write(tasks.schedule() if schedule else tasks.export())
