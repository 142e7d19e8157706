"""`lofte send-digests`: send the weekly digest to every confirmed subscription that is due (and
delete unconfirmed ones whose link expired). Safe to run at any time: each digest is claimed before
it is sent. With --schedule it starts the weekly background run instead (`make run` does that)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lofte.subscriptions import tasks
from lofte.subscriptions.digest import send_due_digests


class Command(BaseCommand):
    help = "Skicka veckosammanfattningen till prenumeranterna (eller schemalägg den veckovisa körningen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true",
            help="Lägg i stället den veckovisa körningen i bakgrundskön (om den inte redan ligger där).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if not tasks.weekly_digest.get_backend().supports_defer:
                self.stdout.write("Bakgrundskön kan inte schemalägga framåt; kör `lofte send-digests` varje vecka.")
                return
            if tasks.is_scheduled():
                self.stdout.write("Den veckovisa sammanfattningen ligger redan i kön.")
                return
            result = tasks.schedule_next()
            self.stdout.write(
                f"Veckovis sammanfattning schemalagd till {timezone.localtime(result.task.run_after):%Y-%m-%d %H:%M}."
            )
            return
        self.stdout.write(send_due_digests().line())
