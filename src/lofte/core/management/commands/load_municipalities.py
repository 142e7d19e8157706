from django.core.management.base import BaseCommand

from lofte.core.reference import load_municipalities


class Command(BaseCommand):
    help = "Load or update Sweden's 290 municipalities from the project's reference data (idempotent)."

    def handle(self, *args, **options):
        created, updated = load_municipalities()
        self.stdout.write(f"Kommuner: {created} nya, {updated} uppdaterade.")
