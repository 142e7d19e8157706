"""`lofte check-files [--delete] [--interrupted-only]`: stored files against the rows that name them.
Only arguments here; the work is lofte.lib.files.check_files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lofte.lib.files import check_files


class Command(BaseCommand):
    help = (
        "Jämför sparade filer (källdokument, fyndfoton under MEDIA_ROOT) med raderna som pekar på dem: filer "
        "som ingen rad pekar på, rader vars fil saknas och skrivningar som en avbruten process lämnade. "
        "--delete tar bort filer utan rad och gör klart eller tar bort avbrutna skrivningar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true",
                            help="Ta bort filer som ingen rad pekar på; gör klart eller ta bort avbrutna skrivningar.")
        parser.add_argument("--interrupted-only", action="store_true",
                            help="Bara avbrutna skrivningar (säkert vid uppstart, före webbservern och arbetaren).")

    def handle(self, *args, delete=False, interrupted_only=False, **options):
        report = check_files(Path(settings.MEDIA_ROOT), delete=delete, interrupted_only=interrupted_only)
        for name in report.unreferenced:
            self.stdout.write(f"utan rad: {name}")
        for name in report.missing:
            self.stdout.write(f"saknas: {name}")
        for name in report.interrupted:
            self.stdout.write(f"avbruten skrivning: {name}")
        for name in report.finished:
            self.stdout.write(f"avslutad skrivning: {name}")
        for name in report.removed:
            self.stdout.write(f"borttagen: {name}")
        if not delete and report.problems:
            raise CommandError(
                f"{len(report.unreferenced)} filer utan rad, {len(report.missing)} saknade filer, "
                f"{len(report.interrupted)} avbrutna skrivningar (kör med --delete för att städa)"
            )
        if report.missing:
            # Nothing to delete can mend these: the files must come back from a backup.
            raise CommandError(f"{len(report.missing)} rader pekar på filer som saknas (återställ dem från en säkerhetskopia)")
        self.stdout.write(
            f"Filerna stämmer: {len(report.finished)} avbrutna skrivningar avslutade, {len(report.removed)} filer borttagna."
            if delete else "Filerna stämmer."
        )
