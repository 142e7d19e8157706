"""`lofte restore FILE`: an archive from `lofte backup` into an empty database and data directory."""

from django.core.management.base import BaseCommand, CommandError

from lofte.core.backup import BackupError, restore, undo_interrupted


class Command(BaseCommand):
    help = (
        "Återställ en säkerhetskopia från `lofte backup` till en tom databas och datamapp. Alla kontrollsummor "
        "prövas innan något skrivs; raderna läses in i en transaktion."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Arkivet från `lofte backup`.")
        parser.add_argument("--replace", action="store_true",
                            help="Ersätt allt som redan finns i databasen och lagringen.")
        parser.add_argument("--undo-interrupted", action="store_true",
                            help="Ta bara bort resterna av en återställning som avbröts.")

    def handle(self, *args, **options):
        try:
            if options["undo_interrupted"]:
                self.stdout.write(undo_interrupted() or "Ingen avbruten återställning finns.")
                return
            if not options["file"]:
                raise CommandError("ange arkivet som ska återställas")
            summary = restore(options["file"], replace=options["replace"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for note in summary.notes:
            self.stdout.write(note)
        self.stdout.write(f"Återställt: {summary.rows} rader, {summary.files} filer.")
