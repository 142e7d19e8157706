"""`lofte backup FILE`: every row and every uploaded file in one archive, while the site runs."""

from django.core.management.base import BaseCommand, CommandError

from lofte.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen och alla uppladdade filer till ett arkiv (tar.gz) med kontrollsummor."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Arkivet som skrivs, t.ex. lofte-2026-12-01.tar.gz.")

    def handle(self, *args, **options):
        try:
            summary = backup(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Säkerhetskopian {summary.path} är klar: {summary.rows} rader, {summary.files} filer, "
            f"{summary.size / 1024 / 1024:.1f} MB."
        )
