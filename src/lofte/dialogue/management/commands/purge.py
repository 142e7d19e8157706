from django.core.management.base import BaseCommand

from lofte.dialogue.tasks import purge_everything_due


class Command(BaseCommand):
    help = (
        "Remove citizens' contact details past the retention period (CITIZEN_CONTACT_RETENTION_DAYS after "
        "the answer, CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS after arrival if never answered) and "
        "delete activities that have been in the bin longer than 30 days. Safe to run at any time."
    )

    def handle(self, *args, **options):
        self.stdout.write(purge_everything_due())
