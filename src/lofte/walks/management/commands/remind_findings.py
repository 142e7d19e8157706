"""`lofte remind-findings`: e-mail the owners of findings whose deadline passed without a status
change. Safe to run at any time (each reminder is claimed before it is sent)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lofte.walks import tasks
from lofte.walks.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Påminn ansvariga om fynd vars sista dag har passerat utan statusändring."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true",
            help="Lägg i stället den dagliga körningen i bakgrundskön (om den inte redan ligger där).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if tasks.is_scheduled():
                self.stdout.write("Den dagliga påminnelsekörningen ligger redan i kön.")
                return
            result = tasks.schedule_next()
            if result is None:
                self.stdout.write("Bakgrundskön kan inte schemalägga framåt; kör kommandot dagligen i stället.")
            else:
                self.stdout.write(f"Daglig påminnelsekörning schemalagd till {timezone.localtime(result.task.run_after):%Y-%m-%d %H:%M}.")
            return
        self.stdout.write(send_due_reminders().line())
