"""`lofte purge-bin`: delete for good the activity records that have been in the bin for BIN_DAYS."""

from django.core.management.base import BaseCommand

from lofte.activities.models import BIN_DAYS
from lofte.activities.recording import purge_bin


class Command(BaseCommand):
    help = f"Delete activity records that have been in the bin for more than {BIN_DAYS} days."

    def handle(self, *args, **options):
        purged = purge_bin()
        self.stdout.write(f"Papperskorgen: {purged} insatser borttagna för gott (äldre än {BIN_DAYS} dagar).")
