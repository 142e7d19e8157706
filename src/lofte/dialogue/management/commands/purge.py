from django.core.management.base import BaseCommand

from lofte.dialogue.purge import purge_contact_details


class Command(BaseCommand):
    help = (
        "Remove citizens' contact details past the retention period (CITIZEN_CONTACT_RETENTION_DAYS after "
        "the answer, CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS after arrival if never answered). "
        "Safe to run at any time."
    )

    def handle(self, *args, **options):
        self.stdout.write(purge_contact_details().summary)
